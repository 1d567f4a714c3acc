"""Page frames (include/mm_types.h, mmzone.h, page-flags.h; ULK 8.1): the
page descriptors in mem_map, the node's zones with their buddy free
lists and per-CPU lists, read once per command. The page-frame, slab,
vmalloc and pkmap commands all start from a MemMap."""
from .constants import PAGE_OFFSET, PAGE_SHIFT, PCP_COLD, PCP_HOT, ZONES_PGSHIFT
from .cpus import per_cpu
from .lists import list_walk
from .utils import (MnemeError, NotYet, array_len, direct_map_end, enum_value, enum_values,
                    lookup_var, read_bytes, read_cstring, s32, struct_layout)

PAGE_MEMBERS = ("flags", "_count.counter", "_mapcount.counter", "private", "mapping", "index",
                "lru", "lru.next", "lru.prev")
PCP_NAMES = {PCP_HOT: "hot", PCP_COLD: "cold"}


def pcp_order(i):
    """The order of the blocks on pageset[].pcp[i] (include/mmzone.h's pcp_order())."""
    return 0 if i <= PCP_COLD else i - 1


def pcp_name(i):
    """"hot", "cold" (order 0, 2.6's lists), or "order-N" (Mneme's lists of orders 1 .. 3)."""
    return PCP_NAMES.get(i, "order-%d" % pcp_order(i))


def page_layout():
    """sizeof(struct page) and the offsets of its fields, from the debug info."""
    return struct_layout("struct page", PAGE_MEMBERS)


def pageflag_names():
    """[(bit, name)] of enum pageflags (PG_locked ... without NR_PAGEFLAGS), by bit."""
    vals = enum_values("enum pageflags")
    return sorted((v, n) for n, v in vals.items() if n != "NR_PAGEFLAGS")


def pg_bit(name):
    """The bit number of PG_<name> from the debug info."""
    return enum_value("enum pageflags", "PG_" + name)


def kb(pages):
    return pages << (PAGE_SHIFT - 10)


def is_lowmem(va):
    """va is in the direct map of low memory (where every slab is)."""
    return PAGE_OFFSET <= va < direct_map_end()


def virt_to_pfn(va):
    """The pfn of a direct-map address (__pa(va) >> PAGE_SHIFT)."""
    return (va - PAGE_OFFSET) >> PAGE_SHIFT


class Page:
    """One struct page, decoded from its bytes (read in one go)."""

    def __init__(self, mm, pfn, raw):
        lay = mm.lay
        v = lay.decode(raw)
        self.pfn = pfn
        self.addr = mm.pfn_to_page(pfn)
        self.flags = v["flags"]
        self._count = s32(raw, lay["_count.counter"])
        self._mapcount = s32(raw, lay["_mapcount.counter"])
        self.private, self.mapping, self.index = v["private"], v["mapping"], v["index"]
        self.lru = self.addr + lay["lru"]
        self.lru_next, self.lru_prev = v["lru.next"], v["lru.prev"]

    @property
    def count(self):            # page_count()
        return self._count + 1

    @property
    def mapcount(self):         # page_mapcount()
        return self._mapcount + 1

    @property
    def zonenum(self):          # page_zonenum()
        return self.flags >> ZONES_PGSHIFT

    def test(self, name):
        return bool(self.flags >> pg_bit(name) & 1)

    def is_free_head(self):
        """What page_is_buddy() looks for: PG_private, count 0, not reserved."""
        return self.test("private") and self._count == -1 and not self.test("reserved")


class Zone:
    """One struct zone, read once (from an already fetched pg_data_t)."""

    def __init__(self, idx, z):
        self.idx = idx
        self.addr = int(z.address)
        self.name = read_cstring(z["name"], 32) if int(z["name"]) else None
        self.free_pages = int(z["free_pages"])
        self.pages_min = int(z["pages_min"])
        self.pages_low = int(z["pages_low"])
        self.pages_high = int(z["pages_high"])
        lr = z["lowmem_reserve"]
        self.lowmem_reserve = [int(lr[j]) for j in range(array_len(lr))]
        self.start_pfn = int(z["zone_start_pfn"])
        self.spanned = int(z["spanned_pages"])
        self.present = int(z["present_pages"])
        fa = z["free_area"]
        self.max_order = array_len(fa)
        self.nr_free = [int(fa[o]["nr_free"]) for o in range(self.max_order)]
        self.free_list = [int(fa[o]["free_list"].address) for o in range(self.max_order)]
        self.free_list_next = [int(fa[o]["free_list"]["next"]) for o in range(self.max_order)]
        ps = per_cpu(z["pageset"])
        self.pcp = []
        for i in range(array_len(ps["pcp"])):
            p = ps["pcp"][i]
            self.pcp.append({"count": int(p["count"]), "low": int(p["low"]),
                             "high": int(p["high"]), "batch": int(p["batch"]),
                             "order": pcp_order(i),
                             "list": int(p["list"].address), "next": int(p["list"]["next"])})
        fields = [f.name for f in ps.type.strip_typedefs().fields()]
        self.stats = [(n, int(ps[n])) for n in ("refills", "drains", "numa_hit") if n in fields]

    @property
    def end_pfn(self):
        return self.start_pfn + self.spanned

    @property
    def pcp_pages(self):
        """Pages on the per-CPU lists, every order's (zone_pcp_pages())."""
        return sum(p["count"] << p["order"] for p in self.pcp)

    def has_pfn(self, pfn):     # pfn_in_zone()
        return self.start_pfn <= pfn < self.end_pfn


