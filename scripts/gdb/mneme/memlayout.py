"""The kernel's virtual memory layout (include/asm/page.h, pgtable.h,
fixmap.h; ULK figure 8-2): memory_layout(), region_of() for messages, and
lx-memlayout. Everything fixed at build time comes from the generated
constants; VMALLOC_START and MAXMEM follow variables (high_memory,
__VMALLOC_RESERVE) read from the kernel."""
import re

import gdb

from .command import MnemeCommand
from .constants import (FIXADDR_START, FIXADDR_TOP, LAST_PKMAP, PAGE_MASK, PAGE_OFFSET,
                        PAGE_SHIFT, PAGE_SIZE, PGDIR_SHIFT, PKMAP_BASE, PTRS_PER_PGD,
                        VMALLOC_END, VMALLOC_OFFSET, _PAGE_PRESENT, _PAGE_PSE)
from .dmesg import log_text
from .mm import page_layout
from .pgtable import PageTables
from .utils import (MnemeError, NotYet, enum_value, enum_values, has_symbol, lookup_var, out,
                    require_paging, symbol_address)

GENERATED = "from include/asm/ headers at build time (build/scripts/gdb/mneme/constants.py)"


def memory_layout():
    """{name: value} of the layout, with this boot's values where they vary."""
    v = {"page_offset": PAGE_OFFSET, "fixaddr_start": FIXADDR_START,
         "fixaddr_top": FIXADDR_TOP, "pkmap": PKMAP_BASE, "vmalloc_end": VMALLOC_END}
    hm = int(lookup_var("high_memory")) & 0xFFFFFFFF if has_symbol("high_memory") else 0
    v["high_memory"] = hm
    if hm:      # VMALLOC_START
        v["vmalloc_start"] = (hm + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1) & 0xFFFFFFFF
    res = int(lookup_var("__VMALLOC_RESERVE")) if has_symbol("__VMALLOC_RESERVE") else None
    v["vmalloc_reserve"] = res
    if res is not None:     # MAXMEM
        v["maxmem"] = (VMALLOC_END - PAGE_OFFSET - res) & 0xFFFFFFFF
    return v


