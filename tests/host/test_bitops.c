/*
 * include/bitops.h on the host (64-bit longs: the same code as the
 * target's 32-bit ones, wider): fls(), __fls() and fls_long() against
 * the definition -- the position of the highest set bit, found by
 * shifting -- and Linux's documented values; the bitmap helpers against
 * an array of flags. The kernel had three fls() of its own (mm/mm_init.c,
 * mm/slab.c, mm/kmalloc.c); this is the one they share.
 */
#include <stdbool.h>
#include <string.h>
#include "harness.h"
#include "include/bitops.h"

/* The definition: shift right until nothing is left, counting. */
static unsigned int fls_by_shifting(unsigned long x)
{
	unsigned int r = 0;

	while (x) {
		r++;
		x >>= 1;
	}
	return r;
}

static unsigned long random_long(void)
{
	unsigned long v = 0;
	unsigned int i;

	for (i = 0; i < sizeof(v); i++)
		v = (v << 8) | ht_rand_below(256);
	return v >> ht_rand_below(BITS_PER_LONG);	/* every magnitude */
}

TEST(linux_values)
{
	EXPECT_EQ(BITS_PER_LONG, (int)(8 * sizeof(long)));
	EXPECT_EQ(fls(0), 0);
	EXPECT_EQ(fls(1), 1);
	EXPECT_EQ(fls(0x80000000u), 32);
	EXPECT_EQ(fls(~0u), 32);
	EXPECT_EQ(__fls(1), 0ul);
	EXPECT_EQ(__fls(~0ul), (unsigned long)BITS_PER_LONG - 1);
	EXPECT_EQ(fls_long(0), 0u);
	EXPECT_EQ(fls_long(~0ul), (unsigned int)BITS_PER_LONG);
	/* mm/mm_init.c's batch rounding: 2^fls(batch * 3/2) - 1 */
	EXPECT_EQ((1ul << fls(16 + 8)) - 1, 31ul);
	EXPECT_EQ((1ul << fls(1 + 0)) - 1, 1ul);
}

TEST(every_power_of_two_and_neighbours)
{
	unsigned int b;

	for (b = 0; b < BITS_PER_LONG; b++) {
		unsigned long p = 1ul << b;

		EXPECT_EQ(__fls(p), (unsigned long)b);
		EXPECT_EQ(fls_long(p), b + 1);
		EXPECT_EQ(fls_long(p - 1), b);
		EXPECT_EQ(fls_long(p | (p - 1)), b + 1);
		if (b < 32) {
			EXPECT_EQ(fls((unsigned int)p), (int)b + 1);
			EXPECT_EQ(fls((unsigned int)p - 1), (int)b);
		}
	}
}

TEST(against_the_definition)
{
	unsigned long x;
	int i;

	for (x = 0; x < 1ul << 16; x++) {
		EXPECT_EQ((unsigned int)fls((unsigned int)x), fls_by_shifting(x));
		EXPECT_EQ(fls_long(x), fls_by_shifting(x));
	}
	for (i = 0; i < 100000; i++) {
		x = random_long();
		EXPECT_EQ(fls_long(x), fls_by_shifting(x));
		EXPECT_EQ((unsigned int)fls((unsigned int)x), fls_by_shifting((unsigned int)x));
		if (x)
			EXPECT_EQ(__fls(x), (unsigned long)fls_by_shifting(x) - 1);
	}
}

TEST(bitmap_against_flags)
{
	enum { NBITS = 3 * BITS_PER_LONG + 5 };
	unsigned long map[BITS_TO_LONGS(NBITS)];
	bool flag[NBITS];
	int i;

	EXPECT_EQ(sizeof(map) / sizeof(map[0]), 4ul);
	memset(map, 0, sizeof(map));
	memset(flag, 0, sizeof(flag));
	for (i = 0; i < 20000; i++) {
		unsigned long nr = ht_rand_below(NBITS);

		switch (ht_rand_below(4)) {
		case 0:
			__set_bit(nr, map);
			flag[nr] = true;
			break;
		case 1:
			__clear_bit(nr, map);
			flag[nr] = false;
			break;
		case 2:
			EXPECT_EQ(__test_and_set_bit(nr, map), flag[nr]);
			flag[nr] = true;
			break;
		default:
			EXPECT_EQ(__test_and_clear_bit(nr, map), flag[nr]);
			flag[nr] = false;
		}
		EXPECT_EQ(test_bit(nr, map), flag[nr]);
	}
	for (i = 0; i < NBITS; i++)
		EXPECT_EQ(test_bit(i, map), flag[i]);
	/* No bit beyond NBITS was touched. */
	EXPECT_EQ(map[3] >> 5, 0ul);
}
