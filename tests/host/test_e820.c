/*
 * arch/x86/e820.c: hand-made memory maps and multiboot buffers with
 * their exact expected results, then thousands of random maps checked
 * against the reference model of e820_ref.h.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "e820_ref.h"

#define RAM	E820_RAM
#define RES	E820_RESERVED
#define ACPI	E820_ACPI
#define NVS	E820_NVS
#define BAD	E820_UNUSABLE

#define E(a, s, t)	{ .addr = (a), .size = (s), .type = (t) }
#define N(x)		((u32)(sizeof(x) / sizeof((x)[0])))

/*
 * Sanitize a copy of in[0..nr) with room for max_nr entries (an exact
 * allocation), check it against the model, and compare with want.
 */
static void check_sanitize(const struct e820entry *in, u32 nr, int max_nr,
			   const struct e820entry *want, int nr_want, int want_dropped)
{
	size_t room = nr > (u32)max_nr ? nr : (u32)max_nr;
	struct e820entry *map = malloc((room ? room : 1) * sizeof(*map));
	char msg[256];
	u32 nr_map = nr;
	int dropped, i;

	memcpy(map, in, nr * sizeof(*map));
	dropped = sanitize_e820_map(map, max_nr, &nr_map);
	if (ref_check_sanitized(in, nr, map, nr_map, max_nr, dropped, msg, sizeof(msg)))
		ht_fail(__FILE__, __LINE__, 0, "model: %s", msg);
	if (want) {
		EXPECT_EQ(dropped, want_dropped);
		EXPECT_EQ(nr_map, nr_want);
		for (i = 0; i < nr_want && i < (int)nr_map; i++) {
			if (map[i].addr != want[i].addr || map[i].size != want[i].size ||
			    map[i].type != want[i].type)
				ht_fail(__FILE__, __LINE__, 0,
					"entry %d: [%#llx +%#llx type %u], want [%#llx +%#llx type %u]",
					i, map[i].addr, map[i].size, map[i].type,
					want[i].addr, want[i].size, want[i].type);
		}
	}
	free(map);
}

#define SANITIZE(in, want, dropped) \
	check_sanitize(in, N(in), E820MAX, want, N(want), dropped)

/* QEMU's map with 128 MB: already clean. */
TEST(clean_map_unchanged)
{
	static const struct e820entry in[] = {
		E(0, 0x9fc00, RAM), E(0x9fc00, 0x400, RES), E(0xf0000, 0x10000, RES),
		E(0x100000, 0x7ee0000, RAM), E(0x7fe0000, 0x20000, RES),
		E(0xfffc0000, 0x40000, RES),
	};

	SANITIZE(in, in, 0);
}

TEST(unsorted)
{
	static const struct e820entry in[] = {
		E(0x100000, 0x100000, RAM), E(0xf0000, 0x10000, RES), E(0, 0x9fc00, RAM),
	};
	static const struct e820entry want[] = {
		E(0, 0x9fc00, RAM), E(0xf0000, 0x10000, RES), E(0x100000, 0x100000, RAM),
	};

	SANITIZE(in, want, 0);
}

TEST(reserved_inside_ram)
{
	static const struct e820entry in[] = { E(0, 0x10000, RAM), E(0x4000, 0x1000, RES) };
	static const struct e820entry want[] = {
		E(0, 0x4000, RAM), E(0x4000, 0x1000, RES), E(0x5000, 0xb000, RAM),
	};

	SANITIZE(in, want, 0);
}

TEST(ram_inside_reserved)
{
	static const struct e820entry in[] = { E(0x4000, 0x1000, RAM), E(0, 0x10000, RES) };
	static const struct e820entry want[] = { E(0, 0x10000, RES) };

	SANITIZE(in, want, 0);
}

