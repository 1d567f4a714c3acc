/*
 * The memory map: the live one this boot produced, and the sanitiser
 * on a map with every kind of trouble (the host tests go further).
 */
#include <ktest.h>
#include <multiboot.h>
#include <asm/e820.h>
#include <asm/page.h>

extern char _text[], _end[];

static void test_live_map_clean(struct ktest *t)
{
	unsigned int i, bad = 0;

	KTEST_ASSERT_GE(t, e820.nr_map, 2u);
	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];

		bad += !e->size;
		if (i) {
			const struct e820entry *p = &e820.map[i - 1];

			bad += p->addr + p->size > e->addr;		/* sorted, no overlap */
			bad += p->addr + p->size == e->addr && p->type == e->type; /* merged */
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0u);
}

/* The kernel image lies in usable RAM. */
static void test_kernel_in_usable_ram(struct ktest *t)
{
	u64 start = __pa(_text), end = __pa(_end);
	unsigned int i;
	bool found = false;

	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];

		if (e->type == E820_RAM && e->addr <= start && e->addr + e->size >= end)
			found = true;
	}
	KTEST_EXPECT_TRUE(t, found);
}

static void test_sanitize_messy_map(struct ktest *t)
{
	static struct e820entry m[E820MAX];
	u32 nr = 0;

#define ADD(a, s, ty) (m[nr].addr = (a), m[nr].size = (s), m[nr].type = (ty), nr++)
	ADD(0x100000, 0x7f00000, E820_RAM);	/* 1 MB .. 128 MB */
	ADD(0x0, 0x9fc00, E820_RAM);
	ADD(0x9fc00, 0x400, E820_RESERVED);
	ADD(0x400000, 0x1000, E820_RESERVED);	/* a hole punched into RAM */
	ADD(0x500000, 0x0, E820_RESERVED);	/* zero length: dropped */
	ADD(0x800000, 0x100000, E820_ACPI);	/* ACPI inside RAM */
	ADD(0x850000, 0x100000, E820_NVS);	/* NVS overlapping ACPI: NVS wins */
	ADD(0x0, 0x9fc00, E820_RAM);		/* a duplicate */
#undef ADD
	KTEST_EXPECT_EQ(t, sanitize_e820_map(m, E820MAX, &nr), 0);
	KTEST_ASSERT_EQ(t, nr, 8u);
	KTEST_EXPECT_EQ(t, m[0].addr, 0x0ull);
	KTEST_EXPECT_EQ(t, m[0].size, 0x9fc00ull);
	KTEST_EXPECT_EQ(t, m[1].type, (u32)E820_RESERVED);
	KTEST_EXPECT_EQ(t, m[2].addr, 0x100000ull);
	KTEST_EXPECT_EQ(t, m[2].size, 0x300000ull);
	KTEST_EXPECT_EQ(t, m[3].addr, 0x400000ull);
	KTEST_EXPECT_EQ(t, m[3].type, (u32)E820_RESERVED);
	KTEST_EXPECT_EQ(t, m[4].addr, 0x401000ull);
	KTEST_EXPECT_EQ(t, m[5].addr, 0x800000ull);
	KTEST_EXPECT_EQ(t, m[5].size, 0x50000ull);
	KTEST_EXPECT_EQ(t, m[5].type, (u32)E820_ACPI);
	KTEST_EXPECT_EQ(t, m[6].addr, 0x850000ull);
	KTEST_EXPECT_EQ(t, m[6].size, 0x100000ull);
	KTEST_EXPECT_EQ(t, m[6].type, (u32)E820_NVS);
	KTEST_EXPECT_EQ(t, m[7].addr, 0x950000ull);
	KTEST_EXPECT_EQ(t, m[7].addr + m[7].size, 0x8000000ull);
}

/* A multiboot map cut in the middle of an entry keeps the entries before the cut. */
static void test_truncated_multiboot_map(struct ktest *t)
{
	static struct e820map map;
	struct multiboot_mmap_entry raw[3] = {
		{ 20, 0x0, 0x9f000, E820_RAM },
		{ 20, 0x100000, 0x100000, E820_RAM },
		{ 20, 0x200000, 0x100000, E820_RESERVED },
	};
	unsigned int problems;

	problems = e820_from_multiboot(&map, raw, sizeof(raw) - 7);
	KTEST_EXPECT_EQ(t, problems, (unsigned int)E820_PARSE_TRUNCATED);
	KTEST_EXPECT_EQ(t, map.nr_map, 2u);
	raw[1].size = 0;	/* a size field too small to be an entry */
	problems = e820_from_multiboot(&map, raw, sizeof(raw));
	KTEST_EXPECT_EQ(t, problems, (unsigned int)E820_PARSE_TRUNCATED);
	KTEST_EXPECT_EQ(t, map.nr_map, 1u);
}

static struct ktest_case e820_cases[] = {
	KTEST_CASE(test_live_map_clean),
	KTEST_CASE(test_kernel_in_usable_ram),
	KTEST_CASE(test_sanitize_messy_map),
	KTEST_CASE(test_truncated_multiboot_map),
	{}
};

static struct ktest_suite e820_suite = {
	.name = "e820",
	.test_cases = e820_cases,
};
ktest_register_suite(e820_suite);
