"""The slab commands: lx-slabinfo (/proc/slabinfo, line for line as
mm/slabinfo.c prints it), lx-slab (one cache, walked and checked) and
lx-slabobj (which cache, slab and object an address is in)."""
import gdb

from .command import MnemeCommand
from .constants import BUFCTL_ACTIVE, BUFCTL_END, BYTES_PER_WORD, PAGE_SHIFT, PAGE_SIZE
from .mm import MemMap, virt_to_pfn
from .slab import (SLAB_LISTS, KmemCache, ObjectDebug, SlabDesc, find_cache, slab_arrays,
                   slab_caches, slab_flag_names, slab_list_of, slab_page_of)
from .slabcheck import CacheWalk
from .symbols import symbolize
from .utils import (MnemeError, c_hex, get_type, out, parse_address, parse_count_opt,
                    parse_flag, read_bytes, runs)

SLAB_SHOW = 16                  # lx-slab: slabs, array entries ... shown by default


def slabinfo_lines(caches):
    """show_slabinfo()'s lines (mm/slabinfo.c), header included."""
    m = 0xFFFFFFFF
    lines = ["slabinfo - version: 2.1",
             "# name            <active_objs> <num_objs> <objsize> <objperslab> "
             "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
             "<active_slabs> <num_slabs> <sharedavail>"]
    for c in caches:
        active_slabs = 0
        for which in ("full", "partial"):
            slabs, problem = c.list_walk(which)
            if problem:
                raise MnemeError("cache %s: slabs_%s: %s (lx-slab %s)"
                                 % (c.label(), which, problem, c.name))
            active_slabs += len(slabs)
        num_objs = (c.num_slabs * c.num) & m
        lines.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d"
                     % (c.name, (num_objs - c.free_objects) & m, num_objs, c.objsize, c.num,
                        c.pages_per_slab & m, c.limit, c.batchcount, 0, active_slabs & m,
                        c.num_slabs, 0))
    return lines


class LxSlabinfo(MnemeCommand):
    """Every slab cache with its counts, as /proc/slabinfo 2.1 (show_slabinfo()).

Usage: lx-slabinfo
One line per cache on cache_chain (the newest first), exactly as the
kernel prints it: <active_objs> counts the objects in the per-CPU arrays
as active, as Linux does (num_slabs * num - free_objects); <active_slabs>
the slabs on slabs_full and slabs_partial. lx-slab NAME shows one cache."""

    name = "lx-slabinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in slabinfo_lines(slab_caches()):
            out(line)


