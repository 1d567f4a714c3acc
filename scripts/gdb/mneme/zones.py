"""Zones and the buddy system (mm/page_alloc.c, mm/vmstat.c; ULK 8.1.7,
8.1.8): the /proc reports lx-buddyinfo, lx-zoneinfo and lx-meminfo, line
for line as the kernel prints them, and the lists behind them:
lx-freelist (a zone's free blocks) and lx-pcp (the per-CPU page lists)."""
import gdb

from .command import MnemeCommand
from .constants import PAGE_SHIFT
from .constants import PCP_COLD
from .mm import MemMap, kb, pcp_name
from .symbols import symbolize
from .utils import (MnemeError, array_len, find_symbol, get_type, lookup_var, out,
                    parse_count_opt, read_cstring)

FREELIST_SHOW = 16              # lx-freelist: blocks shown per order by default
PCP_SHOW = 64                   # lx-pcp: pfns shown per list by default


def buddyinfo_lines(mm):
    lines = []
    for z in mm.zones:
        if not z.present:                       # populated_zone()
            continue
        line = "Node 0, zone %8s " % z.name + "".join("%6d " % n for n in z.nr_free)
        # show_buddyinfo()'s line[16 + 8 + MAX_ORDER * 7 + 1]: scnprintf() truncates
        lines.append(line[:16 + 8 + z.max_order * 7])
    return lines


def zoneinfo_lines(mm):
    lines = []
    for z in mm.zones:
        lines.append("Node 0, zone %8s" % z.name)
        lines.append("  pages free     %d" % z.free_pages)
        lines.append("        min      %d" % z.pages_min)
        lines.append("        low      %d" % z.pages_low)
        lines.append("        high     %d" % z.pages_high)
        lines.append("        spanned  %d" % z.spanned)
        lines.append("        present  %d" % z.present)
        lines.append("        protection: (%s)" % ", ".join("%d" % r for r in z.lowmem_reserve))
        lines.append("  pagesets")
        for i, p in enumerate(z.pcp):
            # 2.6's two lists as 2.6 prints them; Mneme's others name their order
            lines.append("    cpu: 0 pcp: %d" % i if i <= PCP_COLD else
                         "    cpu: 0 pcp: %d order: %d" % (i, p["order"]))
            lines.append("              count: %d" % p["count"])
            lines.append("              low:   %d" % p["low"])
            lines.append("              high:  %d" % p["high"])
            lines.append("              batch: %d" % p["batch"])
        lines.append("  start_pfn:         %d" % z.start_pfn)
    return lines


def meminfo_lines(mm):
    """show_meminfo()'s lines; then (name, kbytes function) of each meminfo_extra."""
    m = 0xFFFFFFFF                              # unsigned long arithmetic
    free = highfree = 0
    for z in mm.zones:
        f = (z.free_pages + z.pcp_pages) & m
        free = (free + f) & m
        if z.idx == mm.highmem_idx:
            highfree = (highfree + f) & m
    total = int(lookup_var("totalram_pages")) & m
    high = int(lookup_var("totalhigh_pages")) & m

    def k(pages):
        return (pages << (PAGE_SHIFT - 10)) & m
    lines = ["MemTotal:       %8d kB" % k(total),
             "MemFree:        %8d kB" % k(free),
             "HighTotal:      %8d kB" % k(high),
             "HighFree:       %8d kB" % k(highfree),
             "LowTotal:       %8d kB" % k((total - high) & m),
             "LowFree:        %8d kB" % k((free - highfree) & m)]
    extras = []
    if find_symbol("meminfo_extra") is not None:
        arr = lookup_var("meminfo_extra")
        for i in range(array_len(arr)):
            e = int(arr[i])
            if not e:
                break
            try:
                ent = gdb.Value(e).cast(get_type("struct meminfo_extra").pointer()).dereference()
                name = read_cstring(ent["name"], 64) if int(ent["name"]) else "(null)"
                extras.append((name, int(ent["kbytes"])))
            except (MnemeError, gdb.error):
                extras.append(("meminfo_extra[%d]" % i, None))
    return lines, extras


class LxBuddyinfo(MnemeCommand):
    """Free blocks per order of each zone, as /proc/buddyinfo (show_buddyinfo()).

Usage: lx-buddyinfo
One line per populated zone: the number of free blocks of 2^0 .. 2^10
pages (free_area[order].nr_free), exactly as the kernel prints it."""

    name = "lx-buddyinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in buddyinfo_lines(MemMap("the zones")):
            out(line)


