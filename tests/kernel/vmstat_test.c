/*
 * The /proc-format memory reports (mm/vmstat.c) against what the memory
 * really holds: the free lists walked block by block, mem_map read page
 * by page, a known allocation -- not the counters the reports print.
 */
#include <kernel.h>
#include <string.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <vmstat.h>
#include <asm/irqflags.h>
#include <asm/setup.h>
#include "../../mm/internal.h"
#include "mm_test_util.h"

/* Entries of a list, walked (bounded by the number of page frames). */
static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *pos = head->next;
	unsigned long n = 0;

	for (; pos != head && n <= max_pfn; pos = pos->next)
		n++;
	return n;
}

/* Free pages of a zone by walking its buddy and per-CPU lists. IRQs off. */
static unsigned long walked_free_pages(struct zone *z)
{
	unsigned long n = 0;
	unsigned int order, i;

	for (i = 0; i < NR_PCP_LISTS; i++)
		n += list_length(&z->pageset[0].pcp[i].list) << pcp_order(i);
	for (order = 0; order < MAX_ORDER; order++)
		n += list_length(&z->free_area[order].free_list) << order;
	return n;
}

/* The number after label in the nth captured line holding it; ~0UL if none. */
static unsigned long captured_number(const char *label, unsigned int nth)
{
	const char *p = ktest_captured_line(label, nth);

	if (!p)
		return ~0UL;
	return simple_strtoul(skip_spaces(p + strlen(label)), NULL, 10);
}


/* Each populated zone's line lists, per order, the blocks on that free list. */
static void test_buddyinfo(struct ktest *t)
{
	char line[MAX_NR_ZONES][96];
	unsigned int order, populated = 0;
	unsigned long flags;
	int i;

	local_irq_save(flags);		/* the lists and the report at the same moment */
	ktest_capture_start();
	show_buddyinfo();
	ktest_capture_stop();
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = zone_of(i);
		int len = scnprintf(line[i], sizeof(line[i]), "Node 0, zone %8s ", z->name);

		for (order = 0; order < MAX_ORDER; order++)
			len += scnprintf(line[i] + len, sizeof(line[i]) - len, "%6lu ",
					 list_length(&z->free_area[order].free_list));
		populated += !!z->present_pages;
	}
	local_irq_restore(flags);
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (zone_of(i)->present_pages)
			KTEST_EXPECT_EQ(t, ktest_captured(line[i]), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Node 0, zone "), populated);
}

/*
 * Per zone: present is the RAM in its span (page_is_ram, frame by
 * frame); low and high are 5/4 and 3/2 of min; the low zones' minima
 * share min_free_kbytes (each rounds down).
 */
static void test_zoneinfo(struct ktest *t)
{
	unsigned long low_min = 0, want = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	int i, low_zones = 0;

	ktest_capture_start();
	show_zoneinfo();
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("  pagesets"), (unsigned int)MAX_NR_ZONES);
	KTEST_EXPECT_EQ(t, ktest_captured("protection: (0, "), (unsigned int)MAX_NR_ZONES);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = zone_of(i);
		unsigned long pfn, ram = 0, min = captured_number("        min ", i);

		for (pfn = z->zone_start_pfn; pfn < z->zone_start_pfn + z->spanned_pages; pfn++)
			ram += page_is_ram(pfn);
		KTEST_EXPECT_EQ(t, captured_number("        present ", i), ram);
		KTEST_EXPECT_EQ(t, captured_number("        low ", i), min * 5 / 4);
		KTEST_EXPECT_EQ(t, captured_number("        high ", i), min * 3 / 2);
		if (i != ZONE_HIGHMEM && z->present_pages) {
			low_min += min;
			low_zones++;
		}
	}
	KTEST_EXPECT_LE(t, low_min, want);
	KTEST_EXPECT_GE(t, low_min + low_zones, want);
}

/*
 * MemTotal and HighTotal: the pages mem_map shows handed to the
 * allocator (not reserved). MemFree: the free lists, walked. A 1 MB
 * allocation takes exactly 1024 kB from MemFree and gives it back.
 */
static void test_meminfo(struct ktest *t)
{
	unsigned long pfn, managed = 0, high = 0, walked = 0, flags, before;
	struct page *p;
	int i;

	for (pfn = 0; pfn < max_pfn; pfn++) {
		if (!page_is_ram(pfn) || PageReserved(pfn_to_page(pfn)))
			continue;
		managed++;
		high += PageHighmem(pfn_to_page(pfn));
	}
	local_irq_save(flags);
	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	for (i = 0; i < MAX_NR_ZONES; i++)
		walked += walked_free_pages(zone_of(i));
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, captured_number("MemTotal:", 0), K(managed));
	KTEST_EXPECT_EQ(t, captured_number("HighTotal:", 0), K(high));
	KTEST_EXPECT_EQ(t, captured_number("LowTotal:", 0), K(managed - high));
	KTEST_EXPECT_EQ(t, captured_number("MemFree:", 0), K(walked));
	KTEST_EXPECT_EQ(t, captured_number("LowFree:", 0) + captured_number("HighFree:", 0),
			K(walked));

	drain_local_pages();
	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	before = captured_number("MemFree:", 0);
	/* 64 KB: a block the minimum RAM still has once the file layer is up. */
	p = ktest_alloc_pages(t, GFP_KERNEL, 4);
	KTEST_ASSERT_NOT_NULL(t, p);
	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, before - captured_number("MemFree:", 0), 64UL);
	ktest_free_pages(t, p, 4);
	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, captured_number("MemFree:", 0), before);
}

static struct ktest_case vmstat_cases[] = {
	KTEST_CASE(test_buddyinfo),
	KTEST_CASE(test_zoneinfo),
	KTEST_CASE(test_meminfo),
	{}
};

static struct ktest_suite vmstat_suite = {
	.name = "vmstat",
	.test_cases = vmstat_cases,
};
ktest_register_suite(vmstat_suite);
