#!/usr/bin/env python3
"""Check that Mneme can be debugged with gdb: non-interactive gdb sessions,
most of them against QEMU's gdb stub, reported as KTAP on stdout (exit
status 0 iff every check passed). `make test` runs it.

    python3 scripts/gdb_check.py [--elf build/mneme.elf] [--timeout 60] [-v]

This is the harness: it makes the helpers' generated constants (make),
then for each run of tests/gdb/plan.py boots QEMU halted (-S) on a free
TCP port with that run's command line and memory (run 0 boots nothing),
runs `gdb-multiarch -batch -nx` with tests/gdb/driver.py driving the
run's checks inside gdb, reads the results it wrote (one JSON line per
check), and always kills QEMU and gdb. A global timeout bounds the whole
check. The checks are in tests/gdb/check_*.py, one module per subsystem.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests", "gdb")
sys.path.insert(0, TESTS)
import plan  # noqa: E402

CONSTANTS = os.path.join("scripts", "gdb", "mneme", "constants.py")   # under the build dir


def pdeathsig():
    """Die with the harness (Linux): no QEMU left behind if we are killed."""
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


def make_constants(build):
    """Build the generated constants (cheap when up to date); None or why not."""
    b = os.path.relpath(build, ROOT)
    target = os.path.join(b, CONSTANTS)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    try:
        p = subprocess.run(["make", "-s", "--no-print-directory", "B=" + b, target],
                           cwd=ROOT, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "cannot run make %s: %s" % (target, e)
    if p.returncode:
        return "make %s failed: %s" % (target, " | ".join(
            p.stdout.decode(errors="replace").splitlines()[-4:]))
    return None


def snapshot(elf, workdir):
    """(image QEMU boots, symbols gdb reads): copies, so that a rebuild
    during the check cannot make them disagree. gdb's copy has no
    .debug_aranges, as in scripts/debug.sh (see there why)."""
    image = os.path.join(workdir, "mneme.elf")
    shutil.copyfile(elf, image)
    out = os.path.join(workdir, "mneme-gdb.elf")
    for tool in (os.environ.get("CROSS", "i686-linux-gnu-") + "objcopy", "objcopy"):
        if shutil.which(tool) and subprocess.run(
                [tool, "--remove-section=.debug_aranges", image, out],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            return image, out
    return image, image


def start_qemu(args, run, image, serial, qlog):
    """QEMU halted with its stub on a free port: (process, port) or (None, why)."""
    for _attempt in range(3):
        port = free_port()
        with open(qlog, "w") as ql:
            qemu = subprocess.Popen(
                [args.qemu, "-kernel", image, "-append", run.cmdline, "-m", run.memory,
                 "-display", "none", "-monitor", "none", "-serial", "file:" + serial,
                 "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
                 "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
                stdin=subprocess.DEVNULL, stdout=ql, stderr=subprocess.STDOUT,
                preexec_fn=pdeathsig)
        time.sleep(0.3)
        if qemu.poll() is None:
            return qemu, port
        if "available port" not in open(qlog).read():   # else taken meanwhile: another
            break
    return None, "QEMU exited at once (status %s): %s" % (qemu.returncode,
                                                          " | ".join(tail(qlog)))


def run_one(args, run, syms, image, workdir, deadline):
    """One run: ({check name: result}, [problems])."""
    n = run.number
    serial, qlog, glog, resfile, cfgfile = (os.path.join(workdir, "%s-%d.%s" % (what, n, ext))
                                            for what, ext in (("serial", "txt"), ("qemu", "log"),
                                                              ("gdb", "log"),
                                                              ("results", "jsonl"),
                                                              ("config", "json")))
    for p in (serial, resfile):
        open(p, "w").close()
    problems, qemu, gdbp, port = [], None, None, None
    try:
        if run.cmdline is not None:
            qemu, port = start_qemu(args, run, image, serial, qlog)
            if qemu is None:
                return {}, [port]
        with open(cfgfile, "w") as f:
            json.dump({"run": n, "port": port, "symbols": syms, "serial": serial,
                       "results": resfile, "cmdline": run.cmdline}, f)
        env = dict(os.environ, MNEME_GDBCHECK=cfgfile, MNEME_ROOT=ROOT, MNEME_BUILD=args.build)
        with open(glog, "w") as gl:
            gdbp = subprocess.Popen(
                [args.gdb, "-batch", "-nx", "-iex", "set debuginfod enabled off",
                 "-ex", "python import sys; sys.path[:0] = [%r, %r]; import driver; driver.main()"
                 % (TESTS, os.path.join(ROOT, "scripts", "gdb"))],
                stdin=subprocess.DEVNULL, stdout=gl, stderr=subprocess.STDOUT,
                env=env, cwd=ROOT, preexec_fn=pdeathsig)
            try:
                gdbp.wait(timeout=max(1.0, deadline - time.time()))
            except subprocess.TimeoutExpired:
                problems.append("gdb did not finish within the %g s timeout" % args.timeout)
        if gdbp.returncode not in (0, None):
            problems.append("gdb exited with status %s" % gdbp.returncode)
    except OSError as e:
        problems.append("cannot run: %s" % e)
    finally:
        kill(gdbp)
        kill(qemu)
        if args.verbose:
            for line in tail(glog, 10000):
                sys.stderr.write("gdb-%d| %s\n" % (n, line))
    results = {}
    with open(resfile) as f:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                continue
            results[r["name"]] = r
    if any(name not in results for name in run.checks):
        problems.append("gdb log %s ends: %s" % (glog, " | ".join(tail(glog, 6))))
        if run.cmdline is not None:
            problems.append("serial log %s ends: %s" % (serial, " | ".join(tail(serial, 4))))
    return results, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--elf", default=os.path.join(ROOT, "build", "mneme.elf"))
    ap.add_argument("--build", default=os.environ.get("MNEME_BUILD") or os.path.join(ROOT, "build"),
                    help="the build directory, with the generated constants")
    ap.add_argument("--timeout", type=float, default=60.0, help="for the whole check (s)")
    ap.add_argument("--gdb", default=os.environ.get("GDB", "gdb-multiarch"))
    ap.add_argument("--qemu", default=os.environ.get("QEMU", "qemu-system-i386"))
    ap.add_argument("-v", "--verbose", action="store_true", help="show gdb's output")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)

    deadline = time.time() + args.timeout
    workdir = os.path.join(args.build, "gdb-check")
    os.makedirs(workdir, exist_ok=True)
    results = {}
    problems = {r.number: [] for r in plan.RUNS}  # why a run's checks never reported

    missing = [p for p in (args.elf,) if not os.path.isfile(p)]
    missing += [t for t in (args.gdb, args.qemu) if not shutil.which(t)]
    why = "missing: %s" % ", ".join(missing) if missing else make_constants(args.build)
    if why:
        for n in problems:
            problems[n].append(why)
    else:
        image, syms = snapshot(args.elf, workdir)
        for run in plan.RUNS:
            if time.time() < deadline:
                got, problems[run.number] = run_one(args, run, syms, image, workdir, deadline)
                results.update(got)
            else:
                problems[run.number].append("not run: the %g s timeout expired" % args.timeout)

    checks = plan.all_checks()
    print("KTAP version 1")
    print("1..%d" % len(checks))
    failed = 0
    for i, (n, name) in enumerate(checks, 1):
        r = results.get(name) or {"ok": False, "diag": ["no result from gdb"] + problems[n]}
        for d in r["diag"]:
            for line in str(d).splitlines():
                print("# " + line)
        print("%s %d %s" % ("ok" if r["ok"] else "not ok", i, name))
        failed += not r["ok"]
    if failed:
        print("# %d of %d gdb checks failed; logs in %s" % (failed, len(checks), workdir))
    sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
