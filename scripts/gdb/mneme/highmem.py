"""High memory (mm/highmem.c, arch/x86/mm/highmem_32.c and init.c,
include/asm/fixmap.h and kmap_types.h; ULK 8.1.6): kmap()'s pkmap window
with pkmap_count[], the page_address hash and pkmap_map_wait (lx-pkmap),
and kmap_atomic()'s per-CPU fixmap slots.

    pkmap_count[i]: 0 free, 1 stale (no user; its TLB entry may live until
    the next flush_all_zero_pkmaps()), n > 1 in use by n - 1 kmap()s
"""
import gdb

from .command import MnemeCommand
from .constants import (FIXADDR_TOP, LAST_PKMAP, PA_HASH_MULT, PA_HASH_SHIFT, PAGE_SHIFT,
                        PAGE_SIZE, PKMAP_BASE, _PAGE_PRESENT)
from .cpus import current_task
from .mm import MemMap
from .tasks import wait_queue_tasks
from .lists import list_walk
from .utils import (MnemeError, NotYet, array_len, enum_value, enum_values, find_symbol,
                    get_type, has_symbol, lookup_var, out, parse_count_opt, read_bytes, s32,
                    struct_layout, u32)

PKMAP_SHOW = 16                 # lx-pkmap: slots shown by default
PAM_MEMBERS = ("page", "virtual", "list.next")


def page_slot_bucket(pfn, nbuckets):
    """The page_address hash bucket of a pfn, as page_slot()."""
    return (((pfn * PA_HASH_MULT) & 0xFFFFFFFF) >> PA_HASH_SHIFT) & (nbuckets - 1)


def kmap_atomic_slots():
    """[(index, km_type name, virtual address, pte)] of this CPU's kmap_atomic() slots."""
    kp = find_symbol("kmap_pte")
    if kp is None:
        return []
    kmap_pte = int(kp.value()) & 0xFFFFFFFF
    km = enum_values("enum km_type")
    names = {v: n for n, v in km.items()}
    nr = km.get("KM_TYPE_NR", 0)
    begin = enum_value("enum fixed_addresses", "FIX_KMAP_BEGIN", 1)
    if not kmap_pte or not nr:
        return []
    # slot idx's pte is at kmap_pte - idx (the fixmap grows down)
    raw = read_bytes(kmap_pte - (nr - 1) * 4, nr * 4)
    return [(idx, names.get(idx, str(idx)), FIXADDR_TOP - ((begin + idx) << PAGE_SHIFT),
             u32(raw, (nr - 1 - idx) * 4)) for idx in range(nr)]


def highmem_mappings(pfn):
    """Where a high page is mapped now: kmap()'s pkmap window, kmap_atomic() slots."""
    found = []
    pt = int(lookup_var("pkmap_page_table")) & 0xFFFFFFFF if has_symbol("pkmap_page_table") else 0
    if pt:
        raw = read_bytes(pt, LAST_PKMAP * 4)
        for i in range(LAST_PKMAP):
            pte = u32(raw, i * 4)
            if pte & _PAGE_PRESENT and pte >> PAGE_SHIFT == pfn:
                found.append("0x%08x (kmap(), pkmap slot %d)" % (PKMAP_BASE + i * PAGE_SIZE, i))
    for _idx, name, va, pte in kmap_atomic_slots():
        if pte & _PAGE_PRESENT and pte >> PAGE_SHIFT == pfn:
            found.append("0x%08x (kmap_atomic() slot %s)" % (va, name))
    return found


