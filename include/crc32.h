/*
 * CRC-32 (IEEE 802.3: the CRC of Ethernet, zlib, gzip and cpio's
 * "newc" checksums), as Linux's lib/crc32.c: crc32_le() runs the
 * register over the bytes, least significant bit first (the reflected
 * polynomial 0xedb88320), with no inversion of its own. The usual
 * checksum of a buffer, which zlib.crc32() and `crc32` print, is
 *
 *     crc32_le(~0, p, len) ^ ~0    (crc32() below)
 *
 * and a long buffer may be fed in pieces: crc32_le(crc32_le(~0, a, n),
 * b, m) ^ ~0 is the checksum of a followed by b.
 */
#ifndef _MNEME_CRC32_H
#define _MNEME_CRC32_H

#include <types.h>

u32 crc32_le(u32 crc, const void *p, size_t len);

static inline u32 crc32(const void *p, size_t len)
{
	return crc32_le(~0u, p, len) ^ ~0u;
}

#endif
