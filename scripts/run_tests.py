#!/usr/bin/env python3
"""Every test of Mneme: what `make test` runs once the kernel, the ISO and the
host tests are built.

    run_tests.py [--only GROUP|STEP|PATTERN,...] [--jobs N] [--list]

The work is a table of independent steps run in parallel (one worker per
CPU: QEMU under TCG is single-threaded). Each step counts test cases:

    host      build/host/test_*: KTAP on stdout, its results counted;
              build/host/fuzz_*: libFuzzer for 10 s, one test, passes on exit 0
              at FUZZ_MIN_RATE inputs per CPU second or more (its line
              shows runs, exec/s and inputs per CPU second); the UAPI
              check (tests/uapi/uapi_check.py): the kernel's user-visible
              numbers and layouts against Linux's headers, built with
              the host tests
    runner    tests/runner/test_runner.py (KTAP): the runner's own tests;
              tests/runner/test_bench.py: make bench's judge, on recorded logs;
              tests/runner/test_readme.py: README.md's lists against the tree;
              tests/runner/test_tree.py: every declared function defined, no
              source path that gdb would confuse with another;
              tests/user/check_expected.py: the user programs built static
              i386, in the initramfs, each with its recorded Linux output;
              tests/busybox/test_session.py: the busybox tools' own tests
    kernel    "ktest" booted with -kernel at 16M, 128M, 256M (vmalloc=768M,
              so with high memory), 1G and 3G, each with and without
              "nopse", with "slab_debug" (every slab cache debugged) at
              128M and 1G -- all under -icount, for exact time -- and
              through the GRUB ISO at 128M; on older CPUs (-cpu 486 ...,
              -machine isapc, a CPUID-less 486 played through gdb); at the
              minimum RAM and small odd sizes: the KTAP leaves of each boot
    modules   multiboot modules (-initrd, GRUB module lines): the KTAP
              leaves, plus one test per module (its size and CRC-32 as
              printed by the kernel against the host's) and one for the
              freeing of their pages
    params    boot parameters at their extremes and with nonsense, long
              and non-ASCII command lines, sizes around 896M and 3.5G: the
              KTAP leaves, plus one test per required (or forbidden) log line
    negative  deliberate failures (the manual crashtest suite, an unknown
              suite, a leak the leak check after init must name:
              "init_leak_test") and refusals (an i386, too little RAM,
              modules too big): one test each, passing iff run_qemu's
              verdict is the expected one and its message names the cause
    fault     "ktest" under fail_page_alloc=/fail_slab= at rates 1 .. 100,
              with and without a limit, at 16M and 256M (vmalloc=768M):
              one test each, passing iff the boot ended cleanly (tests may
              fail; no crash, hang or bad KTAP; every leak_check clean)
    user      tests/user/run_on_mneme.py at 128M, 1G, 32M, 256M with
              vmalloc=768M (user pages in high memory), 128M with nopse and
              with slab_debug, and under fault injection (fail_slab=101
              at 32M, fail_page_alloc=1000, both at 500 and
              101: programs may fail, the kernel must not crash, hang or
              leak, init's KTAP stays well-formed) (USER_MACHINES): the
              initramfs of tests/user/
              booted, /init running every program but those
              tests/user/mneme-todo.txt lists (not yet passing on Mneme,
              each with its reason), one test per program (its output
              against Linux's, except the few tests/user/mneme-machines.txt
              lets fail on one machine, too small for them), the boot's
              verdict, init's end, and the kernel's leak check once init
              has exited (nothing held that was not before /init, but for
              the RAM file systems' growth, which it accounts for); and
              Debian's busybox (tests/busybox/, issue 13) at 128M, 32M and
              256M with vmalloc=768M:
              the scripted session (session.sh as /init), one test per
              section against Linux's output but for the sections
              session-todo.txt lists, the boot's verdict, the session's
              end and the leak check; the interactive session through the
              serial port (interactive.py: the prompt, a pipe, Ctrl-C,
              Ctrl-Z and fg, ended by Ctrl-D or by poweroff), skipped while
              session-todo.txt lists it
    gdb       scripts/gdb_check.py (KTAP)

Every log goes to build/test-logs/<step>.txt. The output is one line per
step as it finishes, then the failing tests with their diagnostics and log
paths, then "(N skipped)" if any and, last, "N passed, N failed". The exit
status is non-zero if anything failed.

--only (or the MNEME_TESTS environment variable) takes group names, step
names or shell patterns: --only kernel, --only 'crash-*,runner'.
"""
import argparse
import fnmatch
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402
import run_qemu  # noqa: E402

ROOT = run_qemu.ROOT
BUILD = os.path.join(ROOT, "build")
LOG_DIR = os.path.join(BUILD, "test-logs")
PYTHON = sys.executable or "python3"

FUZZ_SECONDS = 10
# The floor under a fuzzer's speed, in inputs per second of the CPU time
# it got, not of wall time: the machine is shared, and a fuzzer that
# waited for a CPU did not run slowly. The fuzzers run 2,000 to 100,000
# per CPU second here; the page allocator's and the slab's once ran 46
# and 161, which covers next to nothing in FUZZ_SECONDS: such a fuzzer
# fails.
FUZZ_MIN_RATE = 1000
COMMAND_TIMEOUT = 300           # a host test or script that runs longer is hung


# --- The table -----------------------------------------------------------
#
# Boots of the kernel's self-tests. Later milestones add rows here: other
# memory sizes, boot parameters (Boot("kernel-128M-nopse", "ktest nopse")),
# benchmarks under -icount.


@dataclass
class Boot:
    name: str
    cmdline: str = "ktest"
    mem: str = "128M"
    boot: str = "kernel"            # or "iso"
    timeout: float = 120
    icount: bool = False            # -icount shift=0,sleep=off, for benchmarks
    # For a deliberate failure: the verdict run_qemu must reach, and words
    # its message must contain. None: a self-test boot that must pass.
    expect: Optional[str] = None
    words: Tuple[str, ...] = ()
    absent: Tuple[str, ...] = ()    # words the message must not contain
    weight: float = 2               # rough seconds, to start long steps first
    cpu: Optional[str] = None       # QEMU -cpu model
    machine: Optional[str] = None   # QEMU -machine type
    # Commands for a batch gdb attached from the first instruction (to play
    # a CPU QEMU does not model: see boot/head.asm, verify_cpu).
    gdb_commands: Tuple[str, ...] = ()
    # What the machine must be, from the kernel's "# ktest: config" line
    # (None: not checked), and how many tests may skip: a boot that lost
    # its high memory or its 4 MB pages would otherwise just skip more.
    highmem: Optional[bool] = None
    pse: Optional[bool] = None
    max_skips: Optional[int] = None
    # Multiboot modules of these sizes in bytes, made at test time in
    # build/test-modules/ (-initrd, or GRUB "module" lines with boot="iso").
    # The kernel must print each one's size and CRC-32 as the host computes
    # them, except those numbered (from 1) in ignored_modules, which it must
    # refuse with a warning; and free their pages (check_modules).
    modules: Tuple[int, ...] = ()
    ignored_modules: Tuple[int, ...] = ()
    # Text the serial log must contain (each one test), and must not.
    log_words: Tuple[str, ...] = ()
    log_absent: Tuple[str, ...] = ()
    # A fault-injection boot: tests may fail, cleanly (see FAULT_BOOTS).
    faults: bool = False


