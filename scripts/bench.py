#!/usr/bin/env python3
"""`make bench`: Mneme's benchmarks, in instructions, beside Linux's.

Boots the kernel with "bench=<its benchmarks>" under qemu -icount
shift=0,sleep=off, where the guest's TSC advances by exactly one per
retired instruction (the calibration benchmark checks it), on each machine
BENCHMARKS names (128 MB; 1 GB for high memory), twice: the figures must
repeat to the unit. Each figure is the mean per operation over 5 timed
passes after a warm-up pass (tests/kernel/bench_*.c, include/bench.h).

Every row the kernel prints is declared in ROWS, with the benchmark that
prints it and its goal. The run fails, naming the benchmark, when a
declared row is missing, a row is printed that ROWS does not declare, a
benchmark skips (bench-skip:), the kernel has a benchmark BENCHMARKS does
not know, or the two runs differ. A row with a counterpart in LINUX must
cost at most half of what Linux 6.1 pays for the same operation in the
same instrument; every row is printed with Mneme's figure, Linux's, the
ratio and whether its goal is met, and the rows that miss are listed.

Then the user benchmarks (scripts/bench_user.py): the initramfs booted with
user_bench=1 on -m 512M, /bin/bench's figures judged against Linux's in
tests/user/bench/linux.txt, also twice, also in build/bench-user.md.

    bench.py [--only bench_a,bench_b,user] [--runs 2] [--log-dir DIR]

Exit status: 0 if every goal is met and nothing is missing, 1 otherwise.
"""
import argparse
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_user  # noqa: E402
import ktap  # noqa: E402
import run_qemu  # noqa: E402


# --- Linux 6.1 in the same instrument ------------------------------------
#
# Source: ../shared/bench/linux-kernel/README.md (/work/shared/bench/
# linux-kernel/), the results file results-20261206-181522.txt, measured
# 2026-12-06 by run.sh with lbench.c: Debian 12's linux-image-6.1.0-57-686
# (6.1.192-3), qemu-system-i386 7.2 -icount shift=0,sleep=off -m 1G, the
# default qemu32 CPU. The "init_on_alloc=0" column: the allocator alone
# (Debian's default zeroes every allocation). Each Linux figure is the
# smallest of 5 per-pass means after a warm-up pass, and includes lbench's
# loop, whose cost is the empty_loop row; Mneme's figures are the mean of
# the 5 passes with its loop taken off. So a Linux operation costs its
# figure minus LINUX_EMPTY_LOOP, and that is what Mneme's is compared with.
#
# get_zeroed_page: QEMU counts every repetition of a rep string instruction,
# so clearing the page (rep stosl x 1024) is about 1,040 of Linux's 1,847.5
# (lbench's clear_page row) and about as much of Mneme's. The clearing is
# the same work on both sides and is not the allocator's: compare the rest,
# Mneme's clear being its calibration row in the same run.
#
# Re-measure with ../shared/bench/linux-kernel/run.sh (see its README), and
# update this table and its source line together. The keys are the README
# table's operations ("a / b" cells split), and tests/runner/test_bench.py
# checks the figures against that README when it is there.
LINUX_SOURCE = ("Linux 6.1.192 (Debian 12 -686), init_on_alloc=0, -m 1G, qemu32: "
                "../shared/bench/linux-kernel/README.md, results-20261206-181522.txt (2026-12-06)")
