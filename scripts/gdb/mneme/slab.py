"""The slab allocator's structures (include/slab.h, slab_def.h, mm/slab.c,
mm/slab_debug.c, mm/internal.h; ULK 8.2): cache_chain and each
kmem_cache_t, struct slab with its bufctl array, the per-CPU array caches
and the debug words of an object's slot, each read in one go; which
cache and slab a page or an address belongs to.

    slot: | pad | red zone 1 | object (reallen) | red zone 2 | last user |
          ^ s_mem + i * objsize ^ + dbghead: the pointer users get
"""
import gdb

from . import constants as C
from .constants import (BUFCTL_ACTIVE, BUFCTL_END, BYTES_PER_WORD, CFLGS_OFF_SLAB, PAGE_OFFSET,
                        PAGE_SIZE, POISON_END, POISON_FREE, RED_ACTIVE,
                        RED_INACTIVE, SLAB_DEBUG_FLAGS, SLAB_POISON, SLAB_RED_ZONE,
                        SLAB_STORE_USER)
from .cpus import cpu_ids
from .lists import list_empty, list_for_each, list_head_of, list_walk
from .memlayout import region_of
from .mm import is_lowmem, virt_to_pfn
from .symbols import symbol_name, symbolize
from .utils import (MnemeError, NotYet, align, direct_map_end, get_type, has_symbol,
                    lookup_var, offset_of, out, read_bytes, read_cstring, read_u32,
                    struct_layout, u32)

SLAB_FLAG_NAMES = [(getattr(C, n), n) for n in (
    "SLAB_DEBUG_INITIAL", "SLAB_RED_ZONE", "SLAB_POISON", "SLAB_NO_REAP", "SLAB_HWCACHE_ALIGN",
    "SLAB_CACHE_DMA", "SLAB_STORE_USER", "SLAB_RECLAIM_ACCOUNT", "SLAB_PANIC", "CFLGS_OFF_SLAB")]
SLAB_LISTS = ("full", "partial", "free")    # kmem_cache_check()'s order
SLAB_MAX_OBJS = 1 << 16         # more objects per slab than this: a corrupt cache
SLAB_WALK_SLACK = 1024          # a slab list may be this much longer than num_slabs
SLAB_MEMBERS = ("list.next", "list.prev", "colouroff", "s_mem", "inuse", "free")
AC_MEMBERS = ("avail", "limit", "batchcount", "touched")


def slab_flag_names(flags):
    names, known = [], 0
    for bit, name in SLAB_FLAG_NAMES:
        known |= bit
        if flags & bit:
            names.append(name)
    if flags & ~known & 0xFFFFFFFF:
        names.append("0x%x" % (flags & ~known & 0xFFFFFFFF))
    return "|".join(names) if names else "none"


