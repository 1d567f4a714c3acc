/*
 * The kernel's own symbol table, embedded in the image as Linux's
 * kallsyms: function names for oops reports, stack traces and %pS.
 * scripts/kallsyms.py generates the table from a first link of the
 * kernel (see the Makefile); kernel/kallsyms.c searches it.
 */
#ifndef _MNEME_KALLSYMS_H
#define _MNEME_KALLSYMS_H

#include <types.h>

#define KSYM_NAME_LEN	128
/* "name+0xoffset/0xsize": enough for any symbol we print. */
#define KSYM_SYMBOL_LEN	(KSYM_NAME_LEN + 2 * 2 + 2 * 8 + 4)

/* The generated tables (build/kallsyms.c), in section .kallsyms. */
extern const unsigned int kallsyms_num_syms;
extern const unsigned long kallsyms_addresses[];	/* sorted; one extra: the end */
extern const unsigned int kallsyms_offsets[];		/* into kallsyms_names */
extern const char kallsyms_names[];

/*
 * Find the function containing addr: its name, the offset of addr in
 * it and its size. Returns NULL when addr is outside the kernel's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);

/* "name+0x1c/0x40", or the bare hex address. Returns the length. */
int sprint_symbol(char *buf, size_t size, unsigned long addr);
/* "name" alone, or the bare hex address. */
int sprint_symbol_no_offset(char *buf, size_t size, unsigned long addr);

#endif
