/*
 * kernel/kallsyms.c over a hand-made table: every address around every
 * symbol looked up and compared with a linear scan, aliases, and the
 * sprint_symbol() formats.
 */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "include/kallsyms.h"

/*
 *   0x1000 start, start_alias    size 0x10
 *   0x1010 f1                    size 0x30
 *   0x1040 f2, f2_a, f2_b        size 0xc0
 *   0x1100 f3                    size 1
 *   0x1101 last, last_alias      size 0x7f   (ends at 0x1180)
 */
const unsigned int kallsyms_num_syms = 9;
const unsigned long kallsyms_addresses[] = {
	0x1000, 0x1000, 0x1010, 0x1040, 0x1040, 0x1040, 0x1100, 0x1101, 0x1101, 0x1180,
};
const unsigned int kallsyms_offsets[] = { 0, 6, 18, 21, 24, 29, 34, 37, 42 };
const char kallsyms_names[] = "start\0start_alias\0f1\0f2\0f2_a\0f2_b\0f3\0last\0last_alias";

static const char *name_of(unsigned int i)
{
	return kallsyms_names + kallsyms_offsets[i];
}

/* The reference: the first symbol of the last address <= addr, by linear scan. */
static int ref_find(unsigned long addr)
{
	int i, best = -1;

	if (addr < kallsyms_addresses[0] || addr >= kallsyms_addresses[kallsyms_num_syms])
		return -1;
	for (i = 0; i < (int)kallsyms_num_syms; i++)
		if (kallsyms_addresses[i] <= addr &&
		    (best < 0 || kallsyms_addresses[i] > kallsyms_addresses[best]))
			best = i;
	return best;
}

static unsigned long ref_size(int i)
{
	unsigned int next = i + 1;

	while (next < kallsyms_num_syms && kallsyms_addresses[next] == kallsyms_addresses[i])
		next++;
	return kallsyms_addresses[next] - kallsyms_addresses[i];
}

TEST(table_is_consistent)
{
	unsigned int i;

	EXPECT_STREQ(name_of(1), "start_alias");
	EXPECT_STREQ(name_of(8), "last_alias");
	for (i = 0; i < kallsyms_num_syms; i++)
		EXPECT_LE(kallsyms_addresses[i], kallsyms_addresses[i + 1]);
}

TEST(every_address)
{
	unsigned long addr;

	for (addr = 0xff0; addr < 0x1190; addr++) {
		unsigned long size = 0xdead, offset = 0xbeef;
		const char *name = kallsyms_lookup(addr, &size, &offset);
		int want = ref_find(addr);

		if (want < 0) {
			EXPECT_NULL(name);
			continue;
		}
		ASSERT_NOT_NULL(name);
		EXPECT_STREQ(name, name_of(want));
		EXPECT_EQ(size, ref_size(want));
		EXPECT_EQ(offset, addr - kallsyms_addresses[want]);
	}
}

TEST(lookup_examples)
{
	unsigned long size, offset;

	EXPECT_NULL(kallsyms_lookup(0, &size, &offset));
	EXPECT_NULL(kallsyms_lookup(0xfff, &size, &offset));
	EXPECT_NULL(kallsyms_lookup(0x1180, &size, &offset));
	EXPECT_NULL(kallsyms_lookup(~0UL, &size, &offset));
	EXPECT_STREQ(kallsyms_lookup(0x1000, &size, &offset), "start");	/* an alias: the first name */
	EXPECT_EQ(size, 0x10);
	EXPECT_EQ(offset, 0);
	EXPECT_STREQ(kallsyms_lookup(0x1045, &size, &offset), "f2");
	EXPECT_EQ(size, 0xc0);
	EXPECT_EQ(offset, 5);
	EXPECT_STREQ(kallsyms_lookup(0x1100, &size, &offset), "f3");
	EXPECT_EQ(size, 1);
	EXPECT_STREQ(kallsyms_lookup(0x117f, &size, &offset), "last");
	EXPECT_EQ(size, 0x7f);
	EXPECT_EQ(offset, 0x7e);
	/* The size and offset pointers are optional. */
	EXPECT_STREQ(kallsyms_lookup(0x1020, NULL, NULL), "f1");
}

TEST(lookup_name)
{
	EXPECT_EQ(kallsyms_lookup_name("f2_a"), 0x1040);
	EXPECT_EQ(kallsyms_lookup_name("start"), 0x1000);
	EXPECT_EQ(kallsyms_lookup_name("last_alias"), 0x1101);
	EXPECT_EQ(kallsyms_lookup_name("f"), 0);
	EXPECT_EQ(kallsyms_lookup_name(""), 0);
}

TEST(sprint_symbol)
{
	char buf[KSYM_SYMBOL_LEN], small[8];

	EXPECT_EQ(sprint_symbol(buf, sizeof(buf), 0x101c), 11);
	EXPECT_STREQ(buf, "f1+0xc/0x30");
	sprint_symbol(buf, sizeof(buf), 0x1040);
	EXPECT_STREQ(buf, "f2+0x0/0xc0");
	sprint_symbol(buf, sizeof(buf), 0x117f);
	EXPECT_STREQ(buf, "last+0x7e/0x7f");
	EXPECT_EQ(sprint_symbol(buf, sizeof(buf), 0x1180), 6);
	EXPECT_STREQ(buf, "0x1180");
	sprint_symbol(buf, sizeof(buf), 0);
	EXPECT_STREQ(buf, "0x0");
	EXPECT_EQ(sprint_symbol_no_offset(buf, sizeof(buf), 0x1050), 2);
	EXPECT_STREQ(buf, "f2");
	sprint_symbol_no_offset(buf, sizeof(buf), 0xc0ffee);
	EXPECT_STREQ(buf, "0xc0ffee");
	/* Truncation: the length really written. */
	EXPECT_EQ(sprint_symbol(small, sizeof(small), 0x1101), 7);
	EXPECT_STREQ(small, "last+0x");
	EXPECT_EQ(sprint_symbol_no_offset(small, 3, 0x1101), 2);
	EXPECT_STREQ(small, "la");
	/* The longest output still fits KSYM_SYMBOL_LEN on a 32-bit kernel. */
	snprintf(buf, sizeof(buf), "%0*d+0x%x/0x%x", KSYM_NAME_LEN - 1, 0, 0xffffffffu, 0xffffffffu);
	EXPECT_LT(strlen(buf), KSYM_SYMBOL_LEN);
}
