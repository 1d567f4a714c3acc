"""Mneme's gdb helpers: commands that read the kernel's data structures
from a stopped target (QEMU's gdb stub), one module per subsystem as in
Linux's scripts/gdb/linux/, with Linux's "lx-" names where the concept
matches. scripts/gdb/mneme-gdb.py loads them (scripts/gdb/gdbinit
sources it); `mneme-help` lists the commands.

    utils       errors, target checks, symbols, types and struct layouts,
                memory and C strings, output
    lists       list_head walks, checked
    cpus        per-CPU data (NR_CPUS) and the current task
    symbols     gdb's symbols and the kernel's own kallsyms (%pS, %pB)
    command     the command base class, mneme-help, convenience functions
    dmesg       lx-dmesg                    boot      lx-cmdline, lx-e820, lx-taint
    idt         lx-idt                      timers    lx-timers
    pgtable     lx-pte, page-table walks    memlayout lx-memlayout
    mm          mem_map, zones and page descriptors (no command)
    zones       lx-buddyinfo, lx-zoneinfo, lx-meminfo, lx-freelist, lx-pcp
    page        lx-page
    slab        caches, slabs, per-CPU arrays, object debug words
    slabcheck   kmem_cache_check() over one cache
    slabinfo    lx-slabinfo, lx-slab, lx-slabobj
    tasks       lx-ps, lx-bt                vmalloc   lx-vmallocinfo
    vma         lx-mm, lx-vmas (address spaces; lx-pte ADDR PID walks a task's tables)
    highmem     lx-pkmap
    constants   generated at build time from the kernel's headers
                (constants.c -> build/scripts/gdb/mneme/constants.py)

The generated module lives in the build directory ($MNEME_BUILD, else
build/ at the top of the tree), which this package adds to its path.
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
BUILD = os.environ.get("MNEME_BUILD") or os.path.join(ROOT, "build")
GENERATED = os.path.join(BUILD, "scripts", "gdb", "mneme")
__path__.append(GENERATED)      # noqa: F821 -- the package's own search path

# The modules that define commands, in mneme-help's order of concepts.
COMMAND_MODULES = ("command", "dmesg", "boot", "idt", "pgtable", "timers", "memlayout",
                   "zones", "page", "slabinfo", "tasks", "vmalloc", "highmem", "vma")