LINUX = {
    "alloc_page+__free_page (order 0, pcp)": Decimal("671.4"),
    "alloc_pages(3)+__free_pages": Decimal("885.8"),
    "get_zeroed_page+free_page": Decimal("1847.5"),
    "kmem_cache_alloc+free (64 B cache)": Decimal("186"),
    "kmalloc+kfree 32": Decimal("215"),
    "kmalloc+kfree 64": Decimal("215"),
    "kmalloc+kfree 256": Decimal("215"),
    "kmalloc+kfree 4096": Decimal("215"),
    "kmalloc+kfree(64), size not constant": Decimal("240"),
    "burst 10000×kmalloc(64): per kmalloc": Decimal("401.5"),
    "burst 10000×kfree: per kfree": Decimal("177.2"),
    "vmalloc(64K)+vfree": Decimal("9002"),
    "kmap+kunmap, the same highmem page": Decimal("320"),
    "kmap+kunmap, cycling 2048 highmem pages": Decimal("642.0"),
    "kmap_atomic+kunmap_atomic": Decimal("215"),
}
# Linux rows no Mneme row matches, and why.
LINUX_UNMATCHED = {
    "kmap_local_page+kunmap_local": "kmap_local arrived in Linux 5.11; 2.6 has kmap_atomic",
    "calibration: memset(64)": "not a figure of Mneme's",
}
# The calibration rows of the same table.
LINUX_CALIBRATION = {
    "calibration: empty loop": Decimal("2"),        # lbench's empty_loop: in every figure
    "calibration: clear_page": Decimal("1039.8"),   # loop included
}
LINUX_EMPTY_LOOP = LINUX_CALIBRATION["calibration: empty loop"]
LINUX_CLEAR_PAGE = LINUX_CALIBRATION["calibration: clear_page"]


# --- Benchmarks and the machine each boots on -----------------------------
#
# Every bench_register()ed function, in the order they are shown. A
# machine's boot runs its benchmarks ("bench=f,g"). The kmap rows are
# compared with Linux's on Linux's machine size, and need high memory.
MACHINE = "128M"
HIGHMEM_MACHINE = "1G"
RUNNER = "kernel/bench.c"           # rows printed before any benchmark
PASSES = 5                          # BENCH_PASSES of include/bench.h

BENCHMARKS = {
    "bench_calibration": MACHINE,
    "bench_page_alloc_order0": MACHINE,
    "bench_page_alloc_orders": MACHINE,
    "bench_get_zeroed_page": MACHINE,
    "bench_all_memory": MACHINE,
    "bench_slab_cache": MACHINE,
    "bench_kmalloc_sizes": MACHINE,
    "bench_kmalloc_burst": MACHINE,
    "bench_kmalloc_fragmentation": MACHINE,
    "bench_vmalloc_64k": MACHINE,
    "bench_kmap": HIGHMEM_MACHINE,
}


# --- Rows -----------------------------------------------------------------


@dataclass
class Row:
    name: str                   # as the kernel prints it after "bench: "
    bench: str                  # the benchmark printing it (RUNNER: on every machine)
    linux: Optional[str] = None  # key of LINUX: the same operation in Linux
    clear: Optional[str] = None  # a row of the same benchmark: the page clearing in the figure
    unit: str = ""
    timed: bool = True          # a mean over PASSES passes (bench_measure), not a count


CALIBRATION = "calibration_instructions_per_10_insn_iteration"
PCP = "alloc_page+__free_page (per-CPU list)"
BUDDY = "alloc_page+__free_page (buddy lists)"
CLEAR = "clear a page: memset(4096) (calibration)"
CACHE_PAIR = "kmem_cache_alloc+kmem_cache_free (warm, 64 bytes)"
KMALLOC64 = "kmalloc+kfree 64"

