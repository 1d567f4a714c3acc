/*
 * Two-level i386 paging without PAE (ULK 2.4.2, figure 2-7).
 *
 * A linear address splits into
 *
 *    31         22 21         12 11          0
 *   +-------------+-------------+-------------+
 *   |  directory  |    table    |   offset    |
 *   +-------------+-------------+-------------+
 *      pgd_index     pte_index
 *
 * Linux's four levels fold to two here: pud and pmd are the pgd entry.
 *
 * A page-directory or page-table entry:
 *
 *    31                  12 11  9  8  7  6  5  4  3  2  1  0
 *   +----------------------+-----+--+--+--+--+--+--+--+--+--+
 *   | page frame number    | avl |G |PS|D |A |CD|WT|U |RW|P |
 *   +----------------------+-----+--+--+--+--+--+--+--+--+--+
 *
 * PS (in a PDE) maps a 4 MB page directly; G keeps a TLB entry across
 * CR3 reloads (with CR4.PGE).
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD	1024
#define PTRS_PER_PTE	1024

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_SPECIAL	9	/* software bit (Linux's _PAGE_BIT_SOFTW1) */

#define _PAGE_PRESENT	(1UL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1UL << _PAGE_BIT_RW)
#define _PAGE_USER	(1UL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1UL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1UL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1UL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1UL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1UL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL	(1UL << _PAGE_BIT_GLOBAL)
/*
 * A pte of a VM_PFNMAP region made by remap_pfn_range(): its frame has
 * no struct page to count (I/O memory, a reserved page), so fork, zap,
 * copy-on-write and follow_page leave it alone (Linux's pte_special).
 */
#define _PAGE_SPECIAL	(1UL << _PAGE_BIT_SPECIAL)
/*
 * A PROT_NONE page (2.6's _PAGE_PROTNONE, "if not present"): the pte
 * keeps its page but not the present bit, so the MMU faults on every
 * access while the kernel still sees a mapped page (pte_present(),
 * rss, zap, fork, mprotect back). Bit 7 means PSE/PAT only in a present
 * entry.
 */
#define _PAGE_PROTNONE	(1UL << _PAGE_BIT_PSE)

#define PTE_FLAGS_MASK	(~PAGE_MASK)

/* Entries for the kernel's own mappings and page tables. */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define __PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED)
#define __PAGE_KERNEL_RO (_PAGE_PRESENT | _PAGE_DIRTY | _PAGE_ACCESSED)

#ifndef __ASSEMBLER__
#include <compiler.h>
#include <types.h>

/*
 * Entries are wrapped in structs, as in Linux, so that a pte cannot be
 * mixed up with a plain number (or a pgd with a pte) by accident.
 */
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define pte_val(x)	((x).pte)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)
#define __pte(x)	((pte_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })

/* Kernel mappings are global when the CPU has PGE (set by paging_init). */
extern unsigned long __supported_pte_mask;
#define PAGE_KERNEL	__pgprot(__PAGE_KERNEL | (__supported_pte_mask & _PAGE_GLOBAL))
#define PAGE_KERNEL_RO	__pgprot(__PAGE_KERNEL_RO | (__supported_pte_mask & _PAGE_GLOBAL))