/* Partial overlaps: RAM < ACPI < NVS < reserved < unusable. */
TEST(type_ranking)
{
	static const struct e820entry in[] = {
		E(0x0000, 0x5000, RAM), E(0x1000, 0x5000, ACPI), E(0x2000, 0x5000, NVS),
		E(0x3000, 0x5000, RES), E(0x4000, 0x5000, BAD),
	};
	static const struct e820entry want[] = {
		E(0x0000, 0x1000, RAM), E(0x1000, 0x1000, ACPI), E(0x2000, 0x1000, NVS),
		E(0x3000, 0x1000, RES), E(0x4000, 0x5000, BAD),
	};
	static const struct e820entry rev[] = {	/* the same, listed backwards */
		E(0x4000, 0x5000, BAD), E(0x3000, 0x5000, RES), E(0x2000, 0x5000, NVS),
		E(0x1000, 0x5000, ACPI), E(0x0000, 0x5000, RAM),
	};
	static const struct e820entry nvs_acpi[] = { E(0, 0x2000, ACPI), E(0x1000, 0x2000, NVS) };
	static const struct e820entry nvs_acpi_want[] = { E(0, 0x1000, ACPI), E(0x1000, 0x2000, NVS) };
	static const struct e820entry res_bad[] = { E(0, 0x3000, BAD), E(0x1000, 0x1000, RES) };
	static const struct e820entry res_bad_want[] = { E(0, 0x3000, BAD) };

	SANITIZE(in, want, 0);
	SANITIZE(rev, want, 0);
	SANITIZE(nvs_acpi, nvs_acpi_want, 0);
	SANITIZE(res_bad, res_bad_want, 0);
}

/* Unknown types rank with reserved, the higher number winning a tie; below unusable. */
TEST(unknown_types)
{
	static const struct e820entry in[] = {
		E(0, 0x4000, RAM), E(0x1000, 0x1000, 12), E(0x2000, 0x1000, 7), E(0x2800, 0x1000, RES),
	};
	static const struct e820entry want[] = {
		E(0, 0x1000, RAM), E(0x1000, 0x1000, 12), E(0x2000, 0x1000, 7), E(0x3000, 0x800, RES),
		E(0x3800, 0x800, RAM),
	};
	static const struct e820entry bad[] = { E(0, 0x2000, 0xffffffff), E(0x1000, 0x2000, BAD) };
	static const struct e820entry bad_want[] = { E(0, 0x1000, 0xffffffff), E(0x1000, 0x2000, BAD) };

	SANITIZE(in, want, 0);
	SANITIZE(bad, bad_want, 0);
}

/* Type 0 is a type like any unknown one, whatever the order of the entries. */
TEST(type_zero)
{
	static const struct e820entry a[] = { E(0, 0x2000, RAM), E(0x1000, 0x2000, 0) };
	static const struct e820entry b[] = { E(0x1000, 0x2000, 0), E(0, 0x2000, RAM) };
	static const struct e820entry want[] = { E(0, 0x1000, RAM), E(0x1000, 0x2000, 0) };
	static const struct e820entry alone[] = { E(0x1000, 0x1000, 0) };

	SANITIZE(a, want, 0);
	SANITIZE(b, want, 0);
	SANITIZE(alone, alone, 0);
}

TEST(duplicates_and_empty_entries)
{
	static const struct e820entry in[] = {
		E(0x1000, 0x1000, RAM), E(0x1000, 0x1000, RAM), E(0x5000, 0, RES),
		E(0x1000, 0x1000, RAM), E(0, 0, RAM), E(0x1800, 0, BAD),
	};
	static const struct e820entry want[] = { E(0x1000, 0x1000, RAM) };
	static const struct e820entry empty[] = { E(0, 0, RAM), E(0x1000, 0, RES) };

	SANITIZE(in, want, 0);
	check_sanitize(empty, N(empty), E820MAX, empty, 0, 0);
	check_sanitize(empty, 0, E820MAX, empty, 0, 0);
}

