#!/usr/bin/env python3
"""`make bench`: Mneme's benchmarks, in instructions.

Boots the kernel with "bench" under qemu -icount shift=0,sleep=off,
where the guest's TSC advances by exactly one per retired instruction
(the calibration benchmark checks it), collects the "bench: <name>
<value>" lines, and prints them with the goals the issues set. Every
benchmark runs on a 128 MB machine; those that need high memory run
again on a 1 GB one. Each boot runs twice: the figures must repeat to
the unit.

    bench.py [--mem 128M] [--only NAME,...] [--runs 2]

Exit status: 0 if every goal is met and the runs agree, 1 otherwise.
"""
import argparse
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_qemu  # noqa: E402

PCP = "alloc_page+__free_page (per-CPU list)"
BUDDY = "alloc_page+__free_page (buddy lists)"
CACHE_PAIR = "kmem_cache_alloc+kmem_cache_free (warm, 64 bytes)"
KMALLOC64 = "kmalloc+kfree 64"

# (description, predicate over the figures); a goal whose figures are
# missing from the run (a --only selection) is not judged.
GOALS = [
    ("TSC counts instructions: a 10-instruction loop costs 10",
     ["calibration_instructions_per_10_insn_iteration"],
     lambda f: f["calibration_instructions_per_10_insn_iteration"] == 10),
    ("per-CPU order-0 pair <= 150 instructions", [PCP], lambda f: f[PCP] <= 150),
    ("per-CPU order-0 pair cheaper than the buddy path", [PCP, BUDDY],
     lambda f: f[PCP] < f[BUDDY]),
    ("warm kmem_cache_alloc+kmem_cache_free pair <= 100 instructions", [CACHE_PAIR],
     lambda f: f[CACHE_PAIR] <= 100),
    ("kmalloc(64)+kfree pair <= 120 instructions", [KMALLOC64], lambda f: f[KMALLOC64] <= 120),
]

# "bench: <name> <value> [<unit>]": the value is the last number on the line.
LINE = re.compile(r"^bench: (.+) (\d+(?:\.\d+)?)(?: ([^\d\s]\S*))?$")


# Benchmarks that need high memory, and the machine they get.
HIGHMEM_BENCHES = ["bench_kmap"]
HIGHMEM_MACHINE = "1G"


def run_once(args, n, mem, only):
    log = os.path.join(run_qemu.ROOT, "build", "logs", "bench-%s-%d.txt" % (mem, n))
    cmdline = "bench" + ("=" + only if only else "")
    r = run_qemu.run(boot="kernel", mem=mem, cmdline=cmdline, icount=True,
                     quiet=True, log=log, timeout=args.timeout)
    figures, order = {}, []
    with open(r.log, errors="replace") as f:
        for raw in f:
            m = LINE.match(raw.strip())
            if m and m.group(1) != "done":
                figures[m.group(1)] = float(m.group(2))
                order.append((m.group(1), m.group(2), m.group(3) or ""))
    done = any(raw.strip() == "bench: done" for raw in open(r.log, errors="replace"))
    return r, figures, order, done


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--only", default="", help="benchmark functions, comma-separated")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()

    machines = [(args.mem, args.only)]
    high = [b for b in HIGHMEM_BENCHES if not args.only or b in args.only.split(",")]
    if high:
        machines.append((HIGHMEM_MACHINE, ",".join(high)))
    jobs = [(n, mem, only) for mem, only in machines for n in range(args.runs)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda j: run_once(args, *j), jobs))

    ok = True
    runs = []			# per run index: figures merged over the machines
    figures, order = {}, []
    for (n, mem, _), (r, f, o, done) in zip(jobs, results):
        if r.exit_status != 33 or not done:
            print("bench: the benchmark boot failed (-m %s): %s (log %s)" % (mem, r.message, r.log))
            return 1
        if mem != args.mem:	# the high-memory machine's figures replace the 128 MB ones
            f = {"%s [-m %s]" % (k, mem): v for k, v in f.items() if k != "loop_overhead"}
            o = [("%s [-m %s]" % (k, mem), v, u) for k, v, u in o if k != "loop_overhead"]
        while len(runs) <= n:
            runs.append(({}, []))
        runs[n][0].update(f)
        runs[n][1].extend(o)
    figures, order = runs[0]
    runs = [(None, f, None, None) for f, _ in runs]
    width = max(len(name) for name, _, _ in order)
    print("Mneme benchmarks, qemu -icount shift=0,sleep=off, -m %s (instructions per operation,"
          " loop overhead removed)" % args.mem)
    for name, value, unit in order:
        print("  %-*s %12s %s" % (width, name, value, unit))

    for n, (_, other, _, _) in enumerate(runs[1:], 1):
        diff = [k for k in figures if other.get(k) != figures[k]]
        if diff:
            ok = False
            print("NOT REPEATABLE: run %d differs in %s" % (n + 1, ", ".join(diff)))
    if len(runs) > 1 and ok:
        print("repeatable: %d runs gave identical figures" % len(runs))

    print("goals:")
    for desc, needs, pred in GOALS:
        if not all(k in figures for k in needs):
            continue
        met = pred(figures)
        ok &= met
        print("  %-6s %s" % ("met" if met else "MISSED", desc))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
