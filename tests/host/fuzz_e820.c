/*
 * libFuzzer target for arch/x86/e820.c. The first byte picks the mode
 * and max_nr; the rest is either a multiboot memory-map buffer (parsed
 * by e820_from_multiboot() and compared with the reference parser) or
 * raw e820 entries. Either way the map is then sanitized and checked
 * against the model in e820_ref.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kapi.h"
#include "e820_ref.h"

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_e820: %s: %s\n", what, msg);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820map map, want, in;
	unsigned int problems, want_problems;
	unsigned char *buf;
	int max_nr, dropped;
	char msg[256];

	if (size < 1)
		return 0;
	max_nr = data[0] >> 1;
	if (max_nr > E820MAX || max_nr == 0x7f)
		max_nr = E820MAX;
	size--;
	buf = malloc(size ? size : 1);	/* exact size: ASan sees overreads */
	memcpy(buf, data + 1, size);

	if (data[0] & 1) {
		/* Raw entries, unclipped: sanitize's own range checks. */
		size_t n = size / sizeof(struct e820entry);

		if (n > E820MAX)
			n = E820MAX;
		memcpy(map.map, buf, n * sizeof(struct e820entry));
		map.nr_map = n;
	} else {
		problems = e820_from_multiboot(&map, buf, size);
		want_problems = ref_from_multiboot(&want, buf, size);
		if (problems != want_problems)
			die("e820_from_multiboot", "problem bits differ from the reference");
		if (!ref_same_map(&map, &want))
			die("e820_from_multiboot", "map differs from the reference");
	}
	free(buf);

	in = map;
	dropped = sanitize_e820_map(map.map, max_nr, &map.nr_map);
	if (ref_check_sanitized(in.map, in.nr_map, map.map, map.nr_map, max_nr, dropped,
				msg, sizeof(msg)))
		die("sanitize_e820_map", msg);
	host_printk_clear();
	return 0;
}
