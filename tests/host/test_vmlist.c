/*
 * mm/vmlist.c on the host: the vm_struct list of noncontiguous areas
 * (ULK 8.3.1), first fit with a guard page after each area, in fake
 * address ranges (nothing is mapped; the addresses are only numbers).
 * Every insertion is predicted by vmlist_host.h's model and vmlist is
 * checked against it: areas never overlap (guards included), holes are
 * reused first fit, alignment, exhaustion exactly at the end, no area
 * wrapping past the top of the address space. Then removal, the history
 * of freed areas and vmalloc_describe_address(), and __get_vm_area()
 * over kmalloc() (the slab machine of slab_host.h).
 */
#include "harness.h"
#include "slab_host.h"
#include "vmlist_host.h"

static const struct pa_layout machine = {
	.name = "vmlist-16M",
	.zones_size = { 0x1000, 0, 0 },
	.reserved = { { 0, 1 } },
};

#define P		VM_PAGE
#define BASE		0x40000000UL	/* a fake range: never dereferenced */
#define NAREAS		256

static struct vm_model m;
static struct vm_struct areas[NAREAS];

static void start(void)
{
	sh_boot(&machine);
	host_printk_clear();
	m.n = 0;
	ASSERT_TRUE(vmlist == NULL);	/* a previous test left areas */
}

#define EXPECT_MODEL()	PA_EXPECT_OK(vm_model_check(&m), 0)

/* Insert through __insert_vm_area(): where the model says, or NULL when it says so. */
static unsigned long ins(struct vm_struct *a, unsigned long size, unsigned long align,
			 unsigned long lo, unsigned long hi)
{
	unsigned long want = 0;
	int fits = vm_model_first_fit(&m, size, align, lo, hi, &want);
	struct vm_struct *r;

	memset(a, 0, sizeof(*a));
	a->caller = (void *)(0x1000 + (a - areas));
	r = vm_insert(a, size, align, lo, hi);
	if (!fits) {
		if (r) {
			ht_fail(__FILE__, __LINE__, 0, "size %#lx align %#lx in [%#lx, %#lx): "
				"placed at %#lx+%#lx, the model has no room", size, align, lo, hi,
				(unsigned long)r->addr, r->size);
			vm_remove(r->addr);
		}
		return 0;
	}
	if (!r) {
		ht_fail(__FILE__, __LINE__, 0, "size %#lx align %#lx in [%#lx, %#lx): NULL, the "
			"model fits it at %#lx", size, align, lo, hi, want);
		return 0;
	}
	EXPECT_PTR_EQ(r, a);
	EXPECT_EQ((unsigned long)a->addr, want);
	EXPECT_EQ(a->size, vm_total(size));
	vm_model_add(&m, (unsigned long)a->addr, (unsigned long)a->addr + a->size);
	EXPECT_MODEL();
	return (unsigned long)a->addr;
}

static void del(unsigned long addr)
{
	struct vm_struct *r = vm_remove((void *)addr);
	int i = vm_model_del(&m, addr);

	if (i < 0)
		EXPECT_NULL(r);
	else
		EXPECT_TRUE(r && (unsigned long)r->addr == addr);
	EXPECT_MODEL();
}

static void del_all(void)
{
	while (m.n)
		del(m.start[m.n - 1]);
	EXPECT_TRUE(vmlist == NULL);
}

/* Areas one after the other, each followed by its guard page; sizes rounded up to pages. */
TEST(first_fit_with_guards)
{
	start();
	EXPECT_EQ(ins(&areas[0], P, P, BASE, BASE + 64 * P), BASE);
	EXPECT_EQ(ins(&areas[1], 3 * P, P, BASE, BASE + 64 * P), BASE + 2 * P);
	EXPECT_EQ(ins(&areas[2], 1, P, BASE, BASE + 64 * P), BASE + 6 * P);
	EXPECT_EQ(areas[2].size, 2 * P);
	EXPECT_EQ(get_vm_area_size(&areas[2]), P);
	EXPECT_EQ(ins(&areas[3], P + 1, P, BASE, BASE + 64 * P), BASE + 8 * P);
	EXPECT_EQ(areas[3].size, 3 * P);
	EXPECT_PTR_EQ(find_vm_area((void *)(BASE + 2 * P)), &areas[1]);
	EXPECT_NULL(find_vm_area((void *)(BASE + 3 * P)));	/* only an area's start */
	EXPECT_NULL(find_vm_area((void *)(BASE + 11 * P)));
	del_all();
}