ROWS = [
    Row("loop_overhead", RUNNER, timed=False),
    Row(CALIBRATION, "bench_calibration", timed=False),
    Row(PCP, "bench_page_alloc_order0", linux="alloc_page+__free_page (order 0, pcp)"),
    Row(BUDDY, "bench_page_alloc_order0"),
    Row("alloc_pages+__free_pages order-3", "bench_page_alloc_orders",
        linux="alloc_pages(3)+__free_pages"),
    Row("alloc_pages+__free_pages order-10", "bench_page_alloc_orders"),
    Row("get_zeroed_page+free_page", "bench_get_zeroed_page",
        linux="get_zeroed_page+free_page", clear=CLEAR),
    Row(CLEAR, "bench_get_zeroed_page"),
    Row("allocate every page (per page)", "bench_all_memory"),
    Row("free every page (per page)", "bench_all_memory"),
    Row("pages allocated and freed", "bench_all_memory", unit="pages", timed=False),
    Row(CACHE_PAIR, "bench_slab_cache", linux="kmem_cache_alloc+free (64 B cache)"),
    Row("kmalloc+kfree 32", "bench_kmalloc_sizes", linux="kmalloc+kfree 32"),
    Row(KMALLOC64, "bench_kmalloc_sizes", linux="kmalloc+kfree 64"),
    Row("kmalloc+kfree 256", "bench_kmalloc_sizes", linux="kmalloc+kfree 256"),
    Row("kmalloc+kfree 4096", "bench_kmalloc_sizes", linux="kmalloc+kfree 4096"),
    Row("  page allocator, order 0 (same memory)", "bench_kmalloc_sizes"),
    Row("kmalloc+kfree 131072", "bench_kmalloc_sizes"),
    Row("  page allocator, order 5 (same memory)", "bench_kmalloc_sizes"),
    Row("kmalloc+kfree 64, size not constant", "bench_kmalloc_sizes",
        linux="kmalloc+kfree(64), size not constant"),
    Row("  page allocator, order 0 (baseline for the small sizes)", "bench_kmalloc_sizes"),
    Row("burst: kmalloc(64) x 10000, per allocation", "bench_kmalloc_burst",
        linux="burst 10000×kmalloc(64): per kmalloc"),
    Row("burst: kfree x 10000, per free", "bench_kmalloc_burst",
        linux="burst 10000×kfree: per kfree"),
    Row("kmalloc internal fragmentation, fixed mix of 16 sizes", "bench_kmalloc_fragmentation",
        unit="%", timed=False),
    Row("vmalloc+vfree 64 KB", "bench_vmalloc_64k", linux="vmalloc(64K)+vfree"),
    Row("  __get_free_pages+free_pages order 4 (same 64 KB)", "bench_vmalloc_64k"),
    Row("kmap+kunmap, high page, already in the pkmap table", "bench_kmap",
        linux="kmap+kunmap, the same highmem page"),
    Row("kmap+kunmap, cycling 2048 high pages", "bench_kmap",
        linux="kmap+kunmap, cycling 2048 highmem pages"),
    Row("kmap_atomic+kunmap_atomic, high page", "bench_kmap", linux="kmap_atomic+kunmap_atomic"),
]

# Goals beyond Linux's: (description, rows needed, predicate over the figures).
GOALS = [
    ("TSC counts instructions: a 10-instruction loop costs 10", [CALIBRATION],
     lambda f: f[CALIBRATION] == 10),
    ("per-CPU order-0 pair <= 150 instructions", [PCP], lambda f: f[PCP] <= 150),
    ("per-CPU order-0 pair cheaper than the buddy path", [PCP, BUDDY],
     lambda f: f[PCP] < f[BUDDY]),
    ("warm kmem_cache_alloc+kmem_cache_free pair <= 100 instructions", [CACHE_PAIR],
     lambda f: f[CACHE_PAIR] <= 100),
    ("kmalloc(64)+kfree pair <= 120 instructions", [KMALLOC64], lambda f: f[KMALLOC64] <= 120),
]


# --- Reading a boot's log -------------------------------------------------

# "bench: <name> <value> [<unit>]": the value is the last number on the line.
FIGURE = re.compile(r"^bench: (.+) (\d+(?:\.\d+)?)(?: ([^\d\s]\S*))?$")
PASSES_LINE = re.compile(r"^bench-passes: (.+) min (\d+(?:\.\d+)?) max (\d+(?:\.\d+)?) "
                    r"passes (\d+) ops (\d+)$")
CASE = re.compile(r"^bench-case: (\S+)( not selected)?$")
SKIP = re.compile(r"^bench-skip: (\S+): (.*)$")
BENCH_LINE = re.compile(r"^bench(?:-[a-z]+)?: ")


