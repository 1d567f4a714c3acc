/*
 * ELF32 for i386 (the System V ABI's gABI and i386 supplement), with
 * the names Linux's include/uapi/linux/elf.h gives: what the ELF
 * loader (fs/binfmt_elf.c) reads from an executable and what it puts
 * on a new program's stack (the auxiliary vector, ULK 20.4).
 * tests/uapi/ checks every constant and layout here against Linux's.
 */
#ifndef _MNEME_ELF_H
#define _MNEME_ELF_H

#include <types.h>

typedef u32 Elf32_Addr;
typedef u16 Elf32_Half;
typedef u32 Elf32_Off;
typedef s32 Elf32_Sword;
typedef u32 Elf32_Word;

#define EI_NIDENT	16
#define EI_MAG0		0
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define EV_CURRENT	1

#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define EM_486		6	/* Linux's elf_check_arch() takes it too */

typedef struct elf32_hdr {
	unsigned char e_ident[EI_NIDENT];
	Elf32_Half e_type;
	Elf32_Half e_machine;
	Elf32_Word e_version;
	Elf32_Addr e_entry;
	Elf32_Off e_phoff;
	Elf32_Off e_shoff;
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct elf32_phdr {
	Elf32_Word p_type;
	Elf32_Off p_offset;
	Elf32_Addr p_vaddr;
	Elf32_Addr p_paddr;
	Elf32_Word p_filesz;
	Elf32_Word p_memsz;
	Elf32_Word p_flags;
	Elf32_Word p_align;
} Elf32_Phdr;

#define elfhdr		elf32_hdr
#define elf_phdr	elf32_phdr

/* The auxiliary vector's types (Linux's uapi/linux/auxvec.h, asm/auxvec.h). */
#define AT_NULL		0
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31
#define AT_SYSINFO	32
#define AT_SYSINFO_EHDR	33

/*
 * What the loader's checks (fs/elf_check.c) learn of an image before
 * anything of the old program is given up.
 *
 *   lo, hi       the page-aligned span of the PT_LOAD segments' addresses
 *                (before the load bias of an ET_DYN image)
 *   phdr_addr    where the program headers are in the image's memory
 *                (PT_PHDR, or inside the segment that maps file offset
 *                e_phoff), 0 if nowhere: AT_PHDR
 *   interp       whether there is a PT_INTERP (a dynamically linked
 *                program: Mneme has no dynamic loader)
 *   exec_stack   PT_GNU_STACK's PF_X (or no PT_GNU_STACK: i386's default)
 */
struct elf_image {
	unsigned long lo, hi;
	unsigned long phdr_addr;
	unsigned int nr_load;
	int interp;
	int exec_stack;
};

/* The largest program-header table Linux reads (ELF_MIN_ALIGN .. 64 KB). */
#define ELF_PHDRS_MAX	65536

int elf_check_header(const struct elfhdr *eh);
int elf_check_phdrs(const struct elfhdr *eh, const struct elf_phdr *ph, struct elf_image *img);

#endif