class KmemCache:
    """One kmem_cache_t, read in one go (its gdb.Value fetched whole)."""

    FIELDS = ("batchcount", "limit", "objsize", "flags", "num", "free_limit", "gfporder",
              "gfpflags", "colour", "colour_off", "colour_next", "slabp_cache", "slab_size",
              "ctor", "dtor", "num_slabs", "high_mark", "grown", "reaped", "allochit",
              "allocmiss", "freehit", "freemiss", "dbghead", "reallen")

    def __init__(self, addr):
        self.addr = int(addr) & 0xFFFFFFFF
        t = get_type("struct kmem_cache_s")
        v = gdb.Value(self.addr).cast(t.pointer()).dereference()
        try:
            v.fetch_lazy()
        except gdb.MemoryError:
            raise MnemeError("cannot read a kmem_cache_t at 0x%08x (not mapped)" % self.addr)
        for f in self.FIELDS:
            setattr(self, f, int(v[f]) & 0xFFFFFFFF)
        l3 = v["lists"]
        self.free_objects = int(l3["free_objects"]) & 0xFFFFFFFF
        self.free_touched = int(l3["free_touched"])
        self.next_reap = int(l3["next_reap"]) & 0xFFFFFFFF
        self.heads = {}
        for which in SLAB_LISTS:
            self.heads[which] = (self.addr + offset_of(t, "lists.slabs_" + which),
                                 int(l3["slabs_" + which]["next"]) & 0xFFFFFFFF)
        arr = v["array"]
        self.arrays = [int(arr[i]) & 0xFFFFFFFF
                       for i in range(arr.type.strip_typedefs().range()[1] + 1)]
        self.chain_node = self.addr + offset_of(t, "next")
        try:
            self.locked = int(v["spinlock"]["locked"]) & 0xFFFFFFFF
        except gdb.error:
            self.locked = 0
        self.name_ptr = int(v["name"]) & 0xFFFFFFFF
        try:
            self.name = read_cstring(self.name_ptr) if self.name_ptr else "(null)"
        except MnemeError:
            self.name = "(unreadable name at 0x%08x)" % self.name_ptr

    @property
    def off_slab(self):
        return bool(self.flags & CFLGS_OFF_SLAB)

    @property
    def pages_per_slab(self):
        return 1 << (self.gfporder & 31)

    @property
    def debug(self):
        return bool(self.flags & SLAB_DEBUG_FLAGS)

    def label(self):
        return "'%s' (0x%08x)" % (self.name, self.addr)

    def lock_note(self):
        """A warning line when the cache's lock is held, else None."""
        if not self.locked:
            return None
        return ("note: the cache's spinlock is held: the kernel stopped inside the slab "
                "allocator's slow path for this cache, so its lists and counters may be "
                "caught mid-update")

    def implausible(self):
        """Why this cannot be a kmem_cache_t, or None."""
        if not self.objsize or not self.num:
            return "objsize %d, num %d" % (self.objsize, self.num)
        if self.num > SLAB_MAX_OBJS or self.gfporder > 10:
            return "num %d, gfporder %d" % (self.num, self.gfporder)
        if self.num * self.objsize > PAGE_SIZE << self.gfporder:
            return "%d objects of %d bytes do not fit in 2^%d pages" % (
                self.num, self.objsize, self.gfporder)
        return None

    def slot_words(self):
        """Offsets in an object's slot: (red zone 1, red zone 2, last user); None if absent."""
        r1 = r2 = uw = None
        end = self.dbghead + align(self.reallen, BYTES_PER_WORD)
        if self.flags & SLAB_RED_ZONE:
            r1, r2 = self.dbghead - BYTES_PER_WORD, end
            end += BYTES_PER_WORD
        if self.flags & SLAB_STORE_USER:
            uw = end
        return r1, r2, uw

    def colour_of(self, slab):
        """The colour offset (bytes before the slab's management or first object)."""
        return (slab.colouroff - (0 if self.off_slab else self.slab_size)) & 0xFFFFFFFF

    def list_walk(self, which, limit=None):
        """Slab addresses on slabs_<which>, in list order, and why the walk stopped (or None)."""
        head, node = self.heads[which]
        if limit is None:
            limit = min(self.num_slabs, 1 << 20) + SLAB_WALK_SLACK
        off = offset_of("struct slab", "list")
        nxt = offset_of("struct list_head", "next")

        def visit(node):
            try:
                return node - off, read_u32(node + nxt)
            except MnemeError:
                raise MnemeError("unreadable slab 0x%08x" % (node - off))
        return list_walk(head, node, limit, visit, "slabs")


def slab_caches():
    """Every cache on cache_chain, in chain order (show_slabinfo()'s)."""
    head = lookup_var("cache_chain", "the slab caches")
    if list_empty(head) is not False:
        raise NotYet("cache_chain is empty: kmem_cache_init() has not run yet; `continue` "
                     "past it (e.g. `break show_mem_at_boot`)")
    off = offset_of("struct kmem_cache_s", "next")
    return [KmemCache(int(node) - off) for node in list_for_each(head, 1 << 12)]


def find_cache(spec, caches):
    """A cache by name (as lx-slabinfo shows it) or by address expression."""
    for c in caches:
        if c.name == spec:
            return c
    for c in caches:
        if c.name.lower() == spec.lower():
            return c
    try:
        val = gdb.parse_and_eval(spec)
    except gdb.error:
        raise MnemeError("no cache named '%s' on cache_chain (lx-slabinfo lists them), and "
                         "not an address expression" % spec)
    if val.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
        val = val.address
    addr = int(val.cast(get_type("unsigned long"))) & 0xFFFFFFFF
    for c in caches:
        if c.addr == addr:
            return c
    c = KmemCache(addr)
    why = c.implausible()
    if why:
        raise MnemeError("0x%08x is not a cache on cache_chain, and not like a kmem_cache_t "
                         "either (%s)" % (addr, why))
    out("warning: 0x%08x (%s) is not on cache_chain: a destroyed cache, or not a cache"
        % (addr, c.name))
    return c


