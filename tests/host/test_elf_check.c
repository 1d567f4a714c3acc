/*
 * fs/elf_check.c: the checks exec makes before it gives up the old
 * program. A valid static executable as musl's linker lays one out (a
 * read-only segment with the headers, text, data and bss), then one
 * fault at a time, each of which must be -ENOEXEC and nothing else.
 */
#include <errno.h>
#include <string.h>
#include "harness.h"
#include "elf_ref.h"

struct image {
	Elf32_Ehdr eh;
	Elf32_Phdr ph[6];
};

/* Three PT_LOADs and a PT_GNU_STACK, as i686 musl-gcc -static makes them. */
static void make_exec(struct image *im)
{
	memset(im, 0, sizeof(*im));
	memcpy(im->eh.e_ident, "\177ELF", 4);
	im->eh.e_ident[EI_CLASS] = ELFCLASS32;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_386;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = 0x08049000;
	im->eh.e_phoff = sizeof(Elf32_Ehdr);
	im->eh.e_ehsize = sizeof(Elf32_Ehdr);
	im->eh.e_phentsize = sizeof(Elf32_Phdr);
	im->eh.e_phnum = 4;
	im->ph[0] = (Elf32_Phdr){ PT_LOAD, 0, 0x08048000, 0x08048000, 0x200, 0x200, PF_R, 0x1000 };
	im->ph[1] = (Elf32_Phdr){ PT_LOAD, 0x1000, 0x08049000, 0x08049000, 0x3456, 0x3456,
				  PF_R | PF_X, 0x1000 };
	im->ph[2] = (Elf32_Phdr){ PT_LOAD, 0x4f00, 0x0804df00, 0x0804df00, 0x180, 0x2340,
				  PF_R | PF_W, 0x1000 };
	im->ph[3] = (Elf32_Phdr){ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 };
}

static int check(struct image *im, struct elf_image *out)
{
	int err = elf_check_header(&im->eh);
	uint64_t lo, hi;
	int ref;

	if (!err)
		err = elf_check_phdrs(&im->eh, im->ph, out);
	/* The kernel and the independent rules agree on every image here. */
	ref = (im->eh.e_phnum <= 6) ? elf_ref_check(&im->eh, im->ph, &lo, &hi) : ENOEXEC;
	EXPECT_EQ(err, -ref);
	if (!err && !ref) {
		EXPECT_EQ(out->lo, lo);
		EXPECT_EQ(out->hi, hi);
	}
	return err;
}

TEST(valid_static_executable)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.lo, 0x08048000);
	EXPECT_EQ(img.hi, 0x08051000);	/* bss ends at 0x0805023f: rounded up */
	EXPECT_EQ(img.nr_load, 3);
	EXPECT_EQ(img.interp, 0);
	EXPECT_EQ(img.exec_stack, 0);	/* PT_GNU_STACK without PF_X */
	EXPECT_EQ(img.phdr_addr, 0x08048034);	/* e_phoff inside the first segment */
}

TEST(static_pie_is_placed_from_zero)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	im.eh.e_type = ET_DYN;
	im.ph[0].p_vaddr = 0;
	im.ph[1].p_vaddr = 0x1000;
	im.ph[2].p_vaddr = 0x5f00;
	im.eh.e_entry = 0x1234;
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.lo, 0);
	EXPECT_EQ(img.hi, 0x9000);
	/* The same ET_EXEC would sit on page 0, which is never mapped. */
	im.eh.e_type = ET_EXEC;
	EXPECT_EQ(check(&im, &img), -ENOEXEC);
}

TEST(no_gnu_stack_means_executable_stack)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	im.eh.e_phnum = 3;
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.exec_stack, 1);
}

TEST(pt_phdr_wins)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	im.ph[4] = im.ph[3];
	im.ph[3] = (Elf32_Phdr){ PT_PHDR, 0x34, 0x08048034, 0, 0xa0, 0xa0, PF_R, 4 };
	im.eh.e_phnum = 5;
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.phdr_addr, 0x08048034);
	im.ph[3].p_vaddr = 0x0804a000;
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.phdr_addr, 0x0804a000);
}