TEST(adjacent_merge)
{
	static const struct e820entry in[] = {
		E(0, 0x1000, RAM), E(0x1000, 0x1000, RAM), E(0x2000, 0x1000, RES),
		E(0x3000, 0x1000, RES), E(0x4000, 0x1000, RAM), E(0x6000, 0x1000, RAM),
	};
	static const struct e820entry want[] = {
		E(0, 0x2000, RAM), E(0x2000, 0x2000, RES), E(0x4000, 0x1000, RAM),
		E(0x6000, 0x1000, RAM),	/* a hole in between: not merged */
	};

	SANITIZE(in, want, 0);
}

TEST(beyond_max_addr)
{
	static const struct e820entry in[] = {
		E(E820_MAX_ADDR - 0x1000, 0x2000, RAM),		/* clipped */
		E(E820_MAX_ADDR, 0x1000, RES),			/* dropped */
		E(0xffffffffffff0000ULL, 0x20000, RES),		/* wraps: dropped */
		E(0x1000, ~0ULL, BAD),				/* absurd size: clipped */
	};
	static const struct e820entry want[] = { E(0x1000, E820_MAX_ADDR - 0x1000, BAD) };
	static const struct e820entry ram_only[] = { E(E820_MAX_ADDR - 0x1000, 0x2000, RAM) };
	static const struct e820entry ram_want[] = { E(E820_MAX_ADDR - 0x1000, 0x1000, RAM) };

	SANITIZE(in, want, 0);
	SANITIZE(ram_only, ram_want, 0);
}

/* E820MAX disjoint entries of alternating types: nothing to merge, all fit. */
TEST(exactly_e820max)
{
	struct e820entry in[E820MAX];
	int i;

	for (i = 0; i < E820MAX; i++)
		in[i] = (struct e820entry)E((u64)(E820MAX - 1 - i) * 0x1000, 0x1000, i % 2 ? RES : RAM);
	check_sanitize(in, E820MAX, E820MAX, NULL, 0, 0);
}

/* Splitting can make more entries than fit: the tail is dropped and counted. */
TEST(too_many_after_split)
{
	struct e820entry in[E820MAX];
	u32 nr = 0, i;

	in[nr++] = (struct e820entry)E(0, 0x1000000, RAM);
	for (i = 0; i < 100; i++)	/* 100 holes punched in RAM: 201 ranges */
		in[nr++] = (struct e820entry)E(0x1000 + i * 0x2000, 0x1000, RES);
	check_sanitize(in, nr, E820MAX, NULL, 0, 0);
	check_sanitize(in, nr, 3, NULL, 0, 0);
	check_sanitize(in, nr, 1, NULL, 0, 0);
	check_sanitize(in, nr, 0, NULL, 0, 0);
}

/* A dropped range counts once, however many pieces it was built from. */
TEST(dropped_count)
{
	static const struct e820entry in[] = {
		E(0, 0x1000, RAM), E(0x1000, 0x1000, RES),
		E(0x2000, 0x1000, RAM), E(0x3000, 0x1000, RAM), E(0x2800, 0x1000, RAM),
		E(0x5000, 0x1000, ACPI),
	};
	static const struct e820entry want[] = { E(0, 0x1000, RAM), E(0x1000, 0x1000, RES) };

	check_sanitize(in, N(in), 2, want, 2, 2);
}

/* ---- Random maps against the model ---- */

static u64 rand_point(void)
{
	static const u64 far[] = {
		E820_MAX_ADDR - 0x1000, E820_MAX_ADDR, E820_MAX_ADDR + 0x1000,
		0xfffffffffffff000ULL, 0x100000000ULL, 0xfffff000ULL,
	};

	if (ht_rand_below(20) == 0)
		return far[ht_rand_below(N(far))];
	return ht_rand_below(32) * 0x1000;	/* a small grid: overlaps and touches abound */
}

static u32 rand_type(void)
{
	static const u32 types[] = { RAM, RAM, RAM, RES, RES, ACPI, NVS, BAD, 0, 6, 12, 0xffffffff };

	return types[ht_rand_below(N(types))];
}