class SlabDesc:
    """One struct slab and its kmem_bufctl_t array, read in one go."""

    def __init__(self, cache, addr):
        lay = struct_layout("struct slab", SLAB_MEMBERS)
        self.addr = addr & 0xFFFFFFFF
        n = min(cache.num, SLAB_MAX_OBJS)
        raw = read_bytes(self.addr, lay.size + 4 * n)
        d = lay.decode(raw)
        self.list_next, self.list_prev = d["list.next"], d["list.prev"]
        self.colouroff, self.s_mem = d["colouroff"], d["s_mem"]
        self.inuse, self.free = d["inuse"], d["free"]
        self.bufctl = [u32(raw, lay.size + 4 * i) for i in range(n)]
        self.page_addr = (self.s_mem - self.colouroff) & 0xFFFFFFFF

    def chain(self, num):
        """(the free chain's indices, why it is broken or None), walked as check_slab() does."""
        idx, seen, k = [], set(), self.free
        while k != BUFCTL_END:
            if k >= num:
                return idx, "index %s out of range after %d entries" % (
                    "BUFCTL_ACTIVE" if k == BUFCTL_ACTIVE else k, len(idx))
            if k in seen:
                return idx, "loops back to index %d after %d entries" % (k, len(idx))
            seen.add(k)
            idx.append(k)
            k = self.bufctl[k]
        return idx, None

    def active(self):
        return sum(1 for b in self.bufctl if b == BUFCTL_ACTIVE)

    def index_of(self, cache, addr):
        """(object index, offset in its slot) of an address at or after s_mem."""
        off = (addr - self.s_mem) & 0xFFFFFFFF
        return off // cache.objsize, off % cache.objsize


class ArrayCache:
    """One struct array_cache and its entries (at most limit, or avail if fewer)."""

    def __init__(self, addr):
        lay = struct_layout("struct array_cache", AC_MEMBERS)
        self.addr = addr
        d = lay.decode(read_bytes(addr, lay.size))
        self.avail, self.limit = d["avail"], d["limit"]
        self.batchcount, self.touched = d["batchcount"], d["touched"]
        n = min(self.avail, self.limit, 1 << 16)
        raw = read_bytes(addr + lay.size, 4 * n) if n else b""
        self.entries = [u32(raw, 4 * i) for i in range(n)]

    def is_boot_array(self):
        if not has_symbol("boot_arrays"):
            return False
        ba = lookup_var("boot_arrays")
        start = int(ba.address) & 0xFFFFFFFF
        return start <= self.addr < start + ba.type.strip_typedefs().sizeof


def slab_arrays(c):
    """[(cpu, ArrayCache)] for each CPU's array of cache c."""
    return [(cpu, ArrayCache(c.arrays[cpu])) for cpu in cpu_ids() if c.arrays[cpu]]


def red_zone_desc(v):
    return {RED_ACTIVE: "active", RED_INACTIVE: "inactive"}.get(v, "0x%08x" % v)