@dataclass
class Figure:
    text: str                   # as printed
    unit: str
    bench: str                  # the benchmark that printed it
    min: Optional[str] = None   # bench-passes: the cheapest and dearest pass, per op
    max: Optional[str] = None
    passes: int = 0
    ops: int = 0

    @property
    def value(self):
        return Decimal(self.text)


@dataclass
class BootLog:
    figures: Dict[str, Figure] = field(default_factory=dict)
    registered: List[str] = field(default_factory=list)    # every bench-case: line
    ran: List[str] = field(default_factory=list)
    skips: List[str] = field(default_factory=list)         # "bench_x: why"
    done: bool = False
    errors: List[str] = field(default_factory=list)


def parse_log(text):
    """The bench lines of one boot's serial output (str or bytes)."""
    log = BootLog()
    current = RUNNER
    for line in ktap.clean_text(text):
        line = line.strip()
        if not BENCH_LINE.match(line):
            continue
        m_case, m_skip = CASE.match(line), SKIP.match(line)
        m_passes, m_fig = PASSES_LINE.match(line), FIGURE.match(line)
        if line == "bench: done":
            log.done = True
        elif m_case:
            log.registered.append(m_case.group(1))
            if not m_case.group(2):
                log.ran.append(m_case.group(1))
                current = m_case.group(1)
        elif m_skip:
            log.skips.append("%s: %s" % (m_skip.group(1), m_skip.group(2)))
        elif m_passes:
            fig = log.figures.get(m_passes.group(1))
            if fig is None:
                log.errors.append("%s: 'bench-passes' before its figure: %s" % (current, line))
                continue
            fig.min, fig.max = m_passes.group(2), m_passes.group(3)
            fig.passes, fig.ops = int(m_passes.group(4)), int(m_passes.group(5))
        elif m_fig:
            name = m_fig.group(1)
            if name in log.figures:
                log.errors.append("%s printed '%s' twice" % (current, name))
                continue
            log.figures[name] = Figure(m_fig.group(2), m_fig.group(3) or "", current)
        else:
            log.errors.append("%s: a bench line bench.py cannot read: %s" % (current, line))
    return log


# --- Judging --------------------------------------------------------------


def machines_for(only=()):
    """{machine: [benchmark, ...]} to boot, BENCHMARKS' order, restricted to only if given."""
    plan = {}
    for bench, machine in BENCHMARKS.items():
        if not only or bench in only:
            plan.setdefault(machine, []).append(bench)
    return plan


def machine_of(row):
    return BENCHMARKS.get(row.bench)


@dataclass
class Judged:
    row: Row
    machine: str
    figure: Optional[Figure]
    linux: Optional[Decimal] = None
    ratio: Optional[Decimal] = None     # Mneme's operation over Linux's
    limit: Optional[Decimal] = None     # the largest figure that meets the goal
    met: Optional[bool] = None          # None: no goal of Linux's


@dataclass
class Verdict:
    rows: List[Judged] = field(default_factory=list)
    goals: List[tuple] = field(default_factory=list)    # (description, met)
    errors: List[str] = field(default_factory=list)     # what is missing, extra or broken

    @property
    def missed(self):
        return ([j for j in self.rows if j.met is False],
                [d for d, met in self.goals if not met])

    @property
    def ok(self):
        rows, goals = self.missed
        return not self.errors and not rows and not goals


def judge_linux(row, figures):
    """(Linux's figure, ratio, limit, met) for a row with a Linux counterpart."""
    linux = LINUX[row.linux]
    mneme = figures[row.name]
    if row.clear:
        clear = figures[row.clear]
        op_mneme, op_linux = mneme - clear, linux - LINUX_CLEAR_PAGE
    else:
        clear, op_mneme, op_linux = Decimal(0), mneme, linux - LINUX_EMPTY_LOOP
    limit = clear + op_linux / 2
    return linux, op_mneme / op_linux, limit, 2 * op_mneme <= op_linux


