/*
 * An independent statement of the ELF loader's acceptance rules
 * (fs/elf_check.c), for the host test and the fuzzer: 64-bit arithmetic
 * throughout, so no check can wrap, and written from the rules in
 * README.md ("Exec"), not from the kernel's code.
 */
#ifndef _HOST_ELF_REF_H
#define _HOST_ELF_REF_H

#include <stdint.h>
#include <string.h>
#include "include/elf.h"

#define REF_TASK_SIZE	0xC0000000ull
#define REF_PAGE	4096ull

/*
 * The host shim makes PAGE_OFFSET (and so TASK_SIZE) a variable, where
 * the page-allocator tests' arena starts; these programs have no arena
 * and set it to the target's value before main() or the first input.
 */
extern unsigned long host_direct_map;
__attribute__((constructor)) static void elf_ref_task_size(void)
{
	host_direct_map = (unsigned long)REF_TASK_SIZE;
}

/* 0 if accepted (and *lo, *hi set), else the errno (positive). */
static inline int elf_ref_check(const Elf32_Ehdr *eh, const Elf32_Phdr *ph,
				uint64_t *lo_out, uint64_t *hi_out)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	unsigned int i, loads = 0;

	if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
	    eh->e_ident[3] != 'F')
		return ENOEXEC;
	if (!(eh->e_type == 2 || eh->e_type == 3))
		return ENOEXEC;
	if (!(eh->e_machine == 3 || eh->e_machine == 6))
		return ENOEXEC;
	if (eh->e_ident[4] != 1 || eh->e_ident[5] != 1)
		return ENOEXEC;
	if (eh->e_phentsize != 32 || eh->e_phnum == 0 || eh->e_phnum * 32ull > 65536)
		return ENOEXEC;
	for (i = 0; i < eh->e_phnum; i++) {
		uint64_t va = ph[i].p_vaddr, end = va + (uint64_t)ph[i].p_memsz;

		if (ph[i].p_type != 1)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz)
			return ENOEXEC;
		if ((va % REF_PAGE) != (ph[i].p_offset % REF_PAGE))
			return ENOEXEC;
		if (end > REF_TASK_SIZE || va >= REF_TASK_SIZE)
			return ENOEXEC;
		if (ph[i].p_memsz == 0)
			continue;
		loads++;
		if (va / REF_PAGE * REF_PAGE < lo)
			lo = va / REF_PAGE * REF_PAGE;
		if ((end + REF_PAGE - 1) / REF_PAGE * REF_PAGE > hi)
			hi = (end + REF_PAGE - 1) / REF_PAGE * REF_PAGE;
	}
	if (!loads)
		return ENOEXEC;
	if (eh->e_type == 2 && lo < REF_PAGE)
		return ENOEXEC;
	if (hi - lo > REF_TASK_SIZE - REF_PAGE)
		return ENOEXEC;
	if (eh->e_type == 2 && eh->e_entry >= REF_TASK_SIZE)
		return ENOEXEC;
	if (eh->e_type == 3 && eh->e_entry >= hi)
		return ENOEXEC;
	*lo_out = lo;
	*hi_out = hi;
	return 0;
}

#endif
