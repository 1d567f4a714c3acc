"""Checks of lx-mm, lx-vmas and lx-pte ADDR PID: the mm suite's
test_fork_cow_counts stopped inside do_wp_page() -- the parent's write
to a page it shares with the child after copy_mm(), the copy-on-write
fault ULK 9.4.4 describes. The faulting task's mm has one region; the
pte of the address is present and read-only, and its page is mapped
twice (parent and child) with two references. lx-ps shows the task's
mm and its resident pages as the mm_struct counts them."""
import re

from driver import check
from mneme.constants import PAGE_SIZE


@check
def mm_cow_fault_lx_mm_lx_vmas_lx_pte(s, chk):
    s.break_at("do_wp_page", 20, "do_wp_page() (mm test_fork_cow_counts)")
    pid = s.val("current_task->pid")
    address = s.val("$cr2") & 0xFFFFFFFF      # do_wp_page's arguments are optimized out
    mm = s.val("(unsigned long)current_task->mm") & 0xFFFFFFFF
    chk.note("pid %d faults at 0x%08x, mm 0x%08x" % (pid, address, mm))
    out = s.command(chk, "lx-mm %d" % pid)
    chk.expect(("mm 0x%08x" % mm) in out and re.search(r"map_count 1\b", out) and
               "top-down" in out, "lx-mm %d: expected mm 0x%08x, one region, top-down: %r"
               % (pid, mm, out))
    vmas = s.command(chk, "lx-vmas %d" % pid)
    s.expect_consistent(chk, vmas, "lx-vmas %d" % pid)
    line = "%08x-%08x rw-p 00000000 00:00 0" % (address & ~0xFFF, (address & ~0xFFF) + 0x1000)
    chk.expect(line in vmas, "lx-vmas %d: expected the region %r: %r" % (pid, line, vmas))
    pte = s.command(chk, "lx-pte 0x%x %d" % (address, pid))
    chk.expect("user/read-only" in pte and re.search(r"page_count 2, page_mapcount 2", pte)
               and "(anonymous: anon_vma " in pte,
               "lx-pte 0x%x %d: expected a read-only user pte to a page counted twice, "
               "anonymous: %r" % (address, pid, pte))
    file_kb, anon_kb = (s.val("((struct mm_struct *)%d)->%s_rss" % (mm, k)) * PAGE_SIZE // 1024
                        for k in ("file", "anon"))
    want = "; mm 0x%08x rss %d kB (file %d, anon %d)" % (mm, file_kb + anon_kb, file_kb, anon_kb)
    ps = [l for l in s.command(chk, "lx-ps").splitlines() if re.match(r"\s*%d " % pid, l)]
    chk.expect(anon_kb > 0 and len(ps) == 1 and want in ps[0],
               "lx-ps: pid %d's line should show %r (anon_rss > 0): %r" % (pid, want, ps))
