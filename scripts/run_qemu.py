#!/usr/bin/env python3
"""Boot Mneme in QEMU, follow its serial console and say how the run ended.

    run_qemu.py [--boot kernel|iso] [--mem 128M] [--cmdline "ktest"]
                [--cpu MODEL] [--machine TYPE] [--initrd FILE[,FILE...]]
                [--timeout 120] [--log PATH] [--quiet] [--interactive [--serial-raw]]
                [--expect VERDICT] [--icount] [--gdb PORT] [--gdb-ex CMD ...]
                [--qemu-arg=ARG ...]

The kernel reports through the isa-debug-exit device: QEMU's exit status is
33 (every test passed), 35 (some test failed), 37 (panic), 39 (nothing was
run) or 41 (a user program powered the machine off: reboot(2) -- its KTAP
alone decides). That status, the KTAP on the serial console (scripts/ktap.py) and
QEMU's own cpu_reset log (the only witness of a triple fault, after which
-no-reboot makes QEMU exit with status 0) are combined into one verdict:

    pass          exit 33 and KTAP with no failure, at least one test run (or
                  exit 41, a user program's power-off, with such KTAP)
    fail          exit 35 and KTAP naming the failed tests; or KTAP where no
                  test ran; or a case reported ok (or skipped) although it
                  printed "EXPECTATION FAILED" (ktap.py)
    panic         exit 37, "Kernel panic - not syncing: ..."
    oops          exit 37 after a kernel fault report ("Oops: 0002 [#1]" ...)
    double-fault  exit 37 after "PANIC: double fault"
    triple-fault  exit 0 and "Triple fault" in the QEMU log
    reset         exit 0 without a triple fault (the machine rebooted)
    timeout       QEMU still running after --timeout seconds: killed
    no-ktap       no KTAP on the console, or exit 39 (nothing was run)
    bad-ktap      malformed or truncated KTAP, or KTAP that contradicts the
                  exit status
    qemu-error    QEMU could not start, or died on its own

The process exits 0 iff the verdict is pass, or with --expect VERDICT iff it
is VERDICT (for deliberate-crash tests).

As a module, run(...) boots and returns a Result; classify(...) computes the
same Result from a saved serial log and an exit status, without QEMU.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktap  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_KERNEL = os.path.join(ROOT, "build", "mneme.elf")
DEFAULT_ISO = os.path.join(ROOT, "build", "mneme.iso")
GRUB_CFG = os.path.join(ROOT, "boot", "grub.cfg")
QEMU = os.environ.get("QEMU", "qemu-system-i386")
GDB = os.environ.get("GDB", "gdb-multiarch")
DEFAULT_TIMEOUT = 120

VERDICTS = ("pass", "fail", "panic", "oops", "double-fault", "triple-fault",
            "reset", "timeout", "no-ktap", "bad-ktap", "qemu-error")

# isa-debug-exit: QEMU's status is (value << 1) | 1; include/asm/reboot.h.
EXIT_PASS, EXIT_FAIL, EXIT_PANIC, EXIT_DONE, EXIT_POWEROFF = 33, 35, 37, 39, 41
# "init exited with status N" / "init killed by signal S" (kernel/main.c).
_INIT_EXITED = re.compile(r"init (exited with status \d+|killed by signal \d+)")

# What QEMU writes in its -d cpu_reset log when the CPU resets on a triple
# fault (checked with QEMU 7.2: the line "Triple fault" just before the
# "CPU Reset" register dump; two resets at power-on are always there).
TRIPLE_FAULT_MARK = "Triple fault"

# QEMU's last words when a signal it did not expect stops it (it then exits 0).
_STOPPED = re.compile(r"terminating on signal \d+")

# The kernel's crash reports (arch/x86/dumpstack.c, mm/fault.c, traps.c,
# doublefault.c, kernel/panic.c).
_PANIC = re.compile(r"^Kernel panic - not syncing: (.*)$")
_DIE = re.compile(r"^(\S.*?): ([0-9a-f]{4}) \[#(\d+)\]$")
_BUG = re.compile(r"^(BUG: .*|kernel BUG at .*)$")
_EIP_AT = re.compile(r"^EIP is at (.*)$")
_DOUBLE_FAULT = re.compile(r"^PANIC: double fault\b")
_DF_EIP = re.compile(r"^eip = .*$")
_DF_OVERFLOW = re.compile(r"overflow", re.IGNORECASE)
# A self-test that provokes an oops on purpose (ktest_catch_oops) ends the
# report with this line, and the kernel carries on: not a crash.
_RECOVERED = re.compile(r"^---\[ end trace: .*recovering ]---$")
_WARNING = re.compile(r"^WARNING: at .*$")
_TOTALS = re.compile(r"^# Totals: pass:(\d+) fail:(\d+) skip:(\d+)")
# ktest's complaint about a ktest= item that names nothing (kernel/ktest.c).
_SELECTION_ERROR = re.compile(r"^# (ktest: nothing matches .*)$")
# The facts of the machine the tests ran on: "# ktest: config highmem=1 pse=0 ...".
_CONFIG = re.compile(r"^# ktest: config (.*)$")


@dataclass
class Result:
    verdict: str
    message: str                    # one line, starting with "<verdict>: "
    passed: int = 0                 # leaf test cases
    failed: int = 0                 # leaf failures, +1 if the boot itself failed
    skipped: int = 0
    failures: List[str] = field(default_factory=list)   # "suite.case" names
    details: List[str] = field(default_factory=list)    # failures with diagnostics
    warnings: List[str] = field(default_factory=list)   # "WARNING: at ..." lines
    exit_status: Optional[int] = None
    stderr: str = ""                # QEMU's
    log: Optional[str] = None       # the serial log
    qemu_log: Optional[str] = None  # QEMU's -d cpu_reset log
    duration: float = 0.0
    report: Optional[ktap.Report] = None
    command: List[str] = field(default_factory=list)
    # The kernel's "# ktest: config key=value ..." lines as dicts (before the
    # suites and after them), and the last one (empty if none).
    configs: List[dict] = field(default_factory=list)
    config: dict = field(default_factory=dict)

    @property
    def ok(self):
        return self.verdict == "pass"


# --- Classification ------------------------------------------------------


@dataclass
class _Crash:
    kind: str                       # "panic", "oops" or "double-fault"
    cause: str
    recovered: bool = False
    panicked: bool = False


def _find_crashes(lines):
    """The crash reports in the log, in order, each marked if a self-test recovered it."""
    crashes = []
    bug, bug_at = None, 0           # a "BUG: ..." line, and where, waiting for its die() header
    for i, raw in enumerate(lines):
        line = raw.strip()
        if _BUG.match(line):
            bug, bug_at = line, i
        elif _DIE.match(line):
            # die(): "<what>: <err> [#n]", then the registers with "EIP is at".
            # The BUG line names the cause, if it belongs to this report: a
            # page-fault report puts two lines between them (fault.c).
            cause = bug if bug and i - bug_at <= 4 else line
            for follow in lines[i + 1:i + 8]:
                m = _EIP_AT.match(follow.strip())
                if m:
                    cause += " (EIP is at %s)" % m.group(1)
                    break
            crashes.append(_Crash("oops", cause))
            bug = None
        elif _DOUBLE_FAULT.match(line):
            # Keep the report's substance: where it happened and why.
            parts = ["PANIC: double fault"]
            for follow in lines[i + 1:i + 8]:
                follow = follow.strip()
                if _DF_EIP.match(follow) or _DF_OVERFLOW.search(follow):
                    parts.append(follow)
            crashes.append(_Crash("double-fault", "; ".join(parts)))
        elif _PANIC.match(line):
            # die() and the double-fault handler end in panic(): that panic
            # is part of their report, not a crash of its own.
            last = crashes[-1] if crashes else None
            if last and last.kind != "panic" and not last.recovered and not last.panicked:
                last.panicked = True
            else:
                crashes.append(_Crash("panic", line, panicked=True))
        elif _RECOVERED.match(line):
            if crashes:
                crashes[-1].recovered = True
            bug = None
    return crashes


def _last_line(lines):
    for line in reversed(lines):
        if line.strip():
            return line.strip()
    return "(no output)"


def _where(report):
    """ ", in crashtest test 1 of 2": the test the output stopped in."""
    where = ktap.describe_interrupted(report)
    return ", in " + where if where else ""


def _name_list(names, limit=5):
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += " and %d more" % (len(names) - limit)
    return shown


def parse_configs(lines):
    """Every "# ktest: config a=1 b=x" line of the log as {"a": "1", "b": "x"}, in order."""
    configs = []
    for line in lines:
        m = _CONFIG.match(line.strip())
        if m:
            configs.append(dict(kv.split("=", 1) for kv in m.group(1).split() if "=" in kv))
    return configs


def classify(serial, exit_status, qemu_log="", timed_out=False, timeout=None, stderr=""):
    """
    The verdict of one boot from what it left behind: the serial output (str
    or bytes), QEMU's exit status (negative: killed by that signal; None:
    QEMU never ran), the text of its -d cpu_reset log, whether the runner
    killed it on timeout, and its stderr.
    """
    lines = ktap.clean_text(serial)
    report = ktap.parse(serial)
    crashes = [c for c in _find_crashes(lines) if not c.recovered]
    crash = crashes[-1] if crashes else None
    where = _where(report)
    last = "; last line: %s" % _last_line(lines)
    stderr_line = next((l.strip() for l in stderr.splitlines() if l.strip()), "")
    selection_errors = [m.group(1) for m in map(_SELECTION_ERROR.match, lines) if m]

    def result(verdict, message, boot_failed=True):
        res = Result(verdict=verdict, message="%s: %s" % (verdict, message),
                     passed=report.passed, skipped=report.skipped,
                     failed=report.failed + len(selection_errors) + (1 if boot_failed else 0),
                     failures=[r.path for r in report.failures] + selection_errors,
                     exit_status=exit_status, report=report, stderr=stderr,
                     warnings=[l.strip() for l in lines if _WARNING.match(l.strip())])
        for r in report.failures:
            res.details.extend(ktap.failure_lines(r))
        res.configs = parse_configs(lines)
        res.config = res.configs[-1] if res.configs else {}
        return res

    if exit_status is None:
        return result("qemu-error", "QEMU did not start: %s" % (stderr_line or "unknown error"))
    if timed_out:
        if crash:
            # A crash report but no exit: the exit device is missing, or
            # the panic path itself hung.
            return result(crash.kind, "%s%s (QEMU did not exit; killed after %g s)"
                          % (crash.cause, where, timeout or 0))
        return result("timeout", "timeout after %g s%s%s" % (timeout or 0, where, last))
    if exit_status < 0:
        try:
            name = signal.Signals(-exit_status).name
        except ValueError:
            name = "signal %d" % -exit_status
        return result("qemu-error", "QEMU died of %s%s%s" % (
            name, ": " + stderr_line if stderr_line else "", where))
    if exit_status == 0:
        if TRIPLE_FAULT_MARK in qemu_log:
            return result("triple-fault", "triple fault (the CPU reset)%s%s" % (where, last))
        # QEMU also exits 0 when someone else (Ctrl-C, kill) stops it.
        stopped = next((l.strip() for l in stderr.splitlines() if _STOPPED.search(l)), None)
        if stopped:
            return result("qemu-error", "QEMU was stopped: %s%s" % (stopped, where))
        return result("reset", "QEMU exited with status 0 without a triple fault "
                      "(the machine rebooted)%s%s" % (where, last))
    if exit_status == EXIT_PANIC:
        if crash:
            return result(crash.kind, crash.cause + where)
        return result("panic", "exit status 37 (kernel panic) but no panic message%s%s"
                      % (where, last))
    if exit_status not in (EXIT_PASS, EXIT_FAIL, EXIT_DONE, EXIT_POWEROFF):
        if stderr_line:
            return result("qemu-error", "QEMU exited with status %d: %s" % (exit_status, stderr_line))
        return result("qemu-error", "QEMU exited with status %d, not one of the kernel's "
                      "(33, 35, 37, 39, 41)%s" % (exit_status, last))
    init_end = next((m.group(0) for m in map(_INIT_EXITED.search, reversed(lines)) if m), None)

    # The kernel ended the run itself: now the KTAP must agree with it.
    if exit_status == EXIT_DONE:
        if report.passed or report.failed:
            return result("bad-ktap", "exit status 39 (nothing was run) but KTAP has %d results"
                          % (report.passed + report.failed))
        return result("no-ktap", "the kernel ran no tests (exit status 39)%s" % last)
    if not report.found:
        return result("no-ktap", "no KTAP output (exit status %d)%s" % (exit_status, last))
    if report.errors:
        more = len(report.errors) - 1
        return result("bad-ktap", report.errors[0] + (" (and %d more)" % more if more else ""))
    failures = [r.path for r in report.failures] + selection_errors
    # A case reported "ok" after a failed expectation: the kernel counted
    # it as passed, so exit 33 is no contradiction of its own.
    honest = [r.path for r in report.failures if not r.contradiction] + selection_errors
    if exit_status == EXIT_PASS and honest:
        return result("bad-ktap", "exit status 33 (all passed) but KTAP reports %d failure%s: %s"
                      % (len(honest), "" if len(honest) == 1 else "s", _name_list(honest)))
    if exit_status == EXIT_FAIL and not failures:
        if init_end:
            # PID 1 ended badly (kernel/main.c): its status is the failure.
            return result("fail", init_end + where)
        return result("bad-ktap", "exit status 35 (some test failed) but KTAP reports no failure")
    totals = [m for m in map(_TOTALS.match, lines) if m]
    if totals:
        want = tuple(int(x) for x in totals[-1].groups())
        # The kernel counted a contradicted case as it reported it.
        said_skip = sum(1 for r in report.failures if r.contradiction and r.directive == "SKIP")
        said_ok = sum(1 for r in report.failures if r.contradiction) - said_skip
        got = (report.passed + said_ok, report.failed - said_ok - said_skip,
               report.skipped + said_skip)
        if want != got:
            return result("bad-ktap", "'# Totals: pass:%d fail:%d skip:%d' but the results "
                          "count pass:%d fail:%d skip:%d" % (want + got))
    if report.failed:
        names = [r.path for r in report.failures]
        msg = "%d test%s failed: %s" % (len(names), "" if len(names) == 1 else "s", _name_list(names))
        said = ["%s %s" % (r.path, r.contradiction) for r in report.failures if r.contradiction]
        return result("fail", "; ".join([msg] + said + selection_errors), boot_failed=False)
    if selection_errors:
        return result("fail", "; ".join(selection_errors), boot_failed=False)
    stray = [l.strip() for l in lines if ktap.FAILURE_LINE.search(l)]
    if stray:
        # Printed where no result line claims it (before the header, after the
        # last result): still a failure, whatever the results say.
        return result("fail", "%d failure line%s outside any test's result, first: %s"
                      % (len(stray), "" if len(stray) == 1 else "s", stray[0]))
    n = report.passed
    if not n:
        what = "%d skipped" % report.skipped if report.skipped else "plan 1..%d" % (report.root.plan or 0)
        return result("fail", "no test ran (%s)" % what)
    return result("pass", "all %d tests passed" % n if n > 1 else "1 test passed", boot_failed=False)


# --- Running QEMU --------------------------------------------------------


def derive_name(boot, mem, cmdline, icount=False, cpu=None, machine=None):
    """A log file name for a run: "kernel-128M-ktest=crashtest.panic"."""
    name = "%s%s%s-%s-%s%s" % (boot, "-" + machine if machine else "", "-" + cpu if cpu else "",
                               mem, cmdline or "none", "-icount" if icount else "")
    return re.sub(r"[^A-Za-z0-9.,=+-]+", "_", name)[:120]


def grub_cmdline(cfg_text):
    """The kernel command line of grub.cfg's multiboot line."""
    m = re.search(r"^\s*multiboot\s+/boot/mneme\.elf\b[ \t]*(.*?)\s*$", cfg_text, re.M)
    if not m:
        raise RuntimeError("%s has no 'multiboot /boot/mneme.elf' line" % GRUB_CFG)
    return m.group(1)


