"""Two-level i386 page tables (include/asm/pgtable.h, ULK 2.4): a page-table
tree read from its page directory, lx-pte (a walk from CR3, step by step)
and the PDE/PTE flag names.

    linear address: | pgd index (10) | pte index (10) | offset (12) |
    a PDE with PS (and CR4.PSE) maps a 4 MB page: | pgd index | offset (22) |
"""
import gdb

from . import constants as C
from .command import MnemeCommand
from .utils import (MnemeError, get_type, lookup_var, out, paging_enabled, read_phys, read_reg,
                    require_target, u32)

PTE_FLAG_NAMES = [(C._PAGE_BIT_PRESENT, "P"), (C._PAGE_BIT_RW, "RW"), (C._PAGE_BIT_USER, "US"),
                  (C._PAGE_BIT_PWT, "PWT"), (C._PAGE_BIT_PCD, "PCD"),
                  (C._PAGE_BIT_ACCESSED, "A"), (C._PAGE_BIT_DIRTY, "D"),
                  (C._PAGE_BIT_PSE, "PS"), (C._PAGE_BIT_GLOBAL, "G")]
PTE_AVL_SHIFT = 9               # x86: bits 9..11 of an entry are the OS's (AVL)
OFFSET_MASK = ~C.PAGE_MASK & 0xFFFFFFFF
LARGE_OFFSET_MASK = ~C.PGDIR_MASK & 0xFFFFFFFF


def decode_pte_flags(v, is_pde):
    names = []
    for bit, n in PTE_FLAG_NAMES:
        if v & (1 << bit):
            if bit == C._PAGE_BIT_PSE and not is_pde:
                n = "PAT"       # the same bit in a PTE
            names.append(n)
    avl = (v >> PTE_AVL_SHIFT) & 7
    if avl:
        names.append("AVL=%d" % avl)
    return " ".join(names) if names else "-"


def pgd_index(va):
    return va >> C.PGDIR_SHIFT


def pte_index(va):
    return (va >> C.PAGE_SHIFT) & (C.PTRS_PER_PTE - 1)


class PageTables:
    """A page-table tree from its page directory at physical pgd; the
    directory and each page table are read once. pse: whether a PDE's PS
    bit makes a 4 MB page (CR4.PSE)."""

    def __init__(self, pgd, pse):
        self.pgd = pgd
        self.pse = pse
        self._dir = None
        self._tables = {}

    @classmethod
    def current(cls):
        """The tables the CPU uses now (CR3)."""
        return cls(read_reg("cr3") & C.PAGE_MASK, bool(read_reg("cr4") & C.X86_CR4_PSE))

    @classmethod
    def kernel(cls):
        """swapper_pg_dir, the kernel's master page directory."""
        pgd = lookup_var("swapper_pg_dir", "the kernel page tables")
        return cls(int(pgd.address) - C.PAGE_OFFSET, bool(read_reg("cr4") & C.X86_CR4_PSE))

    def pde_at(self, i):
        if self._dir is None:
            self._dir = read_phys(self.pgd, C.PTRS_PER_PGD * 4)
        return u32(self._dir, i * 4)

    def is_large(self, pde):
        return bool(pde & C._PAGE_PSE) and self.pse

    def lookup(self, va):
        """(pde, pte) for va; pte is None where the pde maps no page table."""
        pde = self.pde_at(pgd_index(va))
        if not pde & C._PAGE_PRESENT or self.is_large(pde):
            return pde, None
        t = pde & C.PAGE_MASK
        if t not in self._tables:
            self._tables[t] = read_phys(t, C.PTRS_PER_PTE * 4)
        return pde, u32(self._tables[t], pte_index(va) * 4)

    def translate(self, va):
        """The physical address va maps to, or None (4 MB pages included)."""
        pde, pte = self.lookup(va)
        if pte is None:
            if pde & C._PAGE_PRESENT:       # a 4 MB page
                return (pde & C.PGDIR_MASK) | (va & LARGE_OFFSET_MASK)
            return None
        return (pte & C.PAGE_MASK) | (va & OFFSET_MASK) if pte & C._PAGE_PRESENT else None

    def pfn_at(self, va):
        pa = self.translate(va)
        return None if pa is None else pa >> C.PAGE_SHIFT


def virt_to_phys(va):
    """The physical address of va through the CPU's page tables (linear ==
    physical with paging off), or None where it is not mapped."""
    if not paging_enabled():
        return va
    return PageTables.current().translate(va)


