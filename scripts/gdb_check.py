#!/usr/bin/env python3
"""Check that Mneme can be debugged with gdb: a non-interactive session
against QEMU's gdb stub, reported as KTAP on stdout (exit status 0 iff
every check passed). `make test` runs it.

    python3 scripts/gdb_check.py [--elf build/mneme.elf] [--timeout 60] [-v]

This one file plays two parts:

  * run by python3 (the harness): boots QEMU halted (-S) on a free TCP
    port with each run's command line (runs 1-3 without "ktest"; run 4
    with a few self-tests to stop inside), runs `gdb-multiarch -batch
    -nx -x scripts/gdb_check.py` against it, reads the results the gdb
    side wrote, prints KTAP, and always kills QEMU and gdb. A global
    timeout bounds the whole run.
  * sourced by gdb (the driver, below `import gdb`): drives the session
    with gdb.execute and asserts, writing one JSON result per check.
    Every `continue` has its own deadline, after which the driver stops
    the kernel with SIGINT (as Ctrl-C would) and reports where it was.

Run 1 (normal boot): startup_32 breakpoint and stepping with head.asm
lines; start_kernel's magic argument; the moment boot completes (a
hardware watchpoint on system_state_running, which start_kernel sets
just before "Mneme: boot complete": robust to whatever runs afterwards);
boot_command_line, jiffies, the e820 map; then the helper commands of
the helper package scripts/gdb/mneme, the memory ones against the kernel's own reports
(show_mem= on the command line prints them to the serial log just before
that watchpoint) and values read directly; the slab ones (lx-slabinfo,
lx-slab, lx-slabobj) likewise, and jiffies last, once nothing depends on
the kernel staying where it printed its reports. Run 2: startup_32 with
EAX forced to a wrong magic must print the "not started by a multiboot
loader" message. Run 3: a boot with "slab_debug" (red zones, poison and
the last user in every cache), stopped where run 1 stops: lx-slabinfo
against the kernel's again, and lx-slab -v / lx-slabobj on objects with
red zones. Run 4: a 1 GB machine (127 MB of high memory) running the
kmap suite and one case each of sched and vmalloc, stopped inside them:
at boot lx-vmallocinfo against the kernel's show_mem=vmallocinfo report;
in kmap's test_exhaustion_sleeps_and_wakes, when the first latecomer
thread starts (lx-ps: init asleep in msleep, two threads not run yet;
lx-bt of each kind) and right after its msleep(10), with all 1024 pkmap
slots held and three threads asleep in kmap() (lx-pkmap's counts, waiters
and cross-checks against pkmap_count read directly; lx-ps and lx-bt
showing them in map_new_virtual; lx-vmallocinfo listing every thread's
stack); then lx-ps against what show_state() has just printed (sched's
test_show_state) and lx-vmallocinfo against what show_vmallocinfo() has
just printed (vmalloc's test_vmallocinfo), with the freed latecomer
stacks in its history.
"""

import json
import os
import re
import sys
import time

# Inside gdb, its `gdb` module (a host Python may have an unrelated
# package of that name: the environment variable decides).
gdb = None
if os.environ.get("MNEME_GDBCHECK"):
    try:
        import gdb
    except ImportError:
        pass
    if not hasattr(gdb, "execute"):
        gdb = None

MAGIC = 0x2BADB002
INITIAL_JIFFIES = 0xFFFB6C20
# show_mem=: the kernel prints its /proc/buddyinfo, zoneinfo, meminfo and
# slabinfo right before it sets system_state_running, where run 1 stops:
# the gdb commands must print the same.
MM_REPORTS = ("buddyinfo", "zoneinfo", "meminfo", "slabinfo")
CMDLINE = "loglevel=7 gdbcheck_marker=42 show_mem=" + ",".join(MM_REPORTS)
# Run 3: every cache with red zones, poison and the last user.
CMDLINE_SLAB_DEBUG = "loglevel=7 slab_debug show_mem=slabinfo"
# Run 4: stopped inside self-tests, on a machine with high memory: kmap's
# test_exhaustion_sleeps_and_wakes (1024 slots held, three threads asleep
# in kmap()), sched's test_show_state and vmalloc's test_vmallocinfo
# right after the kernel printed its own ps and /proc/vmallocinfo (the
# suites run in that order: link order); show_mem=vmallocinfo prints the
# areas at boot as well.
CMDLINE_KTEST = ("loglevel=7 ktest=kmap,sched.test_show_state,vmalloc.test_vmallocinfo "
                 "show_mem=vmallocinfo")
CMDLINES = {1: CMDLINE, 2: CMDLINE, 3: CMDLINE_SLAB_DEBUG, 4: CMDLINE_KTEST}
MEMORY = {4: "1G"}              # QEMU's -m per run (default 128M): 127 MB of high memory
LAST_PKMAP = 1024
NR_LATECOMERS = 3               # tests/kernel/kmap_test.c
THREAD_SIZE = 8192
SLAB_CACHE = "size-64"          # lx-slab and lx-slabobj are checked on it (or on another
                                # cache with objects in use, if it has none)
BAD_EAX = 0x12345678
NO_MULTIBOOT_MSG = "not started by a multiboot loader: EAX=0x%08X" % BAD_EAX

# Every check, in KTAP order: (run, name).
CHECKS = [
    (1, "startup_32_breakpoint_has_head_asm_line"),
    (1, "startup_32_stepi_keeps_head_asm_lines"),
    (1, "start_kernel_magic_argument"),
    (1, "mm_commands_before_mem_map"),
    (1, "system_state_running_after_boot"),
    (1, "boot_command_line"),
    (1, "e820_nr_map"),
    (1, "lx_dmesg"),
    (1, "lx_cmdline"),
    (1, "lx_e820"),
    (1, "lx_idt_page_fault"),
    (1, "lx_pte_kernel_text"),
    (1, "lx_timers_taint_help"),
    (1, "lx_buddyinfo_matches_kernel"),
    (1, "lx_zoneinfo_matches_kernel"),
    (1, "lx_meminfo_matches_kernel"),
    (1, "lx_page_kernel_text_reserved"),
    (1, "lx_page_free_block"),
    (1, "lx_freelist_pcp"),
    (1, "lx_memlayout_matches_kernel"),
    (1, "lx_slabinfo_matches_kernel"),
    (1, "lx_slab_consistent_totals"),
    (1, "lx_slabobj_lx_page_name_the_cache"),
    (1, "jiffies_ticking"),
    (2, "no_multiboot_message"),
    (3, "slab_debug_boot"),
    (3, "slab_debug_lx_slabinfo_matches_kernel"),
    (3, "slab_debug_lx_slab_red_zones"),
    (4, "ktest_boot_lx_vmallocinfo_lx_ps"),
    (4, "kmap_latecomer_starts_lx_ps_lx_bt"),
    (4, "kmap_all_slots_held_lx_pkmap"),
    (4, "kmap_sleepers_lx_ps_lx_bt"),
    (4, "kmap_lx_vmallocinfo_lists_thread_stacks"),
    (4, "sched_show_state_matches_lx_ps"),
    (4, "vmalloc_test_lx_vmallocinfo_matches_kernel"),
]


# ===========================================================================
# The gdb side
# ===========================================================================

class Abort(Exception):
    """A check failed in a way that makes the following ones meaningless."""


class Check:
    def __init__(self, name):
        self.name = name
        self.ok = True
        self.diag = []

    def expect(self, cond, msg):
        if not cond:
            self.ok = False
            self.diag.append(msg)
        return cond

    def note(self, msg):
        self.diag.append(msg)


