"""The user benchmarks of `make bench`: /bin/bench beside Linux.

/bin/bench (tests/user/bench/bench.c) times mm operations from user space
with rdtsc; under qemu -icount shift=0,sleep=off a tick is an instruction,
so its figures are instruction counts, the same on every run. /init runs
it alone with user_bench=1. Linux's figures for the same program in the
same instrument are in tests/user/bench/linux.txt (LINUX_FILE), with the
kernel, the date and the command that measured them; `make bench-linux
RECORD=1` (scripts/compare_linux.py) rewrites it.

Goal: every Mneme figure at most half of Linux's (GOALS names the
exceptions: malloc_free is mostly musl's malloc, the same code on both
sides, so no worse than Linux). A figure missing on either side, a
benchmark that printed "failed", a figure linux.txt does not declare or a
boot that did not reach "bench: done" fails the run.
"""
import os
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINUX_FILE = os.path.join(ROOT, "tests", "user", "bench", "linux.txt")
INITRAMFS = os.path.join(ROOT, "build", "initramfs.cpio")
MACHINE = "512M"                # Linux's figures were taken with -m 512M
CMDLINE = "user_bench=1"
NAME = "user"                   # bench.py --only user

DEFAULT_GOAL = Fraction(1, 2)
GOALS = {"malloc_free": Fraction(1)}    # at most this fraction of Linux's figure

FIGURE = re.compile(r"^bench: (\S+) (\d+)$")
FAILED = re.compile(r"^bench: (\S+) failed: (.*)$")
META = re.compile(r"^(kernel|date|command): (.+)$")


# --- Linux's figures: tests/user/bench/linux.txt --------------------------


@dataclass
class LinuxFigures:
    figures: Dict[str, int] = field(default_factory=dict)   # in bench.c's order
    meta: Dict[str, str] = field(default_factory=dict)      # kernel, date, command
    errors: List[str] = field(default_factory=list)


def parse_linux(text):
    """linux.txt: '#' comments, "kernel:", "date:", "command:" lines, then "<name> <figure>"."""
    lf = LinuxFigures()
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m_meta, m_fig = META.match(line), re.match(r"^(\S+) (\d+)$", line)
        if m_meta:
            lf.meta[m_meta.group(1)] = m_meta.group(2)
        elif m_fig and m_fig.group(1) not in lf.figures:
            lf.figures[m_fig.group(1)] = int(m_fig.group(2))
        else:
            lf.errors.append("linux.txt line %d: cannot read (or a repeated name): %s" % (n, line))
    for key in ("kernel", "date", "command"):
        if key not in lf.meta:
            lf.errors.append("linux.txt: no '%s:' line (where the figures come from)" % key)
    if not lf.figures:
        lf.errors.append("linux.txt: no figures")
    return lf


def read_linux(path=LINUX_FILE):
    try:
        with open(path, encoding="utf-8") as f:
            return parse_linux(f.read())
    except OSError as e:
        return LinuxFigures(errors=["%s: %s" % (path, e.strerror)])


def format_linux(figures, kernel, command, date=None):
    """linux.txt's text for figures ({name: int}, in order)."""
    date = date or time.strftime("%Y-%m-%d", time.gmtime())
    lines = ["# Linux's figures for /bin/bench (tests/user/bench/bench.c), in instructions:",
             "# rdtsc under qemu-system-i386 -icount shift=0,sleep=off -m %s, /init's" % MACHINE,
             "# user_bench=1. The goals of `make bench` (scripts/bench_user.py) are",
             "# fractions of these. `make bench-linux RECORD=1` rewrites this file.",
             "kernel: " + kernel, "date: " + date, "command: " + command]
    lines += ["%s %d" % (name, v) for name, v in figures.items()]
    return "\n".join(lines) + "\n"


# --- Mneme's boot ---------------------------------------------------------


@dataclass
class UserLog:
    figures: Dict[str, int] = field(default_factory=dict)
    failed: List[str] = field(default_factory=list)     # "name: why"
    done: bool = False
    errors: List[str] = field(default_factory=list)


def parse_log(lines):
    """The bench lines of a boot's clean lines (ktap.clean_text), at any indentation."""
    log = UserLog()
    for line in lines:
        line = line.strip()
        m_fig, m_fail = FIGURE.match(line), FAILED.match(line)
        if line == "bench: done":
            log.done = True
        elif m_fail:
            log.failed.append("%s: %s" % (m_fail.group(1), m_fail.group(2)))
        elif m_fig:
            if m_fig.group(1) in log.figures:
                log.errors.append("/bin/bench printed '%s' twice" % m_fig.group(1))
            else:
                log.figures[m_fig.group(1)] = int(m_fig.group(2))
        elif line.startswith("bench: "):
            log.errors.append("a bench line bench_user.py cannot read: %s" % line)
    return log


# --- Judging --------------------------------------------------------------


@dataclass
class Judged:
    name: str
    mneme: Optional[int]
    linux: Optional[int]
    goal: Fraction
    limit: Optional[Decimal] = None     # the largest figure that meets the goal
    ratio: Optional[Decimal] = None     # Mneme's over Linux's
    met: bool = False


