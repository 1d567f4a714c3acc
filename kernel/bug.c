/* The BUG() table: ud2 addresses to file:line (include/bug.h). */
#include <kernel.h>
#include <bug.h>

extern const struct bug_entry __start___bug_table[], __stop___bug_table[];

const struct bug_entry *find_bug(unsigned long addr)
{
	const struct bug_entry *b;

	for (b = __start___bug_table; b < __stop___bug_table; b++)
		if (b->bug_addr == addr)
			return b;
	return NULL;
}