class PkmapHash:
    """The page_address hash, bucket by bucket, its entries inside
    page_address_maps[] and what is wrong with them: by_virtual {virtual:
    [(bucket, index, pfn)]}, nentries, nbuckets, problems."""

    def __init__(self, mm):
        htable = lookup_var("page_address_htable", "the page_address hash")
        self.nbuckets, lh = array_len(htable), get_type("struct list_head").sizeof
        hraw = read_bytes(htable.address, self.nbuckets * lh)
        if not u32(hraw, 0):
            raise NotYet("page_address_htable is not initialised: page_address_init() has "
                         "not run yet; `continue` past the start of start_kernel()")
        maps_v = lookup_var("page_address_maps")
        lay = struct_layout("struct page_address_map", PAM_MEMBERS)
        nm, maps_at = array_len(maps_v), int(maps_v.address)
        mraw = read_bytes(maps_at, nm * lay.size)

        def visit(node):
            """A hash node: (its index in page_address_maps[], the entry), next."""
            k, r = divmod(node - lay["list.next"] - maps_at, lay.size)
            if r or not 0 <= k < nm:
                raise MnemeError("pointer 0x%08x (no entry of page_address_maps[])" % node)
            e = lay.decode(mraw, k * lay.size)
            return (k, e), e["list.next"]

        self.problems, self.by_virtual, self.nentries = [], {}, 0
        by_pfn = {}
        for b in range(self.nbuckets):
            ents, problem = list_walk(int(htable.address) + lh * b, u32(hraw, lh * b), nm, visit)
            if problem:
                self.problems.append("hash bucket %d: %s" % (b, problem))
            for k, e in ents:
                pfn = self.entry(mm, b, k, e)
                if pfn is not None:
                    by_pfn.setdefault(pfn, []).append(k)
        for pfn, ks in by_pfn.items():
            if len(ks) > 1:
                self.problems.append("pfn 0x%x is in %d slots (%s): kmap() must reuse one" % (
                    pfn, len(ks), ", ".join(str(k) for k in ks)))

    def entry(self, mm, b, k, e):
        """Check and file entry k found in bucket b; its pfn or None."""
        pfn = mm.page_to_pfn(e["page"])
        self.nentries += 1
        where = "hash entry page_address_maps[%d] (bucket %d)" % (k, b)
        if pfn is None:
            self.problems.append("%s: page 0x%08x is no page descriptor" % (where, e["page"]))
        else:
            if pfn < mm.max_low_pfn:
                self.problems.append("%s: pfn 0x%x is low memory (kmap() maps it directly)"
                                     % (where, pfn))
            want = page_slot_bucket(pfn, self.nbuckets)
            if want != b:
                self.problems.append("%s: pfn 0x%x belongs in bucket %d" % (where, pfn, want))
        slot_va = PKMAP_BASE + k * PAGE_SIZE
        if e["virtual"] != slot_va:
            self.problems.append("%s: virtual 0x%08x, but entry %d is slot %d's (0x%08x)" % (
                where, e["virtual"], k, k, slot_va))
        self.by_virtual.setdefault(e["virtual"], []).append((b, k, pfn))
        return pfn


def slot_problems(c, pte, ents):
    """What is wrong with a pkmap slot of count c whose PTE is pte and which
    the hash entries ents [(bucket, index, pfn)] name."""
    bad = []
    if c == 0:
        if pte:
            bad.append("free (count 0) but its PTE is 0x%08x" % pte)
        if ents:
            bad.append("free (count 0) but the hash maps pfn %s here" % ", ".join(
                "0x%x" % e[2] if e[2] is not None else "?" for e in ents))
    elif c < 0:
        bad.append("count %d" % c)
    else:
        if not pte & _PAGE_PRESENT:
            bad.append("count %d but its PTE is not present (0x%08x)" % (c, pte))
        if not ents:
            bad.append("count %d but no hash entry names this slot" % c)
        elif len(ents) > 1:
            bad.append("%d hash entries name this slot" % len(ents))
        elif pte & _PAGE_PRESENT and ents[0][2] != pte >> PAGE_SHIFT:
            bad.append("its PTE maps pfn 0x%x, the hash entry says pfn %s" % (
                pte >> PAGE_SHIFT, "0x%x" % ents[0][2] if ents[0][2] is not None else "?"))
    return bad