class MemMap:
    """mem_map, max_pfn and the node's zones, read once per command.

    Raises NotYet (one line, no error) while the kernel has not built
    them: mem_map is NULL until paging_init() -> free_area_init_node()."""

    def __init__(self, what):
        self.mem_map = int(lookup_var("mem_map", what)) & 0xFFFFFFFF
        if not self.mem_map:
            raise NotYet("mem_map is NULL: paging_init() has not built the page descriptors "
                         "yet; `continue` past mem_init() (e.g. `break show_mem_at_boot`)")
        self.lay = page_layout()
        self.max_pfn = int(lookup_var("max_pfn"))
        self.max_low_pfn = int(lookup_var("max_low_pfn"))
        pgdat = lookup_var("contig_page_data", what)
        pgdat.fetch_lazy()
        self.node_spanned = int(pgdat["node_spanned_pages"])
        zones = pgdat["node_zones"]
        self.zones = [Zone(i, zones[i]) for i in range(array_len(zones))]
        if any(z.name is None or not z.free_list_next[0] for z in self.zones):
            raise NotYet("the zones are not set up yet (free_area_init_core() has not run); "
                         "`continue` past paging_init()")
        self.highmem_idx = enum_value("enum zone_type", "ZONE_HIGHMEM", 2)
        self.mem_map_end = self.pfn_to_page(self.node_spanned)

    def pfn_to_page(self, pfn):
        """The address of pfn's descriptor."""
        return self.mem_map + pfn * self.lay.size

    def page_to_pfn(self, ptr):
        """The pfn of a struct page pointer into mem_map, or None."""
        off = ptr - self.mem_map
        if ptr < self.mem_map or off % self.lay.size or off // self.lay.size >= self.node_spanned:
            return None
        return off // self.lay.size

    def page(self, pfn):
        return Page(self, pfn, read_bytes(self.pfn_to_page(pfn), self.lay.size))

    def pages(self, pfn, n):
        """n consecutive descriptors from pfn, in one read."""
        size = self.lay.size
        raw = read_bytes(self.pfn_to_page(pfn), n * size)
        return [Page(self, pfn + i, raw[i * size:(i + 1) * size]) for i in range(n)]

    def lowmem_page(self, va):
        """The Page of a direct-map address, or None (outside it, or beyond mem_map)."""
        if not is_lowmem(va) or virt_to_pfn(va) >= self.node_spanned:
            return None
        return self.page(virt_to_pfn(va))

    def lru_to_pfn(self, node):
        """The pfn whose page->lru is at node, or None if node is not one."""
        off = node - self.mem_map - self.lay["lru"]
        if node < self.mem_map or node >= self.mem_map_end or off % self.lay.size:
            return None
        return off // self.lay.size

    def zone_of_pfn(self, pfn):
        for z in self.zones:
            if z.spanned and z.has_pfn(pfn):
                return z
        return None

    def find_zone(self, spec):
        """A zone by name (case-insensitive) or index."""
        for z in self.zones:
            if z.name.lower() == spec.lower() or str(z.idx) == spec:
                return z
        raise MnemeError("no zone '%s' (zones: %s)"
                         % (spec, ", ".join("%d %s" % (z.idx, z.name) for z in self.zones)))

    def list_heads(self):
        """{address of a list head: description} for every free and per-CPU list."""
        heads = {}
        for z in self.zones:
            for o, a in enumerate(z.free_list):
                heads[a] = ("free", z, o)
            for i, p in enumerate(z.pcp):
                heads[p["list"]] = ("pcp", z, i)
        return heads

    def walk_pages(self, head, first, limit):
        """The pages on the list at head (whose next pointer is first), up to
        limit, each descriptor read whole (one read per entry, as cheap as
        its next pointer alone): (pages, problem), as lists.list_walk()."""
        lru, size = self.lay["lru"], self.lay.size

        def visit(node):
            pfn = self.lru_to_pfn(node)
            if pfn is None:
                raise MnemeError("0x%08x is no page's lru" % node)
            p = Page(self, pfn, read_bytes(node - lru, size))
            return p, p.lru_next
        return list_walk(head, first, limit, visit)