static void rand_map(struct e820entry *map, u32 nr)
{
	u32 i;

	for (i = 0; i < nr; i++) {
		u64 a = rand_point(), b = rand_point();

		map[i].addr = a < b ? a : b;
		map[i].size = a < b ? b - a : a - b;
		if (ht_rand_below(30) == 0)
			map[i].size = ht_rand() >> ht_rand_below(64);
		map[i].type = rand_type();
	}
}

TEST(random_maps)
{
	struct e820entry in[E820MAX];
	int round;

	for (round = 0; round < 5000 && !ht_failed(); round++) {
		u32 nr = ht_rand_below(8) ? ht_rand_below(12) : ht_rand_below(E820MAX + 1);
		int max_nr = ht_rand_below(4) ? E820MAX : (int)ht_rand_below(8);

		rand_map(in, nr);
		check_sanitize(in, nr, max_nr, NULL, 0, 0);
	}
}

/* ---- Multiboot buffers ---- */

struct mb_buf {
	unsigned char *buf;
	u32 len;
};

static void mb_put(struct mb_buf *b, u32 size, u64 addr, u64 len, u32 type, int extra)
{
	struct multiboot_mmap_entry e = { .size = size, .addr = addr, .len = len, .type = type };

	b->buf = realloc(b->buf, b->len + sizeof(e) + extra);
	memcpy(b->buf + b->len, &e, sizeof(e));
	memset(b->buf + b->len + sizeof(e), 0xee, extra);
	b->len += sizeof(e) + extra;
}

static void mb_add(struct mb_buf *b, u64 addr, u64 len, u32 type)
{
	mb_put(b, 20, addr, len, type, 0);
}

/*
 * Parse b (from an exact copy of its first len bytes) and compare with
 * the model; returns the kernel's problem bits.
 */
static unsigned int parse(const struct mb_buf *b, u32 len, struct e820map *map)
{
	unsigned char *copy = calloc(1, len ? len : 1);
	struct e820map *want = malloc(sizeof(*want));
	unsigned int problems, want_problems;

	if (len)
		memcpy(copy, b->buf, len);
	memset(map, 0x77, sizeof(*map));
	problems = e820_from_multiboot(map, copy, len);
	want_problems = ref_from_multiboot(want, copy, len);
	EXPECT_EQ(problems, want_problems);
	EXPECT_TRUE(ref_same_map(map, want));
	free(copy);
	free(want);
	return problems;
}

TEST(multiboot_normal)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));

	mb_add(&b, 0, 0x9fc00, RAM);
	mb_add(&b, 0x9fc00, 0x400, RES);
	mb_add(&b, 0x100000, 0x7ee0000, RAM);
	EXPECT_EQ(parse(&b, b.len, map), 0);
	ASSERT_EQ(map->nr_map, 3);
	EXPECT_EQ(map->map[2].addr, 0x100000);
	EXPECT_EQ(map->map[2].size, 0x7ee0000);
	EXPECT_EQ(map->map[2].type, RAM);
	EXPECT_EQ(parse(&b, 0, map), 0);	/* mmap_length 0: an empty map */
	EXPECT_EQ(map->nr_map, 0);
	free(b.buf);
	free(map);
}

TEST(multiboot_truncated)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));
	u32 cut;

	mb_add(&b, 0, 0x9fc00, RAM);
	mb_add(&b, 0x100000, 0x100000, RAM);
	for (cut = 0; cut <= b.len; cut++) {
		unsigned int p = parse(&b, cut, map);

		EXPECT_EQ(map->nr_map, cut / 24);
		EXPECT_EQ(p, cut % 24 ? E820_PARSE_TRUNCATED : 0);
	}
	free(b.buf);
	free(map);
}

TEST(multiboot_bad_size_field)
{
	static const u32 sizes[] = { 0, 1, 19, 0xffffffff, 0xfffffffc, 0x80000000 };
	struct e820map *map = malloc(sizeof(*map));
	size_t i;

	for (i = 0; i < N(sizes); i++) {
		struct mb_buf b = { 0 };

		mb_add(&b, 0, 0x1000, RAM);
		mb_put(&b, sizes[i], 0x2000, 0x1000, RAM, 0);
		mb_add(&b, 0x4000, 0x1000, RAM);
		EXPECT_EQ(parse(&b, b.len, map), E820_PARSE_TRUNCATED);
		EXPECT_EQ(map->nr_map, 1);
		free(b.buf);
	}
	free(map);
}

