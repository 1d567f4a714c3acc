"""kmem_cache_check() over one cache, in Python, reporting every problem
rather than the first: its slabs on each list, their free chains, page
back-pointers and descriptors, its per-CPU arrays, the totals and, in a
debug cache, every object's red zones and poison. lx-slab prints it."""
from .constants import BUFCTL_ACTIVE, BUFCTL_END, PAGE_SIZE
from .mm import is_lowmem, virt_to_pfn
from .slab import SLAB_LISTS, ObjectDebug, SlabDesc, slab_arrays
from .utils import MnemeError, read_bytes


class CacheWalk:
    """Everything lx-slab reports on one cache: its slabs on each list, its
    per-CPU arrays, and the consistency checks of kmem_cache_check() (every
    problem, not only the first), plus the page back-pointers of every page
    of every slab and, for debug caches, the red zones and poison of every
    object."""

    def __init__(self, mm, c, caches):
        self.mm, self.c = mm, c
        self.cache_addrs = {x.addr for x in caches}
        self.problems = []                  # cache-wide
        self.lists = {}                     # which -> ([SlabDesc], walk problem)
        self.slab_problems = {}             # slab addr -> [str]
        self.chains = {}                    # slab addr -> [indices]
        self.mem = {}                       # slab addr -> its objects' bytes (debug caches)
        self.obj_problems = {}              # (slab addr, index) -> [str]
        self.slabs = {}                     # slab addr -> SlabDesc
        self.array_slot = {}                # slot address -> (cpu, entry index)
        why = c.implausible()
        if why:
            raise MnemeError("0x%08x does not look like a kmem_cache_t: %s" % (c.addr, why))
        for which in SLAB_LISTS:
            addrs, problem = c.list_walk(which)
            if problem:
                self.problems.append("slabs_%s: %s" % (which, problem))
            slabs = []
            for a in addrs:
                if a in self.slabs:
                    self.problems.append("slab 0x%08x is on more than one list (or twice)" % a)
                    continue
                try:
                    s = SlabDesc(c, a)
                except MnemeError as e:
                    self.problems.append("slabs_%s: %s" % (which, e))
                    break
                self.slabs[a] = s
                slabs.append(s)
            self.lists[which] = (slabs, problem)
        self.arrays = slab_arrays(c)
        for cpu, ac in self.arrays:
            for i, slot in enumerate(ac.entries):
                self.array_slot.setdefault(slot, (cpu, i))
        for which in SLAB_LISTS:
            for s in self.lists[which][0]:
                self.slab_problems[s.addr] = self._check_slab(s, which)
        self._check_totals()
        self.array_problems = {cpu: self._check_array(cpu, ac) for cpu, ac in self.arrays}

    # -- the checks ---------------------------------------------------------

    def _check_slab(self, s, which):
        c, mm = self.c, self.mm
        bad = []
        if s.inuse > c.num:
            bad.append("inuse %d: more objects in use than it holds (%d)" % (s.inuse, c.num))
        elif (which == "full" and s.inuse != c.num) or \
                (which == "partial" and s.inuse in (0, c.num)) or \
                (which == "free" and s.inuse != 0):
            bad.append("on slabs_%s with inuse %d of %d: the wrong list" % (which, s.inuse, c.num))
        active = s.active()
        if active != s.inuse:
            bad.append("%d objects marked BUFCTL_ACTIVE, inuse says %d" % (active, s.inuse))
        chain, problem = s.chain(c.num)
        self.chains[s.addr] = chain
        if problem:
            bad.append("free chain broken: %s" % problem)
        if len(chain) != c.num - s.inuse:
            bad.append("free chain has %d objects, num - inuse is %d"
                       % (len(chain), c.num - s.inuse))
        # Where the slab sits: its pages, their back-pointers, its descriptor.
        colour = c.colour_of(s)
        if s.page_addr & (PAGE_SIZE - 1):
            bad.append("s_mem 0x%08x - colouroff %d is not page aligned" % (s.s_mem, s.colouroff))
        elif not is_lowmem(s.page_addr):
            bad.append("its pages at 0x%08x are not in the direct map" % s.page_addr)
        else:
            pfn = virt_to_pfn(s.page_addr)
            n = c.pages_per_slab
            if pfn + n > mm.node_spanned:
                bad.append("its pages (pfn 0x%x) are beyond mem_map" % pfn)
            else:
                wrong = [p.pfn for p in mm.pages(pfn, n) if not p.test("slab") or
                         p.lru_next != c.addr or p.lru_prev != s.addr]
                if wrong:
                    bad.append("its page%s %s do%s not point back to it (PG_slab, lru.next = "
                               "cache, lru.prev = slab)" % (
                                   "" if len(wrong) == 1 else "s",
                                   ", ".join("pfn 0x%x" % x for x in wrong[:4]),
                                   "es" if len(wrong) == 1 else ""))
        if c.colour_off and (colour % c.colour_off or colour // c.colour_off >= max(c.colour, 1)):
            bad.append("colour offset %d is not one of the cache's %d colours of %d bytes"
                       % (colour, max(c.colour, 1), c.colour_off))
        if not c.off_slab and s.addr != s.page_addr + colour:
            bad.append("on-slab descriptor at 0x%08x, expected 0x%08x (page + colour)"
                       % (s.addr, (s.page_addr + colour) & 0xFFFFFFFF))
        if c.off_slab and c.slabp_cache:
            home = self._cache_of(s.addr)
            if home != c.slabp_cache:
                bad.append("off-slab descriptor not in an object of slabp_cache 0x%08x (%s)"
                           % (c.slabp_cache, "its page has cache 0x%08x" % home
                              if home else "not in a slab page"))
        if c.debug:
            self._check_objects(s, chain)
        return bad

    def _cache_of(self, addr):
        """page->lru.next of the slab page holding addr, or None."""
        p = self.mm.lowmem_page(addr)
        return p.lru_next if p is not None and p.test("slab") else None

    def objects_mem(self, s):
        if s.addr not in self.mem:
            self.mem[s.addr] = read_bytes(s.s_mem, self.c.num * self.c.objsize)
        return self.mem[s.addr]

    def state(self, s, i, on_chain):
        """allocated, array or free (on the chain); lost: neither."""
        if s.bufctl[i] == BUFCTL_ACTIVE:
            return "array" if (s.s_mem + i * self.c.objsize) in self.array_slot else "allocated"
        return "free" if i in on_chain else "lost"

    def _check_objects(self, s, chain):
        c = self.c
        try:
            mem = self.objects_mem(s)
        except MnemeError as e:
            self.obj_problems[(s.addr, 0)] = ["cannot read the objects: %s" % e]
            return
        on_chain = set(chain)
        for i in range(c.num):
            st = self.state(s, i, on_chain)
            if st == "lost":
                continue                # the chain problem says it
            d = ObjectDebug(c, mem, i * c.objsize)
            bad = d.problems(c, st == "allocated")
            if bad:
                self.obj_problems[(s.addr, i)] = bad

    def _check_totals(self):
        c = self.c
        nslabs = sum(len(self.lists[w][0]) for w in SLAB_LISTS)
        nfree = sum(len(ch) for ch in self.chains.values())
        if not any(p.startswith("slabs_") for p in self.problems):
            if nfree != c.free_objects:
                self.problems.append("free_objects is %d, the free chains hold %d"
                                     % (c.free_objects, nfree))
            if nslabs != c.num_slabs:
                self.problems.append("num_slabs is %d, the lists hold %d" % (c.num_slabs, nslabs))
        self.nslabs, self.nfree = nslabs, nfree

    def _check_array(self, cpu, ac):
        """{entry index: problem} and [problems of the whole array]."""
        per_entry, whole = {}, []
        if ac.avail > ac.limit:
            whole.append("avail %d is more than limit %d" % (ac.avail, ac.limit))
        seen = {}
        for i, slot in enumerate(ac.entries):
            if slot in seen:
                per_entry[i] = "the same object as entry %d (freed twice?)" % seen[slot]
                continue
            seen[slot] = i
            why = self.entry_problem(slot)
            if why:
                per_entry[i] = why
        return per_entry, whole

    def slab_of_slot(self, slot):
        return self.mm.page(virt_to_pfn(slot)).lru_prev

    def entry_problem(self, slot):
        """Why a per-CPU array entry is not an object of this cache handed out by its slab."""
        c = self.c
        if not is_lowmem(slot):
            return "not a direct-map address: a foreign pointer"
        p = self.mm.lowmem_page(slot)
        if p is None:
            return "beyond mem_map"
        if not p.test("slab"):
            return "not in a slab page: a foreign pointer"
        if p.lru_next != c.addr:
            return "in a slab page of another cache (0x%08x)" % p.lru_next
        s = self.slabs.get(p.lru_prev)
        if s is None:
            return "its page's slab 0x%08x is on none of the cache's lists" % p.lru_prev
        idx, off = s.index_of(c, slot)
        if slot < s.s_mem or idx >= c.num or off:
            return "not the start of an object of slab 0x%08x" % s.addr
        if s.bufctl[idx] != BUFCTL_ACTIVE:
            return "object %d of slab 0x%08x is free in its slab (bufctl %s), not BUFCTL_ACTIVE" \
                % (idx, s.addr, "BUFCTL_END" if s.bufctl[idx] == BUFCTL_END else s.bufctl[idx])
        return None

    # -- summaries ------------------------------------------------------------

    def nproblems(self):
        n = len(self.problems) + sum(len(v) for v in self.slab_problems.values())
        n += sum(len(v) for v in self.obj_problems.values())
        for per_entry, whole in self.array_problems.values():
            n += len(per_entry) + len(whole)
        return n

    def in_arrays(self):
        return sum(len(ac.entries) for _, ac in self.arrays)