class LxSlab(MnemeCommand):
    """One slab cache: parameters, per-CPU array, every slab, checked as kmem_cache_check().

Usage: lx-slab CACHE [-v] [-n N]
  CACHE  a name as lx-slabinfo shows it (size-64, "size-64(DMA)",
         kmem_cache) or an expression for its address (&cache_cache,
         malloc_sizes[1].cs_cachep, 0xc7fd1e60)
  -v     each object of each slab shown: its address, whether it is
         allocated, free in its slab or in the per-CPU array and, for a
         debug cache, its red zones, poison and last user
  -n N   at most N slabs per list, array entries, free-chain runs and
         objects per slab (default 16; 0: all); problems are always shown
The cache's layout (objsize, reallen, num, gfporder, colours, on- or
off-slab), flags, tunables and statistics; its per-CPU arrays (the next
allocation takes the last entry); then slabs_full, slabs_partial and
slabs_free: each slab's address, first page, colour, s_mem, inuse and its
free chain as object indices. Every slab and array entry is checked as
kmem_cache_check() does (list vs inuse, BUFCTL_ACTIVE count, chain
length, page back-pointers, free_objects and num_slabs, array entries
in use in this cache's slabs), and also every page of each slab, where
its descriptor sits, and in a debug cache the red zones and poison of
every object. Problems are marked "<-"; the last line sums up."""

    name = "lx-slab"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        verbose = parse_flag(args, "-v")
        show = parse_count_opt(args, SLAB_SHOW)
        if len(args) != 1:
            raise MnemeError("usage: lx-slab CACHE [-v] [-n N]")
        caches = slab_caches()
        c = find_cache(args[0], caches)
        mm = MemMap("the slab pages")
        w = CacheWalk(mm, c, caches)
        self.header(c, w)
        self.arrays(c, w, show)
        for which in SLAB_LISTS:
            self.slab_list(c, w, which, show, verbose)
        n = w.nproblems()
        objs = w.nslabs * c.num
        out("check: %s: %d slab%s, %d object%s: %d active (%d in the per-CPU arrays, %d held "
            "by users), %d free in the slabs" % (
                "consistent" if not n else "%d PROBLEM%s (marked <-)" % (n, "" if n == 1 else "S"),
                w.nslabs, "" if w.nslabs == 1 else "s", objs, "" if objs == 1 else "s",
                objs - w.nfree, w.in_arrays(), objs - w.nfree - w.in_arrays(), w.nfree))

    @staticmethod
    def header(c, w):
        out("cache %s%s" % (c.label(), "" if c.addr in w.cache_addrs else
                            "  <- not on cache_chain"))
        out("  objsize %d (reallen %d, dbghead %d), %d object%s per slab of %d page%s "
            "(gfporder %d), gfpflags %s" % (
                c.objsize, c.reallen, c.dbghead, c.num, "" if c.num == 1 else "s",
                c.pages_per_slab, "" if c.pages_per_slab == 1 else "s", c.gfporder,
                c_hex(c.gfpflags)))
        left = (PAGE_SIZE << c.gfporder) - c.num * c.objsize - (0 if c.off_slab else c.slab_size)
        if c.off_slab:
            sp = "?"
            try:
                sp = "'%s'" % KmemCache(c.slabp_cache).name if c.slabp_cache else "NULL"
            except MnemeError:
                pass
            out("  off-slab: struct slab + bufctl (slab_size %d) from slabp_cache %s (0x%08x)"
                % (c.slab_size, sp, c.slabp_cache))
        else:
            out("  on-slab: struct slab + bufctl in the slab's pages (slab_size %d)" % c.slab_size)
        out("  colour %d x colour_off %d, colour_next %d; %d bytes left over per slab"
            % (c.colour, c.colour_off, c.colour_next, left))
        out("  flags 0x%08x: %s" % (c.flags, slab_flag_names(c.flags)))
        out("  ctor %s, dtor %s" % (symbolize(c.ctor), symbolize(c.dtor)))
        out("  tunables: limit %d, batchcount %d, free_limit %d" % (
            c.limit, c.batchcount, c.free_limit))
        nfull, npart, nfree = (len(w.lists[x][0]) for x in SLAB_LISTS)
        out("  lists: %d full, %d partial, %d free; free_objects %d, num_slabs %d, "
            "free_touched %d, next_reap 0x%08x" % (nfull, npart, nfree, c.free_objects,
                                                   c.num_slabs, c.free_touched, c.next_reap))
        out("  statistics: high_mark %d, grown %d, reaped %d, allochit %d, allocmiss %d, "
            "freehit %d, freemiss %d" % (c.high_mark, c.grown, c.reaped, c.allochit,
                                         c.allocmiss, c.freehit, c.freemiss))
        m = 0xFFFFFFFF
        na = nfull + npart
        out("  slabinfo: active_objs %d, num_objs %d, active_slabs %d, num_slabs %d "
            "(counted on the lists)" % ((w.nslabs * c.num - w.nfree) & m, w.nslabs * c.num,
                                        na, w.nslabs))
        for p in w.problems:
            out("  <- %s" % p)
        if c.lock_note():
            out("  " + c.lock_note())

    @staticmethod
    def arrays(c, w, show):
        if not w.arrays:
            out("per-CPU arrays: none  <- array[] is all NULL")
        for cpu, ac in w.arrays:
            per_entry, whole = w.array_problems[cpu]
            out("per-CPU array[%d] at 0x%08x%s: avail %d, limit %d, batchcount %d, touched %d"
                % (cpu, ac.addr, " (static boot array)" if ac.is_boot_array() else "",
                   ac.avail, ac.limit, ac.batchcount, ac.touched))
            for p in whole:
                out("    <- %s" % p)
            hidden = 0
            # Newest first: entry[avail - 1] is what the next allocation gets.
            for i in reversed(range(len(ac.entries))):
                rank = len(ac.entries) - 1 - i
                if rank >= show and i not in per_entry:
                    hidden += 1
                    continue
                slot = ac.entries[i]
                where = ""
                if i not in per_entry:
                    s = w.slabs.get(w.slab_of_slot(slot))
                    if s is not None:
                        where = " -> object %d%s of slab 0x%08x" % (
                            s.index_of(c, slot)[0],
                            " (0x%08x)" % (slot + c.dbghead) if c.dbghead else "", s.addr)
                out("    entry[%d] 0x%08x%s%s" % (
                    i, slot, where, "  <- %s" % per_entry[i] if i in per_entry else ""))
            if hidden:
                out("    ... %d older entries (-n 0 shows all)" % hidden)

    @staticmethod
    def slab_list(c, w, which, show, verbose):
        slabs, problem = w.lists[which]
        out("slabs_%s: %d slab%s%s" % (which, len(slabs), "" if len(slabs) == 1 else "s",
                                       "  <- %s" % problem if problem else ""))
        syms = {}
        hidden = 0
        for k, s in enumerate(slabs):
            bad = w.slab_problems.get(s.addr, [])
            objbad = {i: v for (a, i), v in w.obj_problems.items() if a == s.addr}
            if k >= show and not bad and not objbad:
                hidden += 1
                continue
            colour = c.colour_of(s)
            chain = w.chains.get(s.addr, [])
            rs = runs(chain)
            out("  slab 0x%08x: pfn 0x%05x, colour %d (+%d), s_mem 0x%08x, inuse %d/%d, "
                "free %d: %s%s" % (
                    s.addr, virt_to_pfn(s.page_addr) & 0xFFFFF,
                    colour // c.colour_off if c.colour_off else 0, colour, s.s_mem, s.inuse,
                    c.num, len(chain), " ".join(rs[:show]) if rs else "-",
                    " ... (%d more runs)" % (len(rs) - show) if len(rs) > show else ""))
            for p in bad:
                out("    <- %s" % p)
            if verbose:
                LxSlab.objects(c, w, s, chain, show, objbad, syms)
            else:
                for i in sorted(objbad):
                    out("    object %d at 0x%08x  <- %s" % (
                        i, s.s_mem + i * c.objsize + c.dbghead, "; ".join(objbad[i])))
        if hidden:
            out("  ... %d more slabs (-n 0 shows all)" % hidden)

    @staticmethod
    def objects(c, w, s, chain, show, objbad, syms):
        on_chain = set(chain)
        mem = None
        if c.debug:
            try:
                mem = w.objects_mem(s)
            except MnemeError as e:
                out("    (cannot read the objects: %s)" % e)
        names = {"allocated": "allocated", "array": "in the array", "free": "free",
                 "lost": "LOST"}
        hidden = 0
        for i in range(c.num):
            if i >= show and i not in objbad:
                hidden += 1
                continue
            st = w.state(s, i, on_chain)
            text = ""
            if mem is not None:
                text = "  " + ObjectDebug(c, mem, i * c.objsize).text(syms, st == "allocated")
            if st == "lost":
                text += "  <- neither in use nor on the free chain (bufctl %d)" % s.bufctl[i]
            elif i in objbad:
                text += "  <- " + "; ".join(objbad[i])
            out(("    [%3d] 0x%08x %-12s%s" % (i, s.s_mem + i * c.objsize + c.dbghead,
                                              names[st], text)).rstrip())
        if hidden:
            out("    ... %d more objects (-n 0 shows all)" % hidden)



