"""The gdb side of the gdb check: loads the helpers, attaches to QEMU (for
the runs that boot it) and runs one run's checks from plan.py, writing one
JSON result per check for scripts/gdb_check.py. The checks live in the
check_*.py modules beside this file, each a function registered with
@check and called as fn(session, chk).

Every `continue` has its own deadline, after which the session stops the
kernel with SIGINT (as Ctrl-C would) and reports where it was. A check
that raises Abort fails, and the rest of its run is not run (they need
where it should have stopped).
"""
import glob
import importlib
import json
import os
import re
import signal
import threading
import time

import gdb

import plan

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHECKS = {}             # name -> function


def check(fn):
    """Register a check under its function's name (plan.py lists it)."""
    CHECKS[fn.__name__] = fn
    return fn


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


class Session:
    """gdb driven from Python: commands, continues with deadlines, where the
    kernel stopped, and the serial log of the run."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.last_stop = None
        self.shared = {}        # what one check leaves for a later one
        gdb.events.stop.connect(self._on_stop)

    def _on_stop(self, ev):
        self.last_stop = ev

    @staticmethod
    def ex(cmd):
        return gdb.execute(cmd, to_string=True)

    def command(self, chk, cmd):
        """A helper command's output; a gdb error fails chk and gives ""."""
        try:
            return self.ex(cmd)
        except gdb.error as e:
            chk.expect(False, "`%s` failed: %s" % (cmd, e))
            return ""

    def cont(self, timeout, stop_early=None):
        """continue; SIGINT the kernel after timeout s or once stop_early()."""
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
            where = "pc 0x%08x (%s)" % (self.pc(), self.sym(self.pc()))
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
        """continue until bp stops the kernel; Abort otherwise."""
        try:
            fired = self.cont(timeout)
        except gdb.error as e:
            lines = self.serial().splitlines()
            skips = [l.strip() for l in lines if "# SKIP" in l][:3]
            raise Abort("%s not reached: `continue` failed: %s (the kernel ended and QEMU "
                        "exited?); the serial log ends: %s%s" % (
                            what, e, " | ".join(lines[-3:]),
                            "; skipped: " + " | ".join(skips) if skips else ""))
        if not self.hit(bp):
            raise Abort("%s not reached within %g s: %s%s" % (
                what, timeout, self.stop_desc(),
                "" if not fired else " (interrupted by the check's timeout)"))

    def break_at(self, spec, timeout, what):
        """Run to a one-shot breakpoint at spec."""
        bp = gdb.Breakpoint(spec, internal=True)
        try:
            self.run_to(bp, timeout, what)
        finally:
            bp.delete()

    def run_to_boot_complete(self, timeout=20, what="the write of system_state_running"):
        """Run to the very store that declares boot complete: a hardware
        watchpoint (QEMU's stub has them), so the kernel runs at speed."""
        wp = gdb.Breakpoint("system_state_running", gdb.BP_WATCHPOINT, gdb.WP_WRITE)
        try:
            self.run_to(wp, timeout, what)
        finally:
            wp.delete()

    def finish_call(self, what, timeout=5):
        """Run to the return address of the function the kernel is stopped at the entry of."""
        ret = int(gdb.newest_frame().older().pc()) & 0xFFFFFFFF
        self.break_at("*0x%x" % ret, timeout, "the return from %s to 0x%08x (%s)"
                      % (what, ret, self.sym(ret)))

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
    def val(expr):
        return int(gdb.parse_and_eval(expr))

    def serial(self):
        try:
            with open(self.cfg["serial"], errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def serial_report(self, name):
        """The lines show_mem_at_boot() printed for /proc/<name>, or None."""
        lines = [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in self.serial().splitlines()]
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
        if not chk.expect(mine == kernel, "lx-%s differs from the kernel's show_%s()"
                          % (name, name)):
            diff(chk, kernel, mine, "kernel", "lx-" + name)
        return kernel

    def dmesg_lines(self):
        return [re.sub(r"^\[\s*\d+\.\d+\] ", "", l) for l in self.ex("lx-dmesg").splitlines()]

    def expect_consistent(self, chk, out, cmd, check_line=r"^check: consistent: "):
        """A checking command's output: no problem marked "<-", and its check line."""
        chk.expect("<-" not in out and re.search(check_line, out, re.M),
                   "%s reports problems: %r" % (cmd, [l for l in out.splitlines()
                                                      if "<-" in l or l.startswith("check")][:6]))

    def expect_listed(self, chk, names):
        """mneme-help lists each command of names."""
        helptext = self.command(chk, "mneme-help")
        for name in names:
            chk.expect(re.search(r"^  %s " % re.escape(name), helptext, re.M),
                       "mneme-help does not list %s" % name)


def diff(chk, a, b, name_a, name_b, n=30):
    import difflib
    for d in list(difflib.unified_diff(a, b, name_a, name_b, lineterm=""))[:n]:
        chk.note(d)


def load_checks():
    """Import every check_*.py; each name in plan.py must be a check, and each check planned."""
    for path in sorted(glob.glob(os.path.join(HERE, "check_*.py"))):
        importlib.import_module(os.path.basename(path)[:-3])
    planned = {name for _, name in plan.all_checks()}
    missing = planned - set(CHECKS)
    unplanned = set(CHECKS) - planned
    if missing or unplanned:
        raise RuntimeError("plan.py and the check modules disagree: %s%s" % (
            "no check for %s; " % sorted(missing) if missing else "",
            "not in plan.py: %s" % sorted(unplanned) if unplanned else ""))


def run_checks(session, names, record):
    abort = None
    for name in names:
        chk = Check(name)
        if abort:
            chk.ok = False
            chk.note("not run: %s" % abort)
        else:
            try:
                CHECKS[name](session, chk)
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
        record(chk)


def main():
    """Run the run the harness configured ($MNEME_GDBCHECK: a JSON file)."""
    cfg = json.load(open(os.environ["MNEME_GDBCHECK"]))
    names = [r for r in plan.RUNS if r.number == cfg["run"]][0].checks
    results = open(cfg["results"], "a")

    def record(chk):
        results.write(json.dumps({"name": chk.name, "ok": chk.ok, "diag": chk.diag}) + "\n")
        results.flush()

    def fail_all(why):
        for name in names:
            chk = Check(name)
            chk.ok = False
            chk.note("not run: %s" % why)
            record(chk)

    for setting in ("pagination off", "confirm off", "width 0"):
        gdb.execute("set " + setting)
    try:
        gdb.execute("file " + cfg["symbols"], to_string=True)
        gdb.execute("source " + os.path.join(ROOT, "scripts", "gdb", "mneme-gdb.py"))
        load_checks()       # after the helpers: the checks import what they registered
        if cfg.get("port"):
            gdb.execute("target remote 127.0.0.1:%d" % cfg["port"], to_string=True)
    except (gdb.error, RuntimeError, ImportError) as e:
        fail_all("cannot set up gdb: %s" % e)
        return
    run_checks(Session(cfg), names, record)
