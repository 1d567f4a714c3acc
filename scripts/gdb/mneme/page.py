"""One page descriptor and where its page is (include/mm_types.h,
mm/page_alloc.c): lx-page."""
import re

from .command import MnemeCommand
from .constants import (BLOCK_TAIL_TAG_0, LIST_POISON1, LIST_POISON2, MAX_ORDER, PAGE_OFFSET,
                        PAGE_SHIFT, ZONES_PGSHIFT)
from .highmem import highmem_mappings
from .lists import list_head_of
from .memlayout import region_of
from .mm import MemMap, kb, pageflag_names, pcp_name
from .pgtable import virt_to_phys
from .slab import slab_page_lines
from .symbols import symbolize
from .utils import MnemeError, c_hex, direct_map_end, enum_value, out, parse_address

LIST_WALK_LIMIT = 1 << 16       # steps along a list to find its head


class LxPage(MnemeCommand):
    """Show a page descriptor (struct page) by pfn or address, and where the page is.

Usage: lx-page PFN              (any gdb expression)
       lx-page -a VADDR         the page holding a kernel virtual address
       lx-page -p PADDR         the page holding a physical address
       lx-page -d PAGE          the descriptor at PAGE (a struct page *)
Prints the descriptor's fields as bad_page() does, then decoded: the flags
by their PG_* names (from the debug info), page_count() and
page_mapcount(), the zone, what the page is (reserved; a free block's
head, with its order, and the free list it is on; a page inside a free
block; on a per-CPU list, or inside a block on one; allocated, with
its block when it has tails)
and its kernel virtual address (direct map, or a kmap slot for high
memory). A slab page (PG_slab) also names its cache and slab, from
page->lru, with the slab's objects, inuse and list (lx-slabobj says more
about one object). The list a page is on is found by following its own
lru links to the list head (bounded), once its neighbours are seen to
point back at it; a page inside a free block by the heads that could
cover it."""

    name = "lx-page"

    def run(self, arg, from_tty):
        m = re.match(r"(-[apd])\s+(\S.*)$", arg)
        if m:
            mode, expr = m.groups()
        elif arg and not arg.startswith("-"):
            mode, expr = "pfn", arg
        else:
            raise MnemeError("usage: lx-page PFN | -a VADDR | -p PADDR | -d PAGE")
        val = parse_address(expr)
        mm = MemMap("the page descriptors")
        note = None
        if mode == "-a":
            hm = direct_map_end()
            if PAGE_OFFSET <= val < hm:
                pa = val - PAGE_OFFSET
                note = "virtual 0x%08x is in the direct map: physical 0x%08x" % (val, pa)
            else:
                pa = virt_to_phys(val)
                where = region_of(val)
                where = " (%s)" % where if where else ""
                if pa is None:
                    raise MnemeError("0x%08x%s is not mapped: not in the direct map 0x%08x-0x%08x, "
                                     "and no page-table entry" % (val, where, PAGE_OFFSET, hm))
                note = "virtual 0x%08x%s is mapped by the page tables to physical 0x%08x" \
                    % (val, where, pa)
            pfn = pa >> PAGE_SHIFT
        elif mode == "-p":
            pfn = val >> PAGE_SHIFT
        elif mode == "-d":
            pfn = mm.page_to_pfn(val)
            if pfn is None:
                raise MnemeError("0x%08x is not a descriptor in mem_map (0x%08x, %d of %d bytes)"
                                 % (val, mm.mem_map, mm.node_spanned, mm.lay.size))
        else:
            pfn = val
        if pfn >= mm.node_spanned:
            hint = " (an address? use -a VADDR or -p PADDR)" if mode == "pfn" else ""
            raise MnemeError("pfn 0x%x is beyond mem_map (%d descriptors; max_pfn 0x%x)%s"
                             % (pfn, mm.node_spanned, mm.max_pfn, hint))
        if note:
            out(note)
        self.show(mm, pfn)

    def show(self, mm, pfn):
        p = mm.page(pfn)
        zones = mm.zones
        zname = zones[p.zonenum].name if p.zonenum < len(zones) else "zone%d?" % p.zonenum
        nr_flags = enum_value("enum pageflags", "NR_PAGEFLAGS", ZONES_PGSHIFT)
        # bad_page()'s line, for comparing with a kernel report
        out("page:%08x pfn:%s zone:%s flags:%s count:%d mapcount:%d mapping:%08x "
            "index:%s private:%s" % (p.addr, c_hex(pfn), zname,
                                     c_hex(p.flags & ((1 << nr_flags) - 1)), p.count,
                                     p.mapcount, p.mapping, c_hex(p.index), c_hex(p.private)))
        out("  mem_map[%d] at 0x%08x: pfn 0x%x, physical 0x%08x-0x%08x"
            % (pfn, p.addr, pfn, pfn << PAGE_SHIFT, ((pfn + 1) << PAGE_SHIFT) - 1))
        names = []
        known = 0
        for bit, name in pageflag_names():
            known |= 1 << bit
            if p.flags >> bit & 1:
                names.append(name[3:] if name.startswith("PG_") else name)
        low = p.flags & ((1 << ZONES_PGSHIFT) - 1)
        for bit in range(ZONES_PGSHIFT):
            if low >> bit & 1 and not known >> bit & 1:
                names.append("bit%d" % bit)
        out("  flags     0x%08x: zone %d (%s)%s" % (p.flags, p.zonenum, zname,
                                                    " | " + "|".join(names) if names else ""))
        z = mm.zone_of_pfn(pfn)
        if z is None or z.idx != p.zonenum:
            out("  warning: pfn 0x%x lies in zone %s, but its flags say zone %d"
                % (pfn, z.name if z else "(none)", p.zonenum))
        out("  count     %d (_count %d)%s" % (p.count, p._count,
                                              " <- negative: corrupt" if p.count < 0 else ""))
        out("  mapcount  %d (_mapcount %d%s)" % (p.mapcount, p._mapcount,
                                                 ": not mapped" if p._mapcount == -1 else ""))
        out("  private   %s" % c_hex(p.private))
        out("  mapping   %s" % ("NULL" if not p.mapping else symbolize(p.mapping)))
        out("  index     %s" % c_hex(p.index))
        poisoned = (p.lru_next, p.lru_prev) == (LIST_POISON1, LIST_POISON2)
        slab = p.test("slab") and not p.test("reserved")
        out("  lru       next 0x%08x, prev 0x%08x%s" % (
            p.lru_next, p.lru_prev, " (LIST_POISON: taken off a list by list_del)"
            if poisoned else " (empty: on no list)" if p.lru_next == p.lru == p.lru_prev
            else " (a slab page: the cache and the slab)" if slab else ""))
        lines = self.state(mm, p, z)
        if slab:
            lines += slab_page_lines(mm, p)
        for i, line in enumerate(lines):
            out(("  state     " if i == 0 else "            ") + line)
        if pfn < mm.max_low_pfn:
            out("  virtual   0x%08x (direct map)" % (PAGE_OFFSET + (pfn << PAGE_SHIFT)))
        else:
            maps = highmem_mappings(pfn)
            out("  virtual   %s" % ("; ".join(maps) if maps else
                                    "none (high memory: mapped only by kmap()/kmap_atomic())"))

    @staticmethod
    def _on_list(mm, p):
        """Which list head p->lru leads to: ((kind, zone, n), steps) or (None, why)."""
        return list_head_of(p.lru, mm.list_heads(), LIST_WALK_LIMIT,
                            valid=lambda node: mm.lru_to_pfn(node) is not None)

    def state(self, mm, p, z):
        """Lines saying what the page is."""
        pfn = p.pfn
        if p.test("reserved"):
            return ["reserved: never handed to the page allocator (the kernel image, "
                    "boot-time tables, mem_map, BIOS areas or a hole in RAM)"]
        if p.test("private") and p._count == -1:
            order = p.private
            lines = ["free: the head of a free block of order %d (pfn 0x%x-0x%x, %d kB)"
                     % (order, pfn, pfn + (1 << order) - 1, kb(1 << order))]
            if order >= (z.max_order if z else MAX_ORDER) or pfn & ((1 << order) - 1):
                lines.append("but the order is impossible or the pfn not aligned to it: corrupt")
            lines.append(self._list_line(mm, p, ("free", z, order)))
            return lines
        if p._count == -1:
            head = self._covering_free_block(mm, p, z)
            if head is not None:
                h, order = head
                return ["free: page %d of the free block of order %d at pfn 0x%x (0x%x-0x%x)"
                        % (pfn - h, order, h, h, h + (1 << order) - 1)]
            head = self._covering_pcp_block(mm, p, z)
            if head is not None:
                h, order, i = head
                return ["free: page %d of the order-%d block at pfn 0x%x (0x%x-0x%x) on zone "
                        "%s's per-CPU %s list (pcp[%d], count %d)"
                        % (pfn - h, order, h, h, h + (1 << order) - 1, z.name, pcp_name(i), i,
                           z.pcp[i]["count"])]
            where, steps = self._on_list(mm, p)
            if where is not None and where[0] == "pcp":
                _, lz, i = where
                order = lz.pcp[i]["order"]
                block = (" the head of an order-%d block (pfn 0x%x-0x%x)"
                         % (order, pfn, pfn + (1 << order) - 1) if order else "")
                return ["free:%s on zone %s's per-CPU %s list (pcp[%d], count %d)%s"
                        % (block, lz.name, pcp_name(i), i, lz.pcp[i]["count"],
                           "" if lz is z else "  <- but the page belongs to zone %s"
                           % (z.name if z else "?"))]
            if where is not None:
                _, lz, o = where
                return ["count 0 and on zone %s's free_area[%d], but without PG_private: "
                        "corrupt (a free block's head must carry its order)" % (lz.name, o)]
            tail = self._allocated_tail(mm, p, z)
            if tail:
                return tail
            return ["count 0, but in no free block and on no per-CPU list (%s): being "
                    "allocated or freed right now, or lost by the allocator" % steps]
        if p.count < 0:
            return ["corrupt: _count %d" % p._count]
        lines = ["allocated: %d user%s" % (p.count, "" if p.count == 1 else "s")]
        size = self._block_size(mm, p, z)
        if size > 1:
            lines[0] += "; the head of a block of %d pages (pfn 0x%x-0x%x, order %s)" % (
                size, pfn, pfn + size - 1,
                size.bit_length() - 1 if size & (size - 1) == 0 else "?")
        return lines

    def _list_line(self, mm, p, expect):
        where, steps = self._on_list(mm, p)
        if where is None:
            return "NOT found on a free list: %s" % steps
        kind, lz, n = where
        desc = ("zone %s's free_area[%d].free_list" % (lz.name, n) if kind == "free"
                else "zone %s's per-CPU %s list" % (lz.name, pcp_name(n)))
        if where != expect:
            return "but it is linked on %s  <- wrong list" % desc
        n_on = lz.nr_free[n] if kind == "free" else lz.pcp[n]["count"]
        return "on %s (entry %d of %d)" % (desc, n_on - steps + 1, n_on) \
            if 0 < steps <= n_on else "on %s (%d entries before its end)" % (desc, steps)

    @staticmethod
    def _covering_free_block(mm, p, z):
        """(head pfn, order) of the free block containing p, or None (as page_is_buddy())."""
        if z is None:
            return None
        seen = set()
        for o in range(1, z.max_order):
            h = p.pfn & ~((1 << o) - 1)
            if h in seen or not z.has_pfn(h):
                continue
            seen.add(h)
            hp = mm.page(h)
            if hp.is_free_head() and hp.private < z.max_order and h + (1 << hp.private) > p.pfn:
                return h, hp.private
        return None

    @staticmethod
    def _covering_pcp_block(mm, p, z):
        """(head pfn, order, list) of the block on a per-CPU list of order 1 ..
        PCP_MAX_ORDER that contains p (not as its head), or None."""
        if z is None:
            return None
        for i, pl in enumerate(z.pcp):
            order = pl["order"]
            h = p.pfn & ~((1 << order) - 1)
            if not order or h == p.pfn:
                continue
            pages, _ = mm.walk_pages(pl["list"], pl["next"], max(pl["count"], 0) + 64)
            if any(q.pfn == h for q in pages):
                return h, order, i
        return None

    @staticmethod
    def _allocated_tail(mm, p, z):
        """A tail of an allocated block carries BLOCK_TAIL_TAG(head) = head pfn + 1."""
        if z is None or not p.private:
            return None
        h = p.private - BLOCK_TAIL_TAG_0
        if not (h < p.pfn and p.pfn - h < (1 << (z.max_order - 1)) and z.has_pfn(h)):
            return None
        hp = mm.page(h)
        if hp.count < 1:
            return None
        size = LxPage._block_size(mm, hp, z)
        if h + size <= p.pfn:
            return None
        return ["allocated: page %d of the block of %d pages at pfn 0x%x (head count %d; "
                "tails have count 0 and private = head pfn + 1)" % (p.pfn - h, size, h, hp.count)]

    @staticmethod
    def _block_size(mm, hp, z):
        """Pages of an allocated block from its head: the head plus its tagged tails."""
        if z is None:
            return 1
        n = min(1 << (z.max_order - 1), z.end_pfn - hp.pfn)
        if n <= 1:
            return 1
        tag = hp.pfn + BLOCK_TAIL_TAG_0
        size = 1
        for q in mm.pages(hp.pfn + 1, n - 1):
            if q.private != tag or q._count != -1 or q.test("private"):
                break
            size += 1
        return size


LxPage()