def judge(logs, only=()):
    """
    The verdict on one run: logs is {machine: BootLog} of the boots
    machines_for(only) planned. Every declared row of the benchmarks run
    must be there, printed by its benchmark, and nothing else.
    """
    v = Verdict()
    plan = machines_for(only)
    selected = [b for benches in plan.values() for b in benches]
    declared = {}               # (machine, name) -> Row
    for row in ROWS:
        if row.bench == RUNNER:
            for machine in plan:
                declared[(machine, row.name)] = row
        elif row.bench not in BENCHMARKS:
            v.errors.append("row '%s': its benchmark %s is not in BENCHMARKS" % (row.name, row.bench))
        elif row.bench in selected:
            declared[(machine_of(row), row.name)] = row
        if row.linux and row.linux not in LINUX:
            v.errors.append("row '%s': no Linux figure named '%s' in LINUX" % (row.name, row.linux))

    for machine, benches in plan.items():
        log = logs.get(machine)
        where = "-m %s" % machine
        if log is None:
            v.errors.append("%s: no log (benchmarks %s)" % (where, ", ".join(benches)))
            continue
        v.errors += ["%s: %s" % (where, e) for e in log.errors]
        if not log.done:
            v.errors.append("%s: the boot did not reach 'bench: done' (benchmarks %s)"
                            % (where, ", ".join(benches)))
        v.errors += ["%s: %s skipped: %s" % (where, s.split(":")[0], s.split(": ", 1)[1])
                     for s in log.skips]
        for b in benches:
            if b not in log.ran and b in log.registered:
                v.errors.append("%s: %s did not run" % (where, b))
        for name, fig in log.figures.items():
            row = declared.get((machine, name))
            if row is None:
                v.errors.append("%s: %s printed '%s', which scripts/bench.py's ROWS does not "
                                "declare (for this machine)" % (where, fig.bench, name))
            elif row.bench != fig.bench:
                v.errors.append("%s: '%s' was printed by %s, but ROWS declares it for %s"
                                % (where, name, fig.bench, row.bench))

    # The kernel names every benchmark it has, selected or not: one it has
    # and BENCHMARKS lacks would never run, so its rows would never be seen.
    registered = [b for m in plan if m in logs for b in logs[m].registered]
    for b in dict.fromkeys(registered):
        if b not in BENCHMARKS:
            v.errors.append("the kernel has benchmark %s, which scripts/bench.py's BENCHMARKS "
                            "does not declare" % b)
    for b in BENCHMARKS if registered else ():
        if b not in registered:
            v.errors.append("%s is declared in BENCHMARKS but the kernel has no such benchmark" % b)

    figures = {}                # name -> value, first machine that has it
    for row in ROWS:
        machines = list(plan) if row.bench == RUNNER else [machine_of(row)]
        for machine in machines:
            if (machine, row.name) not in declared:
                continue
            fig = logs.get(machine, BootLog()).figures.get(row.name)
            if fig is None:
                v.errors.append("-m %s: %s printed no '%s' (a declared row%s)"
                                % (machine, row.bench, row.name,
                                   ", compared with Linux" if row.linux else ""))
            elif fig.unit != row.unit:
                v.errors.append("-m %s: '%s' is in '%s', declared in '%s'"
                                % (machine, row.name, fig.unit, row.unit))
            elif row.timed and fig.passes != PASSES:
                v.errors.append("-m %s: %s printed '%s' from %d timed passes, not %d (a single "
                                "sample is not a figure)" % (machine, row.bench, row.name,
                                                             fig.passes, PASSES))
            else:
                figures.setdefault(row.name, fig.value)
            v.rows.append(Judged(row, machine, fig))
    for j in v.rows:
        if not j.row.linux or j.row.linux not in LINUX:
            continue
        j.linux = LINUX[j.row.linux]
        needs = [j.row.name] + ([j.row.clear] if j.row.clear else [])
        if all(n in figures for n in needs):
            j.linux, j.ratio, j.limit, j.met = judge_linux(j.row, figures)
        else:
            j.met = False       # a goal that cannot be judged is not met
    names = {j.row.name for j in v.rows}
    for desc, needs, pred in GOALS:
        if not all(n in names for n in needs):
            continue            # its benchmark was not selected (--only)
        v.goals.append((desc, all(n in figures for n in needs) and pred(figures)))
    return v


