"""The user-program suite's logs and expected files (tests/user/, README:
User programs), shared by scripts/compare_linux.py and
tests/user/check_expected.py.

/init (tests/user/init.c) prints each program as a KTAP subtest indented
by four spaces, ended by its status line and init's own test line:

        # Subtest: brk
        KTAP version 1
        1..10
        ok 1 ...
        # brk: exit 0
    ok 1 brk

A program's output, as recorded in tests/user/expected/<prog>.out, is the
subtest's lines without the indentation, from "KTAP version 1" to the
status line included. Lines of the console that are not indented (kernel
messages) are not part of it.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXPECTED_DIR = os.path.join(HERE, "expected")
DIFFERENCES = os.path.join(EXPECTED_DIR, "DIFFERENCES")

SUBTEST = re.compile(r"^    # Subtest: (\S+)\s*$")
RESULT = re.compile(r"^(?:not )?ok \d+ (\S+)")
STATUS = re.compile(r"^# (\S+): (exit \d+|signal \S+|not run)$")
BENCH = re.compile(r"^bench: (\S+) (\d+)\s*$")
TEST_LINE = re.compile(r"^(not )?ok (\d+)( |$)")


def ktap_problems(prog, text):
    """What is wrong with a program's recorded output (a list; [] if nothing)."""
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    if len(lines) < 3:
        return ["%s: too short to be KTAP" % prog]
    errs = []
    if lines[0] != "KTAP version 1":
        errs.append("%s: first line %r is not 'KTAP version 1'" % (prog, lines[0]))
    m = re.match(r"^1\.\.(\d+)$", lines[1])
    if not m:
        return errs + ["%s: second line %r is not a plan" % (prog, lines[1])]
    numbers = []
    for l in lines[2:]:
        t = TEST_LINE.match(l)
        if t:
            numbers.append(int(t.group(2)))
            if t.group(1):
                errs.append("%s: failed on Linux: %s" % (prog, l))
        elif not l.startswith("#"):
            errs.append("%s: a line that is neither a test nor a diagnostic: %r" % (prog, l))
    if numbers != list(range(1, int(m.group(1)) + 1)):
        errs.append("%s: tests %s do not match the plan 1..%s" % (prog, numbers, m.group(1)))
    if lines[-1] != "# %s: exit 0" % prog:
        errs.append("%s: last line %r is not '# %s: exit 0'" % (prog, lines[-1], prog))
    return errs



def programs(src=HERE):
    """The programs init runs: tests/user/*.c but init.c, sorted as make sorts."""
    return sorted(f[:-2] for f in os.listdir(src)
                  if f.endswith(".c") and f != "init.c")


def parse_log(text):
    """{program: its output (str, lines ending in newline)} of a console log."""
    out, name, lines = {}, None, []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = SUBTEST.match(raw)
        if m:
            name, lines = m.group(1), []
            continue
        if name is None:
            continue
        m = RESULT.match(raw)
        if m and m.group(1) == name:
            out[name] = "".join(l + "\n" for l in lines)
            name = None
            continue
        if raw.startswith("    "):
            lines.append(raw[4:])
    return out


def parse_bench(text):
    """{name: value} of the "bench: <name> <value>" lines of a log."""
    res = {}
    for raw in text.replace("\r", "").split("\n"):
        m = BENCH.match(raw.strip())
        if m:
            res[m.group(1)] = int(m.group(2))
    return res


def status_of(output):
    """The status line's verdict of a program's output ("exit 0" ...), or None."""
    lines = output.rstrip("\n").split("\n")
    m = STATUS.match(lines[-1]) if lines else None
    return m.group(2) if m else None


def read_differences(path=DIFFERENCES):
    """{program: reason} of tests/user/expected/DIFFERENCES ("prog: reason"
    lines; '#' starts a comment; a reason may continue on indented lines)."""
    res, last = {}, None
    if not os.path.exists(path):
        return res
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] in " \t" and last:
                res[last] += " " + line.strip()
                continue
            prog, _, reason = line.partition(":")
            last = prog.strip()
            res[last] = reason.strip()
    return res


def mneme_only(diffs=None):
    """The programs DIFFERENCES lists as "Mneme only: ..." (Mneme's own
    devices): their <prog>.out is Mneme's output; Linux's is not compared."""
    diffs = read_differences() if diffs is None else diffs
    return {p for p, why in diffs.items() if why.lower().startswith("mneme only")}


def expected_path(prog, variant=""):
    """tests/user/expected/<prog>.out, or <prog>.<variant>.out (the 2.6 output
    of a program DIFFERENCES lists: variant "2.6")."""
    return os.path.join(EXPECTED_DIR, prog + ("." + variant if variant else "") + ".out")


def read_expected(prog, variant=""):
    path = expected_path(prog, variant)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read()