class LxSlabobj(MnemeCommand):
    """Which slab cache, slab and object an address belongs to, and the object's state.

Usage: lx-slabobj ADDRESS   (any gdb expression: a kmalloc'ed pointer, &x->field)
From the page's back-pointers (PG_slab, page->lru.next = the cache,
lru.prev = the slab): the cache, the slab (its list and inuse), the
object's index and start (the pointer kmalloc()/kmem_cache_alloc()
returned) and the offset into it; whether the object is allocated, free
in its slab (its place on the free chain) or in a per-CPU array (free to
users, in use from the slab's view); and in a debug cache which part of
the slot the address is in, the red zones, poison and last user."""

    name = "lx-slabobj"

    def run(self, arg, from_tty):
        if not arg:
            raise MnemeError("usage: lx-slabobj ADDRESS")
        addr = parse_address(arg)
        mm = MemMap("the slab pages")
        caches = slab_caches()
        p, why = slab_page_of(mm, addr)
        if p is None:
            out(why)
            return
        known = {c.addr: c for c in caches}
        c = known.get(p.lru_next)
        if c is None:
            c = KmemCache(p.lru_next)
            why = c.implausible()
            if why:
                raise MnemeError("0x%08x is in a slab page (pfn 0x%x) whose lru.next 0x%08x is no "
                                 "cache (%s)" % (addr, p.pfn, p.lru_next, why))
            out("warning: page->lru.next 0x%08x (%s) is not on cache_chain" % (c.addr, c.name))
        if c.lock_note():
            out(c.lock_note())
        s = self.slab(c, p, addr)
        which, why = slab_list_of(c, s)
        out("0x%08x: cache %s, slab 0x%08x (pfn 0x%x, on %s, inuse %d/%d)" % (
            addr, c.label(), s.addr, p.pfn, "slabs_" + which if which else
            "no list: %s  <-" % why, s.inuse, c.num))
        if addr < s.s_mem:
            if not c.off_slab and s.addr <= addr < s.addr + c.slab_size:
                size = get_type("struct slab").sizeof
                o = addr - s.addr
                out("  in the slab's management (on-slab): %s" % (
                    "struct slab, offset %d" % o if o < size else
                    "bufctl[%d]" % ((o - size) // 4) if o < size + 4 * c.num
                    else "padding after the bufctl array"))
            else:
                out("  in the colour area before the first object (s_mem 0x%08x)" % s.s_mem)
            return
        idx, _ = s.index_of(c, addr)
        if idx >= c.num:
            out("  past the last object (%d objects of %d bytes from s_mem 0x%08x): the slab's "
                "left-over space" % (c.num, c.objsize, s.s_mem))
            return
        slot = s.s_mem + idx * c.objsize
        objp = slot + c.dbghead
        out("  object %d of %d: starts at 0x%08x (%d bytes%s), address is %s" % (
            idx, c.num, objp, c.reallen, ", slot 0x%08x of %d" % (slot, c.objsize)
            if c.dbghead else "", self.where(c, addr - slot)))
        # What the slab allocator itself keeps in it, if anything.
        for x in caches:
            if x.addr == objp:
                out("  it is the descriptor (kmem_cache_t) of cache %s" % x.label())
            for cpu, a in enumerate(x.arrays):
                if a == objp:
                    out("  it is the per-CPU array[%d] of cache %s" % (cpu, x.label()))
        # Its state: the bufctl, the free chain, the per-CPU arrays.
        bufctl = s.bufctl[idx]
        in_array = [(cpu, ac, ac.entries.index(slot)) for cpu, ac in slab_arrays(c)
                    if slot in ac.entries]
        chain, problem = s.chain(c.num)
        if bufctl == BUFCTL_ACTIVE and in_array:
            cpu, ac, i = in_array[0]
            state = "array"
            out("  state: in the per-CPU array (array[%d] entry %d of avail %d; the next "
                "allocation takes entry %d): free to users, in use from its slab's view"
                % (cpu, i, ac.avail, ac.avail - 1))
        elif bufctl == BUFCTL_ACTIVE:
            state = "allocated"
            out("  state: allocated (bufctl BUFCTL_ACTIVE, in no per-CPU array)")
        elif idx in chain:
            state = "free"
            out("  state: free in its slab: entry %d of %d on the free chain (bufctl -> %s)%s"
                % (chain.index(idx) + 1, len(chain),
                   "BUFCTL_END" if bufctl == BUFCTL_END else bufctl,
                   "  <- but it is also in a per-CPU array" if in_array else ""))
        else:
            state = "lost"
            out("  state: bufctl %s, neither BUFCTL_ACTIVE nor on the free chain%s  <- corrupt"
                % (bufctl, " (%s)" % problem if problem else ""))
        if c.debug:
            mem = read_bytes(slot, c.objsize)
            d = ObjectDebug(c, mem, 0)
            out("  debug: %s" % (d.text({}, state == "allocated") or "(no red zones or user word)"))
            for b in d.problems(c, state == "allocated") if state != "lost" else []:
                out("    <- %s" % b)

    @staticmethod
    def slab(c, p, addr):
        """The slab page->lru.prev names if it covers addr, else the one of c's lists that does."""
        why = None
        try:
            s = SlabDesc(c, p.lru_prev)
            end = s.page_addr + (c.pages_per_slab << PAGE_SHIFT)
            if s.page_addr <= addr < end:
                return s
            why = "its pages are 0x%08x-0x%08x" % (s.page_addr, end - 1)
        except MnemeError as e:
            why = "unreadable: %s" % e
        for which in SLAB_LISTS:
            for a in c.list_walk(which)[0]:
                try:
                    s = SlabDesc(c, a)
                except MnemeError:
                    continue
                if s.page_addr <= addr < s.page_addr + (c.pages_per_slab << PAGE_SHIFT):
                    out("warning: pfn 0x%x's page->lru.prev says slab 0x%08x (%s); slab 0x%08x "
                        "on slabs_%s covers the address  <- corrupt page descriptor"
                        % (p.pfn, p.lru_prev, why, a, which))
                    return s
        raise MnemeError("pfn 0x%x's page->lru.prev (the slab) is 0x%08x (%s), and no slab on "
                         "the lists of cache %s covers 0x%08x" % (p.pfn, p.lru_prev, why,
                                                                  c.label(), addr))

    @staticmethod
    def where(c, o):
        """Which part of the slot offset o is in."""
        r1, r2, uw = c.slot_words()
        start = c.dbghead
        if start <= o < start + c.reallen:
            return "offset %d into the object" % (o - start)
        if r1 is not None and r1 <= o < r1 + BYTES_PER_WORD:
            return "in red zone 1 (before the object)"
        if r2 is not None and r2 <= o < r2 + BYTES_PER_WORD:
            return "in red zone 2 (after the object)"
        if uw is not None and uw <= o < uw + BYTES_PER_WORD:
            return "in the last-user word"
        if o < start:
            return "in the padding before the object"
        return "in the padding after the object (offset %d, beyond reallen %d)" % (
            o - start, c.reallen)


LxSlabinfo()
LxSlab()
LxSlabobj()
