#!/usr/bin/env python3
"""The user programs on Mneme: boot build/mneme.elf with build/initramfs.cpio
(scripts/run_qemu.py, -kernel, the initramfs as a multiboot module), take
the console log, and compare each program's output with the one recorded on
Linux (tests/user/expected/<prog>.out; <prog>.2.6.out for the programs
DIFFERENCES lists). KTAP on stdout: one test per program, one for the
boot's verdict (no panic, oops or hang), one for init reaching its end, one
for the kernel's leak check once init has exited ("user_exit=1" makes init
exit instead of powering off, "init_leak_check=N" numbers the kernel's
result after init's N - 1; kernel/init_leak_check.c). make test's user
group runs it (scripts/run_tests.py; README: User programs):

    run_on_mneme.py [--mem 128M] [--cmdline ARGS] [--only a,b] [--tolerant]

--tolerant (fault injection, fail_page_alloc=/fail_slab=): programs may fail,
be killed or lose output (a write to init's pipe may fail with ENOMEM); only
the boot's verdict, init's end, init's own KTAP (well-formed, whatever the
programs printed) and the leak check count. --survive a,b: those programs too may fail (a machine too small for
them, tests/user/mneme-machines.txt); they must not crash the kernel.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import userlog  # noqa: E402


LEAK_CHECK = re.compile(r"^(not )?ok \d+ leak check after init$")
LEAK_DIAG = "# leak check after init: "


def leak_check(text):
    """(ok, diagnostics) of the kernel's leak check after init in a console log."""
    lines = [l.strip() for l in text.replace("\r", "").split("\n")]
    diags = [l[len(LEAK_DIAG):] for l in lines if l.startswith(LEAK_DIAG)]
    verdicts = [m for m in map(LEAK_CHECK.match, lines) if m]
    if not verdicts:
        return False, ["no 'leak check after init' result (init did not exit?)"] + diags
    return not verdicts[-1].group(1), diags


def init_ktap(text):
    """(ok, diagnostics): init's own KTAP (the lines not indented) well-formed."""
    import ktap
    top = "\n".join(l for l in text.replace("\r", "").split("\n") if not l.startswith(" "))
    report = ktap.parse(top)
    return not report.errors and report.found, report.errors[:3]


def compare(outputs, progs, tolerant, survive=()):
    """[(ok, name, diagnostics)] of each program's output against its expected one."""
    diffs = userlog.read_differences()
    res = []
    for p in progs:
        want = userlog.read_expected(p, "2.6" if p in diffs else "")
        got = outputs.get(p)
        if p in survive and got != want:
            res.append((True, p, ["may fail on this machine: %s" % (
                userlog.status_of(got) if got else "no output")]))
            continue
        if got is None:
            res.append((tolerant, p, ["no output (the program did not run or init stopped)"]))
        elif got == want:
            res.append((True, p, []))
        elif tolerant:
            res.append((True, p, ["differs under fault injection: " + str(userlog.status_of(got))]))
        else:
            g, w = got.split("\n"), (want or "").split("\n")
            first = next((i for i in range(max(len(g), len(w)))
                          if (g[i] if i < len(g) else None) != (w[i] if i < len(w) else None)), 0)
            res.append((False, p, ["line %d: want %r" % (first + 1, w[first] if first < len(w) else "<end>"),
                                   "line %d: got  %r" % (first + 1, g[first] if first < len(g) else "<end>")]))
    return res


def main():
    import run_qemu
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--cmdline", default="", help="Mneme's command line (words for init after it)")
    ap.add_argument("--only", help="comma-separated programs (init's user_only=)")
    ap.add_argument("--tolerant", action="store_true", help="fault injection: programs may fail")
    ap.add_argument("--survive", default="", help="comma-separated programs that may fail here")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--log", default=None)
    args = ap.parse_args()
    progs = userlog.programs()
    cmdline = args.cmdline
    if args.only:
        progs = [p for p in progs if p in args.only.split(",")]
        cmdline = (cmdline + " user_only=" + args.only).strip()
    # init exits, and its plan's last test is the kernel's leak check.
    cmdline = (cmdline + " user_exit=1 init_leak_check=%d" % (len(progs) + 1)).strip()
    log = args.log or os.path.join(ROOT, "build", "logs", "mneme-user-%s.txt" % args.mem)
    with open(os.devnull, "w") as quiet:
        r = run_qemu.run(boot="kernel", mem=args.mem, cmdline=cmdline, timeout=args.timeout,
                         log=log, quiet=True, initrd=[os.path.join(ROOT, "build", "initramfs.cpio")],
                         out=quiet)
    with open(log, errors="replace") as f:
        text = f.read()
    results = compare(userlog.parse_log(text), progs, args.tolerant,
                      [p for p in args.survive.split(",") if p])
    bad_verdicts = ("panic", "oops", "double-fault", "triple-fault", "reset", "timeout", "qemu-error")
    results.append((r.verdict not in bad_verdicts, "boot verdict", [r.message]))
    results.append(("# init: " in text, "init ran to its end", []))
    ok, errors = init_ktap(text)
    results.append((ok, "init's KTAP well-formed", errors))
    results.append((leak_check(text)[0], "leak check after init", leak_check(text)[1]))
    return print_ktap(results)


def print_ktap(results):
    """Print [(ok, name, diagnostics[, directive])] as KTAP; 0 if all ok, else 1."""
    print("KTAP version 1")
    print("1..%d" % len(results))
    for i, (good, name, diags, *directive) in enumerate(results, 1):
        for d in diags:
            print("# " + d)
        print("%sok %d %s%s" % ("" if good else "not ", i, name,
                                " # " + directive[0] if directive and directive[0] else ""))
    return 0 if all(r[0] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
