#!/usr/bin/env python3
"""The user programs on Mneme: boot build/mneme.elf with build/initramfs.cpio
(scripts/run_qemu.py, -kernel, the initramfs as a multiboot module), take
the console log, and compare each program's output with the one recorded on
Linux (tests/user/expected/<prog>.out; <prog>.2.6.out for the programs
DIFFERENCES lists). KTAP on stdout: one test per program, one for the
boot's verdict (no panic, oops or hang), one for init reaching its end.
Ready for make test's steps once exec lands (README: User programs):

    run_on_mneme.py [--mem 128M] [--cmdline ARGS] [--only a,b] [--tolerant]

--tolerant (fault injection, fail_page_alloc=/fail_slab=): programs may fail
or be killed; only the boot's verdict and init's end count, plus every
program that did finish with "exit 0" must match its expected output.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import userlog  # noqa: E402


def compare(outputs, progs, tolerant):
    """[(ok, name, diagnostics)] of each program's output against its expected one."""
    diffs = userlog.read_differences()
    res = []
    for p in progs:
        want = userlog.read_expected(p, "2.6" if p in diffs else "")
        got = outputs.get(p)
        if got is None:
            res.append((tolerant, p, ["no output (the program did not run or init stopped)"]))
        elif got == want:
            res.append((True, p, []))
        elif tolerant and userlog.status_of(got) != "exit 0":
            res.append((True, p, ["failed under fault injection: " + str(userlog.status_of(got))]))
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
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--log", default=None)
    args = ap.parse_args()
    progs = userlog.programs()
    cmdline = args.cmdline
    if args.only:
        progs = [p for p in progs if p in args.only.split(",")]
        cmdline = (cmdline + " user_only=" + args.only).strip()
    log = args.log or os.path.join(ROOT, "build", "logs", "mneme-user-%s.txt" % args.mem)
    with open(os.devnull, "w") as quiet:
        r = run_qemu.run(boot="kernel", mem=args.mem, cmdline=cmdline, timeout=args.timeout,
                         log=log, quiet=True, initrd=[os.path.join(ROOT, "build", "initramfs.cpio")],
                         out=quiet)
    with open(log, errors="replace") as f:
        text = f.read()
    results = compare(userlog.parse_log(text), progs, args.tolerant)
    bad_verdicts = ("panic", "oops", "double-fault", "triple-fault", "reset", "timeout", "qemu-error")
    results.append((r.verdict not in bad_verdicts, "boot verdict", [r.message]))
    results.append(("# init: " in text, "init ran to its end", []))
    print("KTAP version 1")
    print("1..%d" % len(results))
    for i, (good, name, diags) in enumerate(results, 1):
        for d in diags:
            print("# " + d)
        print("%sok %d %s" % ("" if good else "not ", i, name))
    return 0 if all(g for g, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