/* A hole is reused by the first request that fits in it; the others go past it. */
TEST(holes_reused_first_fit)
{
	unsigned int i;

	start();
	for (i = 0; i < 6; i++)
		EXPECT_EQ(ins(&areas[i], P, P, BASE, BASE + 64 * P), BASE + 2 * i * P);
	del(BASE + 2 * P);			/* a hole of 2 pages: one page and a guard */
	EXPECT_EQ(ins(&areas[10], 2 * P, P, BASE, BASE + 64 * P), BASE + 12 * P);	/* too big */
	EXPECT_EQ(ins(&areas[11], P, P, BASE, BASE + 64 * P), BASE + 2 * P);	/* exact fit */
	del(BASE + 6 * P);
	del(BASE + 8 * P);			/* a hole of 4 pages */
	EXPECT_EQ(ins(&areas[12], 2 * P, P, BASE, BASE + 64 * P), BASE + 6 * P);
	/* The page left at 9 is too small for a page and its guard: past the end. */
	EXPECT_EQ(ins(&areas[13], P, P, BASE, BASE + 64 * P), BASE + 15 * P);
	EXPECT_EQ(ins(&areas[14], P, P, BASE, BASE + 64 * P), BASE + 17 * P);
	del(BASE);				/* the very first */
	EXPECT_EQ(ins(&areas[15], P, P, BASE, BASE + 64 * P), BASE);
	del_all();
}

/* Alignment: areas start aligned; the gaps alignment leaves are used by later, smaller requests. */
TEST(alignment)
{
	start();
	EXPECT_EQ(ins(&areas[0], P, 16 * P, BASE + 3 * P, BASE + 128 * P), BASE + 16 * P);
	EXPECT_EQ(ins(&areas[1], P, 16 * P, BASE + 3 * P, BASE + 128 * P), BASE + 32 * P);
	EXPECT_EQ(ins(&areas[2], 5 * P, P, BASE + 3 * P, BASE + 128 * P), BASE + 3 * P);
	EXPECT_EQ(ins(&areas[3], 8 * P, P, BASE + 3 * P, BASE + 128 * P), BASE + 18 * P);
	EXPECT_EQ(ins(&areas[4], P, 64 * P, BASE, BASE + 128 * P), BASE);	/* free at the start */
	EXPECT_EQ(ins(&areas[7], P, 64 * P, BASE, BASE + 128 * P), BASE + 64 * P);
	/* A start that is not page aligned, page alignment asked: rounded up. */
	EXPECT_EQ(ins(&areas[5], P, P, BASE + 100 * P + 1, BASE + 128 * P), BASE + 101 * P);
	/* Alignment 1: the start as it is. */
	EXPECT_EQ(ins(&areas[6], P, 1, BASE + 110 * P + 123, BASE + 128 * P), BASE + 110 * P + 123);
	del_all();
}

/* The range ends exactly where the last area's guard page does; a byte more does not fit. */
TEST(exhaustion_at_the_end)
{
	start();
	EXPECT_EQ(ins(&areas[0], 4 * P, P, BASE, BASE + 10 * P), BASE);
	EXPECT_EQ(ins(&areas[1], 4 * P, P, BASE, BASE + 10 * P), BASE + 5 * P);	/* ends at the end */
	EXPECT_EQ(ins(&areas[2], 1, P, BASE, BASE + 10 * P), 0);
	del(BASE + 5 * P);
	EXPECT_EQ(ins(&areas[3], 4 * P + 1, P, BASE, BASE + 10 * P), 0);		/* one page short */
	EXPECT_EQ(ins(&areas[4], 4 * P, P, BASE, BASE + 10 * P - 1), 0);		/* one byte short */
	EXPECT_EQ(ins(&areas[5], 4 * P, P, BASE, BASE + 10 * P), BASE + 5 * P);
	/* A range smaller than one page and its guard. */
	EXPECT_EQ(ins(&areas[6], 1, P, BASE + 20 * P, BASE + 21 * P), 0);
	EXPECT_EQ(ins(&areas[7], 1, P, BASE + 20 * P, BASE + 22 * P), BASE + 20 * P);
	del_all();
}

/* Nothing to map, or no power-of-two alignment: refused, the list untouched. */
TEST(bad_size_or_alignment)
{
	start();
	EXPECT_EQ(ins(&areas[0], 0, P, BASE, BASE + 10 * P), 0);
	EXPECT_EQ(ins(&areas[1], P, 0, BASE, BASE + 10 * P), 0);
	EXPECT_EQ(ins(&areas[2], P, 3 * P, BASE, BASE + 10 * P), 0);
	EXPECT_TRUE(vmlist == NULL);
	EXPECT_EQ(ins(&areas[3], P, P, BASE, BASE + 10 * P), BASE);
	del_all();
}

