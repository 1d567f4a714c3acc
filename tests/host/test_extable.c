/*
 * kernel/extable.c: sort_extable() against a stable sort, and
 * search_extable() hits and misses.
 */
#include <stdlib.h>
#include "harness.h"
#include "include/extable.h"

struct keyed {
	struct exception_table_entry e;
	int index;	/* original position: makes qsort stable */
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->e.insn != y->e.insn)
		return x->e.insn < y->e.insn ? -1 : 1;
	return x->index - y->index;
}

TEST(sort_random_tables)
{
	int round;

	for (round = 0; round < 2000 && !ht_failed(); round++) {
		int n = ht_rand_below(4) ? ht_rand_below(20) : ht_rand_below(300), i;
		struct exception_table_entry *t = malloc((n ? n : 1) * sizeof(*t));
		struct keyed *ref = malloc((n ? n : 1) * sizeof(*ref));
		int mostly_sorted = ht_rand_below(2);

		for (i = 0; i < n; i++) {
			unsigned long insn = ht_rand_below(2) ? ht_rand() : ht_rand_below(64);

			if (mostly_sorted)	/* as the linker emits it: runs in order */
				insn = 0xc0100000UL + i * 16 + (ht_rand_below(8) == 0 ? ht_rand_below(4096) : 0);
			t[i].insn = insn;
			t[i].fixup = i;	/* identifies the entry */
			ref[i].e = t[i];
			ref[i].index = i;
		}
		qsort(ref, n, sizeof(*ref), cmp_keyed);
		sort_extable(t, t + n);
		for (i = 0; i < n; i++) {
			EXPECT_EQ(t[i].insn, ref[i].e.insn);
			EXPECT_EQ(t[i].fixup, ref[i].e.fixup);	/* insertion sort is stable */
		}
		free(t);
		free(ref);
	}
}

TEST(search_hits_and_misses)
{
	int round;

	for (round = 0; round < 2000 && !ht_failed(); round++) {
		int n = 1 + ht_rand_below(40), i, k;
		struct exception_table_entry *t = malloc(n * sizeof(*t));

		for (i = 0; i < n; i++) {	/* strictly increasing, with gaps */
			t[i].insn = (i ? t[i - 1].insn : ht_rand_below(5)) + 2 + ht_rand_below(5);
			t[i].fixup = 1000 + i;
		}
		for (i = 0; i < n; i++) {
			const struct exception_table_entry *e = search_extable(t, t + n - 1, t[i].insn);

			EXPECT_PTR_EQ(e, &t[i]);
			/* The neighbours of an entry are never entries (gaps of at least 2). */
			EXPECT_NULL(search_extable(t, t + n - 1, t[i].insn + 1));
			EXPECT_NULL(search_extable(t, t + n - 1, t[i].insn - 1));
		}
		for (k = 0; k < 20; k++) {
			unsigned long v = ht_rand_below(t[n - 1].insn + 10);
			const struct exception_table_entry *e = search_extable(t, t + n - 1, v);
			int present = 0;

			for (i = 0; i < n; i++)
				present |= t[i].insn == v;
			if (present) {
				ASSERT_NOT_NULL(e);
				EXPECT_EQ(e->insn, v);
			} else {
				EXPECT_NULL(e);
			}
		}
		EXPECT_NULL(search_extable(t, t + n - 1, 0));
		EXPECT_NULL(search_extable(t, t + n - 1, ~0UL));
		free(t);
	}
}

TEST(search_small_tables)
{
	struct exception_table_entry t[3] = { { 0, 0 }, { 0x100, 0x200 }, { 0, 0 } };

	/* Empty: last = first - 1, as search_exception_tables() passes for no entries. */
	EXPECT_NULL(search_extable(&t[1], &t[0], 0x100));
	/* One entry. */
	EXPECT_PTR_EQ(search_extable(&t[1], &t[1], 0x100), &t[1]);
	EXPECT_NULL(search_extable(&t[1], &t[1], 0xff));
	EXPECT_NULL(search_extable(&t[1], &t[1], 0x101));
	/* Extremes of the address space. */
	t[1].insn = ~0UL;
	EXPECT_PTR_EQ(search_extable(&t[1], &t[1], ~0UL), &t[1]);
	t[1].insn = 0;
	EXPECT_PTR_EQ(search_extable(&t[1], &t[1], 0), &t[1]);
	EXPECT_NULL(search_extable(&t[1], &t[1], 1));
}

TEST(sort_edge_cases)
{
	struct exception_table_entry one = { 5, 6 }, two[2] = { { 9, 1 }, { 3, 2 } };

	sort_extable(&one, &one);	/* empty */
	sort_extable(&one, &one + 1);
	EXPECT_EQ(one.insn, 5);
	sort_extable(two, two + 2);
	EXPECT_EQ(two[0].insn, 3);
	EXPECT_EQ(two[0].fixup, 2);
	EXPECT_EQ(two[1].insn, 9);
}