# The -kernel boots run under -icount shift=0,sleep=off: the guest's
# clock then advances with the instructions it retires (and jumps over
# idle time), so the timer and scheduler tests see exact, repeatable
# time whatever the load on the host. The GRUB boot keeps QEMU's real
# clock, so that path is exercised too.
#
# Each row states the machine it expects (highmem, pse: checked against
# the kernel's "# ktest: config" line) and how many skips it allows:
# without high memory, 8 tests skip (kmap, paging, gfp_zero, vmalloc's
# more-than-low-memory) and slab_debug's general-cache test skips unless
# "slab_debug" is given -- 9; 1 GB and 3 GB have high memory but not
# more of it than the vmalloc area holds -- 2; 256 MB with vmalloc=768M
# runs them all but general caches -- 1. With "slab_debug", the tests of
# undebugged layouts (slab, kmalloc) skip instead of that one: one more.
SELF_TEST_BOOTS = [
    Boot("kernel-16M", mem="16M", icount=True, highmem=False, pse=True, max_skips=9),
    Boot("kernel-16M-nopse", "ktest nopse", mem="16M", icount=True,
         highmem=False, pse=False, max_skips=9),
    Boot("kernel-128M", icount=True, highmem=False, pse=True, max_skips=9),
    Boot("kernel-128M-nopse", "ktest nopse", icount=True, highmem=False, pse=False, max_skips=9),
    Boot("kernel-256M-vmalloc768", "ktest vmalloc=768M", mem="256M", icount=True,
         highmem=True, pse=True, max_skips=1),
    Boot("kernel-256M-vmalloc768-nopse", "ktest vmalloc=768M nopse", mem="256M", icount=True,
         highmem=True, pse=False, max_skips=1),
    Boot("kernel-1G", mem="1G", weight=3, icount=True, highmem=True, pse=True, max_skips=2),
    Boot("kernel-1G-nopse", "ktest nopse", mem="1G", weight=3, icount=True,
         highmem=True, pse=False, max_skips=2),
    Boot("kernel-3G", mem="3G", weight=5, icount=True, highmem=True, pse=True, max_skips=2),
    Boot("kernel-3G-nopse", "ktest nopse", mem="3G", weight=5, icount=True,
         highmem=True, pse=False, max_skips=2),
    Boot("kernel-128M-slab_debug", "ktest slab_debug", icount=True,
         highmem=False, pse=True, max_skips=10),
    Boot("kernel-1G-slab_debug", "ktest slab_debug", mem="1G", weight=3, icount=True,
         highmem=True, pse=True, max_skips=3),
    Boot("iso-128M", boot="iso", highmem=False, pse=True, max_skips=9),
] + [
    # CPUs older than the default qemu32 (family 6): the i486 (QEMU's has
    # CPUID and PSE, no TSC and no PGE), the Pentium (no PGE), the
    # Pentium II/III (PGE, FXSR), and the ISA PC, whose CPU is a 486 (at
    # 1 GB: high memory, kmap without global pages).
    Boot("cpu-486", mem="16M", cpu="486", icount=True, highmem=False, pse=True, max_skips=10),
    Boot("cpu-pentium", mem="16M", cpu="pentium", icount=True, highmem=False, pse=True,
         max_skips=10),
    Boot("cpu-pentium2", mem="16M", cpu="pentium2", icount=True, highmem=False, pse=True,
         max_skips=10),
    Boot("cpu-pentium3", mem="16M", cpu="pentium3", icount=True, highmem=False, pse=True,
         max_skips=10),
    Boot("cpu-qemu32", mem="16M", cpu="qemu32", icount=True, highmem=False, pse=True,
         max_skips=10),
    Boot("isapc-1G", mem="1G", machine="isapc", icount=True, weight=3, highmem=True, pse=True,
         max_skips=3),
    # Tiny machines. The minimum (README): 3 MB of usable RAM, which QEMU
    # gives from -m 3648K up; 4 MB and 5 MB; a sample of odd sizes up to
    # 17 MB with the memory suites.
    Boot("kernel-3648K-minimum", mem="3648K", icount=True, highmem=False, pse=False,
         max_skips=10),
    Boot("kernel-4M", mem="4M", icount=True, highmem=False, pse=False, max_skips=10),
    Boot("kernel-5M", mem="5M", icount=True, highmem=False, pse=False, max_skips=10),
    Boot("kernel-7M-nopse", "ktest=buddy,bad_page,slab,kmalloc,vmalloc,paging nopse", mem="7M",
         icount=True, highmem=False, pse=False, max_skips=5),
    Boot("kernel-9M", "ktest=buddy,bad_page,slab,kmalloc,vmalloc,paging", mem="9M",
         icount=True, highmem=False, pse=True, max_skips=5),
    Boot("kernel-13M", "ktest=buddy,bad_page,slab,kmalloc,vmalloc,paging", mem="13M",
         icount=True, highmem=False, pse=True, max_skips=5),
    Boot("kernel-17M", "ktest=buddy,bad_page,slab,kmalloc,vmalloc,paging", mem="17M",
         icount=True, highmem=False, pse=True, max_skips=6),
    # An i486 without CPUID (no QEMU model lacks it: gdb makes EFLAGS.ID
    # read back unchanged in verify_cpu): no CR4, 4 KB pages, no TSC.
    Boot("cpu-486-no-cpuid", mem="16M", cpu="486", icount=True, highmem=False, pse=False,
         max_skips=11, gdb_commands=("break cpu_id_probed", "continue", "set $eax = $ecx",
                                     "continue")),
]

def padded(head, length, tail=""):
    """head, a "pad=xxx" parameter, then tail: length bytes of command line in all."""
    fill = length - len(head.encode()) - len(tail.encode()) - len(" pad= ") + (0 if tail else 1)
    return head + " pad=" + "x" * fill + (" " + tail if tail else "")


# Command lines around COMMAND_LINE_SIZE (2,048 bytes with the NUL): 2,047
# bytes are kept whole; beyond, the kernel drops from the parameter that
# crosses the limit on, and says so (a "mem=64M" cut to "mem=6" would be
# obeyed). Non-ASCII bytes (UTF-8, and a lone 0xff) and very long words.
CMDLINE_BOOTS = [
    Boot("cmdline-2047", padded("ktest=params", 2047), icount=True, highmem=False, pse=True,
         max_skips=0, log_absent=("Kernel command line too long",)),
    Boot("cmdline-2048-cut", padded("ktest=params", 2048, "mem=64M"), icount=True,
         highmem=False, pse=True, max_skips=0,
         log_words=("Kernel command line too long: 2048 bytes, at most 2047 kept; dropped "
                    "from byte 2041 on: \"mem=64M\"",),
         log_absent=("user-defined physical RAM map",)),
    Boot("cmdline-words-non-ascii",
         "ktest=params na\u00efve=\u00fc \u2603 \udcff=x " + "w" * 1500 + "=1 " + "v" * 3000,
         icount=True, highmem=False, pse=True, max_skips=0,
         log_words=("dropped from byte 1534 on: \"vvvvvvvv",
                    "Unknown kernel command line parameter \"na\u00efve=\u00fc\", passed to init",
                    "Unknown kernel command line parameter \"\u2603\", passed to init",
                    "Unknown kernel command line parameter \"\ufffd=x\", passed to init")),
]

