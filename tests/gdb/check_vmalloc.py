"""Checks of lx-vmallocinfo on the 1 GB kmap run: at boot against the
kernel's show_mem=vmallocinfo report (with lx-ps, and the commands in
mneme-help), while kmap's test holds its threads (every thread's stack
listed), and right after vmalloc's test_vmallocinfo printed
/proc/vmallocinfo, with the freed latecomer stacks in the history."""
import re

import gdb

from check_tasks import ps, tasks_direct
from driver import check, diff
from mneme.constants import PAGE_SHIFT, PAGE_SIZE, THREAD_SIZE


def stack_area(stack):
    """The start of lx-vmallocinfo's line for a thread stack (its guard page included)."""
    return "0x%08x-0x%08x %7d dup_task_struct+0x" % (stack, stack + THREAD_SIZE + PAGE_SIZE,
                                                   THREAD_SIZE + PAGE_SIZE)


@check
def ktest_boot_lx_vmallocinfo_lx_ps(s, chk):
    s.run_to_boot_complete(what="the write of system_state_running (1 GB, ktest=kmap,...)")
    mine = s.command(chk, "lx-vmallocinfo").splitlines()
    kernel = s.compare_report(chk, "vmallocinfo", mine)
    if kernel:
        chk.note("boot: %d area%s, e.g. %r" % (len(kernel), "" if len(kernel) == 1 else "s",
                                               kernel[0]))
    s.expect_consistent(chk, s.command(chk, "lx-vmallocinfo -v"), "lx-vmallocinfo -v")
    rows, tasks, _ = ps(s, chk)
    chk.expect(rows.get(1, {}).get("state") == "R (running)" and
               rows.get(0, {}).get("comm") == "swapper",
               "expected init (pid 1) running and swapper (pid 0): %r" % (
                   [r["line"] for r in rows.values()],))
    s.expect_listed(chk, ("lx-ps", "lx-bt", "lx-vmallocinfo", "lx-pkmap"))


@check
def kmap_lx_vmallocinfo_lists_thread_stacks(s, chk):
    lines = s.command(chk, "lx-vmallocinfo").splitlines()
    n = 0
    node = s.val("(unsigned long)vmlist") & 0xFFFFFFFF
    while node and n < 4096:
        n += 1
        node = s.val("(unsigned long)((struct vm_struct *)%d)->next" % node) & 0xFFFFFFFF
    chk.expect(len(lines) == n, "lx-vmallocinfo: %d lines for %d areas on vmlist"
               % (len(lines), n))
    tasks = tasks_direct(s)
    for t in tasks:
        if t["pid"] == 0:
            continue            # the boot thread's stack is init_thread_union
        want = stack_area(t["stack"])
        hit = [l for l in lines if l.startswith(want)]
        chk.expect(len(hit) == 1 and hit[0].endswith(" pages=%d vmalloc"
                                                     % (THREAD_SIZE >> PAGE_SHIFT)),
                   "pid %d's stack: expected one line %r... pages=%d vmalloc in %r"
                   % (t["pid"], want, THREAD_SIZE >> PAGE_SHIFT, lines))
    chk.note("%d areas: %d thread stacks" % (n, len(tasks) - 1))
    s.shared["latecomer_stacks"] = [t["stack"] for t in tasks if t["comm"] == "latecomer"]
    s.expect_consistent(chk, s.command(chk, "lx-vmallocinfo -v"), "lx-vmallocinfo -v",
                        r"^check: consistent: %d areas" % n)


@check
def vmalloc_test_lx_vmallocinfo_matches_kernel(s, chk):
    class CalledFrom(gdb.Breakpoint):
        def stop(self):
            f = gdb.newest_frame().older()
            return f is not None and f.name() == "test_vmallocinfo"
    bp = CalledFrom("show_vmallocinfo", internal=True)
    try:
        s.run_to(bp, 15, "show_vmallocinfo() called by test_vmallocinfo")
    finally:
        bp.delete()
    s.finish_call("show_vmallocinfo()")
    mine = s.command(chk, "lx-vmallocinfo").splitlines()
    log = s.dmesg_lines()
    kernel = log[-len(mine):] if mine else []
    if not chk.expect(mine and mine == kernel, "lx-vmallocinfo differs from what "
                      "show_vmallocinfo() just printed"):
        diff(chk, log[-len(mine) - 3:], mine, "kernel log", "lx-vmallocinfo")
    chk.expect(any(re.search(r" 24576 test_vmallocinfo\+0x[0-9a-f]+/0x[0-9a-f]+ pages=5 "
                             r"vmalloc$", l) for l in mine),
               "no line for test_vmallocinfo's 5-page area: %r" % mine)
    out = s.command(chk, "lx-vmallocinfo -v")
    s.expect_consistent(chk, out, "lx-vmallocinfo -v")
    hist = out.split("freed areas (vm_history", 1)[-1]
    for stack in s.shared.get("latecomer_stacks", []):
        want = "  " + stack_area(stack)
        chk.expect(want in hist, "the freed latecomer stack %r is not in the history: %r"
                   % (want, hist[:600]))
    chk.note("%d areas, e.g. %r" % (len(mine), [l for l in mine if "test_vmallocinfo" in l][:1]))