class ObjectDebug:
    """The debug words of the slot at mem[off:]: red zones, last user, poison."""

    def __init__(self, c, mem, off):
        r1, r2, uw = c.slot_words()
        self.rz1 = u32(mem, off + r1) if r1 is not None else None
        self.rz2 = u32(mem, off + r2) if r2 is not None else None
        self.user = u32(mem, off + uw) if uw is not None else None
        self.poison = None              # None: no SLAB_POISON; -1: intact; else first bad byte
        self.poison_byte = None
        if c.flags & SLAB_POISON and c.reallen:
            obj = mem[off + c.dbghead:off + c.dbghead + c.reallen]
            want = bytes([POISON_FREE]) * (c.reallen - 1) + bytes([POISON_END])
            self.poison = -1
            if obj != want:
                self.poison = next(i for i in range(len(obj)) if obj[i] != want[i])
                self.poison_byte = obj[self.poison]

    def problems(self, c, allocated):
        """What is wrong for an allocated object (or a free one: chain or array)."""
        want = RED_ACTIVE if allocated else RED_INACTIVE
        bad = []
        if allocated and self.rz1 == self.rz2 == RED_INACTIVE:
            return ["in use, but its red zones say free (inactive): being allocated right now, "
                    "or lost from a per-CPU array"]
        for n, v, where in ((1, self.rz1, "before"), (2, self.rz2, "after")):
            if v is not None and v != want:
                bad.append("red zone %d (%s the object) is %s, expected %s%s"
                           % (n, where, red_zone_desc(v), red_zone_desc(want),
                              "" if v in (RED_ACTIVE, RED_INACTIVE) else
                              ": overwritten" + (" (a buffer overrun?)" if n == 2 else "")))
        if not allocated and self.poison is not None and self.poison >= 0:
            bad.append("poison damaged: byte %d is 0x%02x, expected 0x%02x (written after "
                       "it was freed?)" % (self.poison, self.poison_byte,
                                           POISON_END if self.poison == c.reallen - 1
                                           else POISON_FREE))
        return bad

    def text(self, syms, allocated=False):
        parts = []
        if self.rz1 is not None:
            parts.append("red zones %s/%s" % (red_zone_desc(self.rz1), red_zone_desc(self.rz2)))
        if self.poison is not None and not allocated:
            parts.append("poison %s" % ("intact" if self.poison < 0 else
                                        "changed at byte %d" % self.poison))
        if self.user is not None:
            if self.user not in syms:
                syms[self.user] = symbolize(self.user) if self.user else "-"
            parts.append("last user %s" % syms[self.user])
        return ", ".join(parts)




def slab_page_of(mm, addr):
    """(the Page of a slab page holding addr, None), or (None, why it is no slab object)."""
    sym = symbol_name(addr)
    what = "0x%08x%s" % (addr, " (%s)" % symbolize(addr) if sym else "")
    if not is_lowmem(addr):
        where = region_of(addr)
        return None, ("%s is not a slab object: every slab is in the direct map "
                      "(0x%08x-0x%08x), %s" % (what, PAGE_OFFSET, direct_map_end(),
                                               "and it is in " + where if where else
                                               "and it is not"))
    pfn = virt_to_pfn(addr)
    if pfn >= mm.node_spanned:
        return None, "%s is not a slab object: pfn 0x%x is beyond mem_map" % (what, pfn)
    p = mm.page(pfn)
    if not p.test("slab"):
        return None, ("%s is not a slab object: pfn 0x%x is no slab page (PG_slab clear; "
                      "`lx-page %#x` says what it is)" % (what, pfn, pfn))
    return p, None


def slab_list_of(c, s, limit=1 << 16):
    """Which of c's lists slab s is linked on (following its list to a head), or why not."""
    heads = {c.heads[w][0]: w for w in SLAB_LISTS}
    which, why = list_head_of(s.addr + offset_of("struct slab", "list"), heads, limit)
    return (which, None) if which else (None, why)


def slab_page_lines(mm, p):
    """lx-page's lines for a PG_slab page: its cache and slab."""
    try:
        caches = {c.addr: c for c in slab_caches()}
    except NotYet:
        caches = {}
    c = caches.get(p.lru_next)
    if c is None:
        return ["a slab page, but page->lru.next 0x%08x is no cache on cache_chain  <- "
                "corrupt, or being set up or freed right now" % p.lru_next]
    lines = ["slab page of cache %s, slab 0x%08x" % (c.label(), p.lru_prev)]
    try:
        s = SlabDesc(c, p.lru_prev)
    except MnemeError as e:
        lines.append("but its slab descriptor is unreadable: %s" % e)
        return lines
    first = virt_to_pfn(s.page_addr)
    k = p.pfn - first
    which, why = slab_list_of(c, s)
    lines.append("page %d of %d of the slab: objects 0x%08x-0x%08x (%d of %d bytes), "
                 "inuse %d, on %s%s" % (
                     k, c.pages_per_slab, s.s_mem, s.s_mem + c.num * c.objsize - 1, c.num,
                     c.objsize, s.inuse, "slabs_" + which if which else "no list (%s)" % why,
                     "" if 0 <= k < c.pages_per_slab else
                     "  <- but the page is outside the slab's pages (pfn 0x%x..)" % first))
    lines.append("(`lx-slab %s` walks the cache, `lx-slabobj ADDRESS` finds one object)"
                 % (c.name if " " not in c.name else "0x%08x" % c.addr))
    return lines