def compare_runs(runs):
    """runs: [{machine: BootLog}, ...]; one line per figure that differs from the first run."""
    errors = []
    for n, other in enumerate(runs[1:], 2):
        for machine, log in runs[0].items():
            theirs = other.get(machine, BootLog()).figures
            diff = [k for k, fig in log.figures.items()
                    if k not in theirs or theirs[k].text != fig.text]
            if diff:
                errors.append("NOT REPEATABLE: run %d differs on -m %s in %s"
                              % (n, machine, ", ".join(diff)))
    return errors


# --- Output ---------------------------------------------------------------


def fmt(d):
    """A Decimal with at most two places, without trailing zeros: 334.7, 1453.85, 9002."""
    if d is None:
        return "-"
    text = "%.2f" % d.quantize(Decimal("0.01"), rounding="ROUND_FLOOR")
    return text.rstrip("0").rstrip(".")


def ratio_text(r):
    """Rounded up, so a ratio shown as 0.50 meets the goal."""
    return "%.2f" % r.quantize(Decimal("0.01"), rounding="ROUND_CEILING")


def report_lines(v, notes=()):
    """The table and the verdict, as make bench prints them; notes go before the verdict."""
    out = []
    width = max([len(j.row.name) for j in v.rows] + [10])
    out.append("Mneme vs Linux, in instructions per operation: qemu -icount shift=0,sleep=off;")
    out.append("Mneme: mean of %d timed passes after a warm-up pass, loop overhead removed;"
               " -m: the machine." % PASSES)
    out.append("Linux: %s." % LINUX_SOURCE)
    out.append("ratio: Mneme's operation over Linux's (Linux's figure less its %s-instruction loop;"
               % LINUX_EMPTY_LOOP)
    out.append("       get_zeroed_page: both less the page clearing, rep stosl counted per repetition);"
               " goal: ratio <= 0.50.")
    out.append("")
    head = "  %-*s %5s %12s %12s %10s %11s %6s  %s" % (
        width, "row", "-m", "Mneme", "min pass", "Linux", "goal <=", "ratio", "goal")
    out.append(head)
    for j in v.rows:
        fig = j.figure
        mneme = "MISSING" if fig is None else (fig.text + (" " + fig.unit if fig.unit else ""))
        lo = fig.min if fig is not None and fig.min is not None else ""
        if j.row.linux:
            goal = "met" if j.met else "MISSED"
            ratio = "-" if j.ratio is None else ratio_text(j.ratio)
            linux, limit = fmt(j.linux), fmt(j.limit)
        else:
            goal = ratio = linux = limit = ""
        out.append(("  %-*s %5s %12s %12s %10s %11s %6s  %s" % (
            width, j.row.name, j.machine, mneme, lo, linux, limit, ratio, goal)).rstrip())
    for op, why in LINUX_UNMATCHED.items():
        if not op.startswith("calibration"):
            out.append("  (Linux's %s: no Mneme row; %s)" % (op, why))
    if v.goals:
        out.append("")
        out.append("other goals:")
        for desc, met in v.goals:
            out.append("  %-6s %s" % ("met" if met else "MISSED", desc))
    rows, goals = v.missed
    out.append("")
    out += list(notes)
    if v.errors:
        out.append("errors:")
        out += ["  " + e for e in v.errors]
    if rows or goals:
        out.append("goals missed (%d):" % (len(rows) + len(goals)))
        for j in rows:
            if j.ratio is None:
                out.append("  %s: cannot be judged, a figure is missing" % j.row.name)
            else:
                out.append("  %s: %s, goal <= %s (Linux %s, ratio %s)"
                           % (j.row.name, j.figure.text, fmt(j.limit), fmt(j.linux),
                              ratio_text(j.ratio)))
        out += ["  " + d for d in goals]
    if v.ok:
        out.append("bench: every goal met")
    else:
        out.append("bench: FAILED (%s)" % ", ".join(
            s for s in ("%d errors" % len(v.errors) if v.errors else "",
                        "%d goals missed" % (len(rows) + len(goals)) if rows or goals else "")
            if s))
    return out


