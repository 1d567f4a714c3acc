/*
 * The memory map: reading it from multiboot, cleaning it up, printing
 * it the way Linux prints the e820 map. Loaders and BIOSes hand out
 * maps that are unsorted, overlapping, with empty or absurd entries;
 * everything after this file may assume a clean map.
 */
#include <kernel.h>
#include <string.h>
#include <multiboot.h>
#include <asm/e820.h>

struct e820map e820;

void e820_add_region(struct e820map *map, u64 start, u64 size, u32 type)
{
	if (map->nr_map >= E820MAX) {
		printk(KERN_ERR "e820: too many entries; ignoring [mem 0x%010llx-0x%010llx]\n",
		       start, start + size - 1);
		return;
	}
	map->map[map->nr_map].addr = start;
	map->map[map->nr_map].size = size;
	map->map[map->nr_map].type = type;
	map->nr_map++;
}

int e820_all_mapped(const struct e820map *map, u64 start, u64 end, u32 type)
{
	u32 i;

	for (i = 0; i < map->nr_map && start < end; i++) {
		const struct e820entry *e = &map->map[i];

		if (e->type != type || e->addr > start || e->addr + e->size <= start)
			continue;
		start = e->addr + e->size;	/* covered up to here; the next range may go on */
	}
	return start >= end;
}

unsigned int e820_from_multiboot(struct e820map *map, const void *mmap, u32 length)
{
	const char *p = mmap, *end = p + length;
	unsigned int problems = 0;

	map->nr_map = 0;
	while (p + sizeof(u32) <= end) {
		struct multiboot_mmap_entry e;
		u32 size;

		memcpy(&size, p, sizeof(size));
		/* Compare lengths, not pointers: on i386 p + 4 + size can wrap. */
		if (size < sizeof(e) - sizeof(u32) || size > (size_t)(end - p) - sizeof(u32)) {
			problems |= E820_PARSE_TRUNCATED;
			break;
		}
		memcpy(&e, p, sizeof(e));
		p += sizeof(u32) + size;
		if (map->nr_map >= E820MAX) {
			problems |= E820_PARSE_OVERFLOW;
			break;
		}
		/* Clip wrap-around and ranges beyond what physical addresses can be. */
		if (e.addr >= E820_MAX_ADDR) {
			problems |= E820_PARSE_CLIPPED;
			continue;
		}
		if (e.len > E820_MAX_ADDR - e.addr) {
			e.len = E820_MAX_ADDR - e.addr;
			problems |= E820_PARSE_CLIPPED;
		}
		map->map[map->nr_map].addr = e.addr;
		map->map[map->nr_map].size = e.len;
		map->map[map->nr_map].type = e.type;
		map->nr_map++;
	}
	if (p != end && !(problems & (E820_PARSE_TRUNCATED | E820_PARSE_OVERFLOW)))
		problems |= E820_PARSE_TRUNCATED;	/* trailing bytes too short for an entry */
	return problems;
}

/* How restrictive a type is: where ranges overlap, the higher rank wins. */
static int e820_type_rank(u32 type)
{
	switch (type) {
	case E820_RAM:		return 0;
	case E820_ACPI:		return 1;
	case E820_NVS:		return 2;
	case E820_UNUSABLE:	return 4;
	default:		return 3;	/* E820_RESERVED and types we do not know */
	}
}

static int e820_type_wins(u32 a, u32 b)
{
	int ra = e820_type_rank(a), rb = e820_type_rank(b);

	return ra > rb || (ra == rb && a > b);
}

/*
 * The algorithm: every range start and end is a boundary. Between two
 * consecutive boundaries the type is that of the winning range covering
 * the interval (or a hole); consecutive intervals of one type merge.
 * At most 2 * E820MAX boundaries and E820MAX ranges: the quadratic
 * walk costs nothing next to its clarity.
 *
 *   in:   |--RAM-----------------|
 *                 |--reserved--|          |--RAM--|
 *   out:  |--RAM--|--reserved--|-RAM-|    |--RAM--|
 */
int sanitize_e820_map(struct e820entry *map, int max_nr, u32 *pnr_map)
{
	static struct e820entry in[E820MAX];
	static u64 bound[2 * E820MAX];
	int nr_in = 0, nr_bound = 0, nr_out = 0, dropped = 0;
	u64 dropped_end = 0;	/* where the last dropped range ends */
	u32 dropped_type = 0;
	int i, j;

	for (i = 0; i < (int)*pnr_map && i < E820MAX; i++) {
		if (!map[i].size || map[i].addr >= E820_MAX_ADDR)
			continue;
		in[nr_in] = map[i];
		if (in[nr_in].size > E820_MAX_ADDR - in[nr_in].addr)
			in[nr_in].size = E820_MAX_ADDR - in[nr_in].addr;
		bound[nr_bound++] = in[nr_in].addr;
		bound[nr_bound++] = in[nr_in].addr + in[nr_in].size;
		nr_in++;
	}

	/* Sort the boundaries (insertion sort: the input is mostly sorted). */
	for (i = 1; i < nr_bound; i++) {
		u64 b = bound[i];

		for (j = i; j > 0 && bound[j - 1] > b; j--)
			bound[j] = bound[j - 1];
		bound[j] = b;
	}

	for (i = 0; i + 1 < nr_bound; i++) {
		u64 lo = bound[i], hi = bound[i + 1];
		u32 type = 0;
		int covered = 0;	/* type 0 is a type too (an unknown one) */

		if (lo == hi)
			continue;
		for (j = 0; j < nr_in; j++) {
			if (in[j].addr <= lo && in[j].addr + in[j].size >= hi &&
			    (!covered || e820_type_wins(in[j].type, type))) {
				type = in[j].type;
				covered = 1;
			}
		}
		if (!covered)
			continue;	/* a hole */
		if (nr_out && map[nr_out - 1].type == type &&
		    map[nr_out - 1].addr + map[nr_out - 1].size == lo) {
			map[nr_out - 1].size += hi - lo;
			continue;
		}
		if (nr_out == max_nr) {
			/* Count ranges, not the intervals a range is made of. */
			if (!dropped || dropped_type != type || dropped_end != lo)
				dropped++;
			dropped_type = type;
			dropped_end = hi;
			continue;
		}
		map[nr_out].addr = lo;
		map[nr_out].size = hi - lo;
		map[nr_out].type = type;
		nr_out++;
	}
	*pnr_map = nr_out;
	return dropped;
}

const char *e820_type_name(u32 type, char *buf, size_t len)
{
	switch (type) {
	case E820_RAM:		return "usable";
	case E820_RESERVED:	return "reserved";
	case E820_ACPI:		return "ACPI data";
	case E820_NVS:		return "ACPI NVS";
	case E820_UNUSABLE:	return "unusable";
	}
	snprintf(buf, len, "type %u", type);
	return buf;
}

void e820_print_map(const struct e820map *map, const char *who)
{
	u32 i;

	for (i = 0; i < map->nr_map; i++) {
		const struct e820entry *e = &map->map[i];
		char name[16];

		printk(KERN_INFO "%s: [mem 0x%016llx-0x%016llx] %s\n", who,
		       e->addr, e->addr + e->size - 1,
		       e820_type_name(e->type, name, sizeof(name)));
	}
}
