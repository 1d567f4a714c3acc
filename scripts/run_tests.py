#!/usr/bin/env python3
"""Every test of Mneme: what `make test` runs once the kernel, the ISO and the
host tests are built.

    run_tests.py [--only GROUP|STEP|PATTERN,...] [--jobs N] [--list]

The work is a table of independent steps run in parallel (one worker per
CPU: QEMU under TCG is single-threaded). Each step counts test cases:

    host      build/host/test_*: KTAP on stdout, its results counted;
              build/host/fuzz_*: libFuzzer for 10 s, one test, passes on exit 0
              at FUZZ_MIN_RATE inputs per CPU second or more (its line
              shows runs, exec/s and inputs per CPU second)
    runner    tests/runner/test_runner.py (KTAP): the runner's own tests
    kernel    "ktest" booted with -kernel at 16M, 128M, 256M (vmalloc=768M,
              so with high memory), 1G and 3G, each with and without
              "nopse", with "slab_debug" (every slab cache debugged) at
              128M and 1G -- all under -icount, for exact time -- and
              through the GRUB ISO at 128M: the KTAP leaves of each boot
    negative  deliberate failures (the manual crashtest suite, an unknown
              suite): one test each, passing iff run_qemu's verdict is the
              expected one and its message names the cause
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
import subprocess
import sys
import threading
import time
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
    weight: float = 2               # rough seconds, to start long steps first


# The -kernel boots run under -icount shift=0,sleep=off: the guest's
# clock then advances with the instructions it retires (and jumps over
# idle time), so the timer and scheduler tests see exact, repeatable
# time whatever the load on the host. The GRUB boot keeps QEMU's real
# clock, so that path is exercised too.
SELF_TEST_BOOTS = [
    Boot("kernel-16M", mem="16M", icount=True),
    Boot("kernel-16M-nopse", "ktest nopse", mem="16M", icount=True),
    Boot("kernel-128M", icount=True),
    Boot("kernel-128M-nopse", "ktest nopse", icount=True),
    Boot("kernel-256M-vmalloc768", "ktest vmalloc=768M", mem="256M", icount=True),
    Boot("kernel-256M-vmalloc768-nopse", "ktest vmalloc=768M nopse", mem="256M", icount=True),
    Boot("kernel-1G", mem="1G", weight=3, icount=True),
    Boot("kernel-1G-nopse", "ktest nopse", mem="1G", weight=3, icount=True),
    Boot("kernel-3G", mem="3G", weight=5, icount=True),
    Boot("kernel-3G-nopse", "ktest nopse", mem="3G", weight=5, icount=True),
    Boot("kernel-128M-slab_debug", "ktest slab_debug", icount=True),
    Boot("kernel-1G-slab_debug", "ktest slab_debug", mem="1G", weight=3, icount=True),
    Boot("iso-128M", boot="iso"),
]

NEGATIVE_BOOTS = [
    Boot("crash-fail", "ktest=crashtest.fail", expect="fail", words=("crashtest.fail",)),
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


@dataclass
class Step:
    name: str                       # unique; the log's name; matched by --only
    group: str
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
    steps.append(Step("runner-self-test", "runner",
                      lambda s: run_ktap_command(s, [PYTHON, "tests/runner/test_runner.py"])))
    for b in SELF_TEST_BOOTS:
        steps.append(Step(b.name, "kernel", lambda s, b=b: run_boot(s, b), weight=b.weight))
    for b in NEGATIVE_BOOTS:
        steps.append(Step(b.name, "negative", lambda s, b=b: run_boot(s, b), weight=b.weight))
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
    elif status != 0 and not report.failed:
        trouble = "exit status %d with no failed test" % status
    elif status == 0 and report.failed:
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
    corpus = os.path.join(BUILD, "fuzz-corpus", name)
    artifacts = os.path.join(BUILD, "fuzz-artifacts", name)
    os.makedirs(corpus, exist_ok=True)
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


def run_boot(step, b):
    """One boot; a self-test boot counts its KTAP leaves, a negative one is one test."""
    res = run_qemu.run(boot=b.boot, mem=b.mem, cmdline=b.cmdline, timeout=b.timeout,
                       icount=b.icount, log=step.log, quiet=True)
    if b.expect:
        missing = [w for w in b.words if w not in res.message]
        if res.verdict == b.expect and not missing:
            return Outcome(passed=1, note=res.message)
        want = "expected %s%s" % (b.expect, " naming " + ", ".join(repr(w) for w in b.words)
                                  if b.words else "")
        return Outcome(failed=1, note=res.message,
                       failures=[Failure("%s: %s" % (step.name, b.cmdline), [want, "got " + res.message])])

    out = Outcome(passed=res.passed, failed=res.failed, skipped=res.skipped)
    for r in res.report.failures if res.report else []:
        out.failures.append(Failure("%s: %s" % (step.name, r.path), list(r.diagnostics)))
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
    return out


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
                    help="comma-separated groups (host, runner, kernel, negative, gdb), "
                         "step names or patterns; also $MNEME_TESTS")
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