# --- Running --------------------------------------------------------------


def run_boot(args, n, machine, benches):
    log = os.path.join(args.log_dir, "bench-%s-%d.txt" % (machine, n))
    r = run_qemu.run(boot="kernel", mem=machine, cmdline="bench=" + ",".join(benches),
                     icount=True, quiet=True, log=log, timeout=args.timeout)
    with open(r.log, "rb") as f:
        parsed = parse_log(f.read())
    if r.exit_status != run_qemu.EXIT_PASS:
        parsed.errors.append("the boot failed: %s (log %s)" % (r.message, r.log))
    return parsed


def run_user_boot(args, n):
    log = os.path.join(args.log_dir, "bench-user-%s-%d.txt" % (bench_user.MACHINE, n))
    r = run_qemu.run(boot="kernel", mem=bench_user.MACHINE, cmdline=bench_user.CMDLINE,
                     icount=True, quiet=True, log=log, timeout=args.user_timeout,
                     initrd=[bench_user.INITRAMFS])
    with open(r.log, "rb") as f:
        parsed = bench_user.parse_log(ktap.clean_text(f.read()))
    if r.verdict != "pass":     # init powers off: its KTAP, not the exit status, says pass
        parsed.errors.append("the boot failed: %s (log %s)" % (r.message, r.log))
    return parsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="",
                    help="benchmark functions, comma-separated ('%s': /bin/bench)" % bench_user.NAME)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--user-timeout", type=float, default=900)
    ap.add_argument("--log-dir", default=os.path.join(run_qemu.ROOT, "build", "logs"))
    args = ap.parse_args()

    only = [b for b in args.only.split(",") if b]
    user = not only or bench_user.NAME in only
    only = [b for b in only if b != bench_user.NAME]
    unknown = [b for b in only if b not in BENCHMARKS]
    if unknown:
        print("bench: no benchmark %s in BENCHMARKS (scripts/bench.py)" % ", ".join(unknown))
        return 1
    plan = machines_for(only) if only or not args.only else {}     # {}: --only user
    jobs = [(n, machine, benches) for n in range(args.runs) for machine, benches in plan.items()]
    jobs += [(n, None, None) for n in range(args.runs)] if user else []
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda j: run_boot(args, *j) if j[1] else run_user_boot(args, j[0]),
                                jobs))
    runs = [{} for _ in range(args.runs)]
    user_logs = []
    for (n, machine, _), log in zip(jobs, results):
        if machine:
            runs[n][machine] = log
        else:
            user_logs.append(log)

    ok = True
    if plan:
        v = judge(runs[0], only)
        differ = compare_runs(runs)
        v.errors += differ
        notes = ["repeatable: %d runs gave identical figures" % args.runs] \
            if args.runs > 1 and not differ else []
        for line in report_lines(v, notes):
            print(line)
        ok = v.ok
    if user:
        linux = bench_user.read_linux()
        uv = bench_user.judge(user_logs[0], linux)
        differ = bench_user.compare_runs(user_logs)
        uv.errors += differ
        print()
        for line in bench_user.report_lines(uv, linux):
            print(line)
        md = os.path.join(run_qemu.ROOT, "build", "bench-user.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write(bench_user.markdown(uv, linux))
        print("%s; %s" % ("repeatable: %d runs gave identical figures" % args.runs
                          if args.runs > 1 and not differ else "one run", md))
        print("bench: user %s" % ("every goal met" if uv.ok else "FAILED"))
        ok = ok and uv.ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