/* Entries may be longer than 20 bytes (newer fields): the walk follows size. */
TEST(multiboot_long_entries)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));

	mb_put(&b, 24, 0, 0x1000, RAM, 4);
	mb_put(&b, 21, 0x1000, 0x1000, RES, 1);
	mb_add(&b, 0x2000, 0x1000, ACPI);
	mb_put(&b, 100, 0x3000, 0x1000, NVS, 80);
	EXPECT_EQ(parse(&b, b.len, map), 0);
	ASSERT_EQ(map->nr_map, 4);
	EXPECT_EQ(map->map[1].type, RES);
	EXPECT_EQ(map->map[3].addr, 0x3000);
	EXPECT_EQ(map->map[3].type, NVS);
	free(b.buf);
	free(map);
}

TEST(multiboot_trailing_garbage)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));
	u32 extra;

	mb_add(&b, 0, 0x1000, RAM);
	b.buf = realloc(b.buf, b.len + 23);
	memset(b.buf + b.len, 0, 23);	/* a size field of 0 once 4 bytes are there */
	for (extra = 1; extra <= 23; extra++) {
		EXPECT_EQ(parse(&b, b.len + extra, map), E820_PARSE_TRUNCATED);
		EXPECT_EQ(map->nr_map, 1);
	}
	free(b.buf);
	free(map);
}

TEST(multiboot_clipped)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));

	mb_add(&b, E820_MAX_ADDR - 0x1000, 0x2000, RAM);
	mb_add(&b, E820_MAX_ADDR, 0x1000, RAM);
	mb_add(&b, 0xfffffffffffff000ULL, 0x2000, RES);
	mb_add(&b, 0x1000, 0x1000, RAM);
	EXPECT_EQ(parse(&b, b.len, map), E820_PARSE_CLIPPED);
	ASSERT_EQ(map->nr_map, 2);
	EXPECT_EQ(map->map[0].size, 0x1000);
	EXPECT_EQ(map->map[1].addr, 0x1000);
	free(b.buf);
	free(map);
}

TEST(multiboot_overflow)
{
	struct mb_buf b = { 0 };
	struct e820map *map = malloc(sizeof(*map));
	int i;

	for (i = 0; i < E820MAX; i++)
		mb_add(&b, (u64)i * 0x1000, 0x1000, RAM);
	EXPECT_EQ(parse(&b, b.len, map), 0);
	EXPECT_EQ(map->nr_map, E820MAX);
	mb_add(&b, (u64)E820MAX * 0x1000, 0x1000, RAM);
	EXPECT_EQ(parse(&b, b.len, map), E820_PARSE_OVERFLOW);
	EXPECT_EQ(map->nr_map, E820MAX);
	free(b.buf);
	free(map);
}

TEST(multiboot_random)
{
	struct e820map *map = malloc(sizeof(*map));
	int round;

	for (round = 0; round < 3000 && !ht_failed(); round++) {
		struct mb_buf b = { 0 };
		int n = ht_rand_below(8) ? ht_rand_below(10) : ht_rand_below(140), i;
		u32 len;

		for (i = 0; i < n; i++) {
			u32 size = ht_rand_below(10) ? 20 : 20 + ht_rand_below(12);

			if (ht_rand_below(50) == 0)
				size = ht_rand_below(20);
			mb_put(&b, size, rand_point(), ht_rand_below(4) ? 0x1000 : ht_rand(),
			       rand_type(), size > 20 ? size - 20 : 0);
		}
		len = b.len;
		if (ht_rand_below(3) == 0)
			len = ht_rand_below(len + 1);
		parse(&b, len, map);
		free(b.buf);
	}
	free(map);
}

