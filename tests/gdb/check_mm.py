"""Checks of the page-frame commands, stopped where boot completes:
lx-buddyinfo, lx-zoneinfo and lx-meminfo against the kernel's own
reports (show_mem= in the serial log) and against the zones read
directly, lx-page on kernel text, on a free block and on a block of a
per-CPU list of order 1 .. 3, lx-freelist, lx-pcp, and lx-memlayout
against paging_init()'s boot message."""
import re

import gdb

from driver import Abort, check
from mneme.constants import FIXADDR_TOP, PAGE_OFFSET, PAGE_SHIFT, PCP_MAX_ORDER

NZONES = "sizeof(contig_page_data.node_zones) / sizeof(contig_page_data.node_zones[0])"


def zone_name(i):
    return gdb.parse_and_eval("contig_page_data.node_zones[%d].name" % i).string()


def zone_index(s, name):
    for i in range(s.val(NZONES)):
        if zone_name(i) == name:
            return i
    raise Abort("no zone named %r" % name)


def first_free_block(s):
    """(zone name, order, pfn) of the first block of the highest non-empty order."""
    lru = s.val("(unsigned long)&((struct page *)0)->lru")
    size = s.val("sizeof(struct page)")
    mem_map = s.val("(unsigned long)mem_map")
    orders = s.val("sizeof(contig_page_data.node_zones[0].free_area) / "
                   "sizeof(contig_page_data.node_zones[0].free_area[0])")
    for i in range(s.val(NZONES)):
        for o in reversed(range(orders)):
            fa = "contig_page_data.node_zones[%d].free_area[%d]" % (i, o)
            if s.val(fa + ".nr_free"):
                node = s.val("(unsigned long)%s.free_list.next" % fa)
                return zone_name(i), o, (node - lru - mem_map) // size
    raise Abort("no free block in any zone")


@check
def lx_buddyinfo_matches_kernel(s, chk):
    mine = s.command(chk, "lx-buddyinfo").splitlines()
    kernel = s.compare_report(chk, "buddyinfo", mine)
    if kernel:
        chk.note("%d zone lines, e.g. %r" % (len(kernel), kernel[-1]))
    # And against nr_free read directly, so a kernel bug in show_buddyinfo() shows too.
    for line in mine:
        m = re.match(r"Node 0, zone\s+(\S+)\s+((?:\d+\s+)+)$", line)
        if not chk.expect(m, "malformed line %r" % line):
            continue
        zone = zone_index(s, m.group(1))
        got = [int(x) for x in m.group(2).split()]
        want = [s.val("contig_page_data.node_zones[%d].free_area[%d].nr_free" % (zone, o))
                for o in range(len(got))]
        chk.expect(got == want, "zone %s: lx-buddyinfo %s, nr_free %s" % (m.group(1), got, want))


@check
def lx_zoneinfo_matches_kernel(s, chk):
    out = s.command(chk, "lx-zoneinfo")
    s.compare_report(chk, "zoneinfo", out.splitlines())
    for i in range(s.val(NZONES)):
        name = zone_name(i)
        free = s.val("contig_page_data.node_zones[%d].free_pages" % i)
        m = re.search(r"^Node 0, zone\s+%s\n  pages free\s+(\d+)$" % re.escape(name), out, re.M)
        if chk.expect(m, "no 'Node 0, zone %s' / 'pages free' lines" % name):
            chk.expect(int(m.group(1)) == free, "zone %s: pages free %s, free_pages %d"
                       % (name, m.group(1), free))


@check
def lx_meminfo_matches_kernel(s, chk):
    out = s.command(chk, "lx-meminfo").splitlines()
    # The lines gdb computes; meminfo_extra[] ones need a call into the kernel.
    s.compare_report(chk, "meminfo", out, only=6)
    total = s.val("totalram_pages")
    kb = total << (PAGE_SHIFT - 10)
    m = re.match(r"MemTotal:\s+(\d+) kB$", out[0] if out else "")
    if chk.expect(m, "no MemTotal line first: %r" % out[:1]):
        chk.note("%s (totalram_pages %d)" % (out[0], total))
        chk.expect(int(m.group(1)) == kb, "MemTotal %s kB, totalram_pages in kB = %d"
                   % (m.group(1), kb))


@check
def lx_page_kernel_text_reserved(s, chk):
    pfn = (s.addr_of("start_kernel") - PAGE_OFFSET) >> PAGE_SHIFT
    state = None
    for cmd in ("lx-page %d" % pfn, "lx-page -a &start_kernel"):
        out = s.command(chk, cmd)
        flags = re.search(r"^  flags .*$", out, re.M)
        state = re.search(r"^  state\s+(.*)$", out, re.M)
        chk.expect(re.search(r"^page:[0-9a-f]{8} pfn:%#x " % pfn, out, re.M),
                   "`%s`: no 'page:... pfn:%#x' line in %r" % (cmd, pfn, out[:300]))
        chk.expect(flags and "reserved" in flags.group(0),
                   "`%s`: flags do not say reserved: %r" % (cmd, flags and flags.group(0)))
        chk.expect(state and state.group(1).startswith("reserved"),
                   "`%s`: state is not reserved: %r" % (cmd, state and state.group(1)))
    chk.note("pfn %#x (start_kernel): %s" % (pfn, state.group(1)[:60] if state else "?"))


