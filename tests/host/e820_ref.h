/*
 * A reference model of arch/x86/e820.c, written from the contract in
 * include/asm/e820.h, and the checks both test_e820 and fuzz_e820 run.
 *
 * sanitize_e820_map(): the type of every address in the result must be
 * that of the most restrictive input range covering it,
 *
 *     RAM (1) < ACPI (3) < NVS (4) < reserved (2) = unknown < unusable (5)
 *
 * ties between equal ranks going to the higher type number, and
 * addresses no input covers stay holes. This is checked address by
 * address at every input boundary and its neighbours, against a
 * brute-force scan of the inputs. The result must also be sorted,
 * non-overlapping, free of empty entries, with no two touching entries
 * of one type, its boundaries taken from the input's, and with a small
 * max_nr it must be the first max_nr entries of the full result, the
 * rest counted as dropped.
 *
 * Each check returns NULL or a description of the first problem.
 */
#ifndef _HOST_E820_REF_H
#define _HOST_E820_REF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "include/asm/e820.h"
#include "include/multiboot.h"

struct ref_range {
	u64 start, end;		/* [start, end), already clipped */
	u32 type;
};

static int ref_rank(u32 type)
{
	switch (type) {
	case E820_RAM:		return 0;
	case E820_ACPI:		return 1;
	case E820_NVS:		return 2;
	case E820_UNUSABLE:	return 4;
	default:		return 3;	/* reserved, and every type we do not know */
	}
}

/* Does type a beat type b where both cover an address? */
static int ref_beats(u32 a, u32 b)
{
	return ref_rank(a) > ref_rank(b) || (ref_rank(a) == ref_rank(b) && a > b);
}

/* The inputs sanitize_e820_map() considers, clipped to E820_MAX_ADDR. */
static int ref_ranges(const struct e820entry *map, u32 nr, struct ref_range *out)
{
	int n = 0;
	u32 i;

	for (i = 0; i < nr && i < E820MAX; i++) {
		u64 addr = map[i].addr, size = map[i].size;

		if (!size || addr >= E820_MAX_ADDR)
			continue;
		out[n].start = addr;
		out[n].end = size > E820_MAX_ADDR - addr ? E820_MAX_ADDR : addr + size;
		out[n].type = map[i].type;
		n++;
	}
	return n;
}

/* The winning type at addr, or -1 for a hole. */
static long long ref_type_at(const struct ref_range *r, int n, u64 addr)
{
	long long best = -1;
	int i;

	for (i = 0; i < n; i++)
		if (r[i].start <= addr && addr < r[i].end &&
		    (best < 0 || ref_beats(r[i].type, (u32)best)))
			best = r[i].type;
	return best;
}

static long long ref_map_type_at(const struct e820entry *map, u32 nr, u64 addr)
{
	u32 i;

	for (i = 0; i < nr; i++)
		if (map[i].addr <= addr && addr - map[i].addr < map[i].size)
			return map[i].type;
	return -1;
}

static int ref_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return (x > y) - (x < y);
}

/*
 * The full sanitized map, however many entries (out must hold
 * 2 * nr_ranges): elementary intervals between sorted boundaries,
 * typed by brute force, touching ones of one type merged.
 */
static int ref_sanitize(const struct ref_range *r, int n, struct e820entry *out)
{
	u64 *b = malloc(sizeof(*b) * (2 * n + 1));
	int nb = 0, nout = 0, i;

	for (i = 0; i < n; i++) {
		b[nb++] = r[i].start;
		b[nb++] = r[i].end;
	}
	qsort(b, nb, sizeof(*b), ref_cmp_u64);
	for (i = 0; i + 1 < nb; i++) {
		long long t;

		if (b[i] == b[i + 1])
			continue;
		t = ref_type_at(r, n, b[i]);
		if (t < 0)
			continue;
		if (nout && out[nout - 1].type == (u32)t &&
		    out[nout - 1].addr + out[nout - 1].size == b[i]) {
			out[nout - 1].size += b[i + 1] - b[i];
			continue;
		}
		out[nout].addr = b[i];
		out[nout].size = b[i + 1] - b[i];
		out[nout].type = (u32)t;
		nout++;
	}
	free(b);
	return nout;
}

static int ref_is_boundary(const struct ref_range *r, int n, u64 x)
{
	int i;

	for (i = 0; i < n; i++)
		if (r[i].start == x || r[i].end == x)
			return 1;
	return 0;
}

/*
 * Check sanitize_e820_map(in -> out, max_nr) which returned dropped.
 * msg receives the problem; returns 0 if there is none.
 */
