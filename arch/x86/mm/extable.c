/* Resuming at an exception-table fixup (see include/extable.h). */
#include <kernel.h>
#include <extable.h>
#include <asm/traps.h>

int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->eip);

	if (!e)
		return 0;
	regs->eip = e->fixup;
	return 1;
}