def grub_cfg_with(cfg, cmdline, modules=()):
    """
    grub.cfg's text cfg with cmdline on its multiboot line, followed by a
    "module /boot/<name> <name>" line for each path of modules.
    """
    grub_cmdline(cfg)           # fails loudly if the line moved
    lines = "".join("\n\tmodule /boot/%s %s" % (os.path.basename(m), os.path.basename(m))
                    for m in modules)
    return re.sub(r"^(\s*multiboot\s+/boot/mneme\.elf\b).*$",
                  lambda m: m.group(1) + " " + cmdline + lines, cfg, count=1, flags=re.M)


def make_iso(kernel, cmdline, workdir, modules=()):
    """
    A GRUB ISO whose multiboot line carries cmdline, followed by a "module"
    line for each file of modules (copied as /boot/<its name>): boot/grub.cfg
    changed by grub_cfg_with(), built like the Makefile builds
    build/mneme.iso. Returns its path (inside workdir, which the caller
    removes).
    """
    with open(GRUB_CFG) as f:
        cfg = grub_cfg_with(f.read(), cmdline, modules)
    isodir = os.path.join(workdir, "isodir")
    os.makedirs(os.path.join(isodir, "boot", "grub"))
    shutil.copy(kernel, os.path.join(isodir, "boot", "mneme.elf"))
    for m in modules:
        shutil.copy(m, os.path.join(isodir, "boot", os.path.basename(m)))
    with open(os.path.join(isodir, "boot", "grub", "grub.cfg"), "w") as f:
        f.write(cfg)
    iso = os.path.join(workdir, "mneme.iso")
    proc = subprocess.run(["grub-mkrescue", "-o", iso, isodir],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        raise RuntimeError("grub-mkrescue failed: " + proc.stdout.strip().splitlines()[-1]
                           if proc.stdout.strip() else "grub-mkrescue failed")
    return iso


def qemu_command(boot, mem, cmdline, image, qemu_log, icount=False, gdb=None, qemu_args=(),
                 cpu=None, machine=None, initrd=(), serial_raw=False):
    cmd = [QEMU, "-m", mem]
    if machine:
        cmd += ["-machine", machine]
    if cpu:
        cmd += ["-cpu", cpu]
    cmd += [
           "-display", "none", "-monitor", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if serial_raw:
        # Ctrl-C to the guest, not a SIGINT to QEMU (signal=off); the
        # multiplexer's Ctrl-A x still quits QEMU.
        cmd += ["-chardev", "stdio,id=serial0,signal=off,mux=on", "-serial", "chardev:serial0"]
    else:
        cmd += ["-serial", "stdio"]
    cmd += [
           # The only trace a triple fault leaves: -no-reboot turns the reset into exit 0.
           "-d", "cpu_reset", "-D", qemu_log]
    if boot == "kernel":
        cmd += ["-kernel", image, "-append", cmdline]
        if initrd:
            # Multiboot modules, one per file (QEMU splits the list on commas).
            cmd += ["-initrd", ",".join(initrd)]
    else:
        cmd += ["-cdrom", image, "-boot", "d"]
    if icount:
        # Deterministic instruction counting for benchmarks (design.md section 7).
        cmd += ["-icount", "shift=0,sleep=off"]
    if gdb:
        cmd += ["-gdb", "tcp::%d" % int(gdb), "-S"]
    return cmd + list(qemu_args)


class _Console:
    """Reads QEMU's stdout: saves it raw to the log and shows it as it comes."""

    def __init__(self, stream, log_file, quiet, interactive, out):
        self.stream, self.log_file = stream, log_file
        self.quiet, self.interactive, self.out = quiet, interactive, out
        self.data = bytearray()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self):
        fd = self.stream.fileno()
        partial = b""
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            self.data += chunk
            self.log_file.write(chunk)
            self.log_file.flush()
            if self.quiet:
                continue
            try:
                if self.interactive:
                    # Raw, escapes and all: GRUB's screen as it is painted.
                    self.out.buffer.write(chunk)
                    self.out.flush()
                    continue
                partial += chunk
                *complete, partial = partial.split(b"\n")
                for raw in complete:
                    self._show(raw)
            except OSError:
                self.quiet = True   # "| head" went away; the log still gets it all
        if partial and not self.quiet and not self.interactive:
            try:
                self._show(partial)
            except OSError:
                pass

    def _show(self, raw):
        line = ktap.clean_line(raw.decode("utf-8", errors="replace"), timestamp=False)
        self.out.write(line + "\n")
        self.out.flush()


def _pump_stderr(stream, sink, echo):
    for line in iter(stream.readline, b""):
        text = line.decode("utf-8", errors="replace")
        sink.append(text)
        if echo:
            sys.stderr.write(text)
            sys.stderr.flush()


def _stop(proc):
    """SIGTERM first: QEMU then restores the terminal it may have put in raw mode."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run(boot="kernel", mem="128M", cmdline="ktest", timeout=DEFAULT_TIMEOUT, log=None,
        quiet=False, interactive=False, icount=False, kernel=DEFAULT_KERNEL, iso=DEFAULT_ISO,
        qemu_args=(), gdb=None, out=None, cpu=None, machine=None, initrd=(), gdb_commands=(),
        serial_raw=False):
    """
    Boot once and classify the run (see classify). boot is "kernel" (-kernel
    with -append cmdline) or "iso" (the GRUB ISO; rebuilt in a temporary
    directory when cmdline differs from boot/grub.cfg's or there are
    modules). cpu and machine are QEMU's -cpu and -machine; initrd lists
    files to load as multiboot modules (-initrd, or GRUB "module" lines).
    gdb_commands, if any, are run by a batch gdb attached to QEMU's stub
    from the first instruction (then QEMU runs only as gdb lets it).
    timeout is in seconds, None or 0 for none. log defaults to
    build/logs/<derive_name>.txt; QEMU's cpu_reset log goes beside it as
    <log minus .txt>.qemu.txt. Ctrl-C stops QEMU and raises KeyboardInterrupt,
    unless serial_raw: then the serial console gets it (make shell).
    """
    if boot not in ("kernel", "iso"):
        raise ValueError("boot must be 'kernel' or 'iso', not %r" % boot)
    out = out or sys.stdout
    initrd = list(initrd or ())
    if log is None:
        log = os.path.join(ROOT, "build", "logs",
                           derive_name(boot, mem, cmdline, icount, cpu, machine) + ".txt")
    base = log[:-4] if log.endswith(".txt") else log
    qemu_log = base + ".qemu.txt"
    os.makedirs(os.path.dirname(os.path.abspath(log)), exist_ok=True)
    for stale in (log, qemu_log):
        if os.path.exists(stale):
            os.remove(stale)

    workdir = None
    start = time.monotonic()
    try:
        image = kernel if boot == "kernel" else iso
        if not os.path.exists(image):
            res = classify(b"", None, stderr="%s does not exist (run make)" % image)
            return _finish(res, log, qemu_log, [], start)
        for m in initrd:
            if not os.path.exists(m):
                return _finish(classify(b"", None, stderr="module %s does not exist" % m),
                               log, qemu_log, [], start)
        if boot == "iso":
            with open(GRUB_CFG) as f:
                if initrd or (cmdline is not None and cmdline != grub_cmdline(f.read())):
                    workdir = tempfile.mkdtemp(prefix="iso-", dir=os.path.dirname(os.path.abspath(iso)))
                    try:
                        image = make_iso(kernel, cmdline or "", workdir, initrd)
                    except (OSError, RuntimeError) as e:
                        return _finish(classify(b"", None, stderr=str(e)), log, qemu_log, [], start)
        if gdb_commands and not gdb:
            gdb = _free_port()
        cmd = qemu_command(boot, mem, cmdline, image, qemu_log, icount, gdb, qemu_args,
                           cpu, machine, initrd if boot == "kernel" else (), serial_raw)
        gdb_cmd = None
        if gdb_commands:
            gdb_cmd = [GDB, "-batch", "-nx", "-ex", "set confirm off",
                       "-ex", "file " + kernel, "-ex", _gdb_connect(gdb)]
            for c in gdb_commands:
                gdb_cmd += ["-ex", c]
        return _boot(cmd, log, qemu_log, timeout, quiet, interactive, out, start, gdb_cmd)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gdb_connect(port):
    """A gdb command attaching to QEMU's stub, retried while QEMU is still starting."""
    return ("python exec(\"import time\\nfor i in range(100):\\n try:\\n"
            "  gdb.execute('target remote 127.0.0.1:%d')\\n  break\\n"
            " except gdb.error:\\n  time.sleep(0.1)\")" % port)


def _start_gdb(gdb_cmd, log):
    """A batch gdb for the QEMU just started (-S: it waits for gdb); its output goes beside log."""
    gdb_log = open((log[:-4] if log.endswith(".txt") else log) + ".gdb.txt", "wb")
    try:
        return subprocess.Popen(gdb_cmd, stdin=subprocess.DEVNULL, stdout=gdb_log,
                                stderr=subprocess.STDOUT), gdb_log
    except OSError:
        gdb_log.close()
        raise


def _boot(cmd, log, qemu_log, timeout, quiet, interactive, out, start, gdb_cmd=None):
    stderr_lines = []
    with open(log, "wb") as log_file:
        try:
            # Interactive runs keep the terminal as stdin: GRUB's menu and the
            # serial console can be typed at.
            proc = subprocess.Popen(cmd, stdin=None if interactive else subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            return _finish(classify(b"", None, stderr="cannot run %s: %s" % (cmd[0], e)),
                           log, qemu_log, cmd, start)
        console = _Console(proc.stdout, log_file, quiet, interactive, out)
        errs = threading.Thread(target=_pump_stderr, args=(proc.stderr, stderr_lines, not quiet),
                                daemon=True)
        errs.start()
        gdbp = gdb_log = None
        if gdb_cmd:
            gdbp, gdb_log = _start_gdb(gdb_cmd, log)
        timed_out = False
        try:
            proc.wait(timeout or None)
        except subprocess.TimeoutExpired:
            timed_out = True
            _stop(proc)
        except KeyboardInterrupt:
            _stop(proc)
            raise
        finally:
            if gdbp:
                try:
                    gdbp.wait(10)
                except subprocess.TimeoutExpired:
                    gdbp.kill()
                    gdbp.wait()
                gdb_log.close()
        console.thread.join(10)
        errs.join(10)
    qemu_text = ""
    if os.path.exists(qemu_log):
        with open(qemu_log, errors="replace") as f:
            qemu_text = f.read()
    res = classify(bytes(console.data), proc.returncode, qemu_text, timed_out, timeout,
                   "".join(stderr_lines))
    return _finish(res, log, qemu_log, cmd, start)


def _finish(res, log, qemu_log, cmd, start):
    res.log, res.qemu_log, res.command = log, qemu_log, cmd
    res.duration = time.monotonic() - start
    return res


def _show_path(path):
    """Relative to the current directory when that is shorter."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def summary_lines(res, expect=None):
    """The end of a run as the CLI prints it; the last line is "N passed, N failed"."""
    lines = []
    if res.details:
        lines.append("failed tests:")
        lines.extend(res.details)
    if res.warnings and not res.ok:
        lines.extend(res.warnings)
    if res.verdict == "qemu-error" and res.stderr.strip():
        lines.extend(res.stderr.rstrip().splitlines()[-10:])
    lines.append("log: %s" % _show_path(res.log) if res.log else "log: (none)")
    if expect:
        lines.append("expected verdict %s: %s" % (expect, "yes" if res.verdict == expect else "NO"))
    lines.append(res.message)
    if res.skipped:
        lines.append("(%d skipped)" % res.skipped)
    lines.append("%d passed, %d failed" % (res.passed, res.failed))
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Boot Mneme in QEMU, parse its KTAP and print a verdict.",
        epilog="verdicts: " + ", ".join(VERDICTS) + ". Arguments for QEMU that start "
               "with '-' need the = form: --qemu-arg=-smp --qemu-arg=2.")
    ap.add_argument("--boot", choices=("kernel", "iso"), default="kernel",
                    help="-kernel build/mneme.elf (default) or the GRUB ISO")
    ap.add_argument("--mem", default="128M", help="guest memory (default 128M)")
    ap.add_argument("--cmdline", default="ktest", help='kernel command line (default "ktest")')
    ap.add_argument("--cpu", help="QEMU -cpu model (486, pentium, pentium2, pentium3, qemu32 ...)")
    ap.add_argument("--machine", help="QEMU -machine type (isapc: an ISA PC with a 486)")
    ap.add_argument("--initrd", help="comma-separated files loaded as multiboot modules "
                    "(-initrd, or GRUB module lines with --boot iso)")
    ap.add_argument("--icount", action="store_true", help="-icount shift=0,sleep=off (benchmarks)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds before QEMU is killed (default %d; 0: never; none with --gdb)"
                    % DEFAULT_TIMEOUT)
    ap.add_argument("--log", help="serial log (default build/logs/<boot>-<mem>-<cmdline>.txt)")
    ap.add_argument("--quiet", action="store_true", help="do not echo the console")
    ap.add_argument("--interactive", action="store_true",
                    help="raw console on the terminal, keyboard included (make run)")
    ap.add_argument("--serial-raw", action="store_true",
                    help="with --interactive: Ctrl-C goes to the guest; Ctrl-A x quits (make shell)")
    ap.add_argument("--expect", choices=VERDICTS, metavar="VERDICT",
                    help="exit 0 iff the verdict is this one (deliberate crashes)")
    ap.add_argument("--kernel", default=DEFAULT_KERNEL, help="kernel ELF (default build/mneme.elf)")
    ap.add_argument("--iso", default=DEFAULT_ISO, help="GRUB ISO (default build/mneme.iso)")
    ap.add_argument("--qemu-arg", action="append", default=[], metavar="ARG",
                    help="one more QEMU argument (repeatable)")
    ap.add_argument("--gdb", type=int, metavar="PORT",
                    help="gdb stub on tcp::PORT, CPU halted until gdb continues")
    ap.add_argument("--gdb-ex", action="append", default=[], metavar="CMD",
                    help="a command for a batch gdb attached from the first instruction "
                         "(repeatable; it must continue the machine)")
    args = ap.parse_args(argv)

    timeout = args.timeout
    if timeout is None:
        timeout = None if args.gdb else DEFAULT_TIMEOUT
    try:
        res = run(boot=args.boot, mem=args.mem, cmdline=args.cmdline, timeout=timeout,
                  log=args.log, quiet=args.quiet, interactive=args.interactive,
                  icount=args.icount, kernel=args.kernel, iso=args.iso,
                  qemu_args=args.qemu_arg, gdb=args.gdb, cpu=args.cpu, machine=args.machine,
                  initrd=args.initrd.split(",") if args.initrd else (),
                  gdb_commands=args.gdb_ex, serial_raw=args.serial_raw)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    try:
        if args.interactive:
            print()     # the console may have left the cursor mid-line
        print("\n".join(summary_lines(res, args.expect)))
        sys.stdout.flush()
    except BrokenPipeError:
        # Nobody reads the summary ("| head"): keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if args.expect:
        return 0 if res.verdict == args.expect else 1
    return 0 if res.ok else 1


if __name__ == "__main__":
    sys.exit(main())
