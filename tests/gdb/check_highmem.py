"""Checks of lx-pkmap on the 1 GB kmap run, right after kmap's
test_exhaustion_sleeps_and_wakes returned from its msleep(10): all 1024
pkmap slots held and three threads asleep in kmap(), against
pkmap_count[] and kmap_waits read directly."""
import os
import re

import gdb

from check_tasks import NR_LATECOMERS, tasks_direct
from driver import Abort, check
from mneme.constants import LAST_PKMAP, PAGE_SHIFT


def msleep_return(s):
    """The address right after test_exhaustion_sleeps_and_wakes' call to msleep()."""
    fn = "test_exhaustion_sleeps_and_wakes"
    blk = gdb.block_for_pc(s.addr_of(fn))
    while blk is not None and (blk.function is None or blk.function.name != fn):
        blk = blk.superblock
    if blk is None:
        raise Abort("no block for %s in the debug info" % fn)
    arch = gdb.newest_frame().architecture()
    for insn in arch.disassemble(blk.start, blk.end - 1):
        if "call" in insn["asm"] and "<msleep>" in insn["asm"]:
            return insn["addr"] + insn["length"]
    raise Abort("%s calls no msleep(): the test changed; update %s" % (
        fn, os.path.basename(__file__)))


@check
def kmap_all_slots_held_lx_pkmap(s, chk):
    s.break_at("*0x%x" % msleep_return(s), 10,
               "test_exhaustion_sleeps_and_wakes right after its msleep(10)")
    raw = bytes(gdb.selected_inferior().read_memory(s.addr_of("pkmap_count"), 4 * LAST_PKMAP))
    counts = [int.from_bytes(raw[4 * i:4 * i + 4], "little", signed=True)
              for i in range(LAST_PKMAP)]
    used = sum(1 for c in counts if c > 1)
    stale = counts.count(1)
    free = counts.count(0)
    users = sum(c - 1 for c in counts if c > 1)
    chk.expect(used == LAST_PKMAP, "pkmap_count: %d slots in use, the test holds all %d"
               % (used, LAST_PKMAP))
    out = s.command(chk, "lx-pkmap")
    want = "  %d in use (%d users), %d stale" % (used, users, stale)
    chk.expect(want in out and ", %d free" % free in out,
               "lx-pkmap: expected %r and %d free in %r" % (want, free, out[:400]))
    waits = s.val("kmap_waits")
    chk.expect("kmap_waits %d," % waits in out, "lx-pkmap: expected kmap_waits %d in %r"
               % (waits, out[:400]))
    m = re.search(r"^  pkmap_map_wait: (\d+) waiters?: (.*)$", out, re.M)
    late = sorted(t["pid"] for t in tasks_direct(s) if t["comm"] == "latecomer")
    if chk.expect(m, "lx-pkmap: no 'pkmap_map_wait: N waiters' line in %r" % out[:600]):
        pids = sorted(int(p) for p in re.findall(r"pid (\d+) \(latecomer\) D", m.group(2)))
        chk.expect(int(m.group(1)) == NR_LATECOMERS and pids == late,
                   "pkmap_map_wait: expected the latecomers %s asleep, got %r"
                   % (late, m.group(0)))
    pte0 = s.val("*(unsigned long *)pkmap_page_table") & 0xFFFFFFFF
    chk.expect(re.search(r"^ +0 0x[0-9a-f]{8} +%d +0x%x " % (counts[0], pte0 >> PAGE_SHIFT),
                         out, re.M), "lx-pkmap: slot 0 should show count %d, pfn 0x%x: %r"
               % (counts[0], pte0 >> PAGE_SHIFT, out[:800]))
    s.expect_consistent(chk, out, "lx-pkmap",
                        r"^check: consistent: %d slots in use or stale" % (used + stale))
    chk.note(" | ".join([l for l in out.splitlines() if l.startswith("  ")][:3]))
