/*
 * The kernel's memset and memcpy are rep stos/movs assembly (the host
 * tests build the portable C versions instead): check them here, at
 * every small length and misalignment.
 */
#include <string.h>
#include <ktest.h>

#define AREA	96

static unsigned char a[AREA + 16], b[AREA + 16];

static void fill_pattern(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static void test_memset_lengths_and_offsets(struct ktest *t)
{
	unsigned int off, len, i, bad = 0;

	for (off = 0; off < 4; off++) {
		for (len = 0; len <= 67; len++) {
			fill_pattern(a, sizeof(a), off + len);
			memset(a + off, 0xa5, len);
			for (i = 0; i < sizeof(a); i++) {
				unsigned char want = (i >= off && i < off + len) ? 0xa5 :
					(unsigned char)(off + len + i * 7);
				bad += a[i] != want;
			}
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0u);
}

static void test_memcpy_lengths_and_offsets(struct ktest *t)
{
	unsigned int so, d, len, i, bad = 0;

	for (so = 0; so < 4; so++) {
		for (d = 0; d < 4; d++) {
			for (len = 0; len <= 67; len++) {
				fill_pattern(a, sizeof(a), 3);
				memset(b, 0, sizeof(b));
				KTEST_EXPECT_PTR_EQ(t, memcpy(b + d, a + so, len), b + d);
				for (i = 0; i < sizeof(b); i++) {
					unsigned char want = (i >= d && i < d + len) ?
						(unsigned char)(3 + (i - d + so) * 7) : 0;
					bad += b[i] != want;
				}
			}
		}
	}
	KTEST_EXPECT_EQ(t, bad, 0u);
}

static void test_memset_returns_and_value_byte(struct ktest *t)
{
	KTEST_EXPECT_PTR_EQ(t, memset(a, 0x1ff, 8), a);	/* only the low byte counts */
	KTEST_EXPECT_NULL(t, memchr_inv(a, 0xff, 8));
}

static struct ktest_case string_cases[] = {
	KTEST_CASE(test_memset_lengths_and_offsets),
	KTEST_CASE(test_memcpy_lengths_and_offsets),
	KTEST_CASE(test_memset_returns_and_value_byte),
	{}
};

static struct ktest_suite string_suite = {
	.name = "string",
	.test_cases = string_cases,
};
ktest_register_suite(string_suite);
