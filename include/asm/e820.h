/*
 * The physical memory map, in the form of the BIOS e820 call that
 * GRUB and QEMU pass on through multiboot (ULK 2.5.3): a list of
 * [addr, addr + size) ranges, each usable RAM or reserved in some way.
 */
#ifndef _ASM_E820_H
#define _ASM_E820_H

#include <types.h>

#define E820MAX		128

#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3	/* ACPI tables: reclaimable once parsed */
#define E820_NVS	4	/* ACPI non-volatile storage */
#define E820_UNUSABLE	5	/* bad memory */

/*
 * The legacy hole below 1 MB: video memory and the BIOS's ROMs, never
 * RAM for the kernel whatever the map says (ULK 8.1.1).
 */
#define ISA_START_ADDRESS	0xa0000
#define ISA_END_ADDRESS		0x100000

/* Ranges beyond the 52-bit physical address space are clipped. */
#define E820_MAX_ADDR	(1ULL << 52)

struct e820entry {
	u64 addr;
	u64 size;
	u32 type;
} __attribute__((packed));

struct e820map {
	u32 nr_map;
	struct e820entry map[E820MAX];
};

extern struct e820map e820;

/*
 * Turn the loader's map into a clean one: sorted, no overlaps (where
 * ranges overlap, the more restrictive type wins: RAM < ACPI data <
 * ACPI NVS < reserved < unusable; unknown types count as reserved),
 * no empty ranges, adjacent ranges of one type merged. Works in place
 * on map[0 .. *pnr_map), which may hold up to max_nr entries. Returns
 * the number of ranges it had to drop for lack of room (normally 0).
 */
int sanitize_e820_map(struct e820entry *map, int max_nr, u32 *pnr_map);

/*
 * Read a multiboot memory map (mmap_addr/mmap_length) into map. A
 * malformed entry (size field below 20, or running past the end)
 * ends the walk. Returns a bitmask of E820_PARSE_* problems seen.
 */
#define E820_PARSE_TRUNCATED	0x1	/* an entry ran past mmap_length or was malformed */
#define E820_PARSE_OVERFLOW	0x2	/* more than E820MAX entries */
#define E820_PARSE_CLIPPED	0x4	/* a range wrapped or went beyond E820_MAX_ADDR */
unsigned int e820_from_multiboot(struct e820map *map, const void *mmap, u32 length);

void e820_add_region(struct e820map *map, u64 start, u64 size, u32 type);
/* Is [start, end) wholly covered by ranges of this type? (A sanitized map: sorted, no overlaps.) */
int e820_all_mapped(const struct e820map *map, u64 start, u64 end, u32 type);
const char *e820_type_name(u32 type, char *buf, size_t len);
void e820_print_map(const struct e820map *map, const char *who);

void setup_memory_map(void);

#endif
