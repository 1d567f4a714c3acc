/*
 * kernel/crc32.c against the definition of CRC-32 (a bit at a time,
 * reflected polynomial 0xedb88320) and against the published check
 * values, which are what zlib.crc32() and the test runner's checksums of
 * multiboot modules compute.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "include/crc32.h"

/* The definition: the register shifted one bit at a time. */
static uint32_t crc32_bitwise(uint32_t crc, const unsigned char *p, size_t n)
{
	int bit;

	while (n--) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (crc & 1 ? 0xedb88320u : 0);
	}
	return crc;
}

TEST(check_values)
{
	static const struct { const char *s; uint32_t crc; } v[] = {
		{ "", 0x00000000 },
		{ "a", 0xe8b7be43 },
		{ "123456789", 0xcbf43926 },	/* the catalogued "check" value of CRC-32 */
		{ "The quick brown fox jumps over the lazy dog", 0x414fa339 },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		EXPECT_EQ(crc32(v[i].s, strlen(v[i].s)), v[i].crc);
}

TEST(zeros_and_ones)
{
	unsigned char z[4096], o[4096];

	memset(z, 0, sizeof(z));
	memset(o, 0xff, sizeof(o));
	EXPECT_EQ(crc32(z, sizeof(z)), crc32_bitwise(~0u, z, sizeof(z)) ^ ~0u);
	EXPECT_EQ(crc32(o, sizeof(o)), crc32_bitwise(~0u, o, sizeof(o)) ^ ~0u);
	EXPECT_EQ(crc32(z, 4), 0x2144df1c);
}

/* Random buffers, whole and in random pieces: the same as the definition. */
TEST(random_buffers_in_pieces)
{
	int round;

	for (round = 0; round < 2000; round++) {
		size_t n = ht_rand_below(3000), done = 0, i;
		unsigned char *p = malloc(n ? n : 1);
		uint32_t whole, pieces = ~0u;

		for (i = 0; i < n; i++)
			p[i] = (unsigned char)ht_rand();
		whole = crc32(p, n);
		EXPECT_EQ(whole, crc32_bitwise(~0u, p, n) ^ ~0u);
		while (done < n) {
			size_t k = 1 + ht_rand_below(n - done);

			pieces = crc32_le(pieces, p + done, k);
			done += k;
		}
		EXPECT_EQ(pieces ^ ~0u, whole);
		free(p);
		if (ht_failed())
			break;
	}
}
