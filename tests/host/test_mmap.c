/*
 * mm/mmap.c, mm/mprotect.c, mm/mremap.c on the host (tests/host/mmap_host.h):
 * fixed cases of placement, merging, splitting, brk and mremap checked
 * against the reference model and validate_mm(), then long random
 * sequences as fuzz_mmap runs them, and vm_area_struct allocation
 * failures at every point of a split-heavy sequence.
 */
#include <stdlib.h>
#include "harness.h"
#include "mmap_host.h"

static struct hmm_model m;

#define CHECK() do {							\
	const char *__e = hmm_compare(&m);				\
	if (__e)							\
		ht_fail(__FILE__, __LINE__, 1, "%s", __e);		\
} while (0)

TEST(topdown_placement_below_mmap_base)
{
	int ok = 1;

	ASSERT_EQ(hmm_start(&m, HMM_W0), 0);
	CHECK();
	EXPECT_EQ(hmm_do_mmap(&m, 0, 3 * HMM_PAGE, 3, 0, &ok), (long)(HMM_WEND - 3 * HMM_PAGE));
	EXPECT_EQ(hmm_do_mmap(&m, 0, 1, 1, 0, &ok), (long)(HMM_WEND - 4 * HMM_PAGE));
	EXPECT_TRUE(ok);
	CHECK();
	/* Alike neighbours merged: both PROT_READ|WRITE? no: 3 then 1, two regions + fences. */
	EXPECT_EQ(hmm_map_count(), 4);
	EXPECT_TRUE(hmm_teardown());
}

TEST(fixed_mappings_merge_and_split)
{
	int ok = 1;

	ASSERT_EQ(hmm_start(&m, HMM_W0), 0);
	hmm_do_mmap(&m, HMM_W0 + 10 * HMM_PAGE, HMM_PAGE, 3, 1, &ok);
	hmm_do_mmap(&m, HMM_W0 + 12 * HMM_PAGE, HMM_PAGE, 3, 1, &ok);
	EXPECT_EQ(hmm_map_count(), 4);
	hmm_do_mmap(&m, HMM_W0 + 11 * HMM_PAGE, HMM_PAGE, 3, 1, &ok);
	EXPECT_EQ(hmm_map_count(), 3);
	CHECK();
	hmm_do_mprotect(&m, HMM_W0 + 11 * HMM_PAGE, HMM_PAGE, 1, &ok);
	EXPECT_EQ(hmm_map_count(), 5);
	CHECK();
	hmm_do_mprotect(&m, HMM_W0 + 11 * HMM_PAGE, HMM_PAGE, 3, &ok);
	EXPECT_EQ(hmm_map_count(), 3);
	hmm_do_munmap(&m, HMM_W0 + 11 * HMM_PAGE, HMM_PAGE, &ok);
	EXPECT_EQ(hmm_map_count(), 4);
	EXPECT_TRUE(ok);
	CHECK();
	EXPECT_TRUE(hmm_teardown());
}

TEST(brk_grows_shrinks_and_stops_at_mappings)
{
	int ok = 1;
	unsigned long s = HMM_W0 + 64 * HMM_PAGE;

	ASSERT_EQ(hmm_start(&m, s), 0);
	EXPECT_EQ(hmm_do_brk(&m, s + 5000, &ok), (long)(s + 5000));
	hmm_do_mmap(&m, s + 4 * HMM_PAGE, HMM_PAGE, 1, 1, &ok);
	EXPECT_EQ(hmm_do_brk(&m, s + 3 * HMM_PAGE + 1, &ok), (long)(s + 5000));
	EXPECT_EQ(hmm_do_brk(&m, s + 3 * HMM_PAGE, &ok), (long)(s + 3 * HMM_PAGE));
	EXPECT_EQ(hmm_do_brk(&m, s - 1, &ok), (long)(s + 3 * HMM_PAGE));
	EXPECT_EQ(hmm_do_brk(&m, s, &ok), (long)s);
	EXPECT_TRUE(ok);
	CHECK();
	EXPECT_TRUE(hmm_teardown());
}