@dataclass
class Verdict:
    rows: List[Judged] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)

    @property
    def missed(self):
        return [j for j in self.rows if not j.met]

    @property
    def ok(self):
        return not self.errors and not self.missed


def judge(log, linux):
    """log: UserLog of Mneme's boot (None: no boot); linux: LinuxFigures."""
    v = Verdict(errors=list(linux.errors))
    if log is None:
        v.errors.append("-m %s %s: no log" % (MACHINE, CMDLINE))
        log = UserLog()
    v.errors += log.errors
    if not log.done:
        v.errors.append("/bin/bench did not reach 'bench: done'")
    v.errors += ["/bin/bench: %s failed: %s" % tuple(f.split(": ", 1)) for f in log.failed]
    for name in log.figures:
        if name not in linux.figures:
            v.errors.append("/bin/bench printed '%s', which linux.txt does not declare" % name)
    for name, lin in linux.figures.items():
        goal = GOALS.get(name, DEFAULT_GOAL)
        j = Judged(name, log.figures.get(name), lin, goal)
        j.limit = Decimal(lin * goal.numerator) / goal.denominator
        if j.mneme is None:
            v.errors.append("/bin/bench printed no '%s' (a figure Linux has)" % name)
        else:
            j.ratio = Decimal(j.mneme) / lin if lin else None
            j.met = j.mneme * goal.denominator <= lin * goal.numerator
        v.rows.append(j)
    return v


def compare_runs(logs):
    """logs: [UserLog, ...]; a line for each figure that differs from the first run's."""
    diff = []
    for n, other in enumerate(logs[1:], 2):
        names = [k for k, x in logs[0].figures.items() if other.figures.get(k) != x]
        if names:
            diff.append("NOT REPEATABLE: /bin/bench run %d differs in %s" % (n, ", ".join(names)))
    return diff


# --- Output ---------------------------------------------------------------


def goal_text(goal):
    return "1/2 of Linux" if goal == Fraction(1, 2) else (
        "Linux's" if goal == 1 else "%s of Linux" % goal)


def num(x):
    """An int with thousands separators; a Decimal limit with one place if it has one."""
    if x is None:
        return "-"
    if isinstance(x, Decimal) and x != x.to_integral_value():
        return "{:,.1f}".format(x)
    return "{:,}".format(int(x))


def ratio_text(r):
    """Rounded up, so a ratio shown as 0.50 meets a half-of-Linux goal."""
    return "-" if r is None else "%.2f" % r.quantize(Decimal("0.01"), rounding="ROUND_CEILING")


def table(v):
    """(header, rows) of cells, shared by the terminal and the markdown table."""
    head = ["bench", "Mneme", "Linux", "goal", "goal <=", "Mneme / Linux", ""]
    rows = [[j.name, "MISSING" if j.mneme is None else num(j.mneme), num(j.linux),
             goal_text(j.goal), num(j.limit), ratio_text(j.ratio), "met" if j.met else "MISSED"]
            for j in v.rows]
    return head, rows


def report_lines(v, linux):
    out = ["User programs: /bin/bench (tests/user/bench/bench.c) on Mneme, -m %s %s, beside"
           % (MACHINE, CMDLINE),
           "Linux %s (%s, %s); instructions per operation (rdtsc under -icount)."
           % (linux.meta.get("kernel", "?"), linux.meta.get("date", "?"),
              linux.meta.get("command", "?")), ""]
    head, rows = table(v)
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    for r in [head] + rows:
        out.append(("  " + " ".join(c.ljust(w) if i in (0, 3) else c.rjust(w)
                                     for i, (c, w) in enumerate(zip(r, widths)))).rstrip())
    out.append("")
    if v.errors:
        out.append("user errors:")
        out += ["  " + e for e in v.errors]
    if v.missed:
        out.append("user goals missed (%d):" % len(v.missed))
        out += ["  %s: %s, goal <= %s (Linux %s, ratio %s)"
                % (j.name, num(j.mneme), num(j.limit), num(j.linux), ratio_text(j.ratio))
                for j in v.missed]
    return out


def markdown(v, linux):
    """build/bench-user.md: the table README links."""
    head, rows = table(v)
    md = ["# User benchmarks: Mneme beside Linux", "",
          "`make bench` on %s: `/bin/bench` (tests/user/bench/bench.c) booted with `%s` under "
          "`qemu -icount shift=0,sleep=off -m %s`; instructions per operation (totals for "
          "`fork_cow_exit`, `fork_exit_64M`, `exec_static`). Linux: %s, %s, `%s` "
          "(tests/user/bench/linux.txt)."
          % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), CMDLINE, MACHINE,
             linux.meta.get("kernel", "?"), linux.meta.get("date", "?"),
             linux.meta.get("command", "?")), "",
          "| " + " | ".join(head[:-1]) + " | |",
          "|---|---:|---:|---|---:|---:|---|"]
    md += ["| " + " | ".join(r) + " |" for r in rows]
    md.append("")
    md += ["- %s" % e for e in v.errors]
    md.append("Every goal met." if v.ok else "Goals missed: %s." % (
        ", ".join(j.name for j in v.missed) or "none, but errors above"))
    return "\n".join(md) + "\n"