TEST(interpreter_is_reported)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	im.ph[3] = (Elf32_Phdr){ PT_INTERP, 0x154, 0x08048154, 0, 0x13, 0x13, PF_R, 1 };
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.interp, 1);
}

/* Each of these turns the valid image into one exec must refuse. */
static void bad_magic(struct image *im) { im->eh.e_ident[1] = 'e'; }
static void bad_class(struct image *im) { im->eh.e_ident[EI_CLASS] = 2; }
static void big_endian(struct image *im) { im->eh.e_ident[EI_DATA] = 2; }
static void relocatable(struct image *im) { im->eh.e_type = 1; }
static void core_file(struct image *im) { im->eh.e_type = 4; }
static void x86_64(struct image *im) { im->eh.e_machine = 62; }
static void phentsize(struct image *im) { im->eh.e_phentsize = 56; }
static void no_phdrs(struct image *im) { im->eh.e_phnum = 0; }
static void too_many_phdrs(struct image *im) { im->eh.e_phnum = 2049; }
static void filesz_over_memsz(struct image *im) { im->ph[2].p_filesz = 0x2341; }
static void offset_not_congruent(struct image *im) { im->ph[1].p_offset = 0x1004; }
static void segment_in_kernel(struct image *im) { im->ph[2].p_vaddr = 0xc0000f00;
						  im->ph[2].p_offset = 0xf00; }
static void segment_wraps(struct image *im) { im->ph[2].p_memsz = 0xfffff000; }
static void segment_to_task_size(struct image *im) { im->ph[2].p_memsz = 0xc0000000 - 0x0804df00 + 1; }
static void on_page_zero(struct image *im) { im->ph[0].p_vaddr = 0x0; }
static void entry_in_kernel(struct image *im) { im->eh.e_entry = 0xc0001000; }
static void nothing_to_load(struct image *im) { im->ph[0].p_type = im->ph[1].p_type =
						im->ph[2].p_type = PT_NOTE; }
static void only_empty_loads(struct image *im) { im->ph[0].p_memsz = im->ph[0].p_filesz = 0;
						 im->ph[1].p_memsz = im->ph[1].p_filesz = 0;
						 im->ph[2].p_memsz = im->ph[2].p_filesz = 0; }

TEST(malformed_images_are_enoexec)
{
	static const struct { const char *name; void (*spoil)(struct image *); } cases[] = {
		{ "bad magic", bad_magic }, { "ELFCLASS64", bad_class },
		{ "big-endian", big_endian }, { "ET_REL", relocatable }, { "ET_CORE", core_file },
		{ "EM_X86_64", x86_64 }, { "e_phentsize 56", phentsize }, { "e_phnum 0", no_phdrs },
		{ "e_phnum 2049 (> 64 KB of headers)", too_many_phdrs },
		{ "p_filesz > p_memsz", filesz_over_memsz },
		{ "p_offset not congruent to p_vaddr", offset_not_congruent },
		{ "segment at 0xc0000f00", segment_in_kernel }, { "segment wraps", segment_wraps },
		{ "segment one byte past TASK_SIZE", segment_to_task_size },
		{ "ET_EXEC on page 0", on_page_zero }, { "entry in the kernel", entry_in_kernel },
		{ "no PT_LOAD", nothing_to_load }, { "only empty PT_LOADs", only_empty_loads },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct image im;
		struct elf_image img;
		int err;

		make_exec(&im);
		cases[i].spoil(&im);
		err = check(&im, &img);
		if (err != -ENOEXEC)
			ht_fail(__FILE__, __LINE__, 0, "%s: expected -ENOEXEC, got %d",
				cases[i].name, err);
	}
}

TEST(segment_ending_at_task_size_fits)
{
	struct image im;
	struct elf_image img;

	make_exec(&im);
	im.ph[2].p_memsz = 0xc0000000 - 0x0804df00;
	ASSERT_EQ(check(&im, &img), 0);
	EXPECT_EQ(img.hi, 0xc0000000);
}
