#!/usr/bin/env python3
"""make compare-linux / make bench-linux: the user programs (tests/user/)
on Debian's Linux 686, the oracle, in the same QEMU as Mneme.

The kernel is Debian's newest linux-image-6.1.0-*-686-unsigned package,
fetched with `apt-get download` (nothing else is fetched) into
~/.cache/mneme-linux (MNEME_LINUX_CACHE) and unpacked with dpkg-deb. It
boots with build/initramfs.cpio, whose /init (tests/user/init.c) runs
every program and powers off.

    compare_linux.py              run on Linux; compare each program with
                                  tests/user/expected/<prog>.out and with
                                  Mneme's run (--mneme, which make passes
                                  unless MNEME=0, boots build/mneme.elf with
                                  the initramfs through run_qemu.py;
                                  --mneme-log reads a log; else "not run");
                                  table on stdout and in build/compare-linux.md
    compare_linux.py --record     the same, then write the expected files
    compare_linux.py --bench-only /bin/bench under -icount shift=0,sleep=off
                                  -m 512: build/bench-linux.md (with --mneme,
                                  Mneme's figures and the ratios beside; with
                                  --record, Linux's figures written to
                                  tests/user/bench/linux.txt, make bench's
                                  reference)
    compare_linux.py --bench      both

Exit status 0 iff every program's Linux output is its expected output
(after --record: iff every program passed on Linux) and, with a Mneme log,
Mneme's too, but for the programs tests/user/expected/DIFFERENCES lists,
whose Mneme output is compared with <prog>.2.6.out instead.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "user"))
sys.path.insert(0, os.path.join(ROOT, "tests", "busybox"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import bench_user  # noqa: E402
import run_session  # noqa: E402
import userlog  # noqa: E402

BUILD = os.path.join(ROOT, "build")
INITRAMFS = os.path.join(BUILD, "initramfs.cpio")
SHELL_INITRAMFS = os.path.join(BUILD, "busybox", "shell.cpio")
CACHE = os.environ.get("MNEME_LINUX_CACHE", os.path.expanduser("~/.cache/mneme-linux"))
PACKAGE_RE = re.compile(r"^linux-image-6\.1\.0-(\d+)-686-unsigned$")
COMPARE_MEM = "128M"
BENCH_MEM = "512M"
# The figures issue 11 measured on Debian Linux 6.1.0-50-686, -m 512, -icount.
ISSUE_FIGURES = {
    "anon_fault": 3865, "cow_fault": 5772, "fork_cow_exit": 119989278,
    "fork_exit_64M": 5915168, "mmap_munmap_64K": 25238, "malloc_free": 1954,
}
BENCH_ORDER = ("anon_fault", "cow_fault", "fork_cow_exit", "fork_exit_64M", "mmap_munmap_64K",
               "malloc_free", "brk_grow", "file_read_4K", "file_mmap_read_4K", "exec_static")


def newest_package():
    """The newest linux-image-6.1.0-N-686-unsigned the apt sources know."""
    out = subprocess.run(["apt-cache", "pkgnames", "linux-image-6.1.0-"],
                         capture_output=True, text=True, check=True).stdout.split()
    found = sorted((int(m.group(1)), n) for n in out for m in [PACKAGE_RE.match(n)] if m)
    if not found:
        sys.exit("compare_linux: apt-cache knows no linux-image-6.1.0-*-686-unsigned "
                 "(is Debian's bookworm in the apt sources? apt-get update?)")
    return found[-1][1]


def fetch_kernel():
    """Path of the vmlinuz, downloaded and unpacked on first use."""
    os.makedirs(CACHE, exist_ok=True)
    have = sorted(glob.glob(os.path.join(CACHE, "x-*", "boot", "vmlinuz-*")))
    pkg = None
    try:
        pkg = newest_package()
    except (OSError, subprocess.CalledProcessError) as e:
        if not have:
            sys.exit("compare_linux: apt-cache failed (%s) and nothing is cached in %s" % (e, CACHE))
    if pkg is None:
        return have[-1]
    unpacked = os.path.join(CACHE, "x-" + pkg)
    vmlinuz = glob.glob(os.path.join(unpacked, "boot", "vmlinuz-*"))
    if vmlinuz:
        return vmlinuz[0]
    debs = glob.glob(os.path.join(CACHE, pkg + "_*.deb"))
    if not debs:
        print("compare_linux: apt-get download %s" % pkg, flush=True)
        r = subprocess.run(["apt-get", "download", pkg], cwd=CACHE)
        debs = glob.glob(os.path.join(CACHE, pkg + "_*.deb"))
        if r.returncode != 0 or not debs:
            sys.exit("compare_linux: apt-get download %s failed" % pkg)
    subprocess.run(["dpkg-deb", "-x", debs[0], unpacked], check=True)
    vmlinuz = glob.glob(os.path.join(unpacked, "boot", "vmlinuz-*"))
    if not vmlinuz:
        sys.exit("compare_linux: no boot/vmlinuz-* in %s" % debs[0])
    return vmlinuz[0]


def boot_linux(vmlinuz, mem, extra="", icount=False, timeout=900, log=None, initrd=INITRAMFS):
    """The console output of Linux booting build/initramfs.cpio (or initrd)."""
    cmd = ["qemu-system-i386", "-kernel", vmlinuz, "-initrd", initrd,
           "-append", ("console=ttyS0 loglevel=1 panic=-1 " + extra).strip(),
           "-m", mem, "-nographic", "-display", "none", "-monitor", "none", "-no-reboot"]
    if icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    print("compare_linux: " + " ".join(cmd), flush=True)
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        out = p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace") + "\n[compare_linux: killed after %d s]\n" % timeout
    print("compare_linux: Linux ran for %.0f s" % (time.time() - t0), flush=True)
    if log:
        os.makedirs(os.path.dirname(log), exist_ok=True)
        with open(log, "w") as f:
            f.write(out)
    return out


def verdict(got, want):
    if got is None:
        return "not run"
    if want is None:
        return "no expected"
    if got == want:
        return "same"
    return "differs"


def first_difference(got, want):
    g, w = got.split("\n"), want.split("\n")
    for i in range(max(len(g), len(w))):
        a = g[i] if i < len(g) else "<end>"
        b = w[i] if i < len(w) else "<end>"
        if a != b:
            return "line %d: want %r, got %r" % (i + 1, b, a)
    return ""


def compare(args, vmlinuz):
    progs = userlog.programs()
    log = os.path.join(BUILD, "logs", "linux-user.txt")
    linux = userlog.parse_log(boot_linux(vmlinuz, COMPARE_MEM, args.append, log=log))
    mneme = None
    if args.mneme:
        args.mneme_log = os.path.join(BUILD, "logs", "mneme-user.txt")
        boot_mneme(args.append if args.mneme_cmdline is None else args.mneme_cmdline,
                   COMPARE_MEM, args.mneme_log)
    if args.mneme_log:
        with open(args.mneme_log, errors="replace") as f:
            mneme = userlog.parse_log(f.read())
    diffs = userlog.read_differences()
    rows, same, differ, notrun, notes = [], 0, 0, 0, []
    for p in progs:
        want = userlog.read_expected(p)
        got = linux.get(p)
        lv = verdict(got, want)
        if args.record and got is not None:
            problems = userlog.ktap_problems(p, got)
            lv = "recorded" if not problems else "recorded, fails"
            notes += ["%s (Linux): %s" % (p, e) for e in problems]
        mv = "not run"
        if mneme is not None:
            mwant = userlog.read_expected(p, "2.6") if p in diffs else want
            mv = verdict(mneme.get(p), mwant)
            if p in diffs and mv == "same":
                mv = "same (2.6, DIFFERENCES)"
            if mv == "differs":
                notes.append("%s (Mneme): %s" % (p, first_difference(mneme[p], mwant)))
        if lv == "differs":
            notes.append("%s (Linux): %s" % (p, first_difference(got, want)))
        ok = lv in ("same", "recorded") and mv in ("same", "not run", "same (2.6, DIFFERENCES)")
        same += ok
        notrun += not ok and lv == "not run"
        differ += not ok and lv != "not run"
        rows.append((p, lv, mv))
    for p, lv, mv, note in compare_busybox(args, vmlinuz):
        ok = lv in ("same", "recorded") and mv in ("same", "not run", "same (todo)")
        same += ok
        notrun += not ok and lv == "not run"
        differ += not ok and lv != "not run"
        rows.append((p, lv, mv))
        notes += [note] if note else []
    if args.record:
        for p, out in linux.items():
            if p in progs:
                with open(userlog.expected_path(p), "w") as f:
                    f.write(out)
    width = max(len(r[0]) for r in rows)
    lines = ["%-*s  %-16s %s" % (width, "program", "Linux", "Mneme")]
    lines += ["%-*s  %-16s %s" % (width, p, l, m) for p, l, m in rows]
    print("\n".join(lines))
    for n in notes:
        print("  " + n)
    print("%d same, %d differ" % (same, differ) + (", %d not run on Linux" % notrun if notrun else ""))
    with open(os.path.join(BUILD, "compare-linux.md"), "w") as f:
        f.write("# The user programs on Linux and on Mneme\n\n"
                "`make compare-linux` on %s: Debian's `%s` (`-m %s`) against the expected "
                "outputs in `tests/user/expected/`; Mneme: %s.\n\n"
                % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.path.basename(vmlinuz),
                   COMPARE_MEM, args.mneme_log or "not run (MNEME=0)"))
        f.write("| program | Linux | Mneme |\n|---|---|---|\n")
        for p, l, m in rows:
            f.write("| %s | %s | %s |\n" % (p, l, m))
        if notes:
            f.write("\nDifferences:\n\n" + "".join("- %s\n" % n for n in notes))
        f.write("\n%d same, %d differ" % (same, differ) +
                (", %d not run on Linux" % notrun if notrun else "") + "\n")
    return differ == 0 and notrun == 0


def compare_busybox(args, vmlinuz):
    """[(name, Linux's verdict, Mneme's, a note or None)] of the busybox session's
    sections (tests/busybox/session.sh on Linux against expected/session.out;
    with --mneme, tests/busybox/run_session.py --all on Mneme, its todo list's
    sections included: "differs (todo)" for those) and of the interactive
    session (tests/busybox/interactive.py on each kernel)."""
    text = boot_linux(vmlinuz, COMPARE_MEM, args.append, timeout=300, initrd=run_session.INITRAMFS,
                      log=os.path.join(BUILD, "logs", "linux-busybox-session.txt"))
    got = run_session.session_lines(text)
    complete = got is not None and run_session.END in text
    want = run_session.read_expected() if os.path.exists(run_session.EXPECTED) else None
    if args.record and complete:
        with open(run_session.EXPECTED, "w") as f:
            f.write(run_session.session_text(text))
    mneme = None
    if args.mneme:
        mlog = os.path.join(BUILD, "logs", "mneme-busybox-session.txt")
        cmd = [sys.executable, os.path.join(ROOT, "tests", "busybox", "run_session.py"), "--all",
               "--mem", COMPARE_MEM, "--log", mlog]
        print("compare_linux: " + " ".join(cmd), flush=True)
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
        with open(mlog, errors="replace") as f:
            mneme = run_session.sections(run_session.session_lines(f.read()) or [])
    todo = run_session.read_todo()
    lsec, wsec = run_session.sections(got or []), run_session.sections(want or [])
    rows = []
    for name in list(wsec) + [n for n in lsec if n not in wsec]:
        g, w = lsec.get(name), wsec.get(name)
        lv = verdict(g, w) if not args.record else ("recorded" if complete else "not run")
        ref = g if args.record else w
        mv = "not run" if mneme is None else verdict(mneme.get(name), ref)
        mv += " (todo)" if name in todo and mneme is not None else ""
        note = None
        if lv == "differs":
            note = "busybox %s (Linux): %s" % (name, "; ".join(run_session.first_difference(g, w)))
        elif mv == "differs":
            note = "busybox %s (Mneme): %s" % (name, "; ".join(
                run_session.first_difference(mneme.get(name), ref)))
        rows.append(("busybox " + name, lv, mv, note))
    # The interactive session: its checks pass (same) or not (differs).
    got = {}
    for kernel in ("Linux", "Mneme") if args.mneme else ("Linux",):
        cmd = [sys.executable, os.path.join(ROOT, "tests", "busybox", "interactive.py"),
               "--initrd", SHELL_INITRAMFS, "--mem", COMPARE_MEM,
               "--log", os.path.join(BUILD, "logs", "%s-busybox-interactive.txt" % kernel.lower())]
        if kernel == "Linux":
            cmd += ["--linux", vmlinuz]
        print("compare_linux: " + " ".join(cmd), flush=True)
        r = subprocess.run(cmd, capture_output=True, text=True)
        bad = [l for l in r.stdout.splitlines() if l.startswith("not ok")]
        got[kernel] = ("same" if r.returncode == 0 else "differs",
                       "busybox interactive (%s): %s" % (kernel, bad[0]) if bad else None)
    mv = got["Mneme"][0] + (" (todo)" if "interactive" in todo else "") if args.mneme else "not run"
    rows.append(("busybox interactive", got["Linux"][0], mv,
                 got["Linux"][1] or (got["Mneme"][1] if args.mneme else None)))
    return rows


def boot_mneme(cmdline, mem, log, icount=False, timeout=600):
    """The console log of Mneme (build/mneme.elf) booting with the initramfs."""
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "run_qemu.py"), "--initrd", INITRAMFS,
           "--cmdline", cmdline, "--mem", mem, "--timeout", str(timeout), "--log", log, "--quiet"]
    if icount:
        cmd.append("--icount")
    print("compare_linux: " + " ".join(cmd), flush=True)
    subprocess.run(cmd)
    try:
        with open(log, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def bench(args, vmlinuz):
    log = os.path.join(BUILD, "logs", "linux-bench.txt")
    out = boot_linux(vmlinuz, BENCH_MEM, "user_bench=1", icount=True, log=log, timeout=3600)
    figs = userlog.parse_bench(out)
    failed = [l.strip() for l in out.split("\n") if "bench:" in l and "failed" in l]
    mfigs = None
    if args.mneme:
        mout = boot_mneme(((args.mneme_cmdline or "") + " user_bench=1").strip(), BENCH_MEM,
                          os.path.join(BUILD, "logs", "mneme-bench.txt"), icount=True, timeout=3600)
        mfigs = userlog.parse_bench(mout)
    lines = ["%-18s %14s %14s %8s %14s %8s" % ("bench", "Linux here", "issue 11", "ratio",
                                              "Mneme", "M/Linux")]
    md = ["| bench | Linux here | issue 11's Linux | here / issue | Mneme | Mneme / Linux |",
          "|---|---:|---:|---:|---:|---:|"]
    for name in BENCH_ORDER:
        v = figs.get(name)
        ref = ISSUE_FIGURES.get(name)
        ratio = "%.2f" % (v / ref) if v is not None and ref else "-"
        vs = "{:,}".format(v) if v is not None else "missing"
        rs = "{:,}".format(ref) if ref else "-"
        m = mfigs.get(name) if mfigs is not None else None
        ms = "{:,}".format(m) if m is not None else ("not run" if mfigs is None else "missing")
        mr = "%.2f" % (m / v) if m is not None and v else "-"
        lines.append("%-18s %14s %14s %8s %14s %8s" % (name, vs, rs, ratio, ms, mr))
        md.append("| %s | %s | %s | %s | %s | %s |" % (name, vs, rs, ratio, ms, mr))
    print("\n".join(lines + failed))
    with open(os.path.join(BUILD, "bench-linux.md"), "w") as f:
        f.write("# User benchmarks on Linux\n\n`make bench-linux` on %s: `/bin/bench` "
                "(tests/user/bench/bench.c) on Debian's `%s`, `qemu-system-i386 -m %s "
                "-icount shift=0,sleep=off` (rdtsc ticks: instructions); Mneme booted the same "
                "way (`make bench-linux MNEME=0` leaves it out); the goals: `make bench` "
                "(build/bench-user.md).\n\n"
                % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                   os.path.basename(vmlinuz), BENCH_MEM))
        f.write("\n".join(md) + "\n")
        if failed:
            f.write("\n" + "".join("- %s\n" % l for l in failed))
    good = all(n in figs for n in BENCH_ORDER) and not failed
    if args.record and args.bench_only:
        if not good:
            print("compare_linux: %s not rewritten: a figure is missing or failed"
                  % bench_user.LINUX_FILE)
        else:
            with open(bench_user.LINUX_FILE, "w") as f:
                f.write(bench_user.format_linux({n: figs[n] for n in BENCH_ORDER},
                                                kernel_name(vmlinuz),
                                                "make bench-linux RECORD=1"))
            print("compare_linux: wrote %s" % bench_user.LINUX_FILE)
    return good


def kernel_name(vmlinuz):
    """The package and version the vmlinuz came from (its .deb's name in the cache)."""
    pkg = os.path.basename(os.path.dirname(os.path.dirname(vmlinuz)))[2:]    # x-<package>
    debs = sorted(glob.glob(os.path.join(CACHE, pkg + "_*.deb")))
    version = os.path.basename(debs[-1]).split("_")[1] if debs else "?"
    return "%s %s (Debian)" % (pkg, version)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="write tests/user/expected/")
    ap.add_argument("--bench", action="store_true", help="also run the benchmarks")
    ap.add_argument("--bench-only", action="store_true", help="only the benchmarks")
    ap.add_argument("--mneme-log", help="a console log of Mneme running the same initramfs")
    ap.add_argument("--mneme", action="store_true",
                    help="boot Mneme (build/mneme.elf) with the initramfs too (run_qemu.py)")
    ap.add_argument("--mneme-cmdline", default=None,
                    help="Mneme's command line for --mneme (default: --append's)")
    ap.add_argument("--append", default="", help="more of Linux's command line (user_only=prog)")
    args = ap.parse_args()
    if not os.path.exists(INITRAMFS):
        sys.exit("compare_linux: no %s (make user-programs)" % INITRAMFS)
    vmlinuz = fetch_kernel()
    good = True
    if not args.bench_only:
        good = compare(args, vmlinuz)       # --record: the expected outputs
    if args.bench or args.bench_only:
        good = bench(args, vmlinuz) and good
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