TEST(mremap_in_place_and_moving)
{
	int ok = 1;
	long r;

	ASSERT_EQ(hmm_start(&m, HMM_W0), 0);
	hmm_do_mmap(&m, HMM_W0, 4 * HMM_PAGE, 3, 1, &ok);
	EXPECT_EQ(hmm_mremap(HMM_W0, 4 * HMM_PAGE, 2 * HMM_PAGE, 0, 0), (long)HMM_W0);
	EXPECT_EQ(hmm_mremap(HMM_W0, 2 * HMM_PAGE, 6 * HMM_PAGE, 0, 0), (long)HMM_W0);
	hmm_resync(&m);
	CHECK();
	hmm_do_mmap(&m, HMM_W0 + 6 * HMM_PAGE, HMM_PAGE, 1, 1, &ok);
	EXPECT_EQ(hmm_mremap(HMM_W0, 6 * HMM_PAGE, 7 * HMM_PAGE, 0, 0), -(long)HMM_ENOMEM);
	r = hmm_mremap(HMM_W0, 6 * HMM_PAGE, 7 * HMM_PAGE, HMM_MREMAP_MAYMOVE, 0);
	EXPECT_EQ(r, (long)(HMM_WEND - 7 * HMM_PAGE));
	EXPECT_EQ(hmm_mremap(HMM_W0 + 100 * HMM_PAGE, HMM_PAGE, HMM_PAGE, 0, 0), -(long)HMM_EFAULT);
	hmm_resync(&m);
	CHECK();
	EXPECT_EQ(hmm_map_count(), 4);
	EXPECT_TRUE(hmm_teardown());
}

/* Random sequences, as the fuzzer runs them. */
static void random_steps(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long a = ht_rand_below(HMM_NP), len = 1 + ht_rand_below(16);
		unsigned long addr = HMM_W0 + a * HMM_PAGE;
		int ok = 1;

		if (addr + len * HMM_PAGE > HMM_WEND)
			len = (HMM_WEND - addr) / HMM_PAGE;
		switch (ht_rand_below(5)) {
		case 0:
			hmm_do_mmap(&m, addr, len * HMM_PAGE, ht_rand_below(8), 1, &ok);
			break;
		case 1:
			hmm_do_mmap(&m, 0, len * HMM_PAGE, ht_rand_below(8), 0, &ok);
			break;
		case 2:
			hmm_do_munmap(&m, addr, len * HMM_PAGE, &ok);
			break;
		case 3:
			hmm_do_mprotect(&m, addr, len * HMM_PAGE, ht_rand_below(8), &ok);
			break;
		case 4:
			hmm_do_brk(&m, m.start_brk + ht_rand_below(40 * HMM_PAGE), &ok);
			break;
		}
		ASSERT_TRUE(ok);
		CHECK();
	}
}

TEST(random_sequences_against_the_model)
{
	int round;

	for (round = 0; round < 20; round++) {
		ASSERT_EQ(hmm_start(&m, HMM_W0 + 64 * HMM_PAGE), 0);
		random_steps(500);
		EXPECT_TRUE(hmm_teardown());
	}
}

/* Every vm_area_struct allocation of a sequence failed in turn: always a valid mm, nothing leaked. */
TEST(allocation_failures_leave_a_valid_mm)
{
	long nth;

	for (nth = 1; nth <= 12; nth++) {
		int ok = 1;
		const char *err;

		ASSERT_EQ(hmm_start(&m, HMM_W0), 0);
		hmm_do_mmap(&m, HMM_W0, 16 * HMM_PAGE, 3, 1, &ok);
		hmm_fail_vma_alloc = nth;
		hmm_mprotect(HMM_W0 + HMM_PAGE, HMM_PAGE, 1);
		hmm_mprotect(HMM_W0 + 3 * HMM_PAGE, 2 * HMM_PAGE, 1);
		hmm_munmap(HMM_W0 + 6 * HMM_PAGE, HMM_PAGE);
		hmm_mmap(HMM_W0 + 8 * HMM_PAGE, HMM_PAGE, 5, HMM_MAP_PRIVATE | HMM_MAP_ANON |
			 HMM_MAP_FIXED);
		hmm_mremap(HMM_W0 + 10 * HMM_PAGE, 2 * HMM_PAGE, 3 * HMM_PAGE,
			   HMM_MREMAP_MAYMOVE | HMM_MREMAP_FIXED, HMM_W0 + 40 * HMM_PAGE);
		err = hmm_validate();
		if (err)
			ht_fail(__FILE__, __LINE__, 0, "failure %ld: %s", nth, err);
		hmm_fail_vma_alloc = 0;
		EXPECT_TRUE(hmm_teardown());
	}
}
