/* The /proc-format memory reports (mm/vmstat.c) say what the zones hold. */
#include <kernel.h>
#include <string.h>
#include <gfp.h>
#include <ktest.h>
#include <mm.h>
#include <vmstat.h>
#include "mm_test_util.h"

static void test_buddyinfo(struct ktest *t)
{
	char line[96];
	struct zone *z = zone_of(ZONE_DMA);
	unsigned int order;
	int len;

	ktest_capture_start();
	show_buddyinfo();
	ktest_capture_stop();
	len = scnprintf(line, sizeof(line), "Node 0, zone %8s ", z->name);
	for (order = 0; order < MAX_ORDER; order++)
		len += scnprintf(line + len, sizeof(line) - len, "%6lu ", z->free_area[order].nr_free);
	KTEST_EXPECT_EQ(t, ktest_captured(line), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("Node 0, zone "),
			(unsigned int)(!!zone_of(0)->present_pages + !!zone_of(1)->present_pages +
				       !!zone_of(2)->present_pages));
}

static void test_zoneinfo(struct ktest *t)
{
	char expect[64];
	struct zone *z = kernel_zone();

	ktest_capture_start();
	show_zoneinfo();
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "        min      %lu", z->pages_min);
	KTEST_EXPECT_GE(t, ktest_captured(expect), 1u);
	snprintf(expect, sizeof(expect), "        present  %lu", z->present_pages);
	KTEST_EXPECT_GE(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("  pagesets"), (unsigned int)MAX_NR_ZONES);
	KTEST_EXPECT_EQ(t, ktest_captured("protection: (0, "), (unsigned int)MAX_NR_ZONES);
}

/* MemFree drops by what we allocate and comes back when we free it. */
static void test_meminfo(struct ktest *t)
{
	char expect[48];
	struct page *p;

	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	snprintf(expect, sizeof(expect), "MemTotal:       %8lu kB", totalram_pages << 2);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	snprintf(expect, sizeof(expect), "HighTotal:      %8lu kB", totalhigh_pages << 2);
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	KTEST_EXPECT_EQ(t, ktest_captured("LowFree:"), 1u);

	p = alloc_pages(GFP_KERNEL, 8);	/* 1 MB */
	KTEST_ASSERT_NOT_NULL(t, p);
	drain_local_pages();
	snprintf(expect, sizeof(expect), "MemFree:        %8lu kB", nr_free_pages() << 2);
	ktest_capture_start();
	show_meminfo();
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured(expect), 1u);
	__free_pages(p, 8);
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
