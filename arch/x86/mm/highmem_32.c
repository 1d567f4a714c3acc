/*
 * Temporary kernel mappings of high memory (ULK 8.1.6; Linux 2.6's
 * arch/i386/mm/highmem.c, highmem_32.c since 2.6.24 -- here that name
 * keeps gdb's 'mm/highmem.c' from matching this file too): kmap_atomic()
 * points one of this CPU's fixmap slots at a high page. Each kernel path
 * owns a slot type (include/asm/kmap_types.h), so slots are never
 * shared, and a holder never sleeps, so no one waits for a slot: holding
 * one counts in preempt_count, as in Linux, so might_sleep() catches a
 * holder that sleeps. A low page needs no slot: its direct-map address
 * is returned.
 *
 * The permanent mappings, kmap(), are portable: mm/highmem.c.
 */
#include <kernel.h>
#include <bug.h>
#include <highmem.h>
#include <mm.h>
#include <init.h>
#include <preempt.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* The pte of FIX_KMAP_BEGIN; slot idx is at kmap_pte - idx (fixmap grows down). */
static pte_t *kmap_pte;

/* Called by paging_init() once the fixmap's page table exists. */
void __init kmap_init(void)
{
	enum pg_level level;

	kmap_pte = lookup_address(__fix_to_virt(FIX_KMAP_BEGIN), &level);
	BUG_ON(!kmap_pte || level != PG_LEVEL_4K);
}

void *kmap_atomic(struct page *page, enum km_type type)
{
	unsigned int idx = type + KM_TYPE_NR * 0 /* smp_processor_id() */;
	unsigned long vaddr;

	inc_preempt_count();
	if (!PageHighmem(page))
		return lowmem_page_address(page);
	BUG_ON(type >= KM_TYPE_NR);
	vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx);
#ifdef CONFIG_DEBUG_VM
	/* A slot still mapped means its last user forgot kunmap_atomic(), or two paths share it. */
	if (!pte_none(*(kmap_pte - idx))) {
		printk(KERN_EMERG "kmap_atomic: slot %u still maps pfn %#lx\n",
		       type, pte_pfn(*(kmap_pte - idx)));
		BUG();
	}
#endif
	set_pte(kmap_pte - idx, pfn_pte(page_to_pfn(page), PAGE_KERNEL));
	__flush_tlb_single(vaddr);
	return (void *)vaddr;
}

void kunmap_atomic(void *kvaddr, enum km_type type)
{
	unsigned long vaddr = (unsigned long)kvaddr & PAGE_MASK;
	unsigned int idx = type + KM_TYPE_NR * 0;

	if (vaddr >= FIXADDR_START) {	/* a high page: release its slot (a low one took none) */
		if (vaddr != __fix_to_virt(FIX_KMAP_BEGIN + idx)) {
			printk(KERN_EMERG "kunmap_atomic: %p is not slot %u\n", kvaddr, type);
			BUG();
		}
		pte_clear(kmap_pte - idx);
		__flush_tlb_single(vaddr);
	}
	dec_preempt_count();
}

struct page *kmap_atomic_to_page(void *ptr)
{
	unsigned long vaddr = (unsigned long)ptr;
	unsigned int idx;

	if (vaddr < FIXADDR_START)
		return virt_to_page(ptr);
	idx = __virt_to_fix(vaddr) - FIX_KMAP_BEGIN;
	return pfn_to_page(pte_pfn(*(kmap_pte - idx)));
}