class LxZoneinfo(MnemeCommand):
    """Each zone's counters and watermarks, as /proc/zoneinfo (show_zoneinfo()).

Usage: lx-zoneinfo
Free pages, pages_min/low/high, spanned and present pages, lowmem_reserve
("protection"), the per-CPU lists' parameters and the first pfn, exactly
as the kernel prints them. lx-pcp shows the per-CPU lists' pages,
lx-freelist the free blocks."""

    name = "lx-zoneinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in zoneinfo_lines(MemMap("the zones")):
            out(line)


class LxMeminfo(MnemeCommand):
    """Memory totals, as /proc/meminfo (show_meminfo()).

Usage: lx-meminfo
MemFree counts the pages on the per-CPU lists too, as the kernel does.
Fields other subsystems register (meminfo_extra[]: Slab, VmallocUsed ...)
are computed by a kernel function, which gdb does not call: calling into
a stopped kernel may take locks or touch state mid-update. Their names
are listed with the function to call (e.g. `call` it yourself)."""

    name = "lx-meminfo"
    takes_args = False

    def run(self, arg, from_tty):
        lines, extras = meminfo_lines(MemMap("the zones"))
        for line in lines:
            out(line)
        for name, fn in extras:
            out("%-16s%8s kB  (%s)" % (name, "?", "call from the kernel: %s()" % symbolize(fn)
                                          if fn is not None else "unreadable entry"))



class LxFreelist(MnemeCommand):
    """The free blocks on a zone's buddy free lists (free_area[order].free_list).

Usage: lx-freelist ZONE [ORDER] [-n N]
  ZONE   DMA, Normal, HighMem (or 0, 1, 2)
  ORDER  only free_area[ORDER]; default: every non-empty order
  -n N   show at most N blocks per order (default 16; 0: all)
Blocks are listed in list order (the next allocation takes the first) as
pfn and physical ranges. The whole list is walked, counted against
nr_free, and each block checked as zone_check() does: head with
PG_private and private == order, count 0, aligned, inside the zone."""

    name = "lx-freelist"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = parse_count_opt(args, FREELIST_SHOW)
        if not 1 <= len(args) <= 2:
            raise MnemeError("usage: lx-freelist ZONE [ORDER] [-n N]")
        mm = MemMap("the free lists")
        z = mm.find_zone(args[0])
        if len(args) == 2:
            order = int(args[1], 0)
            if not 0 <= order < z.max_order:
                raise MnemeError("order must be 0 .. %d" % (z.max_order - 1))
            orders = [order]
        else:
            orders = [o for o in range(z.max_order)
                      if z.nr_free[o] or z.free_list_next[o] != z.free_list[o]]
        total_blocks = total_pages = 0
        if not z.spanned:
            out("Node 0, zone %s: empty (no page frames)" % z.name)
            return
        out("Node 0, zone %s: pfn 0x%x-0x%x, free_pages %d"
            % (z.name, z.start_pfn, z.end_pfn - 1, z.free_pages))
        if not orders:
            out("  (no free blocks)")
        for o in orders:
            pages, problem = mm.walk_pages(z.free_list[o], z.free_list_next[o],
                                           z.nr_free[o] + 64)
            total_blocks += len(pages)
            total_pages += len(pages) << o
            out("  free_area[%d]: %d block%s of %d page%s (%d kB each), nr_free %d%s"
                % (o, len(pages), "" if len(pages) == 1 else "s", 1 << o,
                   "" if o == 0 else "s", kb(1 << o), z.nr_free[o],
                   "" if len(pages) == z.nr_free[o] and not problem else
                   "  <- the list has %d%s" % (len(pages), ": " + problem if problem else "")))
            hidden_bad = 0
            for k, p in enumerate(pages):
                why = self._check(z, p, o)
                if k < show or why:
                    if k >= show and not hidden_bad:
                        out("    ... (blocks beyond the first %d with problems:)" % show)
                    hidden_bad += k >= show
                    out("    pfn 0x%05x-0x%05x  phys 0x%08x-0x%08x%s"
                        % (p.pfn, p.pfn + (1 << o) - 1, p.pfn << PAGE_SHIFT,
                           ((p.pfn + (1 << o)) << PAGE_SHIFT) - 1, why))
            if len(pages) > show + hidden_bad:
                out("    ... %d more (-n 0 shows all)" % (len(pages) - show - hidden_bad))
        if len(orders) > 1:
            out("  %d free blocks, %d pages (%d kB)%s"
                % (total_blocks, total_pages, kb(total_pages),
                   "" if total_pages == z.free_pages else
                   "  <- free_pages says %d" % z.free_pages))

    @staticmethod
    def _check(z, p, order):
        """What zone_check() would say about a free block's head p, or ""."""
        bad = []
        if not (z.has_pfn(p.pfn) and z.has_pfn(p.pfn + (1 << order) - 1)):
            bad.append("outside the zone")
        if p.pfn & ((1 << order) - 1):
            bad.append("not aligned to its order")
        if not p.test("private"):
            bad.append("PG_private clear")
        elif p.private != order:
            bad.append("private says order %d" % p.private)
        if p._count != -1:
            bad.append("count %d" % p.count)
        if p.test("reserved"):
            bad.append("PG_reserved")
        return "  <- " + ", ".join(bad) if bad else ""