static int ref_check_sanitized(const struct e820entry *in, u32 nr_in,
			       const struct e820entry *out, u32 nr_out,
			       int max_nr, int dropped, char *msg, size_t msglen)
{
	struct ref_range *r = malloc(sizeof(*r) * (E820MAX + 1));
	struct e820entry *full = malloc(sizeof(*full) * (2 * E820MAX + 1));
	int n = ref_ranges(in, nr_in, r), nfull, i, k, bad = 1;
	int keep;

	nfull = ref_sanitize(r, n, full);
	keep = nfull < max_nr ? nfull : (max_nr > 0 ? max_nr : 0);

	if ((int)nr_out > (max_nr > 0 ? max_nr : 0)) {
		snprintf(msg, msglen, "%u entries out, max_nr %d", nr_out, max_nr);
		goto out;
	}
	for (i = 0; i < (int)nr_out; i++) {
		const struct e820entry *e = &out[i];

		if (!e->size || e->addr >= E820_MAX_ADDR || e->size > E820_MAX_ADDR - e->addr) {
			snprintf(msg, msglen, "entry %d [%#llx +%#llx] empty or beyond E820_MAX_ADDR",
				 i, (unsigned long long)e->addr, (unsigned long long)e->size);
			goto out;
		}
		if (!ref_is_boundary(r, n, e->addr) || !ref_is_boundary(r, n, e->addr + e->size)) {
			snprintf(msg, msglen, "entry %d [%#llx-%#llx) has a boundary no input has",
				 i, (unsigned long long)e->addr, (unsigned long long)(e->addr + e->size));
			goto out;
		}
		if (i && out[i - 1].addr + out[i - 1].size > e->addr) {
			snprintf(msg, msglen, "entries %d and %d unsorted or overlapping", i - 1, i);
			goto out;
		}
		if (i && out[i - 1].addr + out[i - 1].size == e->addr && out[i - 1].type == e->type) {
			snprintf(msg, msglen, "entries %d and %d touch with one type %u: not merged",
				 i - 1, i, e->type);
			goto out;
		}
	}
	if ((int)nr_out != keep || dropped != nfull - keep) {
		snprintf(msg, msglen, "%u entries kept and %d dropped; the full map has %d entries, max_nr %d",
			 nr_out, dropped, nfull, max_nr);
		goto out;
	}
	for (i = 0; i < keep; i++) {
		if (out[i].addr != full[i].addr || out[i].size != full[i].size ||
		    out[i].type != full[i].type) {
			snprintf(msg, msglen, "entry %d is [%#llx +%#llx type %u], want [%#llx +%#llx type %u]",
				 i, (unsigned long long)out[i].addr, (unsigned long long)out[i].size,
				 out[i].type, (unsigned long long)full[i].addr,
				 (unsigned long long)full[i].size, full[i].type);
			goto out;
		}
	}
	/* Address by address, when nothing was dropped: every boundary and its neighbours. */
	if (keep == nfull) {
		for (i = 0; i < n; i++) {
			u64 edges[2] = { r[i].start, r[i].end };

			for (k = 0; k < 6; k++) {
				u64 x = edges[k / 3] + (u64)(k % 3) - 1;
				long long want, got;

				if (x >= E820_MAX_ADDR || (k % 3 == 0 && !edges[k / 3]))
					continue;
				want = ref_type_at(r, n, x);
				got = ref_map_type_at(out, nr_out, x);
				if (want != got) {
					snprintf(msg, msglen, "address %#llx: type %lld, want %lld",
						 (unsigned long long)x, got, want);
					goto out;
				}
			}
		}
	}
	bad = 0;
out:
	free(r);
	free(full);
	return bad;
}

/* n bytes at p, little-endian, read byte by byte (not through the struct). */
static u64 ref_le(const unsigned char *p, unsigned int n)
{
	u64 v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/*
 * The multiboot parser's contract, in two passes (the parser makes
 * one): first split the buffer into entries, each size + 4 bytes with
 * size >= 20, stopping at the first that is too small or runs past the
 * end; then take them in order: the one that finds E820MAX entries
 * already taken is an overflow and ends it all (what lies beyond was
 * never read: no truncation); a range starting at or past E820_MAX_ADDR
 * is dropped, one ending past it cut there (both "clipped"). Bytes the
 * split left over are a truncation.
 */
static unsigned int ref_from_multiboot(struct e820map *map, const unsigned char *buf, u32 length)
{
	u64 *starts = malloc((length / 24 + 1) * sizeof(*starts)), off = 0;
	unsigned int problems = 0, n = 0, i;

	while (off + 4 <= length) {
		u64 size = ref_le(buf + off, 4);

		if (size < 20 || off + 4 + size > length)
			break;
		starts[n++] = off;
		off += 4 + size;
	}
	map->nr_map = 0;
	for (i = 0; i < n; i++) {
		const unsigned char *e = buf + starts[i];
		u64 addr = ref_le(e + 4, 8), len = ref_le(e + 12, 8);

		if (map->nr_map == E820MAX) {
			free(starts);
			return problems | E820_PARSE_OVERFLOW;
		}
		if (addr >= E820_MAX_ADDR) {
			problems |= E820_PARSE_CLIPPED;
			continue;
		}
		if ((unsigned __int128)addr + len > E820_MAX_ADDR) {
			len = E820_MAX_ADDR - addr;
			problems |= E820_PARSE_CLIPPED;
		}
		map->map[map->nr_map].addr = addr;
		map->map[map->nr_map].size = len;
		map->map[map->nr_map].type = (u32)ref_le(e + 20, 4);
		map->nr_map++;
	}
	free(starts);
	return off != length ? problems | E820_PARSE_TRUNCATED : problems;
}

static int ref_same_map(const struct e820map *a, const struct e820map *b)
{
	return a->nr_map == b->nr_map &&
	       !memcmp(a->map, b->map, a->nr_map * sizeof(a->map[0]));
}

#endif
