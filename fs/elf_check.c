/*
 * The checks an ELF executable must pass before exec gives up the old
 * program (fs/binfmt_elf.c calls them; ULK 20.4, Linux's
 * load_elf_binary()). Pure functions of the header and the program
 * headers, so tests/host/ can drive them with any bytes at all.
 *
 * Linux checks the header and the program-header table here too, and
 * returns -ENOEXEC for what is not an i386 ELF executable. What it
 * finds wrong in a segment only after the point of no return (a file
 * size above the memory size, an address past TASK_SIZE, a file offset
 * not congruent to the address modulo the page size) it answers by
 * killing the half-built process; Mneme finds the same faults first and
 * returns -ENOEXEC, so a malformed binary never costs the caller its
 * image (README, "what differs from Linux").
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <asm/page.h>

int elf_check_header(const struct elfhdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	/* elf_check_arch(): i386 code in 32-bit little-endian ELF. */
	if (eh->e_machine != EM_386 && eh->e_machine != EM_486)
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return -ENOEXEC;
	/* load_elf_phdrs(): Linux's sizes for the program-header table. */
	if (eh->e_phentsize != sizeof(struct elf_phdr))
		return -ENOEXEC;
	if (eh->e_phnum < 1 || (u32)eh->e_phnum * sizeof(struct elf_phdr) > ELF_PHDRS_MAX)
		return -ENOEXEC;
	return 0;
}

/* The page-aligned address range [start, end) of a segment, or -ENOEXEC. */
static int segment_span(const struct elf_phdr *p, unsigned long *start, unsigned long *end)
{
	u32 last;

	if (p->p_filesz > p->p_memsz)
		return -ENOEXEC;
	if ((p->p_vaddr - p->p_offset) & ~PAGE_MASK)
		return -ENOEXEC;
	/* The whole segment below TASK_SIZE, without wrapping. */
	if (p->p_vaddr >= TASK_SIZE || p->p_memsz > TASK_SIZE - p->p_vaddr)
		return -ENOEXEC;
	last = p->p_vaddr + p->p_memsz;
	*start = p->p_vaddr & PAGE_MASK;
	*end = PAGE_ALIGN((unsigned long)last);
	return 0;
}

int elf_check_phdrs(const struct elfhdr *eh, const struct elf_phdr *ph, struct elf_image *img)
{
	unsigned long start, end;
	unsigned int i;
	int interp = 0;
	int err;

	memset(img, 0, sizeof(*img));
	img->exec_stack = 1;	/* i386 without PT_GNU_STACK: executable */
	img->lo = ~0UL;
	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf_phdr *p = &ph[i];

		switch (p->p_type) {
		case PT_INTERP:
			interp = 1;
			break;
		case PT_GNU_STACK:
			img->exec_stack = !!(p->p_flags & PF_X);
			break;
		case PT_PHDR:
			img->phdr_addr = p->p_vaddr;
			break;
		case PT_LOAD:
			err = segment_span(p, &start, &end);
			if (err)
				return err;
			if (p->p_memsz == 0)
				break;
			img->nr_load++;
			if (start < img->lo)
				img->lo = start;
			if (end > img->hi)
				img->hi = end;
			break;
		}
	}
	img->interp = interp;
	if (!img->nr_load)
		return -ENOEXEC;
	/* An ET_EXEC is placed where it says; not on the never-mapped page 0. */
	if (eh->e_type == ET_EXEC && img->lo < PAGE_SIZE)
		return -ENOEXEC;
	/* An ET_DYN image moves as a whole: its span must fit below TASK_SIZE. */
	if (img->hi - img->lo > TASK_SIZE - PAGE_SIZE)
		return -ENOEXEC;
	if (eh->e_type == ET_EXEC && eh->e_entry >= TASK_SIZE)
		return -ENOEXEC;
	if (eh->e_type == ET_DYN && eh->e_entry >= img->hi)
		return -ENOEXEC;
	/* AT_PHDR without PT_PHDR: the segment that maps the table's offset. */
	if (!img->phdr_addr) {
		for (i = 0; i < eh->e_phnum; i++) {
			const struct elf_phdr *p = &ph[i];

			if (p->p_type == PT_LOAD && eh->e_phoff >= p->p_offset &&
			    eh->e_phoff - p->p_offset < p->p_filesz) {
				img->phdr_addr = p->p_vaddr + (eh->e_phoff - p->p_offset);
				break;
			}
		}
	}
	return 0;
}