# Boot parameters at their extremes and with nonsense, and the sizes
# around the low/high memory boundary: each works, or the kernel says why
# not. A few suites each, where the whole list adds nothing.
MM_SUITES = "ktest=buddy,slab,kmalloc,vmalloc,kmap,paging"
BIG_SUITES = "ktest=buddy,slab,kmalloc,vmalloc,paging"     # kmap over GBs of high memory is slow
BAD_PARAMS = ("mem=99999G mem=0 mem=abc mem=-1 mem=64Mabc mem=18446744073709551616 "
              "vmalloc=0 vmalloc=4G vmalloc=-16M vmalloc=abc min_free_kbytes=0 "
              "min_free_kbytes=-1 min_free_kbytes=99999999999999999999")
PARAM_BOOTS = [
    Boot("params-nonsense", "ktest=buddy,params " + BAD_PARAMS, icount=True, highmem=False,
         pse=True, max_skips=1,
         log_words=("user-defined physical RAM map (mem=102398976M)", "127MB LOWMEM available",
                    "mem=0 would leave no memory at all; ignored",
                    "mem=abc: not a size", "mem=-1: not a size", "mem=64Mabc: not a size",
                    "mem=18446744073709551616: not a size",
                    "vmalloc=0: the vmalloc reserve must be 16M .. 983M; ignored",
                    "vmalloc=4G: the vmalloc reserve must be", "vmalloc=-16M: not a size",
                    "vmalloc=abc: not a size", "min_free_kbytes=0: must be a number",
                    "min_free_kbytes=-1: must be", "min_free_kbytes=99999999999999999999: must")),
    Boot("params-mem-4M", "ktest mem=4M", icount=True, highmem=False, pse=False, max_skips=10,
         log_words=("user-defined physical RAM map (mem=4M)",)),
    # vmalloc= at its extremes: 16 MB (1 GB of RAM all but 23 MB low) and
    # 983 MB (32 MB of low memory: enough for 128 MB of RAM, not for 3 GB,
    # where mem_map alone takes 24 MB: the reserve is cut, with a warning).
    Boot("params-1G-vmalloc=16M", MM_SUITES + " vmalloc=16M", mem="1G", icount=True,
         weight=3, highmem=True, pse=True, max_skips=2, log_words=("999MB LOWMEM available",)),
    Boot("params-128M-vmalloc=983M", MM_SUITES + " vmalloc=983M", icount=True, highmem=True,
         pse=True, max_skips=1, log_words=("32MB LOWMEM available",)),
    Boot("params-3G-vmalloc=983M", BIG_SUITES + " vmalloc=983M", mem="3G", icount=True,
         weight=5, highmem=True, pse=True, max_skips=1,
         log_words=("vmalloc=983M leaves 32MB of low memory, and mem_map for this machine's "
                    "3071MB takes 24MB of it: vmalloc reserve cut to 919M, for 96MB of low "
                    "memory",)),
    # min_free_kbytes=65536 on 16 MB would keep every allocation from succeeding.
    Boot("params-16M-min_free_kbytes=65536", MM_SUITES + " min_free_kbytes=65536", mem="16M",
         icount=True, highmem=False, pse=True, max_skips=8,
         log_words=("min_free_kbytes=65536 is more than an eighth of the 15868k of low "
                    "memory; using 1983",)),
    Boot("params-16M-min_free_kbytes=128", MM_SUITES + " min_free_kbytes=128", mem="16M",
         icount=True, highmem=False, pse=True, max_skips=8),
    # show_mem=maps: each process's /proc/<pid>/maps on the console at its
    # exit (the exec suite's programs), names in Linux's column 49.
    Boot("params-show_mem=maps", "ktest=exec show_mem=maps", icount=True, highmem=False,
         pse=True, max_skips=0,
         log_words=("/maps (ok) at exit ---", "08048000-08049000 r-xp 00000000 00:",
                    "          /exec-test/ok", "rw-p 00000000 00:00 0          [stack]")),
    # Around the end of low memory (896 MB), and 3.5 GB (QEMU's pc machine
    # puts 512 MB of it above 4 GB, which Mneme without PAE ignores).
    Boot("size-895M", MM_SUITES, mem="895M", icount=True, weight=3, highmem=False, pse=True,
         max_skips=8),
    Boot("size-896M", MM_SUITES, mem="896M", icount=True, weight=3, highmem=False, pse=True,
         max_skips=8),
    Boot("size-897M", MM_SUITES, mem="897M", icount=True, weight=3, highmem=True, pse=True,
         max_skips=3),
    Boot("size-3584M", BIG_SUITES, mem="3584M", icount=True, weight=5, highmem=True, pse=True,
         max_skips=1, log_words=("Ignoring RAM above 4 GB",)),
]

MB = 1 << 20
# The set: an empty module, twenty of 4097 bytes (one byte into a
# second page), 16 MB and 60 MB. QEMU puts them right after the kernel
# image, where the boot memory bitmap used to go.
MODULE_SET = (0,) + (4097,) * 20 + (16 * MB, 60 * MB)

MODULE_BOOTS = [
    Boot("modules-128M", "ktest=buddy,kmalloc,vmalloc", modules=MODULE_SET, icount=True,
         weight=4, highmem=False, pse=True, max_skips=2),
    # With 4 KB pages, the page tables of the direct map must be placed
    # around the modules too.
    Boot("modules-1G-nopse", "ktest=buddy,paging nopse", mem="1G", modules=MODULE_SET,
         icount=True, weight=4, highmem=True, pse=False, max_skips=0),
    Boot("modules-iso-1G", "ktest=buddy", mem="1G", boot="iso", modules=MODULE_SET, weight=10,
         highmem=True, pse=True, max_skips=0),
    # Low memory ends at 32 MB (vmalloc=983M): the module runs on into high
    # memory, read through kmap_atomic(). min_free_kbytes=128 leaves boot
    # enough of the little low memory the module does not cover.
    Boot("modules-highmem-40M", "ktest=buddy,kmap vmalloc=983M min_free_kbytes=128", mem="40M",
         modules=(36 * MB,), icount=True, weight=3, highmem=True, pse=True, max_skips=3),
    # More modules than the kernel keeps (64): the rest refused, in one line.
    Boot("modules-70", "ktest=buddy", mem="32M", modules=(1,) * 70,
         ignored_modules=tuple(range(65, 71)), icount=True, highmem=False, pse=True, max_skips=1),
    # A module covering most of RAM.
    Boot("modules-most-of-64M", "ktest=buddy,slab", mem="64M", modules=(60 * MB,), icount=True,
         weight=3, highmem=False, pse=True, max_skips=1),
    # mem=32M: the 60 MB module lies beyond the RAM in use and is refused.
    Boot("modules-mem-32M", "ktest=buddy mem=32M", modules=(4097, 16 * MB, 60 * MB),
         ignored_modules=(3,), icount=True, weight=3, highmem=False, pse=True, max_skips=1),
]

