/*
 * Symbol lookup over the embedded table (include/kallsyms.h).
 *
 * The table holds text symbols only, sorted by address, with one
 * closing address (the end of the last function) so every symbol's
 * size is the distance to the next one.
 */
#include <kernel.h>
#include <string.h>
#include <kallsyms.h>

/* The index of the last symbol at or below addr, or -1. */
static int kallsyms_find(unsigned long addr)
{
	int lo = 0, hi = (int)kallsyms_num_syms - 1, best = -1;

	if (!kallsyms_num_syms || addr < kallsyms_addresses[0] ||
	    addr >= kallsyms_addresses[kallsyms_num_syms])
		return -1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	/* Aliases share an address: report the first name given to it. */
	while (best > 0 && kallsyms_addresses[best - 1] == kallsyms_addresses[best])
		best--;
	return best;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	int i = kallsyms_find(addr);
	unsigned int next;

	if (i < 0)
		return NULL;
	for (next = i + 1; next < kallsyms_num_syms &&
	     kallsyms_addresses[next] == kallsyms_addresses[i]; next++)
		;
	if (symbolsize)
		*symbolsize = kallsyms_addresses[next] - kallsyms_addresses[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_offsets[i];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < kallsyms_num_syms; i++)
		if (!strcmp(kallsyms_names + kallsyms_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}

int sprint_symbol(char *buf, size_t size, unsigned long addr)
{
	unsigned long symsize, offset;
	const char *name = kallsyms_lookup(addr, &symsize, &offset);

	if (!name)
		return scnprintf(buf, size, "0x%lx", addr);
	return scnprintf(buf, size, "%s+0x%lx/0x%lx", name, offset, symsize);
}

int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		return scnprintf(buf, size, "0x%lx", addr);
	return scnprintf(buf, size, "%s", name);
}
