/*
 * Sorting and searching the exception table. Entries come out of the
 * linker in link order, not address order, so the table is sorted once
 * at boot and then binary-searched on every fault.
 */
#include <kernel.h>
#include <extable.h>

extern struct exception_table_entry __start___ex_table[];
extern struct exception_table_entry __stop___ex_table[];

/*
 * Insertion sort: the table is short and nearly sorted (the compiler
 * emits entries in address order within each object file).
 */
void sort_extable(struct exception_table_entry *start,
		  struct exception_table_entry *finish)
{
	struct exception_table_entry *p, *q, tmp;

	for (p = start + 1; p < finish; p++) {
		tmp = *p;
		for (q = p; q > start && q[-1].insn > tmp.insn; q--)
			q[0] = q[-1];
		*q = tmp;
	}
}

/* Binary search in [first, last] (inclusive, as in Linux). */
const struct exception_table_entry *
search_extable(const struct exception_table_entry *first,
	       const struct exception_table_entry *last, unsigned long value)
{
	while (first <= last) {
		const struct exception_table_entry *mid = first + (last - first) / 2;

		if (mid->insn == value)
			return mid;
		if (mid->insn < value)
			first = mid + 1;
		else
			last = mid - 1;
	}
	return NULL;
}

#ifdef __KERNEL__
void sort_main_extable(void)
{
	sort_extable(__start___ex_table, __stop___ex_table);
}

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	return search_extable(__start___ex_table, __stop___ex_table - 1, addr);
}
#endif