NEGATIVE_BOOTS = [
    # A module leaving too little low memory to boot: refused, naming why.
    # (61 MB: the module follows the kernel image, and 62 MB no longer fits
    # the RAM below 64 MB once the image passed 1.9 MB -- it would be
    # ignored as lying outside the RAM instead of refused.)
    Boot("modules-61M-of-64M-refused", mem="64M", modules=(61 * MB,), expect="panic",
         words=("only", "KB of low memory is free at boot", "multiboot modules hold the rest")),
    # mem= below the minimum RAM: refused in one line.
    Boot("params-mem=1-refused", "ktest mem=1", expect="panic",
         words=("needs at least 3072 KB of RAM", "0 KB below the mem= limit")),
    # One step below the minimum RAM: refused in one line.
    Boot("kernel-3584K-refused", mem="3584K", expect="panic",
         words=("needs at least 3072 KB of RAM", "this machine has 3068 KB")),
    # An i386 (gdb makes EFLAGS.AC read back unchanged): refused on COM1.
    Boot("cpu-386-refused", mem="16M", cpu="486", expect="panic",
         words=("needs an i486 or later CPU", "i386"),
         gdb_commands=("break cpu_ac_probed", "continue", "set $eax = $ecx", "continue")),
    Boot("crash-fail", "ktest=crashtest.fail", expect="fail", words=("crashtest.fail",)),
    # Fails, then skips: the kernel itself must report "not ok" (the
    # runner would catch an "ok # SKIP" too, and say so: absent).
    Boot("crash-fail-skip", "ktest=crashtest.fail_skip", expect="fail",
         words=("1 test failed: crashtest.fail_skip",), absent=("reported 'ok",)),
    # Takes pages, objects, a cache, a vmalloc area, a kmap, a thread, a
    # timer, then fails an assertion: its cleanup actions free them all,
    # so the failure is the only one and leak_check passes.
    Boot("crash-cleanup", "ktest=crashtest.cleanup vmalloc=768M", expect="fail", mem="256M",
         words=("fail: 1 test failed: crashtest.cleanup",),
         absent=("leak_check",)),
    Boot("crash-panic", "ktest=crashtest.panic", expect="panic",
         words=("Kernel panic - not syncing: crashtest:",)),
    Boot("crash-oops", "ktest=crashtest.oops", expect="oops",
         words=("NULL pointer dereference", "crash_oops")),
    Boot("crash-bug", "ktest=crashtest.bug", expect="oops",
         words=("kernel BUG at tests/kernel/crashtest.c",)),
    Boot("crash-triple-fault", "ktest=crashtest.triple_fault", expect="triple-fault",
         words=("triple fault", "in crashtest")),
    Boot("crash-double-fault", "ktest=crashtest.double_fault", expect="double-fault",
         words=("double fault", "overflow")),
    Boot("crash-hang", "ktest=crashtest.hang", timeout=8, expect="timeout",
         words=("timeout after 8 s", "in crashtest"), weight=9),
    Boot("crash-leak", "ktest=crashtest.leak", expect="fail",
         words=("crashtest.leak_check",)),
    Boot("no-such-suite", "ktest=no_such_suite", expect="fail",
         words=("nothing matches 'no_such_suite'",)),
]


# Fault injection armed once boot is complete (fail_page_alloc=, fail_slab=):
# the whole suite list under every rate, with and without a limit on the
# number of failures, for page allocations, slab allocations and both, on
# a small machine and on one with high memory. A test may fail -- that is
# what injected faults do -- but cleanly: no panic, oops, double or triple
# fault, hang or bad KTAP, and every suite's leak_check must pass. With
# cleanup actions a failed test gives back what it held, so a leak there
# is a real one (a kernel error path, or a test's), not noise.
FAULT_RATES = (1, 2, 3, 7, 31, 100)
FAULT_LIMIT = 3
FAULT_MACHINES = (("16M", "", False), ("256M", " vmalloc=768M", True))


def fault_boots():
    boots = []
    for mem, extra, highmem in FAULT_MACHINES:
        for kind, params in (("pages", ("fail_page_alloc",)), ("slab", ("fail_slab",)),
                             ("both", ("fail_page_alloc", "fail_slab"))):
            for rate in FAULT_RATES:
                for limit in (None, FAULT_LIMIT):
                    value = "%d" % rate if limit is None else "%d,%d" % (rate, limit)
                    name = "fault-%s-%s-%s" % (mem, kind, value.replace(",", "x"))
                    cmdline = "ktest " + " ".join("%s=%s" % (p, value) for p in params) + extra
                    boots.append(Boot(name, cmdline, mem=mem, icount=True, timeout=60,
                                      faults=True, highmem=highmem, pse=True, weight=3))
    return boots


FAULT_BOOTS = fault_boots()

# The user-program suite on Mneme (tests/user/run_on_mneme.py: boot with
# the initramfs, /init runs the programs, each one's output compared with
# the one recorded on Linux). The programs that do not pass on Mneme yet
# are listed, each with its reason, in tests/user/mneme-todo.txt and left
# out; every other one must give Linux's output exactly.
#
# Each machine (step name, memory, command line, tolerant) runs them all;
# every boot ends with the kernel's leak check after init (its baseline
# just before /init, compared once init has exited: kernel/init_leak_check.c).
# 32 MB is tight: the few programs that need more memory than that are
# listed in tests/user/mneme-machines.txt (per machine, with the reason)
# and only have to leave the kernel alive and leak-free there. Under
# injected allocation failures ("tolerant") any program may fail or be
# killed; the kernel must not crash, hang or leak, and init's KTAP must
# stay well-formed.
# Fault injection (armed at the end of boot, before /init): rates at which
# /init itself still starts (at fail_slab=11 its exec fails and the kernel
# idles), each program cut off after 10 s (user_timeout=: a program whose
# pipe() failed may wait forever for a child that never wrote). Page
# allocation failures in page faults bring the OOM killer in, up to one
# allocation in 13 (a casualty's children are killed with its process
# group, so init never waits on them: tests/user/init.c).
USER_FAULT_MACHINES = (
    ("user-32M-fail_slab-101", "32M", "fail_slab=101 user_timeout=10", True),
    ("user-128M-fail_page_alloc-1000", "128M", "fail_page_alloc=1000 user_timeout=10", True),
    ("user-128M-fail_both", "128M", "fail_page_alloc=500 fail_slab=101 user_timeout=10", True),
    ("user-128M-fail_slab-31", "128M", "fail_slab=31 user_timeout=10", True),
    ("user-128M-fail_page_alloc-31", "128M", "fail_page_alloc=31 user_timeout=10", True),
    ("user-128M-fail_page_alloc-13", "128M", "fail_page_alloc=13 user_timeout=10", True),
)
USER_TODO = os.path.join(ROOT, "tests", "user", "mneme-todo.txt")
USER_MACHINE_LIST = os.path.join(ROOT, "tests", "user", "mneme-machines.txt")
USER_MACHINES = (
    ("user-128M", "128M", "", False),
    ("user-1G", "1G", "", False),
    ("user-32M", "32M", "", False),
    ("user-256M-vmalloc768", "256M", "vmalloc=768M", False),
    ("user-128M-nopse", "128M", "nopse", False),
    ("user-128M-slab_debug", "128M", "slab_debug", False),
) + USER_FAULT_MACHINES


