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

#define _PAGE_PRESENT	(1UL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1UL << _PAGE_BIT_RW)
#define _PAGE_USER	(1UL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1UL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1UL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1UL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1UL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1UL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL	(1UL << _PAGE_BIT_GLOBAL)

#define PTE_FLAGS_MASK	(~PAGE_MASK)

#ifndef __ASSEMBLER__
static inline unsigned long pgd_index(unsigned long addr)
{
	return addr >> PGDIR_SHIFT;
}

static inline unsigned long pte_index(unsigned long addr)
{
	return (addr >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/* The provisional tables built by startup_32 (arch/x86/head.asm). */
extern unsigned long initial_page_table[PTRS_PER_PGD];
extern unsigned long pg0[];
#endif

#endif