/* Areas of other ranges share the list: below, straddling the start, above the end. */
TEST(other_ranges)
{
	start();
	EXPECT_EQ(ins(&areas[0], 3 * P, P, BASE, BASE + 4 * P), BASE);
	EXPECT_EQ(ins(&areas[1], P, P, BASE + 100 * P, BASE + 200 * P), BASE + 100 * P);
	EXPECT_EQ(ins(&areas[2], P, P, BASE + 2 * P, BASE + 50 * P), BASE + 4 * P);	/* past the straddler */
	EXPECT_EQ(ins(&areas[3], 40 * P, P, BASE + 2 * P, BASE + 50 * P), BASE + 6 * P);
	EXPECT_EQ(ins(&areas[4], 40 * P, P, BASE + 2 * P, BASE + 50 * P), 0);
	EXPECT_EQ(ins(&areas[5], 40 * P, P, BASE + 2 * P, BASE + 150 * P), BASE + 47 * P);
	EXPECT_EQ(ins(&areas[6], 90 * P, P, BASE + 2 * P, BASE + 300 * P), BASE + 102 * P);
	EXPECT_EQ(ins(&areas[7], 10 * P, P, BASE + 90 * P, BASE + 300 * P), BASE + 193 * P);
	del_all();
}

/*
 * The top of the address space: nothing may wrap past ~0UL, whether
 * the start aligned up, the end of an area aligned up or the size
 * rounded up to pages would.
 */
TEST(wrap_around_at_the_top)
{
	const unsigned long top = ~0UL;
	struct vm_struct *a;

	start();
	/* The last areas below the top; none may end at 2^N (it would wrap to 0). */
	EXPECT_EQ(ins(&areas[0], P, P, top - 6 * P + 1, top), top - 6 * P + 1);
	EXPECT_EQ(ins(&areas[1], P, P, top - 6 * P + 1, top), top - 4 * P + 1);
	EXPECT_EQ(ins(&areas[2], P, P, top - 6 * P + 1, top), 0);
	EXPECT_EQ(ins(&areas[3], 1, 1, top - 6 * P + 1, top), 0);
	/* A start that aligns up past the top. */
	EXPECT_EQ(ins(&areas[4], P, P, top - 100, top), 0);
	EXPECT_EQ(ins(&areas[5], P, 1UL << 20, top - (1UL << 19), top), 0);
	EXPECT_EQ(ins(&areas[6], P, 64 * P, top - 6 * P + 1, top), 0);
	del_all();
	/* The end of an area that aligns up past the top. */
	EXPECT_EQ(ins(&areas[7], P, 16 * P, top + 1 - 16 * P, top), top + 1 - 16 * P);
	EXPECT_EQ(ins(&areas[8], P, 16 * P, top + 1 - 16 * P, top), 0);
	/* Sizes so large that rounding them up to pages, or adding the guard, wraps. */
	EXPECT_EQ(ins(&areas[9], top, P, P, top), 0);
	EXPECT_EQ(ins(&areas[10], top - P, P, P, top), 0);
	EXPECT_EQ(ins(&areas[11], top - 2 * P + 2, P, P, top), 0);
	EXPECT_EQ(ins(&areas[12], top - 100 * P, P, P, top), P);	/* fits below areas[7] */
	del_all();
	EXPECT_EQ(ins(&areas[13], top - 3 * P + 1, P, 2 * P, top), 0);	/* would end at 2^N */
	EXPECT_EQ(ins(&areas[14], top - 4 * P + 1, P, P, top), P);
	EXPECT_EQ(ins(&areas[15], top - 4 * P + 1, P, 0, top), 0);
	del_all();
	/* __get_vm_area() with such bounds. */
	a = __get_vm_area(top - P, 0, 0, top, NULL);
	EXPECT_NULL(a);
	if (a && remove_vm_area_nomap(a->addr))
		kfree(a);
	a = __get_vm_area(50, 0, top - 100, top, NULL);
	EXPECT_NULL(a);
	if (a && remove_vm_area_nomap(a->addr))
		kfree(a);
	EXPECT_TRUE(vmlist == NULL);
	SH_END();
}

