/*
 * libFuzzer target for fs/elf_check.c: the input is an ELF header
 * followed by program headers (as many as the input holds; the header's
 * e_phnum is clamped to them, as the loader reads exactly e_phnum). The
 * kernel's verdict must be the reference's (elf_ref.h), and an accepted
 * image's span must hold every PT_LOAD and stay below TASK_SIZE.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf_ref.h"

static void die(const char *msg)
{
	fprintf(stderr, "fuzz_elf: %s\n", msg);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Elf32_Ehdr eh;
	Elf32_Phdr *ph;
	struct elf_image img;
	size_t n;
	uint64_t lo = 0, hi = 0;
	int err, ref;
	unsigned int i;

	if (size < sizeof(eh))
		return 0;
	memcpy(&eh, data, sizeof(eh));
	/* Make the common case common: the magic right often enough. */
	if (size > sizeof(eh) && (data[sizeof(eh) - 1] & 1))
		memcpy(eh.e_ident, "\177ELF\1\1\1", 7);
	n = (size - sizeof(eh)) / sizeof(Elf32_Phdr);
	if (eh.e_phnum > n)
		eh.e_phnum = (Elf32_Half)n;
	ph = malloc((n ? n : 1) * sizeof(*ph));
	if (!ph)
		die("out of memory");
	memcpy(ph, data + sizeof(eh), n * sizeof(*ph));

	err = elf_check_header(&eh);
	if (!err)
		err = elf_check_phdrs(&eh, ph, &img);
	ref = elf_ref_check(&eh, ph, &lo, &hi);
	if (err != -ref) {
		fprintf(stderr, "kernel %d, reference %d\n", err, -ref);
		die("verdicts differ");
	}
	if (!err) {
		if (img.lo != lo || img.hi != hi)
			die("span differs from the reference");
		if (img.lo & 4095 || img.hi & 4095 || img.lo >= img.hi || img.hi > REF_TASK_SIZE)
			die("bad span");
		for (i = 0; i < eh.e_phnum; i++)
			if (ph[i].p_type == PT_LOAD && ph[i].p_memsz &&
			    (ph[i].p_vaddr < img.lo || ph[i].p_vaddr + (uint64_t)ph[i].p_memsz > img.hi))
				die("a segment outside the span");
	}
	free(ph);
	return 0;
}