def pkmap_base_from_page_tables():
    """PKMAP_BASE as the kernel set it up: the slot of pkmap_page_table in swapper_pg_dir."""
    if not has_symbol("pkmap_page_table") or not has_symbol("swapper_pg_dir"):
        return None
    pt = int(lookup_var("pkmap_page_table")) & 0xFFFFFFFF
    if not pt:
        return None
    pgd = PageTables.kernel()
    table = (pt - PAGE_OFFSET) & PAGE_MASK
    for i in range(PTRS_PER_PGD):
        e = pgd.pde_at(i)
        if e & _PAGE_PRESENT and not e & _PAGE_PSE and e & PAGE_MASK == table:
            return (i << PGDIR_SHIFT) | (((pt & ~PAGE_MASK) // 4) << PAGE_SHIFT)
    return None


def boot_message_layout():
    """(vmalloc start, end, pkmap, fixmap) from paging_init()'s boot message, or None."""
    try:
        text = log_text()[0]
    except (NotYet, MnemeError):
        return None
    m = re.search(rb"paging: .*vmalloc (0x[0-9a-f]+)-(0x[0-9a-f]+), pkmap (0x[0-9a-f]+), "
                  rb"fixmap (0x[0-9a-f]+)", text)
    return tuple(int(x, 16) for x in m.groups()) if m else None


def region_of(va):
    """Which part of the kernel's layout a virtual address is in (for messages)."""
    try:
        v = memory_layout()
    except (MnemeError, gdb.error):
        return None
    hm = v["high_memory"]
    if va < PAGE_OFFSET:
        return "user space"
    if hm and va < hm:
        return "the direct map"
    if hm and va < v["vmalloc_start"]:
        return "the gap between the direct map and vmalloc"
    if hm and va < VMALLOC_END:
        return "the vmalloc area"
    if va < PKMAP_BASE:
        return "the guard below pkmap"
    if va < PKMAP_BASE + LAST_PKMAP * PAGE_SIZE:
        return "the pkmap window (kmap)"
    if va < FIXADDR_START:
        return "the gap below the fixmap"
    if va < FIXADDR_TOP:
        idx = (FIXADDR_TOP - (va & PAGE_MASK)) >> PAGE_SHIFT      # __virt_to_fix()
        begin = enum_value("enum fixed_addresses", "FIX_KMAP_BEGIN", -1)
        end = enum_value("enum fixed_addresses", "FIX_KMAP_END", -1)
        if 0 <= begin <= idx <= end:
            names = {val: n for n, val in enum_values("enum km_type").items()}
            return "the fixmap, kmap_atomic() slot %s" % names.get(idx - begin, idx - begin)
        names = {val: n for n, val in enum_values("enum fixed_addresses").items()}
        return "the fixmap, slot %s" % names.get(idx, idx)
    return "above FIXADDR_TOP"


class LxMemlayout(MnemeCommand):
    """The kernel's virtual memory layout with this boot's values (fixmap .. direct map).

Usage: lx-memlayout
In the format of Linux's "virtual kernel memory layout" boot message,
then the kernel image's sections and the limits behind the layout. The
layout macros fixed at build time (FIXADDR_START, PKMAP_BASE,
VMALLOC_END ...) come from the kernel's headers (generated constants);
VMALLOC_START and MAXMEM are computed as pgtable.h defines them from
high_memory and __VMALLOC_RESERVE; then all is checked against the
linker script, the kernel's page tables (where pkmap_page_table sits in
swapper_pg_dir) and paging_init()'s boot message, and any disagreement
is reported."""

    name = "lx-memlayout"
    takes_args = False

    def run(self, arg, from_tty):
        require_paging("kernel memory")
        v = memory_layout()
        out("virtual kernel memory layout:")

        def row(name, a, b, mb=False):
            sz = (b - a) >> (20 if mb else 10)
            out("    %-7s : 0x%08x - 0x%08x   (%4d %s)" % (name, a, b, sz, "MB" if mb else "kB"))
        row("fixmap", FIXADDR_START, FIXADDR_TOP)
        row("pkmap", PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)
        hm = v["high_memory"]
        if hm:
            row("vmalloc", v["vmalloc_start"], VMALLOC_END, True)
            row("lowmem", PAGE_OFFSET, hm, True)
        else:
            out("    vmalloc : ? - 0x%08x   (VMALLOC_START follows high_memory, not set yet: "
                "setup_memory() has not run)" % VMALLOC_END)
            out("    lowmem  : 0x%08x - ?   (high_memory not set yet)" % PAGE_OFFSET)
        # The image's sections, top down like the rest (linker.ld's symbols).
        secs = [(".bss", "__bss_start", "__bss_stop"), (".data", "_sdata", "_edata"),
                (".rodata", "__start_rodata", "__end_rodata"),
                (".init", "__init_begin", "__init_end"), (".text", "_text", "_etext")]
        for name, a, b in secs:
            sa, sb = symbol_address(a), symbol_address(b)
            if sa is not None and sb is not None:
                out("%11s : 0x%08x - 0x%08x   (%4d kB)%s"
                    % (name, sa, sb, (sb - sa) >> 10,
                       "  freed after boot" if name == ".init" else ""))
        bs, be = symbol_address("__boot_start"), symbol_address("__boot_end")
        if bs is not None and be is not None:
            out("%11s : 0x%08x - 0x%08x   (%4d kB)  physical: startup_32, runs before paging"
                % (".boot", bs, be, (be - bs) >> 10))
        out("  user space 0x00000000 - 0x%08x; PAGE_OFFSET 0x%08x (include/asm/page.h)"
            % (PAGE_OFFSET - 1, PAGE_OFFSET))
        mlp = int(lookup_var("max_low_pfn")) if has_symbol("max_low_pfn") else 0
        if mlp:
            mp = int(lookup_var("max_pfn"))
            out("  direct map: pfn 0 - 0x%x (max_low_pfn); high memory: %s"
                % (mlp, "pfn 0x%x - 0x%x (%d MB)" % (mlp, mp, (mp - mlp) >> (20 - PAGE_SHIFT))
                   if mp > mlp else "none"))
        if hm:
            out("  gap high_memory - VMALLOC_START: %d kB (VMALLOC_OFFSET %d MB, "
                "catches overruns of the direct map)" % ((v["vmalloc_start"] - hm) >> 10,
                                                         VMALLOC_OFFSET >> 20))
        if v.get("maxmem") is not None:
            out("  MAXMEM 0x%08x (%d MB) = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE "
                "(%d MB)" % (v["maxmem"], v["maxmem"] >> 20, v["vmalloc_reserve"] >> 20))
        if has_symbol("mem_map"):
            mm_ = int(lookup_var("mem_map")) & 0xFFFFFFFF
            if mm_:
                n = int(lookup_var("contig_page_data")["node_spanned_pages"])
                sz = n * page_layout().size
                out("  mem_map 0x%08x - 0x%08x (%d kB: %d descriptors)"
                    % (mm_, mm_ + sz, sz >> 10, n))
        out("  how: FIXADDR_START, PKMAP_BASE, VMALLOC_END and PAGE_OFFSET: constants generated")
        out("       " + GENERATED)
        if hm:
            out("       VMALLOC_START = (high_memory + 2 * VMALLOC_OFFSET - 1) & "
                "~(VMALLOC_OFFSET - 1)")
        self.cross_checks(v)

    @staticmethod
    def cross_checks(v):
        """Against what the linker and the kernel itself computed."""
        stale = "DISAGREES: the generated constants are not this kernel's (rebuild: make)"
        lo = symbol_address("__PAGE_OFFSET")
        if lo is not None:
            out("  check: linker.ld's __PAGE_OFFSET 0x%08x: %s"
                % (lo, "agrees" if lo == PAGE_OFFSET else stale))
        pk = pkmap_base_from_page_tables()
        if pk is not None:
            out("  check: pkmap_page_table maps 0x%08x in swapper_pg_dir: %s"
                % (pk, "agrees" if pk == PKMAP_BASE else stale))
        msg = boot_message_layout()
        if msg is not None and v["high_memory"]:
            mine = (v["vmalloc_start"], VMALLOC_END, PKMAP_BASE, FIXADDR_START)
            out("  check: paging_init()'s boot message (vmalloc 0x%x-0x%x, pkmap 0x%x, "
                "fixmap 0x%x): %s" % (msg + ("agrees" if msg == mine else stale,)))


LxMemlayout()
