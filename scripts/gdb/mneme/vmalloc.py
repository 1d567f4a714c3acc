"""Noncontiguous memory areas (include/vmalloc.h, mm/vmlist.c, mm/vmalloc.c;
ULK 8.3): vmlist, each vm_struct's pages and their mappings in
swapper_pg_dir, the freed-area history; lx-vmallocinfo."""
import gdb

from .command import MnemeCommand
from .constants import (PAGE_MASK, PAGE_SHIFT, PAGE_SIZE, VM_ALLOC, VM_IOREMAP, VM_MAP,
                        VM_VPAGES, VMALLOC_END)
from .memlayout import memory_layout
from .mm import MemMap
from .pgtable import PageTables
from .symbols import sprint_symbol
from .utils import (MnemeError, array_len, lookup_var, out, parse_count_opt, parse_flag, read_bytes, runs,
                    struct_layout, u32)

VM_FLAG_NAMES = [(VM_IOREMAP, "VM_IOREMAP"), (VM_ALLOC, "VM_ALLOC"), (VM_MAP, "VM_MAP"),
                 (VM_VPAGES, "VM_VPAGES")]
VM_MEMBERS = ("addr", "size", "flags", "pages", "nr_pages", "phys_addr", "caller", "next")
VMALLOC_SHOW = 16               # lx-vmallocinfo -v: pfn runs shown per area by default
VMLIST_LIMIT = 1 << 16


class VmArea:
    """One vm_struct, read in one go."""

    def __init__(self, addr):
        lay = struct_layout("struct vm_struct", VM_MEMBERS)
        self.at = addr
        v = lay.decode(read_bytes(addr, lay.size))
        for m in VM_MEMBERS:
            setattr(self, m, v[m])

    @property
    def end(self):              # the guard page included
        return (self.addr + self.size) & 0xFFFFFFFF

    def kind(self):
        """show_vmallocinfo()'s last word."""
        return "vmalloc" if self.flags & VM_ALLOC else "vmap" if self.flags & VM_MAP \
            else "ioremap"

    def info_line(self):
        """The line show_vmallocinfo() prints, byte for byte (" pages=N" only
        for an area that has pages, " phys=" for one that maps an address)."""
        return "0x%08x-0x%08x %7d %s%s%s %s" % (
            self.addr, self.end, self.size, sprint_symbol(self.caller),
            " pages=%d" % self.nr_pages if self.nr_pages else "",
            " phys=0x%08x" % self.phys_addr if self.phys_addr else "", self.kind())


def vm_areas():
    """(the areas on vmlist in list order, problem or None)."""
    a = int(lookup_var("vmlist", "the vmalloc areas")) & 0xFFFFFFFF
    areas, seen, problem = [], set(), None
    while a:
        if a in seen:
            problem = "vmlist loops back to 0x%08x" % a
            break
        if len(areas) >= VMLIST_LIMIT:
            problem = "more than %d areas (corrupt?)" % VMLIST_LIMIT
            break
        seen.add(a)
        v = VmArea(a)
        areas.append(v)
        a = v.next
    return areas, problem



def vm_flag_names(flags):
    names = [n for bit, n in VM_FLAG_NAMES if flags & bit]
    rest = flags & ~sum(bit for bit, _ in VM_FLAG_NAMES)
    if rest:
        names.append("0x%x" % rest)
    return "|".join(names) if names else "0"



