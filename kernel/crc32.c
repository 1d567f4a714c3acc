/*
 * CRC-32, one table lookup per byte (include/crc32.h). The table holds
 * the register after shifting each possible byte through it:
 *
 *     crc_table[b] = b shifted right 8 times, xored with 0xedb88320
 *                    at every step whose low bit was 1
 *
 * so that one byte costs crc = crc_table[(crc ^ byte) & 0xff] ^ (crc >> 8).
 */
#include <crc32.h>

#define CRC32_POLY_LE	0xedb88320u

static u32 crc_table[256];
static bool crc_table_ready;

static void crc32_init_table(void)
{
	unsigned int i, bit;

	for (i = 0; i < 256; i++) {
		u32 c = i;

		for (bit = 0; bit < 8; bit++)
			c = (c >> 1) ^ (c & 1 ? CRC32_POLY_LE : 0);
		crc_table[i] = c;
	}
	crc_table_ready = true;
}

u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *s = p;

	if (!crc_table_ready)
		crc32_init_table();
	while (len--)
		crc = crc_table[(crc ^ *s++) & 0xff] ^ (crc >> 8);
	return crc;
}