# Debian's busybox (tests/busybox/, issue 13): the scripted session, its
# sections compared with Linux's (tests/busybox/run_session.py), at two
# sizes; the interactive session through the serial port
# (tests/busybox/interactive.py), while session-todo.txt does not list it.
BUSYBOX_TODO = os.path.join(ROOT, "tests", "busybox", "session-todo.txt")
BUSYBOX_SESSIONS = (("busybox-session-128M", "128M", ""), ("busybox-session-32M", "32M", ""),
                    ("busybox-session-256M-vmalloc768", "256M", "vmalloc=768M"))


def run_busybox_session(step, mem, cmdline):
    return run_ktap_command(step, [PYTHON, "tests/busybox/run_session.py", "--mem", mem,
                                   "--cmdline", cmdline,
                                   "--log", step.log.replace(".txt", ".serial.txt")], timeout=400)


def run_busybox_interactive(step, end):
    if any(row[0] == "interactive" for row in read_list(BUSYBOX_TODO)):
        return Outcome(skipped=1, note="listed in tests/busybox/session-todo.txt")
    return run_ktap_command(step, [PYTHON, "tests/busybox/interactive.py", "--end", end,
                                   "--log", step.log.replace(".txt", ".serial.txt")], timeout=120)


def read_list(path):
    """The first words of each line of a list file ('#' comments)."""
    rows = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                rows.append(line.split())
    return rows


def user_todo():
    return [row[0] for row in read_list(USER_TODO)]


def user_survivors(step_name):
    """The programs tests/user/mneme-machines.txt lets fail on this machine."""
    return [row[1] for row in read_list(USER_MACHINE_LIST) if row[0] == step_name]


def run_user_suite(step, mem, cmdline, tolerant=False):
    sys.path.insert(0, os.path.join(ROOT, "tests", "user"))
    import userlog
    todo = set(user_todo())
    survive = user_survivors(step.name)
    unknown = sorted((todo | set(survive)) - set(userlog.programs()))
    if unknown:
        return Outcome(failed=1, note="a program list names no program " + unknown[0],
                       failures=[Failure(step.name, ["unknown program " + unknown[0]])])
    only = [p for p in userlog.programs() if p not in todo]
    argv = [PYTHON, "tests/user/run_on_mneme.py", "--mem", mem, "--cmdline", cmdline,
            "--only", ",".join(only), "--timeout", "400",
            "--log", step.log.replace(".txt", ".serial.txt")]
    if tolerant:
        argv.append("--tolerant")
    if survive:
        argv += ["--survive", ",".join(survive)]
    out = run_ktap_command(step, argv, timeout=450)
    out.info = "%d programs, %d in mneme-todo.txt%s" % (
        len(only), len(todo), ", %d may fail here" % len(survive) if survive else "")
    return out


# The leak check after init must catch a leak: "init_leak_test" leaks a
# page and a 64-byte object after the baseline, and leaves a file in
# rootfs. The check must fail naming those two, and no other cache (the
# file, its inode, dentry and pages are accounted for).
LEAK_INJECTED_WANT = ("slab cache size-64:", "pages: free pages in Normal was")


def run_user_leak_injected(step):
    out, err, status = run_command([PYTHON, "tests/user/run_on_mneme.py", "--only", "brk",
                                    "--cmdline", "init_leak_test", "--timeout", "60",
                                    "--log", step.log.replace(".txt", ".serial.txt")], step.log)
    report = ktap.parse(out)
    leak = [r for r in report.failures if r.name == "leak check after init"]
    problems = []
    if not leak:
        problems.append("the leak check after init did not fail (exit status %s)" % status)
    else:
        diags = leak[0].diagnostics
        problems += ["no diagnostic names %r" % w for w in LEAK_INJECTED_WANT
                     if not any(w in d for d in diags)]
        problems += ["reported more than the leaks: %r" % d for d in diags
                     if "slab cache " in d and LEAK_INJECTED_WANT[0] not in d]
    others = [r.name for r in report.failures if r.name != "leak check after init"]
    if others:
        problems.append("other failures: " + ", ".join(others))
    if problems:
        return Outcome(failed=1, note=problems[0], failures=[Failure(step.name, problems)])
    return Outcome(passed=1, note="leak reported")


@dataclass
class Failure:
    name: str                       # "kernel-128M: printk.test_hex"
    lines: List[str] = field(default_factory=list)     # message, diagnostics


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: List[Failure] = field(default_factory=list)
    note: str = ""                  # one line for the step's summary line
    info: str = ""                  # shown on the summary line, passed or failed
    log: Optional[str] = None
    seconds: float = 0.0


# The groups of steps, in the order the docstring describes them (--only
# takes them; tests/runner/test_readme.py checks this list against the
# steps, the docstring and README.md).
GROUPS = ("host", "runner", "kernel", "modules", "params", "negative", "fault", "user", "gdb")


@dataclass
class Step:
    name: str                       # unique; the log's name; matched by --only
    group: str                      # one of GROUPS
    action: Callable[["Step"], Outcome]
    weight: float = 1.0

    @property
    def log(self):
        return os.path.join(LOG_DIR, self.name.replace("/", "-") + ".txt")