class LxVmallocinfo(MnemeCommand):
    """The vmalloc areas (vmlist), as /proc/vmallocinfo (show_vmallocinfo()); -v checks them.

Usage: lx-vmallocinfo [-v] [-n N]
One line per vm_struct on vmlist, exactly as the kernel's
show_vmallocinfo() prints it: start-end (the guard page included), size,
the caller as %pS (from the kernel's own kallsyms table), pages=, phys= and
vmalloc / vmap / ioremap.
  -v    each area's flags and pages (pfns, high or low memory) with its
        checks: page aligned, inside VMALLOC_START..VMALLOC_END, sorted and
        not overlapping its neighbours, the guard page unmapped in
        swapper_pg_dir, each page mapped where it should be (and nothing
        beyond nr_pages), nr_pages matching the size, vmalloc'ed pages
        allocated (count > 0); then VmallocTotal/Used/Chunk as meminfo
        computes them, and the freed-area history (vm_history, newest
        first) that oops reports use
  -n N  at most N runs of pfns per area (default 16; 0: all)"""

    name = "lx-vmallocinfo"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = parse_count_opt(args, VMALLOC_SHOW)
        verbose = parse_flag(args, "-v")
        if args:
            raise MnemeError("usage: lx-vmallocinfo [-v] [-n N]")
        areas, problem = vm_areas()
        if not areas and not problem:
            out("(vmlist is empty: no vmalloc areas%s)" % (
                "" if int(lookup_var("mem_map")) else " yet; the first is made after mem_init()"))
            if verbose:
                self.history()
            return
        chk = VmallocCheck() if verbose else None
        for v in areas:
            out(v.info_line())
            if chk:
                chk.area(v, show)
        if problem:
            out("(the walk stops: %s)  <-" % problem)
        if chk:
            chk.summary(areas, problem)
            self.history()

    @staticmethod
    def history():
        hist = lookup_var("vm_history", "the freed-area history")
        n = array_len(hist)
        nxt = int(lookup_var("vm_history_next")) & 0xFFFFFFFF
        lay = struct_layout("struct vm_freed", ("addr", "size", "caller"))
        raw = read_bytes(hist.address, n * lay.size)
        rows = []
        for k in range(1, n + 1):
            i = (nxt + n - k) % n
            f = lay.decode(raw, i * lay.size)
            if f["size"]:
                rows.append("  0x%08x-0x%08x %7d %s" % (
                    f["addr"], (f["addr"] + f["size"]) & 0xFFFFFFFF, f["size"],
                    sprint_symbol(f["caller"])))
        if not rows:
            out("freed areas (vm_history): none freed yet")
            return
        out("freed areas (vm_history, the last %d, newest first):" % n)
        for r in rows:
            out(r)