class Driver:
    def __init__(self, cfg):
        self.cfg = cfg
        self.results = open(cfg["results"], "a")
        self.last_stop = None
        gdb.events.stop.connect(self._on_stop)

    # -- plumbing ----------------------------------------------------------

    def _on_stop(self, ev):
        self.last_stop = ev

    def record(self, chk):
        self.results.write(json.dumps({"name": chk.name, "ok": chk.ok,
                                       "diag": chk.diag}) + "\n")
        self.results.flush()

    def run_checks(self, run):
        pending = [name for r, name in CHECKS if r == run]
        abort = None
        for name in pending:
            chk = Check(name)
            if abort:
                chk.ok = False
                chk.note("not run: %s" % abort)
            else:
                try:
                    getattr(self, "check_" + name)(chk)
                except Abort as e:
                    chk.ok = False
                    chk.note(str(e))
                    abort = "needs %s, which failed" % name
                except KeyboardInterrupt:
                    chk.ok = False
                    chk.note("interrupted (a late timeout SIGINT?)")
                except Exception as e:      # gdb.error and bugs alike
                    chk.ok = False
                    chk.note("%s: %s" % (type(e).__name__, e))
            self.record(chk)

    @staticmethod
    def ex(cmd):
        return gdb.execute(cmd, to_string=True)

    def cont(self, timeout, stop_early=None):
        """continue; SIGINT the kernel after timeout s or once stop_early()."""
        import signal
        import threading

        lock = threading.Lock()
        state = {"running": True, "fired": False}
        main = threading.main_thread().ident

        def interrupter():
            deadline = time.time() + timeout
            while True:
                time.sleep(0.05)
                with lock:
                    if not state["running"]:
                        return
                    if time.time() >= deadline or (stop_early and stop_early()):
                        state["fired"] = True
                        signal.pthread_kill(main, signal.SIGINT)
                        return

        self.last_stop = None
        t = threading.Thread(target=interrupter, daemon=True)
        t.start()
        try:
            self.ex("continue")
        finally:
            with lock:
                state["running"] = False
        t.join()
        return state["fired"]

    def stop_desc(self):
        ev = self.last_stop
        try:
            pc = int(gdb.parse_and_eval("$pc")) & 0xFFFFFFFF
            where = "pc 0x%08x (%s)" % (pc, self.sym(pc))
        except gdb.error as e:
            where = "no pc (%s)" % e
        if ev is None:
            return "no stop event; " + where
        if isinstance(ev, gdb.SignalEvent):
            return "stopped by %s at %s" % (ev.stop_signal, where)
        if isinstance(ev, gdb.BreakpointEvent):
            names = [(b.location or b.expression or "?") if b.is_valid() else "(deleted)"
                     for b in ev.breakpoints]
            return "stopped at breakpoint(s) %s, %s" % (", ".join(names), where)
        return "stopped (%s) at %s" % (type(ev).__name__, where)

    def hit(self, bp):
        ev = self.last_stop
        return isinstance(ev, gdb.BreakpointEvent) and bp in ev.breakpoints

    def run_to(self, bp, timeout, what):
        try:
            fired = self.cont(timeout)
        except gdb.error as e:
            lines = []
            try:
                with open(self.cfg["serial"], errors="replace") as f:
                    lines = f.read().splitlines()
            except OSError:
                pass
            skips = [l.strip() for l in lines if "# SKIP" in l][:3]
            raise Abort("%s not reached: `continue` failed: %s (the kernel ended and QEMU "
                        "exited?); the serial log ends: %s%s" % (
                            what, e, " | ".join(lines[-3:]),
                            "; skipped: " + " | ".join(skips) if skips else ""))
        if not self.hit(bp):
            raise Abort("%s not reached within %g s: %s%s" % (
                what, timeout, self.stop_desc(),
                "" if not fired else " (interrupted by the check's timeout)"))

    @staticmethod
    def pc():
        return int(gdb.parse_and_eval("$pc")) & 0xFFFFFFFF

    @staticmethod
    def sym(addr):
        try:
            s = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
        except gdb.error:
            return "?"
        return s.split(" in section")[0]

    @staticmethod
    def addr_of(name):
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name)) & 0xFFFFFFFF

    @staticmethod
    def line_of_pc():
        """(file, line) gdb's `info line *$pc` reports, or (None, text)."""
        text = gdb.execute("info line *$pc", to_string=True).strip()
        m = re.search(r'Line (\d+) of "([^"]+)"', text)
        if not m:
            return None, text
        return m.group(2), int(m.group(1))

    def command(self, chk, cmd):
        try:
            return self.ex(cmd)
        except gdb.error as e:
            chk.expect(False, "`%s` failed: %s" % (cmd, e))
            return ""

    # -- run 1 -------------------------------------------------------------

    def check_startup_32_breakpoint_has_head_asm_line(self, chk):
        bp = gdb.Breakpoint("startup_32")
        self.run_to(bp, 10, "the startup_32 breakpoint")
        bp.delete()
        want = self.addr_of("startup_32")
        chk.expect(self.pc() == want, "expected pc == &startup_32 = 0x%08x, got 0x%08x"
                   % (want, self.pc()))
        f, line = self.line_of_pc()
        chk.note("startup_32 at 0x%08x: `info line *$pc` says %s:%s" % (want, f, line))
        chk.expect(f is not None and f.endswith("boot/head.asm"),
                   "expected a line of boot/head.asm for $pc, got %r" % (f or line))
        chk.expect(isinstance(line, int) and line > 0, "expected a line number > 0")
        if not chk.ok:
            raise Abort("no line information at startup_32")

    def check_startup_32_stepi_keeps_head_asm_lines(self, chk):
        lines = []
        for i in range(3):
            before = self.pc()
            self.ex("stepi")
            after = self.pc()
            f, line = self.line_of_pc()
            lines.append("%s:%s@0x%08x" % (os.path.basename(f or "?"), line, after))
            chk.expect(after != before, "stepi %d did not move pc (0x%08x)" % (i + 1, after))
            chk.expect(f is not None and f.endswith("boot/head.asm") and line > 0,
                       "after stepi %d: expected a boot/head.asm line at 0x%08x, got %r"
                       % (i + 1, after, f or line))
        line_before = self.line_of_pc()[1]
        self.ex("next")
        f, line = self.line_of_pc()
        lines.append("next -> %s:%s" % (os.path.basename(f or "?"), line))
        chk.expect(f is not None and f.endswith("boot/head.asm") and isinstance(line, int)
                   and line != line_before,
                   "after next: expected another boot/head.asm line than %s, got %s:%s"
                   % (line_before, f, line))
        chk.note("stepped: " + ", ".join(lines))

    def check_start_kernel_magic_argument(self, chk):
        bp = gdb.Breakpoint("start_kernel")
        self.run_to(bp, 15, "the start_kernel breakpoint")
        bp.delete()
        try:
            v = gdb.parse_and_eval("magic")
            if v.is_optimized_out:
                raise gdb.error("optimized out")
            magic, how = int(v) & 0xFFFFFFFF, "the argument `magic`"
        except gdb.error as e:
            # cdecl: the first argument is just above the return address.
            magic = int(gdb.parse_and_eval("*(unsigned int *)($esp + 4)"))
            how = "the stack ($esp+4; `magic` unavailable: %s)" % e
        chk.note("magic = 0x%08x, read from %s" % (magic, how))
        chk.expect(magic == MAGIC, "expected magic == 0x%08x, got 0x%08x" % (MAGIC, magic))

    def check_mm_commands_before_mem_map(self, chk):
        # At start_kernel nothing of the page allocator exists yet: one line, no error.
        for cmd, want in (("lx-buddyinfo", "mem_map is NULL"), ("lx-page 1", "mem_map is NULL"),
                          ("lx-slabinfo", "cache_chain is empty"),
                          ("lx-slab size-64", "cache_chain is empty"),
                          ("lx-ps", "task_list is empty"), ("lx-bt", "task_list is empty"),
                          ("lx-vmallocinfo", "vmlist is empty"),
                          ("lx-pkmap", "pkmap_page_table is NULL")):
            out = self.command(chk, cmd).strip()
            chk.expect(len(out.splitlines()) == 1 and out.startswith("(" + want),
                       "`%s` at start_kernel: expected one '(%s ...)' line, got %r"
                       % (cmd, want, out[:300]))

    def check_system_state_running_after_boot(self, chk):
        # The very store that declares boot complete; a hardware
        # watchpoint (QEMU's stub has them), so the kernel runs at speed.
        wp = gdb.Breakpoint("system_state_running", gdb.BP_WATCHPOINT, gdb.WP_WRITE)
        self.run_to(wp, 20, "the write of system_state_running")
        chk.note("watchpoint on system_state_running hit: %s" % self.stop_desc())
        wp.delete()
        val = int(gdb.parse_and_eval("system_state_running"))
        chk.expect(val == 1, "expected system_state_running == 1, got %d" % val)

    def check_boot_command_line(self, chk):
        data = bytes(gdb.selected_inferior().read_memory(
            self.addr_of("boot_command_line"),
            int(gdb.parse_and_eval("sizeof(boot_command_line)"))))
        got = data.split(b"\0", 1)[0].decode("utf-8", "replace")
        chk.note("boot_command_line = %r" % got)
        chk.expect(got == self.cfg["cmdline"], "expected boot_command_line == %r, got %r"
                   % (self.cfg["cmdline"], got))

    def check_jiffies_ticking(self, chk):
        first = int(gdb.parse_and_eval("jiffies_64"))
        seen = [first]
        deadline = time.time() + 5
        while time.time() < deadline:
            if seen[-1] > INITIAL_JIFFIES and seen[-1] > first:
                break
            self.cont(0.3)
            if not isinstance(self.last_stop, gdb.SignalEvent):
                chk.note("unexpected stop while waiting for ticks: %s" % self.stop_desc())
            seen.append(int(gdb.parse_and_eval("jiffies_64")))
        chk.note("jiffies_64: %s" % " -> ".join("0x%x" % j for j in seen))
        chk.expect(seen[-1] > INITIAL_JIFFIES,
                   "expected jiffies_64 > INITIAL_JIFFIES 0x%x, got 0x%x"
                   % (INITIAL_JIFFIES, seen[-1]))
        chk.expect(seen[-1] > first, "jiffies_64 did not advance within 5 s (0x%x)" % first)

    def check_e820_nr_map(self, chk):
        nr = int(gdb.parse_and_eval("e820.nr_map"))
        chk.note("e820.nr_map = %d" % nr)
        chk.expect(nr >= 3, "expected e820.nr_map >= 3, got %d" % nr)

    def check_lx_dmesg(self, chk):
        out = self.command(chk, "lx-dmesg")
        want = "Kernel command line: " + self.cfg["cmdline"]
        chk.expect("Mneme version" in out, "expected 'Mneme version' in lx-dmesg output")
        chk.expect(want in out, "expected %r in lx-dmesg output" % want)
        leveled = [l for l in out.splitlines() if re.match(r"<\d+>", l)]
        chk.expect(not leveled, "levels not stripped, e.g. %r" % (leveled[:1],))
        if not chk.ok:
            chk.note("lx-dmesg said (first lines): %r" % out.splitlines()[:5])

    def check_lx_cmdline(self, chk):
        out = self.command(chk, "lx-cmdline").strip()
        chk.expect(out == self.cfg["cmdline"], "expected lx-cmdline to print %r, got %r"
                   % (self.cfg["cmdline"], out))

    def check_lx_e820(self, chk):
        out = self.command(chk, "lx-e820")
        chk.expect(re.search(r"\[mem 0x[0-9a-f]+-0x[0-9a-f]+\] usable", out),
                   "expected a '[mem 0x...-0x...] usable' line, got %r" % out[:300])

    def check_lx_idt_page_fault(self, chk):
        out = self.command(chk, "lx-idt")
        lines = [l for l in out.splitlines() if re.match(r"14\s", l)]
        chk.expect(lines, "no line for vector 14 in lx-idt output (%d lines)"
                   % len(out.splitlines()))
        if lines:
            chk.note(lines[0])
            chk.expect(re.search(r"\bpage_fault\b", lines[0]),
                       "vector 14's handler is not page_fault: %r" % lines[0])

    def check_lx_pte_kernel_text(self, chk):
        out = self.command(chk, "lx-pte 0xc0100000")
        m = re.search(r"0xc0100000 -> physical (0x[0-9a-f]+) \(([^)]*)\)", out)
        if chk.expect(m, "no '0xc0100000 -> physical ...' line in %r" % out):
            chk.note(m.group(0))
            chk.expect(int(m.group(1), 16) == 0x100000,
                       "expected physical 0x00100000, got %s" % m.group(1))
            chk.expect("present" in m.group(2), "mapping not reported present")

    def check_lx_timers_taint_help(self, chk):
        for cmd, pat in (("lx-timers", r"jiffies 0x[0-9a-f]+"),
                         ("lx-taint", r"ainted"),
                         ("mneme-help", r"lx-dmesg")):
            out = self.command(chk, cmd)
            chk.expect(re.search(pat, out), "`%s`: expected /%s/ in %r" % (cmd, pat, out[:200]))
        helptext = self.command(chk, "mneme-help")
        for name in ("lx-dmesg", "lx-cmdline", "lx-e820", "lx-timers", "lx-idt",
                     "lx-pte", "lx-taint"):
            chk.expect(name in helptext, "mneme-help does not list %s" % name)
        # A report that takes no arguments refuses one, saying so.
        try:
            self.ex("lx-taint now")
            chk.expect(False, "`lx-taint now` did not fail")
        except gdb.error as e:
            chk.expect("usage: lx-taint (no arguments)" in str(e),
                       "`lx-taint now`: expected a usage error, got %r" % str(e))

    # -- run 1: page frames --------------------------------------------------

    def serial_report(self, name):
        """The lines show_mem_at_boot() printed for /proc/<name>, or None."""
        try:
            with open(self.cfg["serial"], errors="replace") as f:
                text = f.read()
        except OSError:
            return None
        lines = [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in text.splitlines()]
        try:
            i = lines.index("--- /proc/%s ---" % name)
        except ValueError:
            return None
        section = []
        for line in lines[i + 1:]:
            if line.startswith("--- /proc/") or line.startswith("Mneme: "):
                break
            section.append(line)
        return section

    def compare_report(self, chk, name, mine, only=None):
        """mine (lines) must equal the kernel's report (its first `only` lines)."""
        kernel = self.serial_report(name)
        if not chk.expect(kernel, "no '--- /proc/%s ---' report in the serial log "
                          "(show_mem= on the command line?)" % name):
            return None
        if only is not None:
            kernel, mine = kernel[:only], mine[:only]
        if not chk.expect(mine == kernel, "lx-%s differs from the kernel's show_%s()" % (name, name)):
            import difflib
            for d in list(difflib.unified_diff(kernel, mine, "kernel", "lx-" + name,
                                               lineterm=""))[:30]:
                chk.note(d)
        return kernel

    @staticmethod
    def val(expr):
        return int(gdb.parse_and_eval(expr))

    def check_lx_buddyinfo_matches_kernel(self, chk):
        mine = self.command(chk, "lx-buddyinfo").splitlines()
        kernel = self.compare_report(chk, "buddyinfo", mine)
        if kernel:
            chk.note("%d zone lines, e.g. %r" % (len(kernel), kernel[-1]))
        # And against nr_free read directly, so a kernel bug in show_buddyinfo() shows too.
        for line in mine:
            m = re.match(r"Node 0, zone\s+(\S+)\s+((?:\d+\s+)+)$", line)
            if not chk.expect(m, "malformed line %r" % line):
                continue
            zone = self.zone_index(m.group(1))
            got = [int(x) for x in m.group(2).split()]
            want = [self.val("contig_page_data.node_zones[%d].free_area[%d].nr_free" % (zone, o))
                    for o in range(len(got))]
            chk.expect(got == want, "zone %s: lx-buddyinfo %s, nr_free %s"
                       % (m.group(1), got, want))

    def zone_index(self, name):
        for i in range(self.val("sizeof(contig_page_data.node_zones) / "
                                "sizeof(contig_page_data.node_zones[0])")):
            p = gdb.parse_and_eval("contig_page_data.node_zones[%d].name" % i)
            if p.string() == name:
                return i
        raise Abort("no zone named %r" % name)

    def check_lx_zoneinfo_matches_kernel(self, chk):
        out = self.command(chk, "lx-zoneinfo")
        self.compare_report(chk, "zoneinfo", out.splitlines())
        n = self.val("sizeof(contig_page_data.node_zones) / sizeof(contig_page_data.node_zones[0])")
        for i in range(n):
            name = gdb.parse_and_eval("contig_page_data.node_zones[%d].name" % i).string()
            free = self.val("contig_page_data.node_zones[%d].free_pages" % i)
            m = re.search(r"^Node 0, zone\s+%s\n  pages free\s+(\d+)$" % re.escape(name), out, re.M)
            if chk.expect(m, "no 'Node 0, zone %s' / 'pages free' lines" % name):
                chk.expect(int(m.group(1)) == free, "zone %s: pages free %s, free_pages %d"
                           % (name, m.group(1), free))

    def check_lx_meminfo_matches_kernel(self, chk):
        out = self.command(chk, "lx-meminfo").splitlines()
        # The lines gdb computes; meminfo_extra[] ones need a call into the kernel.
        self.compare_report(chk, "meminfo", out, only=6)
        total = self.val("totalram_pages")
        m = re.match(r"MemTotal:\s+(\d+) kB$", out[0] if out else "")
        if chk.expect(m, "no MemTotal line first: %r" % out[:1]):
            chk.note("%s (totalram_pages %d)" % (out[0], total))
            chk.expect(int(m.group(1)) == total * 4, "MemTotal %s kB, totalram_pages * 4 = %d"
                       % (m.group(1), total * 4))

    def check_lx_page_kernel_text_reserved(self, chk):
        pfn = (self.addr_of("start_kernel") - 0xC0000000) >> 12
        for cmd in ("lx-page %d" % pfn, "lx-page -a &start_kernel"):
            out = self.command(chk, cmd)
            flags = re.search(r"^  flags .*$", out, re.M)
            state = re.search(r"^  state\s+(.*)$", out, re.M)
            chk.expect(re.search(r"^page:[0-9a-f]{8} pfn:%#x " % pfn, out, re.M),
                       "`%s`: no 'page:... pfn:%#x' line in %r" % (cmd, pfn, out[:300]))
            chk.expect(flags and "reserved" in flags.group(0),
                       "`%s`: flags do not say reserved: %r" % (cmd, flags and flags.group(0)))
            chk.expect(state and state.group(1).startswith("reserved"),
                       "`%s`: state is not reserved: %r" % (cmd, state and state.group(1)))
        chk.note("pfn %#x (start_kernel): %s" % (pfn, state.group(1)[:60] if state else "?"))

    def first_free_block(self):
        """(zone name, order, pfn) of the first block of the highest non-empty order."""
        lru = self.val("(unsigned long)&((struct page *)0)->lru")
        size = self.val("sizeof(struct page)")
        mem_map = self.val("(unsigned long)mem_map")
        n = self.val("sizeof(contig_page_data.node_zones) / sizeof(contig_page_data.node_zones[0])")
        orders = self.val("sizeof(contig_page_data.node_zones[0].free_area) / "
                          "sizeof(contig_page_data.node_zones[0].free_area[0])")
        for i in range(n):
            for o in reversed(range(orders)):
                fa = "contig_page_data.node_zones[%d].free_area[%d]" % (i, o)
                if self.val(fa + ".nr_free"):
                    node = self.val("(unsigned long)%s.free_list.next" % fa)
                    name = gdb.parse_and_eval("contig_page_data.node_zones[%d].name" % i).string()
                    return name, o, (node - lru - mem_map) // size
        raise Abort("no free block in any zone")

    def check_lx_page_free_block(self, chk):
        zone, order, pfn = self.first_free_block()
        out = self.command(chk, "lx-page %d" % pfn)
        want = "free: the head of a free block of order %d" % order
        chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (pfn, want, out[-400:]))
        want = "on zone %s's free_area[%d].free_list (entry 1 of" % (zone, order)
        chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (pfn, want, out[-400:]))
        chk.note("pfn %#x: head of an order-%d block in zone %s" % (pfn, order, zone))
        if order:
            inner = pfn + (1 << order) - 1
            out = self.command(chk, "lx-page %d" % inner)
            want = "free: page %d of the free block of order %d at pfn %#x" % (
                (1 << order) - 1, order, pfn)
            chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (inner, want, out[-400:]))

    def check_lx_freelist_pcp(self, chk):
        zone, order, pfn = self.first_free_block()
        out = self.command(chk, "lx-freelist %s %d -n 1" % (zone, order))
        m = re.search(r"^    pfn (0x[0-9a-f]+)-", out, re.M)
        chk.expect(m and int(m.group(1), 16) == pfn,
                   "`lx-freelist %s %d`: expected pfn %#x first, got %r" % (zone, order, pfn, out[:300]))
        chk.expect("<-" not in out, "lx-freelist reports a problem: %r" % out[:400])
        out = self.command(chk, "lx-pcp")
        for i, name in enumerate(("hot", "cold")):
            count = self.val("contig_page_data.node_zones[0].pageset[0].pcp[%d].count" % i)
            chk.expect(re.search(r"^  %s\s+\(pcp\[%d\]\): count %d," % (name, i, count), out, re.M),
                       "lx-pcp: no '%s (pcp[%d]): count %d' line in %r" % (name, i, count, out[:300]))
        chk.expect("<-" not in out, "lx-pcp reports a problem: %r" % out[:400])
        helptext = self.command(chk, "mneme-help")
        for name in ("lx-buddyinfo", "lx-zoneinfo", "lx-meminfo", "lx-page", "lx-freelist",
                     "lx-pcp", "lx-memlayout"):
            chk.expect(name in helptext, "mneme-help does not list %s" % name)

    def check_lx_memlayout_matches_kernel(self, chk):
        out = self.command(chk, "lx-memlayout")
        with open(self.cfg["serial"], errors="replace") as f:
            msg = re.search(r"paging: .*vmalloc (0x[0-9a-f]+)-(0x[0-9a-f]+), pkmap (0x[0-9a-f]+), "
                            r"fixmap (0x[0-9a-f]+)", f.read())
        if not chk.expect(msg, "no 'paging: ... vmalloc ..., pkmap ..., fixmap ...' line in "
                          "the serial log"):
            return
        vs, ve, pk, fx = (int(x, 16) for x in msg.groups())
        for name, a, b in (("vmalloc", vs, ve), ("pkmap", pk, None), ("fixmap", fx, 0xFFFFF000)):
            m = re.search(r"^    %s\s*: (0x[0-9a-f]+) - (0x[0-9a-f]+)" % name, out, re.M)
            if chk.expect(m, "no '%s :' line in lx-memlayout" % name):
                chk.expect(int(m.group(1), 16) == a and (b is None or int(m.group(2), 16) == b),
                           "%s: lx-memlayout %s, the kernel 0x%x-%s"
                           % (name, m.group(0).strip(), a, "?" if b is None else "0x%x" % b))
        hm = self.val("(unsigned long)high_memory")
        chk.expect(re.search(r"^    lowmem\s*: 0xc0000000 - 0x%08x" % hm, out, re.M),
                   "lowmem does not end at high_memory 0x%08x" % hm)
        chk.expect("DISAGREES" not in out, "lx-memlayout's own checks: %r"
                   % [l for l in out.splitlines() if "DISAGREES" in l])
        chk.note("kernel: vmalloc 0x%x-0x%x, pkmap 0x%x, fixmap 0x%x" % (vs, ve, pk, fx))

    # -- run 1: slab caches ----------------------------------------------------

    SLABINFO_RE = re.compile(r"^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+(\d+)"
                             r"\s+(\d+)\s+(\d+) : slabdata\s+(\d+)\s+(\d+)\s+(\d+)$")

    def slabinfo_rows(self, lines):
        """{cache name: {active_objs, num_objs, ..., num_slabs}} of slabinfo lines."""
        rows = {}
        for line in lines[2:]:
            m = self.SLABINFO_RE.match(line)
            if m:
                v = [int(x) for x in m.groups()[1:]]
                rows[m.group(1)] = dict(zip(("active_objs", "num_objs", "objsize", "objperslab",
                                             "pagesperslab", "limit", "batchcount", "shared",
                                             "active_slabs", "num_slabs", "sharedavail"), v))
        return rows

    def slab_caches(self):
        """[(address, name)] of cache_chain, read with gdb expressions only."""
        head = self.addr_of("cache_chain")
        off = self.val("(unsigned long)&((struct kmem_cache_s *)0)->next")
        node = self.val("(unsigned long)cache_chain.next") & 0xFFFFFFFF
        caches = []
        while node != head and len(caches) < 1024:
            c = node - off
            caches.append((c, gdb.parse_and_eval("((struct kmem_cache_s *)%d)->name" % c).string()))
            node = self.val("(unsigned long)((struct list_head *)%d)->next" % node) & 0xFFFFFFFF
        return caches

    def cache_val(self, c, field):
        return self.val("(unsigned long)((struct kmem_cache_s *)%d)->%s" % (c, field)) & 0xFFFFFFFF

    def compare_slabinfo(self, chk):
        out = self.command(chk, "lx-slabinfo").splitlines()
        kernel = self.compare_report(chk, "slabinfo", out)
        if not kernel:
            return
        # And against cache_chain read directly: the same caches in the same order.
        caches = self.slab_caches()
        rows = self.slabinfo_rows(out)
        names = [n for _, n in caches]
        chk.expect(list(rows) == names, "lx-slabinfo lists %s, cache_chain holds %s"
                   % (list(rows), names))
        for addr, name in caches:
            if name in rows:
                ns = self.cache_val(addr, "num_slabs")
                chk.expect(rows[name]["num_slabs"] == ns, "%s: lx-slabinfo num_slabs %d, the "
                           "cache's num_slabs %d" % (name, rows[name]["num_slabs"], ns))
        line = [l for l in kernel if l.startswith(SLAB_CACHE + " ")]
        chk.note("%d caches, e.g. %r" % (len(caches), line[0] if line else kernel[-1]))

    def check_lx_slabinfo_matches_kernel(self, chk):
        self.compare_slabinfo(chk)

    def check_lx_slab_consistent_totals(self, chk):
        kernel = self.slabinfo_rows(self.serial_report("slabinfo") or [])
        c, name = self.pick_cache()
        if not chk.expect(name in kernel, "no %s line in the kernel's slabinfo report" % name):
            return
        out = self.command(chk, "lx-slab %s" % name)
        chk.expect("<-" not in out, "lx-slab %s flags problems: %r" % (
            name, [l for l in out.splitlines() if "<-" in l][:5]))
        m = re.search(r"^  slabinfo: active_objs (\d+), num_objs (\d+), active_slabs (\d+), "
                      r"num_slabs (\d+)", out, re.M)
        if chk.expect(m, "no '  slabinfo: active_objs ...' line in %r" % out[:600]):
            got = dict(zip(("active_objs", "num_objs", "active_slabs", "num_slabs"),
                           (int(x) for x in m.groups())))
            want = {k: kernel[name][k] for k in got}
            chk.expect(got == want, "lx-slab %s counted %s on the lists, the kernel reported %s"
                       % (name, got, want))
        m = re.search(r"^check: consistent: (\d+) slabs?, (\d+) objects?: (\d+) active \((\d+) in "
                      r"the per-CPU arrays, (\d+) held by users\), (\d+) free in the slabs$",
                      out, re.M)
        if chk.expect(m, "no 'check: consistent: ...' line: %r" % out.splitlines()[-1:]):
            chk.note("%s: %s" % (name, m.group(0)))
            slabs, objs, active, in_arrays, users, free = (int(x) for x in m.groups())
            direct = {"num_slabs": self.cache_val(c, "num_slabs"),
                      "free_objects": self.cache_val(c, "lists.free_objects"),
                      "avail": self.val("((struct kmem_cache_s *)%d)->array[0]->avail" % c)}
            chk.expect((slabs, free, in_arrays) == (direct["num_slabs"], direct["free_objects"],
                                                   direct["avail"]),
                       "lx-slab: %d slabs, %d free, %d in the array; the cache says %s"
                       % (slabs, free, in_arrays, direct))
            slab_lines = re.findall(r"^  slab 0x[0-9a-f]{8}: pfn ", out, re.M)
            chk.expect(slabs > 16 or len(slab_lines) == slabs,      # -n's default: 16 a list
                       "%d slab lines for %d slabs" % (len(slab_lines), slabs))
        # Every cache with slabs, by address: consistent too.
        bad = []
        for addr, n in self.slab_caches():
            if not self.cache_val(addr, "num_slabs"):
                continue
            o = self.command(chk, "lx-slab 0x%x -n 1" % addr)
            if not re.search(r"^check: consistent: ", o, re.M) or "<-" in o:
                bad.append("%s: %r" % (n, [l for l in o.splitlines() if "<-" in l or
                                           l.startswith("check:")][:4]))
        chk.expect(not bad, "lx-slab flags problems in: %s" % "; ".join(bad[:5]))

    def slab_in_use(self, c, allocated=False):
        """(slab, s_mem, index of a BUFCTL_ACTIVE object) of cache c, by gdb expressions;
        allocated: one handed out to a user (not sitting in the per-CPU array)."""
        entries = set(self.array_entries(c)) if allocated else set()
        list_off = self.val("(unsigned long)&((struct slab *)0)->list")
        for lst in ("slabs_partial", "slabs_full"):
            head = c + self.val("(unsigned long)&((struct kmem_cache_s *)0)->lists.%s" % lst)
            nxt = self.cache_val(c, "lists.%s.next" % lst)
            if nxt == head:
                continue
            slab = nxt - list_off
            num, objsize = self.cache_val(c, "num"), self.cache_val(c, "objsize")
            s_mem = self.val("(unsigned long)((struct slab *)%d)->s_mem" % slab) & 0xFFFFFFFF
            bufctl = "((unsigned int *)((struct slab *)%d + 1))" % slab
            for i in range(num):
                if self.val("%s[%d]" % (bufctl, i)) & 0xFFFFFFFF == 0xFFFFFFFE and \
                        s_mem + i * objsize not in entries:
                    return slab, s_mem, i
        raise LookupError("cache 0x%x has no object in use in its slabs" % c)

    def pick_cache(self, allocated=False, red_zone=False):
        """(address, name) of SLAB_CACHE, or else of the first cache on the chain,
        with an object in use in its slabs (allocated, with red zones: see slab_in_use)."""
        caches = sorted(self.slab_caches(), key=lambda c: c[1] != SLAB_CACHE)
        for addr, name in caches:
            if red_zone and not self.cache_val(addr, "flags") & 0x400:    # SLAB_RED_ZONE
                continue
            try:
                self.slab_in_use(addr, allocated)
                return addr, name
            except LookupError:
                continue
        raise LookupError("no cache has an object %s" % ("allocated" if allocated else "in use"))

    def array_entries(self, c):
        ac = "((struct kmem_cache_s *)%d)->array[0]" % c
        avail = self.val("%s->avail" % ac)
        return [self.val("(unsigned long)((void **)(%s + 1))[%d]" % (ac, i)) & 0xFFFFFFFF
                for i in range(min(avail, 1024))]

    def check_lx_slabobj_lx_page_name_the_cache(self, chk):
        c, name = self.pick_cache()
        objsize, dbghead, num = (self.cache_val(c, f) for f in ("objsize", "dbghead", "num"))
        slab, s_mem, i = self.slab_in_use(c)
        slot = s_mem + i * objsize
        obj = slot + dbghead
        entries = self.array_entries(c)
        out = self.command(chk, "lx-slabobj 0x%x" % (obj + 5))
        head = "0x%08x: cache '%s' (0x%08x), slab 0x%08x" % (obj + 5, name, c, slab)
        chk.expect(out.startswith(head), "lx-slabobj: expected %r first, got %r"
                   % (head, out[:300]))
        want = "object %d of %d: starts at 0x%08x" % (i, num, obj)
        chk.expect(want in out, "lx-slabobj: expected %r in %r" % (want, out[:500]))
        want = "state: in the per-CPU array" if slot in entries else "state: allocated"
        chk.expect(want in out, "lx-slabobj: expected %r in %r" % (want, out[:500]))
        chk.note("0x%08x: object %d of slab 0x%08x of %s (%s)" % (obj + 5, i, slab, name,
                                                                    want[7:]))
        if entries:
            e = entries[-1]
            out = self.command(chk, "lx-slabobj 0x%x" % (e + dbghead))
            want = "state: in the per-CPU array (array[0] entry %d of avail %d" % (
                len(entries) - 1, len(entries))
            chk.expect(want in out and "cache '%s'" % name in out,
                       "lx-slabobj on the array's newest entry 0x%08x: expected %r in %r"
                       % (e, want, out[:500]))
        free = self.val("((struct slab *)%d)->free" % slab) & 0xFFFFFFFF
        if free != 0xFFFFFFFF:
            out = self.command(chk, "lx-slabobj 0x%x" % (s_mem + free * objsize + dbghead))
            chk.expect("state: free in its slab: entry 1 of" in out,
                       "lx-slabobj on the slab's first free object %d: %r" % (free, out[:500]))
        out = self.command(chk, "lx-page -a 0x%x" % obj)
        want = "slab page of cache '%s' (0x%08x), slab 0x%08x" % (name, c, slab)
        chk.expect(want in out, "lx-page -a 0x%x: expected %r in %r" % (obj, want, out[-600:]))
        helptext = self.command(chk, "mneme-help")
        for name in ("lx-slabinfo", "lx-slab ", "lx-slabobj"):
            chk.expect(name in helptext, "mneme-help does not list %s" % name.strip())

    # -- run 2 -------------------------------------------------------------

    def check_no_multiboot_message(self, chk):
        bp = gdb.Breakpoint("startup_32")
        self.run_to(bp, 10, "the startup_32 breakpoint")
        bp.delete()
        self.ex("set $eax = 0x%x" % BAD_EAX)
        sk = gdb.Breakpoint("start_kernel")
        serial = self.cfg["serial"]

        def message_seen():
            try:
                with open(serial, errors="replace") as f:
                    return NO_MULTIBOOT_MSG in f.read()
            except OSError:
                return False

        # Interrupt once the message is out (or after 5 s), as Ctrl-C would.
        self.cont(5, message_seen)
        chk.expect(not self.hit(sk), "start_kernel was reached despite EAX=0x%08x" % BAD_EAX)
        chk.note("then: %s" % self.stop_desc())
        time.sleep(0.1)
        with open(serial, errors="replace") as f:
            text = f.read()
        chk.expect(NO_MULTIBOOT_MSG in text, "expected %r in the serial log, got %r"
                   % (NO_MULTIBOOT_MSG, text[-300:]))

    # -- run 3: slab_debug -----------------------------------------------------

    def check_slab_debug_boot(self, chk):
        wp = gdb.Breakpoint("system_state_running", gdb.BP_WATCHPOINT, gdb.WP_WRITE)
        self.run_to(wp, 20, "the write of system_state_running")
        wp.delete()
        chk.expect(self.val("slab_debug_all") == 1, "slab_debug_all is not 1 with slab_debug "
                   "on the command line")

    def check_slab_debug_lx_slabinfo_matches_kernel(self, chk):
        self.compare_slabinfo(chk)

    def check_slab_debug_lx_slab_red_zones(self, chk):
        c, name = self.pick_cache(allocated=True, red_zone=True)
        objsize, dbghead, num = (self.cache_val(c, f) for f in ("objsize", "dbghead", "num"))
        out = self.command(chk, "lx-slab %s -v -n 0" % name)
        chk.expect("<-" not in out and re.search(r"^check: consistent: ", out, re.M),
                   "lx-slab %s -v flags problems: %r" % (name, [
                       l for l in out.splitlines() if "<-" in l or l.startswith("check:")][:5]))
        flags = re.search(r"^  flags 0x[0-9a-f]+: (\S+)$", out, re.M)
        flags = flags.group(1).split("|") if flags else []
        chk.expect(all(f in flags for f in ("SLAB_RED_ZONE", "SLAB_POISON", "SLAB_STORE_USER")),
                   "flags do not say SLAB_RED_ZONE|SLAB_POISON|SLAB_STORE_USER: %r" % flags)
        objs = re.findall(r"^    \[\s*(\d+)\] (0x[0-9a-f]{8}) (allocated|in the array|free)\s+"
                          r"red zones (\w+)/(\w+)(?:, poison (\w+))?, last user (\S+)$", out, re.M)
        nslabs = self.cache_val(c, "num_slabs")
        chk.expect(len(objs) == nslabs * num, "%d object lines with red zones, expected %d x %d"
                   % (len(objs), nslabs, num))
        seen = {}
        for idx, addr, state, rz1, rz2, poison, user in objs:
            seen.setdefault(state, (int(addr, 16), user))
            if state == "allocated":
                ok = rz1 == rz2 == "active" and not poison and not user.startswith(("0x", "-"))
            else:
                ok = rz1 == rz2 == "inactive" and poison == "intact"
            chk.expect(ok, "object %s at %s (%s): red zones %s/%s, poison %s, last user %s"
                       % (idx, addr, state, rz1, rz2, poison or "-", user))
        chk.note("%s: %d objects: %s" % (name, len(objs), ", ".join(
            "%d %s" % (sum(1 for o in objs if o[2] == st), st) for st in sorted(seen))))
        if not chk.expect("allocated" in seen, "no allocated object in %s" % name):
            return
        obj, user = seen["allocated"]
        for off, word in ((-4, 0x170FC2A5), (self.cache_val(c, "reallen"), 0x170FC2A5)):
            v = self.val("*(unsigned int *)0x%x" % (obj + off)) & 0xFFFFFFFF
            chk.expect(v == word, "the word at 0x%x is 0x%08x, expected RED_ACTIVE"
                       % (obj + off, v))
        out = self.command(chk, "lx-slabobj 0x%x" % obj)
        want = "debug: red zones active/active, last user %s" % user
        chk.expect("state: allocated" in out and want in out,
                   "lx-slabobj 0x%x: expected 'state: allocated' and %r in %r" % (obj, want, out))
        out = self.command(chk, "lx-slabobj 0x%x" % (obj - 4))
        chk.expect("address is in red zone 1" in out, "lx-slabobj 0x%x: %r" % (obj - 4, out))
        chk.note("object 0x%08x (slot %d bytes, dbghead %d): last user %s"
                 % (obj, objsize, dbghead, user))

    # -- run 4: stopped inside self-tests (kmap, sched, vmalloc) -----------------

    PS_RE = re.compile(r"^\s*(\d+) (.{14}) +(\d+) +(\d+) +(\d+) ([0-9a-f]{8}) (\S+) +"
                       r"([0-9a-f]{8}) ([0-9a-f]{8}) (.*)$")
    PS_HEADER = "  PID STATE          VOLCSW INVOLCSW RUNTIME(ms) STACK    COMM"
    STATE_NAMES = {0: "R (runnable)", 1: "S (sleeping)", 2: "D (disk sleep)", 16: "Z (zombie)",
                   64: "X (dead)"}

    def tasks_direct(self):
        """task_list read with gdb expressions: [{pid, state, comm, stack, addr, ...}]."""
        head = self.addr_of("task_list")
        off = self.val("(unsigned long)&((struct task_struct *)0)->tasks")
        node = self.val("(unsigned long)task_list.next") & 0xFFFFFFFF
        cur = self.val("(unsigned long)current_task") & 0xFFFFFFFF
        tasks = []
        while node != head and len(tasks) < 256:
            a = node - off
            t = "((struct task_struct *)%d)" % a
            state = self.val(t + "->state")
            tasks.append({"addr": a, "pid": self.val(t + "->pid"), "state": state,
                          "name": "R (running)" if a == cur else self.STATE_NAMES.get(state, "?"),
                          "comm": gdb.parse_and_eval(t + "->comm").string(),
                          "stack": self.val("(unsigned long)%s->stack" % t) & 0xFFFFFFFF,
                          "esp": self.val("%s->thread.esp" % t) & 0xFFFFFFFF,
                          "arg": self.val("(unsigned long)%s->thread_arg" % t) & 0xFFFFFFFF,
                          "current": a == cur})
            node = self.val("(unsigned long)((struct list_head *)%d)->next" % node) & 0xFFFFFFFF
        return tasks

    def ps(self, chk):
        """lx-ps, checked against task_list read directly: ({pid: row}, tasks, output)."""
        out = self.command(chk, "lx-ps")
        rows = {}
        for line in out.splitlines()[1:]:
            m = self.PS_RE.match(line)
            if m:
                rows[int(m.group(1))] = {"state": m.group(2).strip(), "comm": m.group(7),
                                         "stack": int(m.group(6), 16), "wchan": m.group(10),
                                         "line": line}
        chk.expect(out.startswith(self.PS_HEADER), "lx-ps: no show_state() header first: %r"
                   % out[:200])
        checks = [l for l in out.splitlines() if l.startswith("check:")]
        chk.expect(checks and checks[0].startswith("check: consistent:") and "<-" not in out,
                   "lx-ps reports problems: %r" % ([l for l in out.splitlines()
                                                    if "<-" in l] + checks)[:6])
        tasks = self.tasks_direct()
        chk.expect(sorted(rows) == sorted(t["pid"] for t in tasks),
                   "lx-ps lists pids %s, task_list holds %s" % (sorted(rows),
                                                               [t["pid"] for t in tasks]))
        for t in tasks:
            r = rows.get(t["pid"])
            if r:
                chk.expect((r["state"], r["comm"], r["stack"]) == (t["name"], t["comm"],
                                                                   t["stack"]),
                           "pid %d: lx-ps says %s %s stack %08x; the task_struct %s %s %08x"
                           % (t["pid"], r["state"], r["comm"], r["stack"], t["name"],
                              t["comm"], t["stack"]))
        return rows, tasks, out

    def finish_call(self, what, timeout=5):
        """Run to the return address of the function the kernel is stopped at the entry of."""
        ret = int(gdb.newest_frame().older().pc()) & 0xFFFFFFFF
        bp = gdb.Breakpoint("*0x%x" % ret, internal=True)
        try:
            self.run_to(bp, timeout, "the return from %s to 0x%08x (%s)" % (what, ret,
                                                                          self.sym(ret)))
        finally:
            bp.delete()

    def dmesg_lines(self):
        return [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in self.ex("lx-dmesg").splitlines()]

    def check_ktest_boot_lx_vmallocinfo_lx_ps(self, chk):
        wp = gdb.Breakpoint("system_state_running", gdb.BP_WATCHPOINT, gdb.WP_WRITE)
        self.run_to(wp, 20, "the write of system_state_running (1 GB, ktest=kmap,...)")
        wp.delete()
        mine = self.command(chk, "lx-vmallocinfo").splitlines()
        kernel = self.compare_report(chk, "vmallocinfo", mine)
        if kernel:
            chk.note("boot: %d area%s, e.g. %r" % (len(kernel), "" if len(kernel) == 1 else "s",
                                                   kernel[0]))
        out = self.command(chk, "lx-vmallocinfo -v")
        chk.expect("<-" not in out and re.search(r"^check: consistent: ", out, re.M),
                   "lx-vmallocinfo -v reports problems: %r" % [
                       l for l in out.splitlines() if "<-" in l or l.startswith("check:")][:6])
        rows, tasks, _ = self.ps(chk)
        chk.expect(rows.get(1, {}).get("state") == "R (running)" and
                   rows.get(0, {}).get("comm") == "swapper",
                   "expected init (pid 1) running and swapper (pid 0): %r" % (
                       [r["line"] for r in rows.values()],))
        helptext = self.command(chk, "mneme-help")
        for name in ("lx-ps", "lx-bt", "lx-vmallocinfo", "lx-pkmap"):
            chk.expect(name in helptext, "mneme-help does not list %s" % name)

    def check_kmap_latecomer_starts_lx_ps_lx_bt(self, chk):
        bp = gdb.Breakpoint("latecomer")
        self.run_to(bp, 15, "the first latecomer thread (kmap test_exhaustion_sleeps_and_wakes)")
        bp.delete()
        rows, tasks, out = self.ps(chk)
        late = [t for t in tasks if t["comm"] == "latecomer"]
        cur = [t for t in tasks if t["current"]]
        if not chk.expect(len(late) == NR_LATECOMERS and cur and cur[0] in late,
                          "expected %d latecomer threads, one of them current: %r"
                          % (NR_LATECOMERS, out)):
            return
        for t in late:
            r = rows.get(t["pid"], {})
            want = "running: latecomer" if t["current"] else "new: latecomer"
            chk.expect(r.get("wchan", "").startswith(want), "pid %d: WCHAN %r, expected %r"
                       % (t["pid"], r.get("wchan"), want))
        r = rows.get(1, {})
        chk.expect(r.get("state") == "D (disk sleep)" and
                   r.get("wchan", "").startswith("schedule_timeout+"),
                   "init (pid 1) should sleep in msleep -> schedule_timeout: %r" % r.get("line"))
        chk.note(r.get("line", ""))
        bt = self.command(chk, "lx-bt 1")
        frames = re.findall(r"^#(\d+) +0x([0-9a-f]{8}) in (\S+)", bt, re.M)
        names = [f[2].split("+")[0] for f in frames]
        for want in ("schedule", "schedule_timeout", "msleep",
                     "test_exhaustion_sleeps_and_wakes", "ret_from_kernel_thread"):
            chk.expect(want in names, "lx-bt 1: no frame in %s: %r" % (want, bt))
        chk.expect([int(f[0]) for f in frames] == list(range(len(frames))),
                   "lx-bt 1: frames not numbered 0..n: %r" % bt)
        init = [t for t in tasks if t["pid"] == 1][0]
        ret = self.val("*(unsigned long *)%d" % (init["esp"] + 16)) & 0xFFFFFFFF
        chk.expect(frames and int(frames[0][1], 16) == ret,
                   "lx-bt 1: frame #0 should be __switch_to's return address 0x%08x "
                   "(thread.esp + 16)" % ret)
        chk.note("lx-bt 1: " + " <- ".join(names))
        new = [t for t in late if not t["current"]][0]
        bt = self.command(chk, "lx-bt %d" % new["pid"])
        want = "not run yet; will call latecomer(0x%08x)" % new["arg"]
        chk.expect(want in bt, "lx-bt %d: expected %r in %r" % (new["pid"], want, bt))
        bt = self.command(chk, "lx-bt")
        chk.expect("gdb's backtrace" in bt and re.search(r"^#0 +latecomer ", bt, re.M),
                   "lx-bt of the running latecomer should be gdb's bt in latecomer: %r" % bt)

    def msleep_return(self):
        """The address right after test_exhaustion_sleeps_and_wakes' call to msleep()."""
        fn = "test_exhaustion_sleeps_and_wakes"
        blk = gdb.block_for_pc(self.addr_of(fn))
        while blk is not None and (blk.function is None or blk.function.name != fn):
            blk = blk.superblock
        if blk is None:
            raise Abort("no block for %s in the debug info" % fn)
        arch = gdb.newest_frame().architecture()
        for insn in arch.disassemble(blk.start, blk.end - 1):
            if "call" in insn["asm"] and "<msleep>" in insn["asm"]:
                return insn["addr"] + insn["length"]
        raise Abort("%s calls no msleep(): the test changed; update %s" % (
            fn, os.path.basename(__file__)))

    def check_kmap_all_slots_held_lx_pkmap(self, chk):
        bp = gdb.Breakpoint("*0x%x" % self.msleep_return())
        self.run_to(bp, 10, "test_exhaustion_sleeps_and_wakes right after its msleep(10)")
        bp.delete()
        raw = bytes(gdb.selected_inferior().read_memory(self.addr_of("pkmap_count"),
                                                        4 * LAST_PKMAP))
        counts = [int.from_bytes(raw[4 * i:4 * i + 4], "little", signed=True)
                  for i in range(LAST_PKMAP)]
        used = sum(1 for c in counts if c > 1)
        stale = counts.count(1)
        free = counts.count(0)
        users = sum(c - 1 for c in counts if c > 1)
        chk.expect(used == LAST_PKMAP, "pkmap_count: %d slots in use, the test holds all %d"
                   % (used, LAST_PKMAP))
        out = self.command(chk, "lx-pkmap")
        want = "  %d in use (%d users), %d stale" % (used, users, stale)
        chk.expect(want in out and ", %d free" % free in out,
                   "lx-pkmap: expected %r and %d free in %r" % (want, free, out[:400]))
        waits = self.val("kmap_waits")
        chk.expect("kmap_waits %d," % waits in out, "lx-pkmap: expected kmap_waits %d in %r"
                   % (waits, out[:400]))
        m = re.search(r"^  pkmap_map_wait: (\d+) waiters?: (.*)$", out, re.M)
        late = sorted(t["pid"] for t in self.tasks_direct() if t["comm"] == "latecomer")
        if chk.expect(m, "lx-pkmap: no 'pkmap_map_wait: N waiters' line in %r" % out[:600]):
            pids = sorted(int(p) for p in re.findall(r"pid (\d+) \(latecomer\) D", m.group(2)))
            chk.expect(int(m.group(1)) == NR_LATECOMERS and pids == late,
                       "pkmap_map_wait: expected the latecomers %s asleep, got %r"
                       % (late, m.group(0)))
        pte0 = self.val("*(unsigned long *)pkmap_page_table") & 0xFFFFFFFF
        chk.expect(re.search(r"^ +0 0x[0-9a-f]{8} +%d +0x%x " % (counts[0], pte0 >> 12), out,
                             re.M), "lx-pkmap: slot 0 should show count %d, pfn 0x%x: %r"
                   % (counts[0], pte0 >> 12, out[:800]))
        chk.expect("<-" not in out and re.search(r"^check: consistent: %d slots in use or stale"
                                                 % (used + stale), out, re.M),
                   "lx-pkmap's checks: %r" % [l for l in out.splitlines()
                                              if "<-" in l or l.startswith("check")][:6])
        chk.note(" | ".join([l for l in out.splitlines() if l.startswith("  ")][:3]))

    def check_kmap_sleepers_lx_ps_lx_bt(self, chk):
        rows, tasks, out = self.ps(chk)
        late = [t for t in tasks if t["comm"] == "latecomer"]
        chk.expect(len(late) == NR_LATECOMERS, "expected %d latecomers: %r" % (NR_LATECOMERS, out))
        for t in late:
            r = rows.get(t["pid"], {})
            chk.expect(r.get("state") == "D (disk sleep)" and
                       re.match(r"kmap\+0x[0-9a-f]+ \(map_new_virtual\)$", r.get("wchan", "")),
                       "pid %d should sleep in kmap (map_new_virtual inlined): %r"
                       % (t["pid"], r.get("line")))
        r = rows.get(1, {})
        chk.expect(r.get("state") == "R (running)" and
                   r.get("wchan", "").startswith("running: test_exhaustion_sleeps_and_wakes+"),
                   "init should run test_exhaustion_sleeps_and_wakes: %r" % r.get("line"))
        if not late:
            return
        pid = late[0]["pid"]
        bt = self.command(chk, "lx-bt %d" % pid)
        frames = re.findall(r"^#\d+ +0x[0-9a-f]{8} in (\S+)(?: \[inlined: ([^\]]*)\])?", bt, re.M)
        names = [f[0].split("+")[0] for f in frames]
        chk.expect(names[:1] == ["schedule"] and "kmap" in names and "latecomer" in names and
                   names[-1:] == ["ret_from_kernel_thread"] and "(the walk stops" not in bt,
                   "lx-bt %d: expected schedule <- kmap <- latecomer <- ret_from_kernel_thread: %r"
                   % (pid, bt))
        kmap = [f for f in frames if f[0].startswith("kmap+")]
        chk.expect(kmap and "map_new_virtual" in kmap[0][1],
                   "lx-bt %d: the kmap frame should name map_new_virtual (inlined): %r" % (pid, bt))
        chk.note("lx-bt %d: %s" % (pid, " <- ".join(
            n + ("[%s]" % f[1] if f[1] else "") for n, f in zip(names, frames))))

    def check_kmap_lx_vmallocinfo_lists_thread_stacks(self, chk):
        out = self.command(chk, "lx-vmallocinfo")
        lines = out.splitlines()
        n = 0
        node = self.val("(unsigned long)vmlist") & 0xFFFFFFFF
        while node and n < 4096:
            n += 1
            node = self.val("(unsigned long)((struct vm_struct *)%d)->next" % node) & 0xFFFFFFFF
        chk.expect(len(lines) == n, "lx-vmallocinfo: %d lines for %d areas on vmlist"
                   % (len(lines), n))
        tasks = self.tasks_direct()
        for t in tasks:
            if t["pid"] == 0:
                continue            # the boot thread's stack is init_thread_union
            want = "0x%08x-0x%08x %7d kernel_thread+0x" % (t["stack"], t["stack"] + THREAD_SIZE +
                                                          4096, THREAD_SIZE + 4096)
            hit = [l for l in lines if l.startswith(want)]
            chk.expect(len(hit) == 1 and hit[0].endswith(" pages=%d vmalloc" % (THREAD_SIZE >> 12)),
                       "pid %d's stack: expected one line %r... pages=2 vmalloc in %r"
                       % (t["pid"], want, lines))
        chk.note("%d areas: %d thread stacks" % (n, len(tasks) - 1))
        self.latecomer_stacks = [t["stack"] for t in tasks if t["comm"] == "latecomer"]
        out = self.command(chk, "lx-vmallocinfo -v")
        chk.expect("<-" not in out and re.search(r"^check: consistent: %d areas" % n, out, re.M),
                   "lx-vmallocinfo -v reports problems: %r" % [
                       l for l in out.splitlines() if "<-" in l or l.startswith("check:")][:6])

    def check_sched_show_state_matches_lx_ps(self, chk):
        bp = gdb.Breakpoint("show_state")
        self.run_to(bp, 15, "show_state() (sched test_show_state)")
        bp.delete()
        self.finish_call("show_state()")
        log = self.dmesg_lines()
        try:
            i = len(log) - 1 - log[::-1].index(self.PS_HEADER)
        except ValueError:
            raise Abort("no show_state() header %r in the kernel log" % self.PS_HEADER)
        kernel = []
        for line in log[i:]:
            kernel.append(line)
            if re.match(r"\d+ tasks, \d+ runnable, \d+ context switches$", line):
                break
        mine = self.command(chk, "lx-ps").splitlines()
        mine = [l for l in mine if not l.startswith("check:")]
        chk.expect(len(mine) == len(kernel), "lx-ps has %d lines, show_state() printed %d:\n%s"
                   % (len(mine), len(kernel), "\n".join(kernel)))
        for k, m in zip(kernel, mine):
            if m.startswith(k):
                continue
            # The running task's RUNTIME may have ticked since show_state() printed it
            # (its interrupts were off while it printed; a loaded host delays ticks).
            km, mm = self.PS_RE.match(k + " 00000000 00000000 00000000 -"), self.PS_RE.match(m)
            if km and mm and "R (running)" in k and \
                    [km.group(g) for g in (1, 2, 3, 4, 6, 7)] == \
                    [mm.group(g) for g in (1, 2, 3, 4, 6, 7)] and \
                    0 <= int(mm.group(5)) - int(km.group(5)) <= 5000:
                chk.note("the running task's RUNTIME ticked: %s -> %s" % (km.group(5),
                                                                        mm.group(5)))
                continue
            chk.expect(False, "show_state() printed %r, lx-ps %r" % (k, m))
        chk.note("show_state(): %s" % " | ".join(kernel[1:]))

    def check_vmalloc_test_lx_vmallocinfo_matches_kernel(self, chk):
        class CalledFrom(gdb.Breakpoint):
            def stop(self):
                f = gdb.newest_frame().older()
                return f is not None and f.name() == "test_vmallocinfo"
        bp = CalledFrom("show_vmallocinfo", internal=True)
        try:
            self.run_to(bp, 15, "show_vmallocinfo() called by test_vmallocinfo")
        finally:
            bp.delete()
        self.finish_call("show_vmallocinfo()")
        mine = self.command(chk, "lx-vmallocinfo").splitlines()
        log = self.dmesg_lines()
        kernel = log[-len(mine):] if mine else []
        if not chk.expect(mine and mine == kernel, "lx-vmallocinfo differs from what "
                          "show_vmallocinfo() just printed"):
            import difflib
            for d in list(difflib.unified_diff(log[-len(mine) - 3:], mine, "kernel log",
                                               "lx-vmallocinfo", lineterm=""))[:30]:
                chk.note(d)
        chk.expect(any(re.search(r" 24576 test_vmallocinfo\+0x[0-9a-f]+/0x[0-9a-f]+ pages=5 "
                                 r"vmalloc$", l) for l in mine),
                   "no line for test_vmallocinfo's 5-page area: %r" % mine)
        out = self.command(chk, "lx-vmallocinfo -v")
        chk.expect("<-" not in out and re.search(r"^check: consistent: ", out, re.M),
                   "lx-vmallocinfo -v reports problems: %r" % [
                       l for l in out.splitlines() if "<-" in l or l.startswith("check:")][:6])
        hist = out.split("freed areas (vm_history", 1)[-1]
        for s in getattr(self, "latecomer_stacks", []):
            want = "  0x%08x-0x%08x %7d kernel_thread+0x" % (s, s + THREAD_SIZE + 4096,
                                                            THREAD_SIZE + 4096)
            chk.expect(want in hist, "the freed latecomer stack %r is not in the history: %r"
                       % (want, hist[:600]))
        chk.note("%d areas, e.g. %r" % (len(mine), [l for l in mine
                                                   if "test_vmallocinfo" in l][:1]))