def build_steps():
    steps = []
    # Globbed now, not listed: another milestone adds binaries.
    for path in sorted(glob.glob(os.path.join(BUILD, "host", "test_*"))):
        if os.path.isfile(path) and os.access(path, os.X_OK):
            steps.append(Step("host/" + os.path.basename(path), "host",
                              lambda s, p=path: run_ktap_command(s, [p])))
    for path in sorted(glob.glob(os.path.join(BUILD, "host", "fuzz_*"))):
        if os.path.isfile(path) and os.access(path, os.X_OK):
            steps.append(Step("host/" + os.path.basename(path), "host",
                              lambda s, p=path: run_fuzzer(s, p), weight=FUZZ_SECONDS + 1))
    steps.append(Step("host/uapi_check", "host", lambda s: run_ktap_command(
        s, [PYTHON, "tests/uapi/uapi_check.py", os.path.join(BUILD, "uapi", "kernel_side.s"),
            os.path.join(BUILD, "uapi", "uapi_side.s")])))
    steps.append(Step("runner-self-test", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/runner/test_runner.py"])))
    steps.append(Step("bench-judge-self-test", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/runner/test_bench.py"])))
    steps.append(Step("readme-check", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/runner/test_readme.py"])))
    steps.append(Step("tree-check", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/runner/test_tree.py"])))
    # The user programs (tests/user/): checked on the host until Mneme runs them.
    steps.append(Step("user-programs-check", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/user/check_expected.py"])))
    steps.append(Step("busybox-self-test", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/busybox/test_session.py"])))
    for b in SELF_TEST_BOOTS:
        steps.append(Step(b.name, "kernel", lambda s, b=b: run_boot(s, b), weight=b.weight))
    for b in MODULE_BOOTS:
        steps.append(Step(b.name, "modules", lambda s, b=b: run_boot(s, b), weight=b.weight))
    for b in CMDLINE_BOOTS + PARAM_BOOTS:
        steps.append(Step(b.name, "params", lambda s, b=b: run_boot(s, b), weight=b.weight))
    for b in NEGATIVE_BOOTS:
        steps.append(Step(b.name, "negative", lambda s, b=b: run_boot(s, b), weight=b.weight))
    steps.append(Step("user-leak-injected", "negative", run_user_leak_injected, weight=3))
    for b in FAULT_BOOTS:
        steps.append(Step(b.name, "fault", lambda s, b=b: run_boot(s, b), weight=b.weight))
    for name, mem, cmdline, tolerant in USER_MACHINES:
        steps.append(Step(name, "user", lambda s, m=mem, c=cmdline, t=tolerant:
                          run_user_suite(s, m, c, t), weight=40))
    for name, mem, cmdline in BUSYBOX_SESSIONS:
        steps.append(Step(name, "user", lambda s, m=mem, c=cmdline: run_busybox_session(s, m, c),
                          weight=10))
    for name, end in (("busybox-interactive", "ctrl-d"), ("busybox-interactive-poweroff", "poweroff")):
        steps.append(Step(name, "user", lambda s, e=end: run_busybox_interactive(s, e), weight=5))
    steps.append(Step("gdb_check", "gdb", run_gdb_check, weight=5))
    return steps


# --- Step actions --------------------------------------------------------


def run_command(argv, log, timeout=COMMAND_TIMEOUT):
    """Run argv from the top of the tree; save stdout (then stderr) to log."""
    try:
        proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
        out, err, status = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, err, status = e.stdout or b"", e.stderr or b"", None
    except OSError as e:
        out, err, status = b"", str(e).encode(), -1
    with open(log, "wb") as f:
        f.write(out)
        if err:
            f.write(b"\n--- stderr ---\n" + err)
    return out, err, status


def _tail(data, n=15):
    return data.decode("utf-8", errors="replace").rstrip().splitlines()[-n:]


def run_ktap_command(step, argv, timeout=COMMAND_TIMEOUT):
    """A program that prints KTAP: its results are the step's tests."""
    out, err, status = run_command(argv, step.log, timeout)
    report = ktap.parse(out)
    res = Outcome(passed=report.passed, failed=report.failed, skipped=report.skipped)
    for r in report.failures:
        res.failures.append(Failure("%s: %s" % (step.name, r.path), list(r.diagnostics)))
    # Whatever else went wrong is one more failure, named after the step.
    trouble = None
    if status is None:
        trouble = "killed after %d s" % timeout
    elif not report.found:
        trouble = "no KTAP output (exit status %d)" % status
    elif report.errors:
        trouble = "bad KTAP: " + report.errors[0]
    elif not report.ran:
        trouble = "no test ran (plan 1..%d)" % (report.root.plan or 0)
    elif status != 0 and not report.failed:
        trouble = "exit status %d with no failed test" % status
    elif status == 0 and any(not r.contradiction for r in report.failures):
        # (A test reported ok despite its failure line is failed once, not twice.)
        trouble = "exit status 0 with %d failed tests" % report.failed
    if trouble:
        res.failed += 1
        res.failures.append(Failure(step.name, [trouble] + _tail(err)))
        res.note = trouble
    return res


def run_command_cpu(argv, log, timeout=COMMAND_TIMEOUT):
    """run_command(), also returning the CPU seconds (user + system) argv used."""
    killed = []

    def kill():
        killed.append(True)
        proc.kill()

    with open(log + ".out", "w+b") as out, open(log + ".err", "w+b") as err:
        try:
            proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as e:
            with open(log, "wb") as f:
                f.write(str(e).encode())
            return b"", str(e).encode(), -1, 0.0
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, wstatus, usage = os.wait4(proc.pid, 0)   # its own rusage, not all children's
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(wstatus)
        out.seek(0)
        err.seek(0)
        data_out, data_err = out.read(), err.read()
    os.unlink(log + ".out")
    os.unlink(log + ".err")
    with open(log, "wb") as f:
        f.write(data_out)
        if data_err:
            f.write(b"\n--- stderr ---\n" + data_err)
    status = None if killed else proc.returncode
    return data_out, data_err, status, usage.ru_utime + usage.ru_stime


def fuzzer_stats(err):
    """libFuzzer's -print_final_stats=1 lines ("stat::name: value") as a dict of ints."""
    stats = {}
    for line in err.decode("utf-8", errors="replace").splitlines():
        if line.startswith("stat::"):
            name, _, value = line[len("stat::"):].partition(":")
            try:
                stats[name.strip()] = int(value.strip())
            except ValueError:
                pass
    return stats


def run_fuzzer(step, binary):
    """A libFuzzer target for a bounded time: one test, passing on exit 0 at FUZZ_MIN_RATE."""
    name = os.path.basename(binary)
    # A fresh corpus each run: what earlier runs kept (inputs chosen for new
    # coverage, which are often the slowest) would otherwise be replayed
    # first and drag the rate below the floor on a reused build/. The long
    # runs of "make fuzz" keep theirs in build/host/fuzzcorpus/.
    corpus = os.path.join(BUILD, "fuzz-corpus-test", name)
    artifacts = os.path.join(BUILD, "fuzz-artifacts", name)
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    os.makedirs(artifacts, exist_ok=True)
    # New inputs go to the first directory; the seeds are only read.
    argv = [binary, corpus]
    seeds = os.path.join(ROOT, "tests", "host", "corpus", name)
    if os.path.isdir(seeds):
        argv.append(seeds)
    argv += ["-max_total_time=%d" % FUZZ_SECONDS, "-print_final_stats=1",
             "-artifact_prefix=%s/" % artifacts]
    out, err, status, cpu = run_command_cpu(argv, step.log, FUZZ_SECONDS * 6)
    stats = fuzzer_stats(err)
    runs = stats.get("number_of_executed_units")
    info = ""
    if runs is not None:
        rate = runs / cpu if cpu > 0 else 0
        info = "%d runs, %d exec/s, %d per CPU second" % (
            runs, stats.get("average_exec_per_sec", 0), rate)
    if status == 0:
        if runs is None:
            why = "no final stats (stat::number_of_executed_units)"
        elif rate < FUZZ_MIN_RATE:
            why = "%d inputs per CPU second, below the floor of %d" % (rate, FUZZ_MIN_RATE)
        else:
            return Outcome(passed=1, info=info)
        return Outcome(failed=1, note=why, info=info,
                       failures=[Failure(step.name, [why, info or "(no stats)"])])
    why = "killed after %d s" % (FUZZ_SECONDS * 6) if status is None else "exit status %d" % status
    return Outcome(failed=1, note=why, info=info,
                   failures=[Failure(step.name, [why, "artifacts: " + os.path.relpath(artifacts, ROOT)]
                                     + _tail(out + err))])


def module_files(sizes):
    """
    Files of these sizes in build/test-modules/ ("<size>-<k>.bin", the k-th
    of that size), made once, of pseudo-random bytes fixed by size and k.
    """
    d = os.path.join(BUILD, "test-modules")
    os.makedirs(d, exist_ok=True)
    seen, paths = {}, []
    with _module_lock:
        for size in sizes:
            paths.append(_module_file(d, size, seen))
    return paths


_module_lock = threading.Lock()     # steps run in threads and share the files


def _module_file(d, size, seen):
    k = seen[size] = seen.get(size, 0) + 1
    path = os.path.join(d, "%d-%d.bin" % (size, k))
    if not os.path.exists(path) or os.path.getsize(path) != size:
        with open(path + ".tmp", "wb") as f:
            f.write(random.Random(size * 1000 + k).randbytes(size))
        os.replace(path + ".tmp", path)
    return path


# What the kernel prints of the modules (kernel/initrd.c, arch/x86/setup.c).
_INITRD = re.compile(r'^initrd: module (\d+) "(.*)" at 0x[0-9a-f]+(?: \(high memory\))?: '
                     r'(\d+) bytes, crc32 0x([0-9a-f]{8})$')
_IGNORED = re.compile(r'^multiboot: module (\d+) "(.*)" at \[mem .*\] is ignored: (.*)$')
_TOO_MANY = re.compile(r'^multiboot: more than \d+ modules; module (\d+) ".*" and the rest are ignored$')
_FREED = re.compile(r"^Freeing initrd memory: (\d+)k freed \(free pages (\d+) -> (\d+)\)$")


def check_modules(b, paths, log):
    """
    The modules of boot b as its log reports them: (passed, failures). One
    test per module (its size and CRC-32 as the host computes them, or its
    refusal if it is in b.ignored_modules) and one for the freeing: the
    pages of the kept modules, every one of them back in the free count.
    """
    with open(log, errors="replace") as f:
        lines = [ktap.clean_line(l, timestamp=False).strip() for l in f]
    kept = {int(m.group(1)): m for m in map(_INITRD.match, lines) if m}
    ignored = {int(m.group(1)): m for m in map(_IGNORED.match, lines) if m}
    for m in filter(None, map(_TOO_MANY.match, lines)):
        ignored.update((i, m) for i in range(int(m.group(1)), len(paths) + 1))
    passed, failures, want_pages = 0, [], 0
    for i, path in enumerate(paths, 1):
        name = "module %d (%s)" % (i, os.path.basename(path))
        if i in b.ignored_modules:
            if i in ignored:
                passed += 1
            else:
                failures.append("%s: not refused (no 'is ignored' warning)" % name)
            continue
        with open(path, "rb") as f:
            data = f.read()
        crc = "%08x" % zlib.crc32(data)
        if i not in kept:
            failures.append("%s: the kernel printed no 'initrd: module %d' line" % (name, i))
            continue
        got = kept[i]
        if int(got.group(3)) == len(data) and got.group(4) == crc:
            passed += 1
        else:
            failures.append("%s: the kernel read %s bytes, crc32 %s; the host has %d bytes, "
                            "crc32 %s" % (name, got.group(3), got.group(4), len(data), crc))
        want_pages += (len(data) + 4095) // 4096
    freed = [m for m in map(_FREED.match, lines) if m]
    if not want_pages and not freed:
        return passed + 1, failures
    if not freed:
        failures.append("no 'Freeing initrd memory' line")
    else:
        kb, before, after = (int(x) for x in freed[-1].groups())
        if kb != want_pages * 4 or after - before != want_pages:
            failures.append("freeing: %dk freed, free pages %d -> %d; the modules have %d "
                            "pages (%dk)" % (kb, before, after, want_pages, want_pages * 4))
        else:
            passed += 1
    return passed, failures


def run_boot(step, b):
    """One boot; a self-test boot counts its KTAP leaves, a negative one is one test."""
    paths = module_files(b.modules) if b.modules else []
    res = run_qemu.run(boot=b.boot, mem=b.mem, cmdline=b.cmdline, timeout=b.timeout,
                       icount=b.icount, log=step.log, quiet=True, cpu=b.cpu, machine=b.machine,
                       gdb_commands=b.gdb_commands, initrd=paths)
    if b.expect:
        missing = [w for w in b.words if w not in res.message]
        present = [w for w in b.absent if w in res.message]
        if res.verdict == b.expect and not missing and not present:
            return Outcome(passed=1, note=res.message)
        want = "expected %s%s%s" % (b.expect, " naming " + ", ".join(repr(w) for w in b.words)
                                    if b.words else "",
                                    " without " + ", ".join(repr(w) for w in b.absent)
                                    if b.absent else "")
        return Outcome(failed=1, note=res.message,
                       failures=[Failure("%s: %s" % (step.name, b.cmdline), [want, "got " + res.message])])

    if b.faults:
        return fault_outcome(step, b, res)
    out = Outcome(passed=res.passed, failed=res.failed, skipped=res.skipped)
    for r in res.report.failures if res.report else []:
        out.failures.append(Failure("%s: %s" % (step.name, r.path), list(r.diagnostics)))
    if (b.log_words or b.log_absent) and res.log and os.path.exists(res.log):
        with open(res.log, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
        for w in b.log_words:
            if w in text:
                out.passed += 1
            else:
                out.failed += 1
                out.failures.append(Failure("%s: log" % step.name, ["missing: %r" % w]))
        for w in b.log_absent:
            if w not in text:
                out.passed += 1
            else:
                out.failed += 1
                out.failures.append(Failure("%s: log" % step.name, ["present: %r" % w]))
    if paths and res.log and os.path.exists(res.log):
        passed, failures = check_modules(b, paths, res.log)
        out.passed += passed
        out.failed += len(failures)
        for f in failures:
            out.failures.append(Failure("%s: modules" % step.name, [f]))
        if failures and not out.note:
            out.note = failures[0]
    if res.verdict == "fail":
        # Failures that are no KTAP result ("ktest: nothing matches ...").
        for extra in res.failures[len(res.report.failures):]:
            out.failures.append(Failure("%s: %s" % (step.name, extra)))
    elif res.verdict != "pass":
        out.failures.append(Failure(step.name, [res.message]))
        out.note = res.message
    elif res.passed + res.failed + res.skipped == 0:
        # A kernel that selects no suite would otherwise pass in silence.
        out.failed += 1
        out.note = "no test ran"
        out.failures.append(Failure(step.name, ["no test ran: " + res.message]))
    for problem in config_problems(b, res):
        out.failed += 1
        out.note = problem
        out.failures.append(Failure(step.name, [problem]))
    return out


def fault_problems(b, res):
    """What makes a fault-injection boot fail: anything but a clean pass or fail."""
    if res.verdict not in ("pass", "fail"):
        return [res.message]
    problems = ["%s failed: a leak under injected faults%s" % (
        r.path, "".join("; " + d.strip() for d in r.diagnostics if "leak_check:" in d))
        for r in res.report.failures if r.name == "leak_check"]
    # Armed before the first suite, still there after the last: every suite ran under it.
    first = res.configs[0] if res.configs else {}
    last = res.configs[-1] if len(res.configs) > 1 else {}
    for param, interval in re.findall(r"\b(fail_page_alloc|fail_slab)=(\d+)", b.cmdline):
        for when, config in (("before the suites", first), ("after the suites", last)):
            armed = config.get(param, "")
            if armed.split(",")[0] != interval:
                problems.append("%s=%s not in force %s (the kernel says %s=%s)"
                                % (param, interval, when, param, armed or "nothing"))
    return problems + config_problems(b, res)


def fault_outcome(step, b, res):
    """One test per boot: passes when it ended cleanly, whatever tests failed."""
    problems = fault_problems(b, res)
    if problems:
        return Outcome(failed=1, note=problems[0],
                       failures=[Failure("%s: %s" % (step.name, b.cmdline), problems)])
    return Outcome(passed=1, note="%d of %d tests failed cleanly"
                   % (res.failed, res.passed + res.failed))


def config_problems(b, res):
    """What in a self-test boot's result contradicts the row's highmem, pse and max_skips."""
    problems = []
    for key in ("highmem", "pse"):
        want = getattr(b, key)
        if want is None:
            continue
        got = res.config.get(key)
        if got is None:
            problems.append("expected %s=%d, but the kernel printed no '# ktest: config ... %s=' line"
                            % (key, want, key))
        elif got != str(int(want)):
            problems.append("expected %s=%d, the kernel says %s=%s" % (key, want, key, got))
    if b.max_skips is not None and res.skipped > b.max_skips:
        skipped = list(ktap.skipped_results(res.report.root)) if res.report and res.report.root else []
        problems.append("%d tests skipped, at most %d expected: %s" % (
            res.skipped, b.max_skips,
            "; ".join("%s (%s)" % (r.path, r.reason) for r in skipped[:8])
            + (" ..." if len(skipped) > 8 else "")))
    return problems


def run_gdb_check(step):
    script = os.path.join(ROOT, "scripts", "gdb_check.py")
    if not os.path.exists(script):
        # Reported, not skipped, so that nobody forgets it.
        with open(step.log, "w") as f:
            f.write("scripts/gdb_check.py does not exist yet\n")
        return Outcome(failed=1, note="scripts/gdb_check.py does not exist yet",
                       failures=[Failure("gdb_check", ["scripts/gdb_check.py does not exist yet"])])
    return run_ktap_command(step, [PYTHON, script])


# --- Running the table ---------------------------------------------------


def selected(steps, only):
    if not only:
        return steps
    patterns = [p.strip() for p in only.split(",") if p.strip()]
    return [s for s in steps
            if any(p == s.group or fnmatch.fnmatchcase(s.name, p) for p in patterns)]


def run_step(step):
    start = time.monotonic()
    try:
        res = step.action(step)
    except Exception as e:      # a bug in a step must not hide the others' results
        res = Outcome(failed=1, note="%s: %s" % (type(e).__name__, e),
                      failures=[Failure(step.name, ["runner error: %s: %s" % (type(e).__name__, e)])])
    res.seconds = time.monotonic() - start
    if res.log is None and os.path.exists(step.log):
        res.log = step.log
    return res


def counts(res):
    text = "%d passed, %d failed" % (res.passed, res.failed)
    if res.skipped:
        text += ", %d skipped" % res.skipped
    return text


def step_line(step, res):
    status = "FAIL" if res.failed else "ok"
    line = "  %-4s  %-26s %-30s %6.1f s" % (status, step.name, counts(res), res.seconds)
    if res.info:
        line += "  " + res.info
    if res.note and res.failed:
        line += "\n        " + res.note
    return line


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run every Mneme test (make test).")
    ap.add_argument("--only", default=os.environ.get("MNEME_TESTS", ""),
                    help="comma-separated groups (%s), step names or patterns; also "
                         "$MNEME_TESTS" % ", ".join(GROUPS))
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                    help="steps run at once (default: the number of CPUs)")
    ap.add_argument("--list", action="store_true", help="list the steps and exit")
    args = ap.parse_args(argv)

    steps = selected(build_steps(), args.only)
    if args.list:
        for s in steps:
            print("%-10s %s" % (s.group, s.name))
        return 0
    if not steps:
        print("no step matches %r" % args.only, file=sys.stderr)
        return 2
    os.makedirs(LOG_DIR, exist_ok=True)

    print("running %d steps, %d at a time; logs in %s"
          % (len(steps), args.jobs, os.path.relpath(LOG_DIR)))
    sys.stdout.flush()
    start = time.monotonic()
    results = {}
    # Longest first, so that the 10 s fuzzers and the 8 s hang overlap the rest.
    order = sorted(steps, key=lambda s: -s.weight)
    pool = ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futures = {pool.submit(run_step, s): s for s in order}
        for fut in as_completed(futures):
            step = futures[fut]
            results[step.name] = fut.result()
            print(step_line(step, results[step.name]))
            sys.stdout.flush()
    except KeyboardInterrupt:
        # QEMU and the test programs share our process group: Ctrl-C
        # stopped them too. Start nothing more.
        pool.shutdown(wait=False, cancel_futures=True)
        print("\ninterrupted", file=sys.stderr)
        return 130
    pool.shutdown()

    total = Outcome()
    failures = []
    for s in steps:             # in table order, not completion order
        res = results[s.name]
        total.passed += res.passed
        total.failed += res.failed
        total.skipped += res.skipped
        if res.failed:
            log = os.path.relpath(res.log) if res.log else "(no log)"
            for f in res.failures or [Failure(s.name)]:
                failures.append((f, log))

    if failures:
        print("\nfailed:")
        for f, log in failures:
            print("  " + f.name)
            for line in f.lines:
                print("      " + line)
            print("      log: " + log)
    print("\n%d steps in %.1f s" % (len(steps), time.monotonic() - start))
    if total.skipped:
        print("(%d skipped)" % total.skipped)
    print("%d passed, %d failed" % (total.passed, total.failed))
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main())