class LxPcp(MnemeCommand):
    """The per-CPU page lists of every zone, with their blocks.

Usage: lx-pcp [-n N]
For each zone's pageset[0]: refills and drains (batch transfers from and
to the buddy system), then each list -- hot and cold single pages (2.6's),
and blocks of orders 1 .. PCP_MAX_ORDER (Mneme's, as Linux 5.13 and
later) -- with its count/low/high/batch, counted in blocks of its order,
and the first pfn of each block in list order (the next allocation of
that order takes the first); at most N per list (default 64; 0: all).
The walk is checked against count, and every block as zone_check()
does: in the zone, aligned to its order, every page count 0 without
PG_private or PG_head."""

    name = "lx-pcp"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = parse_count_opt(args, PCP_SHOW)
        if args:
            raise MnemeError("usage: lx-pcp [-n N]")
        mm = MemMap("the per-CPU lists")
        for z in mm.zones:
            out("Node 0, zone %8s: pageset[0]%s%s" % (
                z.name, "".join(", %s %d" % s for s in z.stats),
                "" if z.present else " (empty zone)"))
            for i, p in enumerate(z.pcp):
                pages, problem = mm.walk_pages(p["list"], p["next"], max(p["count"], 0) + 64)
                what = pcp_name(i)
                out("  %-4s (pcp[%d]): count %d, low %d, high %d, batch %d%s"
                    % (what, i, p["count"], p["low"], p["high"], p["batch"],
                       "" if len(pages) == p["count"] and not problem else
                       "  <- the list has %d%s" % (len(pages), ": " + problem if problem else "")))
                shown = ["0x%05x" % q.pfn for q in pages[:show]]
                for k in range(0, len(shown), 8):
                    out("      " + " ".join(shown[k:k + 8]))
                if len(pages) > show:
                    out("      ... %d more (-n 0 shows all)" % (len(pages) - show))
                # As zone_check(): only free blocks of the list's order, of this zone.
                order = p["order"]
                for q in pages:
                    bad = []
                    if q.zonenum != z.idx or not (z.has_pfn(q.pfn) and
                                                  z.has_pfn(q.pfn + (1 << order) - 1)):  # noqa
                        bad.append("flags say zone %d" % q.zonenum if q.zonenum != z.idx
                                   else "block outside the zone")
                    if q.pfn & ((1 << order) - 1):
                        bad.append("not aligned to order %d" % order)
                    inside = z.has_pfn(q.pfn) and z.has_pfn(q.pfn + (1 << order) - 1)
                    tails = mm.pages(q.pfn + 1, (1 << order) - 1) if order and inside else []
                    for r in [q] + tails:
                        what_r = "" if r is q else "page 0x%05x: " % r.pfn
                        if r.test("private"):
                            bad.append(what_r + "PG_private set")
                        if r.test("head"):
                            bad.append(what_r + "PG_head set")
                        if r._count != -1:
                            bad.append(what_r + "count %d" % r.count)
                    if bad:
                        out("      <- pfn 0x%05x: %s" % (q.pfn, ", ".join(bad)))



LxBuddyinfo()
LxZoneinfo()
LxMeminfo()
LxFreelist()
LxPcp()