def gdb_main():
    cfg = json.load(open(os.environ["MNEME_GDBCHECK"]))
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("set width 0")
    gdb.execute("source " + cfg["mneme_py"])
    drv = Driver(cfg)
    try:
        gdb.execute("file " + cfg["symbols"], to_string=True)
        gdb.execute("target remote 127.0.0.1:%d" % cfg["port"], to_string=True)
    except gdb.error as e:
        for r, name in CHECKS:
            if r == cfg["run"]:
                chk = Check(name)
                chk.ok = False
                chk.note("not run: cannot attach to QEMU: %s" % e)
                drv.record(chk)
        return
    drv.run_checks(cfg["run"])


# ===========================================================================
# The harness
# ===========================================================================

def harness_main():
    import argparse
    import shutil
    import signal
    import socket
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--elf", default=os.path.join(root, "build", "mneme.elf"))
    ap.add_argument("--timeout", type=float, default=60.0, help="for the whole check (s)")
    ap.add_argument("--gdb", default=os.environ.get("GDB", "gdb-multiarch"))
    ap.add_argument("--qemu", default=os.environ.get("QEMU", "qemu-system-i386"))
    ap.add_argument("-v", "--verbose", action="store_true", help="show gdb's output")
    args = ap.parse_args()

    deadline = time.time() + args.timeout
    workdir = os.path.join(root, "build", "gdb-check")
    os.makedirs(workdir, exist_ok=True)
    results = {}
    problems = {n: [] for n in CMDLINES}  # diagnostics for checks of a run that never reported

    def pdeathsig():
        # Die with the harness (Linux): no QEMU left behind if we are killed.
        try:
            import ctypes
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass

    def free_port():
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        return port

    def snapshot():
        """(image QEMU boots, symbols gdb reads): copies, so that a rebuild
        during the check cannot make them disagree. gdb's copy has no
        .debug_aranges, as in scripts/debug.sh (see there why)."""
        image = os.path.join(workdir, "mneme.elf")
        shutil.copyfile(args.elf, image)
        out = os.path.join(workdir, "mneme-gdb.elf")
        for tool in (os.environ.get("CROSS", "i686-linux-gnu-") + "objcopy", "objcopy"):
            if shutil.which(tool) and subprocess.run(
                    [tool, "--remove-section=.debug_aranges", image, out],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
                return image, out
        return image, image

    def kill(proc):
        if proc and proc.poll() is None:
            proc.kill()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass

    def tail(path, n=8):
        try:
            with open(path, errors="replace") as f:
                return f.read().splitlines()[-n:]
        except OSError:
            return []

    def run(n, image, syms):
        serial = os.path.join(workdir, "serial-%d.txt" % n)
        qlog = os.path.join(workdir, "qemu-%d.log" % n)
        glog = os.path.join(workdir, "gdb-%d.log" % n)
        resfile = os.path.join(workdir, "results-%d.jsonl" % n)
        cfgfile = os.path.join(workdir, "config-%d.json" % n)
        for p in (serial, resfile):
            open(p, "w").close()
        qemu = gdbp = None
        try:
            for _attempt in range(3):
                port = free_port()
                with open(qlog, "w") as ql:
                    qemu = subprocess.Popen(
                        [args.qemu, "-kernel", image, "-append", CMDLINES[n],
                         "-m", MEMORY.get(n, "128M"), "-display", "none", "-monitor", "none",
                         "-serial", "file:" + serial, "-no-reboot",
                         "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
                         "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
                        stdin=subprocess.DEVNULL, stdout=ql, stderr=subprocess.STDOUT,
                        preexec_fn=pdeathsig)
                time.sleep(0.3)
                if qemu.poll() is None:
                    break
                if "available port" not in open(qlog).read():
                    break
            if qemu.poll() is not None:
                problems[n].append("QEMU exited at once (status %s): %s"
                                   % (qemu.returncode, " | ".join(tail(qlog))))
                return
            json.dump({"run": n, "port": port, "symbols": syms, "serial": serial,
                       "results": resfile, "cmdline": CMDLINES[n],
                       "mneme_py": os.path.join(root, "scripts", "gdb", "mneme-gdb.py")},
                      open(cfgfile, "w"))
            env = dict(os.environ, MNEME_GDBCHECK=cfgfile, MNEME_ROOT=root)
            with open(glog, "w") as gl:
                gdbp = subprocess.Popen(
                    [args.gdb, "-batch", "-nx", "-iex", "set debuginfod enabled off",
                     "-x", os.path.abspath(__file__)],
                    stdin=subprocess.DEVNULL, stdout=gl, stderr=subprocess.STDOUT,
                    env=env, cwd=root, preexec_fn=pdeathsig)
                try:
                    gdbp.wait(timeout=max(1.0, deadline - time.time()))
                except subprocess.TimeoutExpired:
                    problems[n].append("gdb did not finish within the %g s timeout"
                                       % args.timeout)
            if gdbp.returncode not in (0, None):
                problems[n].append("gdb exited with status %s" % gdbp.returncode)
        except OSError as e:
            problems[n].append("cannot run: %s" % e)
        finally:
            kill(gdbp)
            kill(qemu)
            if args.verbose:
                for line in tail(glog, 10000):
                    sys.stderr.write("gdb-%d| %s\n" % (n, line))
        with open(resfile) as f:
            for line in f:
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                results[r["name"]] = r
        if any(name not in results for r, name in CHECKS if r == n):
            problems[n].append("gdb log %s ends: %s" % (glog, " | ".join(tail(glog, 6))))
            problems[n].append("serial log %s ends: %s" % (serial, " | ".join(tail(serial, 4))))

    missing = [p for p in (args.elf,) if not os.path.isfile(p)]
    missing += [t for t in (args.gdb, args.qemu) if not shutil.which(t)]
    if missing:
        for n in problems:
            problems[n].append("missing: %s" % ", ".join(missing))
    else:
        image, syms = snapshot()
        for n in sorted(CMDLINES):
            if time.time() < deadline:
                run(n, image, syms)
            else:
                problems[n].append("not run: the %g s timeout expired" % args.timeout)

    print("KTAP version 1")
    print("1..%d" % len(CHECKS))
    failed = 0
    for i, (n, name) in enumerate(CHECKS, 1):
        r = results.get(name)
        if r is None:
            r = {"ok": False, "diag": ["no result from gdb"] + problems[n]}
        for d in r["diag"]:
            for line in str(d).splitlines():
                print("# " + line)
        print("%s %d %s" % ("ok" if r["ok"] else "not ok", i, name))
        failed += not r["ok"]
    if failed:
        print("# %d of %d gdb checks failed; logs in %s" % (failed, len(CHECKS), workdir))
    sys.stdout.flush()
    return 1 if failed else 0


if gdb is not None:
    gdb_main()
elif __name__ == "__main__":
    sys.exit(harness_main())
