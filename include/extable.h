/*
 * The exception table (ULK 10.4.4.2, "Fixup code").
 *
 * Each entry pairs the address of an instruction that may fault on
 * purpose (a load from a user pointer, a probe of a kernel address)
 * with the address of its fixup code. The fault handler looks the
 * faulting eip up here before deciding the fault is a bug; on a hit it
 * resumes at the fixup, which typically returns -EFAULT.
 */
#ifndef _MNEME_EXTABLE_H
#define _MNEME_EXTABLE_H

struct exception_table_entry {
	unsigned long insn, fixup;
};

/* In inline assembly: _ASM_EXTABLE(1b, 3b) makes label 1 fault over to label 3. */
#define _ASM_EXTABLE(from, to)						\
	" .pushsection __ex_table,\"a\"\n"				\
	" .balign 4\n"							\
	" .long " #from ", " #to "\n"					\
	" .popsection\n"

void sort_extable(struct exception_table_entry *start,
		  struct exception_table_entry *finish);
const struct exception_table_entry *
search_extable(const struct exception_table_entry *first,
	       const struct exception_table_entry *last, unsigned long value);

void sort_main_extable(void);
const struct exception_table_entry *search_exception_tables(unsigned long addr);

#endif