/* ---- The rest of the interface ---- */

TEST(add_region)
{
	struct e820map *map = calloc(1, sizeof(*map));
	int i;

	e820_add_region(map, 0x1000, 0x2000, RES);
	ASSERT_EQ(map->nr_map, 1);
	EXPECT_EQ(map->map[0].addr, 0x1000);
	EXPECT_EQ(map->map[0].size, 0x2000);
	EXPECT_EQ(map->map[0].type, RES);
	for (i = 1; i < E820MAX; i++)
		e820_add_region(map, (u64)i << 20, 0x1000, RAM);
	EXPECT_EQ(map->nr_map, E820MAX);
	EXPECT_STREQ(host_printk_log(), "");
	e820_add_region(map, 0xabc000, 0x1000, RAM);
	EXPECT_EQ(map->nr_map, E820MAX);
	EXPECT_NOT_NULL(strstr(host_printk_log(),
			"too many entries; ignoring [mem 0x0000abc000-0x0000abcfff]"));
	free(map);
}

TEST(type_names_and_print)
{
	struct e820map *map = calloc(1, sizeof(*map));
	char buf[16], tiny[6];

	EXPECT_STREQ(e820_type_name(RAM, buf, sizeof(buf)), "usable");
	EXPECT_STREQ(e820_type_name(RES, buf, sizeof(buf)), "reserved");
	EXPECT_STREQ(e820_type_name(ACPI, buf, sizeof(buf)), "ACPI data");
	EXPECT_STREQ(e820_type_name(NVS, buf, sizeof(buf)), "ACPI NVS");
	EXPECT_STREQ(e820_type_name(BAD, buf, sizeof(buf)), "unusable");
	EXPECT_PTR_EQ(e820_type_name(12, buf, sizeof(buf)), buf);
	EXPECT_STREQ(buf, "type 12");
	EXPECT_STREQ(e820_type_name(0xffffffff, buf, sizeof(buf)), "type 4294967295");
	EXPECT_STREQ(e820_type_name(123456, tiny, sizeof(tiny)), "type ");

	e820_add_region(map, 0, 0x9fc00, RAM);
	e820_add_region(map, 0xfffc0000, 0x40000, 7);
	e820_print_map(map, "BIOS-e820");
	EXPECT_STREQ(host_printk_log(),
		     "<6>BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		     "<6>BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] type 7\n");
	free(map);
}

/* e820_all_mapped(): whole coverage by one type, across adjacent entries too. */
TEST(all_mapped)
{
	struct e820map *map = calloc(1, sizeof(*map));

	e820_add_region(map, 0, 0x9fc00, RAM);
	e820_add_region(map, 0x9fc00, 0x400, RES);
	e820_add_region(map, 0x100000, 0x700000, RAM);
	e820_add_region(map, 0x800000, 0x800000, ACPI);
	e820_add_region(map, 0x1000000, 0x1000000, ACPI);
	EXPECT_TRUE(e820_all_mapped(map, 0x1000, 0x2000, RAM));
	EXPECT_TRUE(e820_all_mapped(map, 0, 0x9fc00, RAM));
	EXPECT_FALSE(e820_all_mapped(map, 0, 0x9fc01, RAM));		/* one byte reserved */
	EXPECT_FALSE(e820_all_mapped(map, 0x9f000, 0x101000, RAM));	/* across the hole */
	EXPECT_TRUE(e820_all_mapped(map, 0x100000, 0x800000, RAM));
	EXPECT_FALSE(e820_all_mapped(map, 0x100000, 0x800001, RAM));	/* into ACPI */
	EXPECT_TRUE(e820_all_mapped(map, 0x800000, 0x2000000, ACPI));	/* two entries */
	EXPECT_FALSE(e820_all_mapped(map, 0x800000, 0x2000001, ACPI));	/* past the end */
	EXPECT_TRUE(e820_all_mapped(map, 0x5000000, 0x5000000, RAM));	/* empty: nothing to miss */
	free(map);
}
