/* Helpers shared by the memory-management self-tests. */
#ifndef _TESTS_KERNEL_MM_TEST_UTIL_H
#define _TESTS_KERNEL_MM_TEST_UTIL_H

#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <asm/mmu_context.h>

/* Free pages of a zone, per-CPU lists (every order's) included. */
static inline unsigned long zone_free_total(const struct zone *z)
{
	return z->free_pages + zone_pcp_pages(z);
}

static inline struct zone *zone_of(enum zone_type zt)
{
	return &contig_page_data.node_zones[zt];
}

/* The zone a GFP_KERNEL request tries first (Normal, or DMA on a tiny machine). */
static inline struct zone *kernel_zone(void)
{
	return contig_page_data.node_zonelists[0].zones[0];
}

/* Every populated zone passes zone_check(). */
static inline bool all_zones_ok(void)
{
	struct zone *z;
	bool ok = true;

	for_each_zone(z)
		if (populated_zone(z))
			ok &= zone_check(z);
	return ok;
}

/*
 * A zone list holding just one zone, to allocate from it and nowhere
 * else. Its requests prefer that zone: classzone_idx indexes the
 * zone's lowmem_reserve[], so it must be set, never left to the stack.
 */
static inline void single_zonelist(struct zonelist *zl, struct zone *z)
{
	zl->zones[0] = z;
	zl->zones[1] = NULL;
	zl->classzone_idx = zone_idx(z);
}

/* Free a list of blocks linked through page->lru, each of the given order. */
static inline void free_block_list(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

/* Address spaces for the tests of mm/ (mm_test.c, remap_test.c ...). */
/* An mm the test thread runs on until the case ends (then mmput). */
struct test_mm {
	struct mm_struct *mm, *old_active;
};

static inline void use_mm(struct mm_struct *mm)
{
	struct mm_struct *prev = current->active_mm;

	current->mm = mm;
	current->active_mm = mm;
	switch_mm(prev, mm, current);
}

static inline void test_mm_release(void *arg)
{
	struct test_mm *tm = arg;

	current->mm = NULL;
	current->active_mm = tm->old_active;
	switch_mm(tm->mm, tm->old_active, current);
	mmput(tm->mm);
	kfree(tm);
}

static inline struct mm_struct *ktest_use_mm(struct ktest *t)
{
	struct test_mm *tm = kzalloc(sizeof(*tm), GFP_KERNEL);

	if (!tm)
		return NULL;
	tm->mm = mm_alloc();
	if (!tm->mm) {
		kfree(tm);
		return NULL;
	}
	tm->old_active = current->active_mm;
	use_mm(tm->mm);
	if (ktest_add_action_or_reset(t, test_mm_release, tm))
		return NULL;
	return tm->mm;
}

static inline unsigned long tmmap(unsigned long addr, unsigned long len, unsigned long prot,
				  unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(NULL, addr, len, prot, flags, 0);
	up_write(&mm->mmap_sem);
	return ret;
}

/*
 * fork's copy of current's mm for child (copy_mm), released when the
 * test ends however it ends -- back on the parent's mm first if the
 * test was running on the child's.
 */
struct test_fork {
	struct mm_struct *parent, *child;
};

static inline void test_fork_release(void *arg)
{
	struct test_fork *f = arg;

	if (current->mm == f->child)
		use_mm(f->parent);
	mmput(f->child);
	kfree(f);
}

static inline struct mm_struct *ktest_fork_mm(struct ktest *t, struct task_struct *child)
{
	struct test_fork *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	if (copy_mm(0, child)) {
		kfree(f);
		return NULL;
	}
	f->parent = current->mm;
	f->child = child->mm;
	if (ktest_add_action_or_reset(t, test_fork_release, f))
		return NULL;
	return f->child;
}

#endif