/* Removing what is not there: NULL, and the list unchanged. */
TEST(remove_unknown)
{
	start();
	ins(&areas[0], 2 * P, P, BASE, BASE + 64 * P);
	ins(&areas[1], 2 * P, P, BASE, BASE + 64 * P);
	EXPECT_NULL(vm_remove((void *)(BASE + P)));		/* inside */
	EXPECT_NULL(vm_remove((void *)(BASE + 2 * P)));	/* the guard page */
	EXPECT_NULL(vm_remove((void *)(BASE + 40 * P)));	/* nothing */
	EXPECT_NULL(remove_vm_area_nomap((void *)(BASE + 1)));
	EXPECT_NULL(remove_vm_area_nomap(NULL));
	EXPECT_MODEL();
	EXPECT_PTR_EQ(remove_vm_area_nomap((void *)BASE), &areas[0]);
	vm_model_del(&m, BASE);
	EXPECT_NULL(remove_vm_area_nomap((void *)BASE));	/* twice */
	EXPECT_MODEL();
	del_all();
}

static const char *describe(unsigned long addr)
{
	static char buf[160];

	return vmalloc_describe_address(addr, buf, sizeof(buf));
}

/*
 * vmalloc_describe_address(): inside an area, in its guard page, in a
 * freed area (the 16 most recent), in none; a live area over a freed
 * one wins.
 */
TEST(describe_address)
{
	char want[160];
	unsigned int i;

	start();
	/* Push what earlier tests freed out of the history (16 entries). */
	for (i = 0; i < 16; i++)
		del(ins(&areas[40], P, P, BASE + 1000 * P, BASE + 1002 * P));
	EXPECT_EQ(ins(&areas[0], 3 * P, P, BASE, BASE + 64 * P), BASE);
	EXPECT_EQ(ins(&areas[1], P, P, BASE, BASE + 64 * P), BASE + 4 * P);
	snprintf(want, sizeof(want), "inside vmalloc area %#lx-%#lx (%lu bytes) allocated by 0x1000",
		 BASE, BASE + 3 * P - 1, 3 * P);
	EXPECT_STREQ(describe(BASE), want);
	EXPECT_STREQ(describe(BASE + 3 * P - 1), want);
	snprintf(want, sizeof(want), "in the guard page after vmalloc area %#lx-%#lx (%lu bytes) "
		 "allocated by 0x1000", BASE, BASE + 3 * P - 1, 3 * P);
	EXPECT_STREQ(describe(BASE + 3 * P), want);
	EXPECT_STREQ(describe(BASE + 4 * P - 1), want);
	EXPECT_STREQ(describe(BASE + 6 * P), "in no vmalloc area");
	EXPECT_STREQ(describe(BASE - 1), "in no vmalloc area");

	del(BASE);
	snprintf(want, sizeof(want), "in freed vmalloc area %#lx-%#lx (%lu bytes) that was allocated "
		 "by 0x1000", BASE, BASE + 3 * P - 1, 3 * P);
	EXPECT_STREQ(describe(BASE + P), want);
	EXPECT_STREQ(describe(BASE + 3 * P), want);	/* its guard page too */
	/* Reused: the live area is what it is now. */
	EXPECT_EQ(ins(&areas[2], P, P, BASE, BASE + 64 * P), BASE);
	snprintf(want, sizeof(want), "inside vmalloc area %#lx-%#lx (%lu bytes) allocated by 0x1002",
		 BASE, BASE + P - 1, P);
	EXPECT_STREQ(describe(BASE), want);
	snprintf(want, sizeof(want), "in freed vmalloc area %#lx-%#lx (%lu bytes) that was allocated "
		 "by 0x1000", BASE, BASE + 3 * P - 1, 3 * P);
	EXPECT_STREQ(describe(BASE + 2 * P), want);	/* past the new one: the old one */
	/* The most recent free wins; after 16 more, the first is forgotten. */
	del(BASE);
	snprintf(want, sizeof(want), "in freed vmalloc area %#lx-%#lx (%lu bytes) that was allocated "
		 "by 0x1002", BASE, BASE + P - 1, P);
	EXPECT_STREQ(describe(BASE), want);
	for (i = 0; i < 16; i++) {
		unsigned long a = ins(&areas[10 + i], P, P, BASE + 100 * P, BASE + 200 * P);

		EXPECT_EQ(a, BASE + 100 * P);
		del(a);
	}
	EXPECT_STREQ(describe(BASE + 2 * P), "in no vmalloc area");
	EXPECT_STREQ(describe(BASE), "in no vmalloc area");
	snprintf(want, sizeof(want), "in freed vmalloc area %#lx-%#lx (%lu bytes) that was allocated "
		 "by 0x1019", BASE + 100 * P, BASE + 101 * P - 1, P);
	EXPECT_STREQ(describe(BASE + 100 * P), want);
	/* A buffer too small is cut, not overrun. */
	{
		char small[12];

		vmalloc_describe_address(BASE + 4 * P, small, sizeof(small));
		EXPECT_STREQ(small, "inside vmal");
	}
	del_all();
}