static inline unsigned long pgd_index(unsigned long addr)
{
	return addr >> PGDIR_SHIFT;
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline int pte_none(pte_t pte)		{ return !pte_val(pte); }
static inline int pte_present(pte_t pte)	{ return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline int pte_write(pte_t pte)		{ return pte_val(pte) & _PAGE_RW; }
static inline int pte_special(pte_t pte)	{ return pte_val(pte) & _PAGE_SPECIAL; }
static inline pte_t pte_mkspecial(pte_t pte)	{ return __pte(pte_val(pte) | _PAGE_SPECIAL); }
static inline unsigned long pte_pfn(pte_t pte)	{ return pte_val(pte) >> PAGE_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline int pgd_none(pgd_t pgd)		{ return !pgd_val(pgd); }
static inline int pgd_present(pgd_t pgd)	{ return pgd_val(pgd) & _PAGE_PRESENT; }
/* A 4 MB page mapped straight from the directory (PSE). */
static inline int pgd_large(pgd_t pgd)		{ return (pgd_val(pgd) & (_PAGE_PRESENT | _PAGE_PSE)) == (_PAGE_PRESENT | _PAGE_PSE); }

static inline void set_pte(pte_t *ptep, pte_t pte)	{ *ptep = pte; }
static inline void pte_clear(pte_t *ptep)		{ ptep->pte = 0; }
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)	{ *pgdp = pgd; }

/* The page table a (non-large) directory entry points to, in the direct map. */
static inline pte_t *pgd_page_vaddr(pgd_t pgd)
{
	return (pte_t *)__va(pgd_val(pgd) & PAGE_MASK);
}

static inline pte_t *pte_offset_kernel(pgd_t *pgd, unsigned long addr)
{
	return pgd_page_vaddr(*pgd) + pte_index(addr);
}

/* The other bits of a present pte, as Linux names the tests and changes. */
static inline int pte_dirty(pte_t pte)		{ return pte_val(pte) & _PAGE_DIRTY; }
static inline int pte_young(pte_t pte)		{ return pte_val(pte) & _PAGE_ACCESSED; }
static inline int pte_user(pte_t pte)		{ return pte_val(pte) & _PAGE_USER; }
static inline pte_t pte_wrprotect(pte_t pte)	{ return __pte(pte_val(pte) & ~_PAGE_RW); }
static inline pte_t pte_mkwrite(pte_t pte)	{ return __pte(pte_val(pte) | _PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte)	{ return __pte(pte_val(pte) | _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte)	{ return __pte(pte_val(pte) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte)	{ return __pte(pte_val(pte) | _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte)	{ return __pte(pte_val(pte) & ~_PAGE_ACCESSED); }
/* The protection bits replaced, the frame kept (mprotect). */
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	/* Linux's _PAGE_CHG_MASK: the frame, its caching and pte_special stay. */
	return __pte((pte_val(pte) & (PAGE_MASK | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PCD |
				      _PAGE_PWT | _PAGE_SPECIAL)) | pgprot_val(prot));
}

/*
 * User pages' protections (ULK 9.3.2, "Memory region access rights"):
 * the i386 MMU has no execute bit and no write-only page, so read
 * implies exec and write implies read. A private writable region's
 * pages start read-only (PAGE_COPY): the first write copies them
 * (do_wp_page). PAGE_NONE maps nothing the user can reach.
 */
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

/* protection_map[] (mm/mmap.c), indexed by VM_READ|VM_WRITE|VM_EXEC|VM_SHARED: P private, S shared. */
#define __P000	PAGE_NONE
#define __P001	PAGE_READONLY
#define __P010	PAGE_COPY
#define __P011	PAGE_COPY
#define __P100	PAGE_READONLY
#define __P101	PAGE_READONLY
#define __P110	PAGE_COPY
#define __P111	PAGE_COPY
#define __S000	PAGE_NONE
#define __S001	PAGE_READONLY
#define __S010	PAGE_SHARED
#define __S011	PAGE_SHARED
#define __S100	PAGE_READONLY
#define __S101	PAGE_READONLY
#define __S110	PAGE_SHARED
#define __S111	PAGE_SHARED

/* The entry of a user page table in a user page directory (its page may be high). */
static inline void pgd_populate_pfn(pgd_t *pgd, unsigned long pfn)
{
	set_pgd(pgd, __pgd((pfn << PAGE_SHIFT) | _PAGE_TABLE));
}

static inline unsigned long pgd_pfn(pgd_t pgd)	{ return pgd_val(pgd) >> PAGE_SHIFT; }
static inline void pgd_clear(pgd_t *pgd)	{ pgd->pgd = 0; }

/* The kernel's master page directory (arch/x86/mm/init.c). */
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
#define pgd_offset_k(addr)	(swapper_pg_dir + pgd_index(addr))

/*
 * Where addr is mapped in the kernel page tables: the pte, or for a
 * 4 MB page the directory entry (as a pte_t *), with *level set to
 * PG_LEVEL_4K or PG_LEVEL_4M. NULL if nothing maps it.
 * (arch/x86/mm/pgtable.c, as the rest of this block.)
 */
enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_4M };
pte_t *lookup_address(unsigned long addr, enum pg_level *level);

/*
 * The kernel ptes of the vmalloc range, for mm/vmalloc.c:
 *
 *   pte_alloc_kernel(addr)   the pte for addr in swapper_pg_dir; a missing
 *                            page table is allocated (GFP_KERNEL: may
 *                            sleep) and kept for good. NULL without memory
 *   unmap_kernel_range(a, n) clear the ptes of [a, a + n), flush the TLB
 *
 * nr_vmalloc_pgtables[zone] counts the page tables made so.
 */
pte_t *__pte_alloc_kernel(pgd_t *pgd, unsigned long addr);

static inline pte_t *pte_alloc_kernel(unsigned long addr)
{
	pgd_t *pgd = pgd_offset_k(addr);

	if (unlikely(pgd_none(*pgd)))
		return __pte_alloc_kernel(pgd, addr);
	return pte_offset_kernel(pgd, addr);
}

void unmap_kernel_range(unsigned long addr, unsigned long size);
extern unsigned long nr_vmalloc_pgtables[];

/* The provisional tables built by startup_32 (boot/head.asm). */
extern unsigned long initial_page_table[PTRS_PER_PGD];
extern unsigned long pg0[];

/*
 * What those provisional tables map: physical [0, PROVISIONAL_MAP_SIZE)
 * at 0 and at PAGE_OFFSET (pg0, PROVISIONAL_PGD_PTRS page tables; ULK
 * 2.5.5 has 8 MB too). The kernel image must fit in it (linker.ld checks),
 * and until paging_init() switches to swapper_pg_dir it is all the
 * kernel can reach: bootmem allocates below it, the loader's data beyond
 * it is read through a window (arch/x86/setup.c). One definition, for
 * the C code, boot/head.asm (asm-offsets) and linker.ld (asm-offsets.ld).
 */
#define PROVISIONAL_MAP_SIZE	(8UL << 20)
#define PROVISIONAL_PGD_PTRS	(PROVISIONAL_MAP_SIZE >> PGDIR_SHIFT)

/*
 * Above the direct map (ULK figure 8-2):
 *
 *   high_memory                 end of the direct map (at most MAXMEM)
 *   + VMALLOC_OFFSET (8 MB)     VMALLOC_START .. VMALLOC_END: vmalloc areas
 *   PKMAP_BASE                  LAST_PKMAP pages for kmap(), one page table
 *   FIXADDR_START .. FIXADDR_TOP  fixmap: compile-time slots (kmap_atomic ...)
 *
 * MAXMEM, the most memory the direct map may cover, is what is left of
 * the 1 GB kernel space once VMALLOC_RESERVE is set aside for vmalloc:
 * 896 MB by default; the boot parameter vmalloc=<size> changes the
 * reserve and so MAXMEM (a small machine then gets high memory).
 */
#define VMALLOC_OFFSET	(8UL << 20)
#define LAST_PKMAP	1024
#define PKMAP_BASE	((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PGDIR_MASK)
#define VMALLOC_END	(PKMAP_BASE - 2 * PAGE_SIZE)
#define VMALLOC_START	(((unsigned long)high_memory + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1))
#define DEFAULT_MAXMEM	(896UL << 20)
extern unsigned long __VMALLOC_RESERVE;
#define MAXMEM		(VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE)
#define MAXMEM_PFN	(MAXMEM >> PAGE_SHIFT)

#include <asm/fixmap.h>
#endif

#endif