@check
def lx_page_free_block(s, chk):
    zone, order, pfn = first_free_block(s)
    out = s.command(chk, "lx-page %d" % pfn)
    want = "free: the head of a free block of order %d" % order
    chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (pfn, want, out[-400:]))
    want = "on zone %s's free_area[%d].free_list (entry 1 of" % (zone, order)
    chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (pfn, want, out[-400:]))
    chk.note("pfn %#x: head of an order-%d block in zone %s" % (pfn, order, zone))
    if order:
        inner = pfn + (1 << order) - 1
        out = s.command(chk, "lx-page %d" % inner)
        want = "free: page %d of the free block of order %d at pfn %#x" % (
            (1 << order) - 1, order, pfn)
        chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (inner, want, out[-400:]))


def first_pcp_block(s):
    """(zone name, list index, order, pfn) of the first block on a per-CPU list of
    order 1 .. PCP_MAX_ORDER (Mneme's, beyond 2.6), or None."""
    lru = s.val("(unsigned long)&((struct page *)0)->lru")
    size = s.val("sizeof(struct page)")
    mem_map = s.val("(unsigned long)mem_map")
    for i in range(s.val(NZONES)):
        for o in range(1, PCP_MAX_ORDER + 1):
            pcp = "contig_page_data.node_zones[%d].pageset[0].pcp[%d]" % (i, o + 1)
            if s.val(pcp + ".count") > 0:
                node = s.val("(unsigned long)%s.list.next" % pcp)
                return zone_name(i), o + 1, o, (node - lru - mem_map) // size
    return None


@check
def lx_page_per_cpu_block(s, chk):
    """A block on a per-CPU list of order 1 .. 3: lx-page names the list for its
    head, and the block for a page inside it (boot leaves some: slabs of order 1)."""
    found = first_pcp_block(s)
    if not chk.expect(found, "no block on any per-CPU list of order 1 .. %d after boot"
                      % PCP_MAX_ORDER):
        return
    zone, i, order, pfn = found
    out = s.command(chk, "lx-page %d" % pfn)
    want = ("free: the head of an order-%d block (pfn %#x-%#x) on zone %s's per-CPU order-%d "
            "list (pcp[%d], count" % (order, pfn, pfn + (1 << order) - 1, zone, order, i))
    chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (pfn, want, out[-400:]))
    inner = pfn + (1 << order) - 1
    out = s.command(chk, "lx-page %d" % inner)
    want = ("free: page %d of the order-%d block at pfn %#x (%#x-%#x) on zone %s's per-CPU "
            "order-%d list (pcp[%d]" % ((1 << order) - 1, order, pfn, pfn, inner, zone, order, i))
    chk.expect(want in out, "`lx-page %#x`: expected %r in %r" % (inner, want, out[-400:]))
    chk.note("pfn %#x: head of an order-%d block on zone %s's pcp[%d]" % (pfn, order, zone, i))


@check
def lx_freelist_pcp(s, chk):
    zone, order, pfn = first_free_block(s)
    out = s.command(chk, "lx-freelist %s %d -n 1" % (zone, order))
    m = re.search(r"^    pfn (0x[0-9a-f]+)-", out, re.M)
    chk.expect(m and int(m.group(1), 16) == pfn, "`lx-freelist %s %d`: expected pfn %#x "
               "first, got %r" % (zone, order, pfn, out[:300]))
    chk.expect("<-" not in out, "lx-freelist reports a problem: %r" % out[:400])
    out = s.command(chk, "lx-pcp")
    names = ["hot", "cold"] + ["order-%d" % o for o in range(1, PCP_MAX_ORDER + 1)]
    for i, name in enumerate(names):
        count = s.val("contig_page_data.node_zones[0].pageset[0].pcp[%d].count" % i)
        chk.expect(re.search(r"^  %s\s+\(pcp\[%d\]\): count %d," % (name, i, count), out, re.M),
                   "lx-pcp: no '%s (pcp[%d]): count %d' line in %r" % (name, i, count, out[:300]))
    chk.expect("<-" not in out, "lx-pcp reports a problem: %r" % out[:400])
    s.expect_listed(chk, ("lx-buddyinfo", "lx-zoneinfo", "lx-meminfo", "lx-page",
                          "lx-freelist", "lx-pcp", "lx-memlayout"))


@check
def lx_memlayout_matches_kernel(s, chk):
    out = s.command(chk, "lx-memlayout")
    msg = re.search(r"paging: .*vmalloc (0x[0-9a-f]+)-(0x[0-9a-f]+), pkmap (0x[0-9a-f]+), "
                    r"fixmap (0x[0-9a-f]+)", s.serial())
    if not chk.expect(msg, "no 'paging: ... vmalloc ..., pkmap ..., fixmap ...' line in "
                      "the serial log"):
        return
    vs, ve, pk, fx = (int(x, 16) for x in msg.groups())
    for name, a, b in (("vmalloc", vs, ve), ("pkmap", pk, None), ("fixmap", fx, FIXADDR_TOP)):
        m = re.search(r"^    %s\s*: (0x[0-9a-f]+) - (0x[0-9a-f]+)" % name, out, re.M)
        if chk.expect(m, "no '%s :' line in lx-memlayout" % name):
            chk.expect(int(m.group(1), 16) == a and (b is None or int(m.group(2), 16) == b),
                       "%s: lx-memlayout %s, the kernel 0x%x-%s"
                       % (name, m.group(0).strip(), a, "?" if b is None else "0x%x" % b))
    hm = s.val("(unsigned long)high_memory")
    chk.expect(re.search(r"^    lowmem\s*: 0x%08x - 0x%08x" % (PAGE_OFFSET, hm), out, re.M),
               "lowmem does not end at high_memory 0x%08x" % hm)
    chk.expect("DISAGREES" not in out, "lx-memlayout's own checks: %r"
               % [l for l in out.splitlines() if "DISAGREES" in l])
    chk.note("kernel: vmalloc 0x%x-0x%x, pkmap 0x%x, fixmap 0x%x" % (vs, ve, pk, fx))