class LxPkmap(MnemeCommand):
    """The pkmap window of kmap(): slots by state, the page_address hash, waiters, checked.

Usage: lx-pkmap [-n N]
pkmap_count[] by state (0 free, 1 stale: no user but the old mapping may
still be in the TLB until the next flush_all_zero_pkmaps(), n > 1 in
use by n - 1), last_pkmap_nr (where map_new_virtual() searches next),
kmap_waits, pkmap_flushes and the tasks asleep on pkmap_map_wait; then
each slot in use or stale: virtual address, count, the pfn its PTE maps
(pkmap_page_table) and the page_address hash entry naming that page
(at most N slots, default 16; 0: all; slots with problems always); the
kmap_atomic() fixmap slots that map a page; and the checks: a free slot
has an empty PTE and no hash entry, a used or stale one a present PTE
and one hash entry for that very page, in the bucket page_slot() picks;
every hash entry belongs to such a slot; a page in at most one slot."""

    name = "lx-pkmap"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = parse_count_opt(args, PKMAP_SHOW)
        if args:
            raise MnemeError("usage: lx-pkmap [-n N]")
        pt = int(lookup_var("pkmap_page_table", "the pkmap window")) & 0xFFFFFFFF
        if not pt:
            raise NotYet("pkmap_page_table is NULL: paging_init() has not built the pkmap "
                         "page table yet")
        mm = MemMap("the pkmap slots")
        h = PkmapHash(mm)
        counts_v = lookup_var("pkmap_count")
        n = array_len(counts_v)
        craw = read_bytes(counts_v.address, n * 4)
        ptes = read_bytes(pt, n * 4)

        # The slots: pkmap_count[i] against its PTE and the hash.
        free = stale = used = users = nbad = 0
        rows = []
        for i in range(n):
            c, pte = s32(craw, 4 * i), u32(ptes, 4 * i)
            va = PKMAP_BASE + i * PAGE_SIZE
            ents = h.by_virtual.get(va, [])
            bad = slot_problems(c, pte, ents)
            free += c == 0
            stale += c == 1
            used += c > 1
            users += max(c - 1, 0)
            if c or bad:
                rows.append((i, va, c, pte, ents, bad))
            nbad += len(bad)
        problems = h.problems
        if h.nentries != used + stale:
            problems.append("%d hash entries for %d slots in use or stale" % (h.nentries,
                                                                            used + stale))
        out("pkmap window 0x%08x-0x%08x: %d slots (pkmap_page_table 0x%08x)" % (
            PKMAP_BASE, PKMAP_BASE + n * PAGE_SIZE, n, pt))
        out("  %d in use (%d user%s), %d stale (count 1: unused, mapped until the next flush), "
            "%d free" % (used, users, "" if users == 1 else "s", stale, free))
        last = int(lookup_var("last_pkmap_nr")) & 0xFFFFFFFF
        out("  last_pkmap_nr %d (the next search starts at slot %d), kmap_waits %d, "
            "pkmap_flushes %d" % (last, (last + 1) % n, int(lookup_var("kmap_waits")),
                                  int(lookup_var("pkmap_flushes"))))
        if last >= n:
            problems.append("last_pkmap_nr %d is not a slot" % last)
        self.waiters()
        self.slots(mm, rows, show)
        self.atomic_slots(mm)
        total = len(problems) + nbad
        if total:
            out("check: %d problem%s%s" % (total, "" if total == 1 else "s",
                                          " (the slots' are marked <- above)" if nbad else ""))
            for p in problems[:64]:
                out("  %s  <-" % p)
            if len(problems) > 64:
                out("  ... %d more" % (len(problems) - 64))
        else:
            out("check: consistent: %d slots in use or stale, each with a present PTE and the "
                "hash entry of its page; %d free with an empty PTE; %d hash entries in %d "
                "buckets" % (used + stale, free, h.nentries, h.nbuckets))

    @staticmethod
    def waiters():
        waiters = wait_queue_tasks(lookup_var("pkmap_map_wait"))
        cur = current_task()
        out("  pkmap_map_wait: %s" % ("no waiters" if not waiters else "%d waiter%s: %s" % (
            len(waiters), "" if len(waiters) == 1 else "s", ", ".join(
                "%s %s%s" % (t.label(), t.state_name(cur).split()[0],
                             " exclusive" if ex else "") for t, ex in waiters))))

    @staticmethod
    def slots(mm, rows, show):
        """The slots in use or stale (at most show of them) and those with problems."""
        if rows:
            out("  slot virtual    count  pfn       page       hash")
        hidden = 0
        for k, (i, va, c, pte, ents, bad) in enumerate(rows):
            if k >= show and not bad:
                hidden += 1
                continue
            pfn = pte >> PAGE_SHIFT if pte & _PAGE_PRESENT else None
            out("  %4d 0x%08x %5d  %-9s %-10s %s%s" % (
                i, va, c, "0x%x" % pfn if pfn is not None else "-",
                "0x%08x" % mm.pfn_to_page(pfn) if pfn is not None else "-",
                "bucket %d" % ents[0][0] if ents else "-",
                ", %d user%s" % (c - 1, "" if c == 2 else "s") if c > 1 else
                ", stale" if c == 1 else ""))
            for b in bad:
                out("       <- %s" % b)
        if hidden:
            out("  ... %d more slots in use or stale (-n 0 shows all)" % hidden)

    @staticmethod
    def atomic_slots(mm):
        mapped = [s for s in kmap_atomic_slots() if s[3] & _PAGE_PRESENT]
        if not mapped:
            out("kmap_atomic slots (fixmap, CPU 0): none mapped")
            return
        out("kmap_atomic slots (fixmap, CPU 0):")
        for idx, name, va, pte in mapped:
            pfn = pte >> PAGE_SHIFT
            out("  %-14s 0x%08x -> pfn 0x%x%s" % (
                name, va, pfn, "" if pfn >= mm.max_low_pfn else
                "  <- a low page (kmap_atomic() returns its direct-map address)"))


LxPkmap()