/* __get_vm_area(): a kmalloc'ed vm_struct, page aligned, flags and caller kept; failures leak nothing. */
TEST(get_vm_area)
{
	struct vm_struct *a, *b, *c;
	unsigned long lo = BASE, hi = BASE + 16 * P, want;

	start();
	a = __get_vm_area(3 * P, VM_ALLOC, lo + 1, hi, (void *)0x4242);
	ASSERT_NOT_NULL(a);
	EXPECT_EQ((unsigned long)a->addr, lo + P);
	EXPECT_EQ(a->size, 4 * P);
	EXPECT_EQ(a->flags, VM_ALLOC);
	EXPECT_PTR_EQ(a->caller, (void *)0x4242);
	EXPECT_NULL(a->pages);
	EXPECT_EQ(a->nr_pages, 0);
	EXPECT_PTR_EQ(sh_cache_of(a), kmem_find_general_cachep(sizeof(*a), 0));
	vm_model_add(&m, lo + P, lo + 5 * P);
	ASSERT_TRUE(vm_model_first_fit(&m, 5 * P, P, lo, hi, &want));
	b = __get_vm_area(5 * P, VM_MAP, lo, hi, NULL);
	ASSERT_NOT_NULL(b);
	EXPECT_EQ((unsigned long)b->addr, want);
	vm_model_add(&m, want, want + b->size);
	EXPECT_MODEL();
	EXPECT_NULL(__get_vm_area(10 * P, VM_ALLOC, lo, hi, NULL));	/* no room */
	EXPECT_NULL(__get_vm_area(0, VM_ALLOC, lo, hi, NULL));		/* nothing asked */
	EXPECT_NULL(__get_vm_area(17 * P, VM_ALLOC, lo, hi, NULL));	/* more than the range */
	EXPECT_NULL(__get_vm_area(P, VM_ALLOC, hi, lo, NULL));		/* an empty range */
	fault_attr_set(&fail_slab, 1, 1);
	EXPECT_NULL(__get_vm_area(P, VM_ALLOC, lo, hi, NULL));		/* no vm_struct */
	EXPECT_EQ(fail_slab.failed, 1);
	c = __get_vm_area(P, VM_ALLOC, lo, hi, NULL);
	ASSERT_NOT_NULL(c);
	vm_model_add(&m, (unsigned long)c->addr, (unsigned long)c->addr + c->size);
	EXPECT_MODEL();
	EXPECT_PTR_EQ(remove_vm_area_nomap(a->addr), a);
	EXPECT_PTR_EQ(remove_vm_area_nomap(b->addr), b);
	EXPECT_PTR_EQ(remove_vm_area_nomap(c->addr), c);
	kfree(a);
	kfree(b);
	kfree(c);
	m.n = 0;
	EXPECT_TRUE(vmlist == NULL);
	SH_END();
}

/* Random inserts and removals in two overlapping ranges, each predicted by the model. */
TEST(random_sequences)
{
	static unsigned long live[NAREAS];
	static const unsigned long aligns[] = { 1, P, 2 * P, 16 * P };
	unsigned int nlive = 0, k, failed = 0, placed = 0;
	int used[NAREAS] = { 0 };

	start();
	for (k = 0; k < 20000 && !ht_failed(); k++) {
		if (nlive && (ht_rand_below(3) == 0 || nlive == NAREAS)) {
			unsigned int j = ht_rand_below(nlive);
			struct vm_struct *r = vm_remove((void *)live[j]);

			ASSERT_NOT_NULL(r);
			used[r - areas] = 0;
			vm_model_del(&m, live[j]);
			live[j] = live[--nlive];
		} else {
			unsigned int i = 0;
			unsigned long lo = ht_rand_below(2) ? BASE : BASE + 37 * P + 5, hi = lo + 300 * P;
			unsigned long size = ht_rand_below(4) ? ht_rand_below(6 * P) + 1 : ht_rand_below(40 * P) + 1;
			unsigned long a;

			while (used[i])
				i++;
			a = ins(&areas[i], size, aligns[ht_rand_below(4)], lo, hi);
			if (a) {
				used[i] = 1;
				live[nlive++] = a;
				placed++;
			} else {
				failed++;
			}
		}
		EXPECT_MODEL();
	}
	ht_diag("%u placed, %u found no room, %u left", placed, failed, nlive);
	del_all();
	SH_END();
}