class LxPte(MnemeCommand):
    """Walk the page tables from CR3 for a virtual address: PDE, PTE, physical address.

Usage: lx-pte ADDRESS [PID|TASK]   (ADDRESS any gdb expression: 0xc0100000, &log_buf, $pc)
With a task, walks that task's page tables (its mm's pgd; a kernel
thread's borrowed active_mm) instead of CR3's, and for a user page
shows the struct page behind it (counts, flags, anonymous owner).
Reads the page directory at CR3 and the page table through the kernel's
direct map (physical p at p + 0xC0000000), or QEMU's physical memory
mode where that is not mapped. 4 MB pages (PDE.PS with CR4.PSE) are shown
as such."""

    name = "lx-pte"

    def run(self, arg, from_tty):
        if not arg:
            raise MnemeError("usage: lx-pte ADDRESS [PID|TASK]")
        parts = arg.split()
        task_spec = parts.pop() if len(parts) > 1 else None
        va = int(gdb.parse_and_eval(" ".join(parts)).cast(get_type("unsigned long"))) & 0xFFFFFFFF
        require_target()
        if not paging_enabled():
            out("paging is off (CR0.PG=0): linear address 0x%08x is physical 0x%08x"
                % (va, va))
            return
        pgd_i, pte_i = pgd_index(va), pte_index(va)
        if task_spec:
            from .vma import task_and_mm
            label, _, mm, borrowed = task_and_mm(task_spec)
            pt = PageTables((int(mm["pgd"]) - C.PAGE_OFFSET) & 0xFFFFFFFF,
                            bool(read_reg("cr4") & C.X86_CR4_PSE))
            out("virtual 0x%08x: pgd index %d, pte index %d, offset 0x%03x"
                % (va, pgd_i, pte_i, va & OFFSET_MASK))
            out("%s: mm 0x%08x%s, page directory 0x%08x (physical 0x%08x)"
                % (label, int(mm.address), " (borrowed)" if borrowed else "",
                   int(mm["pgd"]), pt.pgd))
        else:
            pt = PageTables.current()
            out("virtual 0x%08x: pgd index %d, pte index %d, offset 0x%03x"
                % (va, pgd_i, pte_i, va & OFFSET_MASK))
            out("CR3 0x%08x (page directory at physical 0x%08x), CR4.PSE=%d"
                % (read_reg("cr3"), pt.pgd, int(pt.pse)))
        pde, pte = pt.lookup(va)
        out("PDE[%4d] @ phys 0x%08x = 0x%08x  [%s]"
            % (pgd_i, pt.pgd + pgd_i * 4, pde, decode_pte_flags(pde, True)))
        if not pde & C._PAGE_PRESENT:
            out("0x%08x -> not mapped (PDE not present)" % va)
            return
        if pt.is_large(pde):
            leaf, kind, eff = pde, "4 MB page", pde
        else:
            if pde & C._PAGE_PSE:
                out("note: PDE.PS is set but CR4.PSE is off: the CPU treats it as a page table")
            out("PTE[%4d] @ phys 0x%08x = 0x%08x  [%s]"
                % (pte_i, (pde & C.PAGE_MASK) + pte_i * 4, pte, decode_pte_flags(pte, False)))
            if not pte & C._PAGE_PRESENT:
                out("0x%08x -> not mapped (PTE not present%s)"
                    % (va, ", value 0x%08x" % pte if pte else ""))
                return
            leaf, kind, eff = pte, "4 KB page", pte & pde
        access = ("user" if eff & C._PAGE_USER else "kernel") + \
            ("/writable" if eff & C._PAGE_RW else "/read-only")
        out("0x%08x -> physical 0x%08x (%s, present, %s%s)"
            % (va, pt.translate(va), kind, access,
               ", global" if leaf & C._PAGE_GLOBAL else ""))
        if task_spec and va < C.TASK_SIZE and not pt.is_large(pde):
            pfn = pt.translate(va) >> C.PAGE_SHIFT
            page = gdb.parse_and_eval("mem_map")[pfn]
            mapping = int(page["mapping"])
            out("struct page 0x%08x (pfn 0x%x): page_count %d, page_mapcount %d, flags 0x%08x, "
                "mapping 0x%08x%s, index 0x%x"
                % (int(page.address), pfn, int(page["_count"]["counter"]) + 1,
                   int(page["_mapcount"]["counter"]) + 1, int(page["flags"]), mapping,
                   " (anonymous: anon_vma 0x%08x)" % (mapping & ~1) if mapping & 1 else "",
                   int(page["index"])))


LxPte()