class VmallocCheck:
    """lx-vmallocinfo -v: each area's pages and checks, then the totals."""

    def __init__(self):
        self.pt = PageTables.kernel()
        self.mm = MemMap("the vmalloc areas' pages")
        self.vstart, self.vend = memory_layout().get("vmalloc_start"), VMALLOC_END
        self.prev_end = None
        self.problems = self.pages = self.high = 0

    def area(self, v, show):
        mm, pt = self.mm, self.pt
        bad = []
        npages = max((v.size >> PAGE_SHIFT) - 1, 0)     # without the guard page
        if v.addr & ~PAGE_MASK or v.size & ~PAGE_MASK:
            bad.append("not page aligned")
        if v.size < 2 * PAGE_SIZE:
            bad.append("size %d: not even one page and its guard page" % v.size)
        if self.vstart and not (self.vstart <= v.addr and v.end <= self.vend and v.addr < v.end):
            bad.append("outside VMALLOC_START..VMALLOC_END (0x%08x-0x%08x)"
                       % (self.vstart, self.vend))
        if self.prev_end is not None and v.addr < self.prev_end:
            bad.append("starts below the end 0x%08x of the area before it: vmlist must be "
                       "sorted, the areas apart" % self.prev_end)
        self.prev_end = v.end
        guard = (v.end - PAGE_SIZE) & 0xFFFFFFFF
        g = pt.pfn_at(guard)
        if g is not None:
            bad.append("its guard page 0x%08x is mapped (to pfn 0x%x)" % (guard, g))
        pfns = []
        if v.flags & (VM_ALLOC | VM_MAP):
            if v.nr_pages != npages:
                bad.append("nr_pages %d, but the area holds %d pages" % (v.nr_pages, npages))
            n = min(v.nr_pages, npages)
            if n and not v.pages:
                bad.append("nr_pages %d, but pages is NULL" % v.nr_pages)
                n = 0
            raw = read_bytes(v.pages, n * 4) if n else b""
            for i in range(n):
                ptr = u32(raw, 4 * i)
                va = v.addr + i * PAGE_SIZE
                pfn = mm.page_to_pfn(ptr)
                if pfn is None:
                    bad.append("pages[%d] = 0x%08x is no page descriptor in mem_map" % (i, ptr))
                    continue
                pfns.append(pfn)
                at = pt.pfn_at(va)
                if at != pfn:
                    bad.append("page %d at 0x%08x %s, pages[%d] is pfn 0x%x" % (
                        i, va, "is not mapped" if at is None else "maps pfn 0x%x" % at, i, pfn))
                if v.flags & VM_ALLOC:
                    p = mm.page(pfn)
                    if p.count < 1:
                        bad.append("pages[%d] pfn 0x%x is not allocated (count %d)"
                                   % (i, pfn, p.count))
            first_unmapped = n
        else:
            first_unmapped = 0
            if v.phys_addr:     # ioremap(): phys_addr.. mapped contiguously
                first_unmapped = npages
                for i in range(npages):
                    at = pt.pfn_at(v.addr + i * PAGE_SIZE)
                    if at != (v.phys_addr >> PAGE_SHIFT) + i:
                        bad.append("page %d is %s, expected physical 0x%08x" % (
                            i, "not mapped" if at is None else "pfn 0x%x" % at,
                            v.phys_addr + i * PAGE_SIZE))
                        break
        for i in range(first_unmapped, npages):
            at = pt.pfn_at(v.addr + i * PAGE_SIZE)
            if at is not None:
                bad.append("page %d at 0x%08x (beyond nr_pages) is mapped to pfn 0x%x"
                           % (i, v.addr + i * PAGE_SIZE, at))
        high = sum(1 for p in pfns if p >= mm.max_low_pfn)
        self.pages += len(pfns)
        self.high += high
        rs = []
        for r in runs(pfns, "0x%x"):
            first = int(r.split("-")[0], 16)
            rs.append(r + (" high" if first >= mm.max_low_pfn else ""))
        desc = "    %s, vm_struct 0x%08x" % (vm_flag_names(v.flags), v.at)
        if v.flags & (VM_ALLOC | VM_MAP):
            desc += ", pages[] at 0x%08x: %d page%s (%d high, %d low)%s" % (
                v.pages, len(pfns), "" if len(pfns) == 1 else "s", high, len(pfns) - high,
                ": pfn " + " ".join(rs[:show]) if rs else "")
            if len(rs) > show:
                desc += " ... (%d more runs; -n 0 shows all)" % (len(rs) - show)
        elif v.phys_addr:
            desc += ", physical 0x%08x-0x%08x" % (v.phys_addr, v.phys_addr + npages * PAGE_SIZE)
        out(desc)
        for b in bad:
            out("    <- %s" % b)
        self.problems += len(bad)

    def summary(self, areas, problem):
        used = sum(v.size - PAGE_SIZE for v in areas) & 0xFFFFFFFF
        if self.vstart:
            prev, largest = self.vstart, 0
            for v in areas:         # vmalloc_chunk_kb()
                if v.addr > prev:
                    largest = max(largest, v.addr - prev)
                prev = v.end
            largest = max(largest, self.vend - prev) if self.vend > prev else largest
            for name, val in (("VmallocTotal:", (self.vend - self.vstart) >> 10),
                              ("VmallocUsed:", used >> 10), ("VmallocChunk:", largest >> 10)):
                out("%-16s%8d kB" % (name, val))
        if self.problems or problem:
            out("check: %d problem%s (marked <-)" % (self.problems + bool(problem),
                                                    "" if self.problems + bool(problem) == 1
                                                    else "s"))
        else:
            out("check: consistent: %d areas, sorted and apart inside VMALLOC_START..VMALLOC_END, "
                "guard pages unmapped; %d pages (%d high, %d low), each mapped where its area "
                "says in swapper_pg_dir" % (len(areas), self.pages, self.high,
                                           self.pages - self.high))


LxVmallocinfo()
