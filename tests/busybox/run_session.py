#!/usr/bin/env python3
"""The scripted busybox session on Mneme (issue 13): boot build/mneme.elf
with build/busybox/session.cpio (/init is tests/busybox/session.sh), and
compare each section of its output with the one recorded on Debian's
Linux 6.1 (tests/busybox/expected/session.out, make compare-linux). KTAP
on stdout: one test per section (those tests/busybox/session-todo.txt
lists are not run: "session_skip=" tells /init, and they are reported
skipped), one for the boot's verdict, one for the session's end, one for
the kernel's leak check once /init has exited. make test's user group runs
it (scripts/run_tests.py):

    run_session.py [--mem 128M] [--cmdline ARGS] [--all] [--log PATH]

--all runs the sections of the todo list too, and says which now pass.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests", "user"))

INITRAMFS = os.path.join(ROOT, "build", "busybox", "session.cpio")
EXPECTED = os.path.join(HERE, "expected", "session.out")
TODO = os.path.join(HERE, "session-todo.txt")
# The kernel's leak check after init as KTAP test 1 ("ok 1 leak check after init").
LEAK_CHECK = "init_leak_check=1"
# The todo list's name for interactive.py (run_tests.py skips it while listed).
INTERACTIVE = "interactive"
BEGIN, END = "# busybox session: begin", "# busybox session: end"
SECTION = re.compile(r"^## (\S+)(: .*)?$")


def session_lines(text):
    """The session's lines of a console log (indented by 4; kernel lines are not),
    unindented, between its begin and end lines; None without a begin line."""
    # (What the firmware left on the first line may precede it.)
    lines = [l[l.find("    " + BEGIN):] if "    " + BEGIN in l else l
             for l in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [l[4:] for l in lines if l.startswith("    ")]
    if BEGIN not in lines:
        return None
    lines = lines[lines.index(BEGIN) + 1:]
    return lines[:lines.index(END)] if END in lines else lines


def session_text(text):
    """session_lines() as the expected file's text (None if no session)."""
    lines = session_lines(text)
    return None if lines is None else "".join(l + "\n" for l in lines)


def sections(lines):
    """{section: its lines, from "## NAME" to "## NAME: ..." included}, in order."""
    res, name = {}, None
    for l in lines:
        m = SECTION.match(l)
        if m and not m.group(2):
            name = m.group(1)
            res[name] = [l]
        elif m and m.group(1) in res and name == m.group(1):
            res[name].append(l)
            name = None
        elif m:
            res[m.group(1)] = [l]      # "## NAME: skipped"
        elif name:
            res[name].append(l)
    return res


def first_difference(got, want):
    for i in range(max(len(got), len(want))):
        g = got[i] if i < len(got) else "<end>"
        w = want[i] if i < len(want) else "<end>"
        if g != w:
            return ["line %d of the section: want %r" % (i + 1, w),
                    "line %d of the section: got  %r" % (i + 1, g)]
    return []


def read_todo(path=TODO):
    """{section: reason} of the todo list ("section  reason"; '#' comments)."""
    res = {}
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                res[name] = reason.strip()
    return res


def read_expected(path=EXPECTED):
    with open(path) as f:
        return f.read().rstrip("\n").split("\n")


def compare(got_lines, want_lines, todo, ran_todo=False):
    """[(ok, name, diagnostics, directive)] of each expected section."""
    want, got = sections(want_lines), sections(got_lines or [])
    res = [] if want else [(False, "the expected output has sections", ["none in " + EXPECTED], "")]
    for name, w in want.items():
        g = got.get(name)
        if name in todo:
            note = "session-todo.txt: " + todo[name]
            if ran_todo and g == w:
                note += " -- passes now: remove it from the list"
            res.append((True, "section " + name, [], "SKIP " + note))
        elif g is None:
            res.append((False, "section " + name, ["no output (the session stopped before it?)"], ""))
        else:
            res.append((g == w, "section " + name, first_difference(g, w), ""))
    unknown = sorted(set(todo) - set(want) - {INTERACTIVE})
    if unknown:
        res.append((False, "session-todo.txt names sections that exist",
                    ["no section %r" % u for u in unknown], ""))
    return res


def main():
    import run_qemu
    import run_on_mneme
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--cmdline", default="", help="more of Mneme's command line")
    ap.add_argument("--all", action="store_true", help="run the todo list's sections too")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--log", default=None)
    args = ap.parse_args()
    todo = read_todo()
    cmdline = " ".join(w for w in (args.cmdline, LEAK_CHECK) if w)
    if todo and not args.all:
        cmdline = "session_skip=%s %s" % (",".join(sorted(set(todo) - {INTERACTIVE})), cmdline)
    log = args.log or os.path.join(ROOT, "build", "logs", "busybox-session-%s.txt" % args.mem)
    with open(os.devnull, "w") as quiet:
        r = run_qemu.run(boot="kernel", mem=args.mem, cmdline=cmdline, timeout=args.timeout,
                         log=log, quiet=True, initrd=[INITRAMFS], out=quiet)
    with open(log, errors="replace") as f:
        text = f.read()
    lines = session_lines(text)
    results = compare(lines, read_expected(), todo, args.all)
    bad_verdicts = ("panic", "oops", "double-fault", "triple-fault", "reset", "timeout", "qemu-error")
    results.append((r.verdict not in bad_verdicts, "boot verdict", [r.message], ""))
    results.append((lines is not None and END in text, "the session ran to its end",
                    [] if lines is not None else ["no '%s' line" % BEGIN], ""))
    ok, diags = run_on_mneme.leak_check(text)
    results.append((ok, "leak check after init", diags, ""))
    return run_on_mneme.print_ktap(results)

if __name__ == "__main__":
    sys.exit(main())
