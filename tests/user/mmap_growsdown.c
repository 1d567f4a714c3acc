/*
 * mmap_growsdown.c - MAP_GROWSDOWN: a region that grows down when touched
 * just below it. The touch is made with %esp moved to the region's bottom,
 * so that it obeys both 6.1's rule and 2.6's (ULK 9.4: esp - 65536 - 128).
 */
#include <sys/mman.h>
#include "fault.h"

/* Write value at (bottom - 16) with %esp at bottom; back to the real stack. */
static void touch_below(char *bottom, int value)
{
	asm volatile("movl %%esp, %%ecx\n\t"
		     "movl %0, %%esp\n\t"
		     "movl %1, -16(%%esp)\n\t"
		     "movl %%ecx, %%esp"
		     : : "r"(bottom), "r"(value) : "ecx", "memory");
}

int main(void)
{
	char *base, *p;

	plan(5);
	/* A free 1 MB area, then the growsdown region in its top 2 pages. */
	base = mmap(NULL, 256 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(base, 256 * PAGE);
	p = mmap(base + 254 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED, -1, 0);
	ok(p == base + 254 * PAGE, "MAP_GROWSDOWN mapping at its address");
	p[0] = 1;
	ok(p[0] == 1 && p[2 * PAGE - 1] == 0, "its pages are usable");
	touch_below(p, 0x12345678);
	ok(*(int *)(p - 16) == 0x12345678, "a write just below it (with esp there) grows it");
	ok(probe(p - PAGE, 0) == 0, "the new page is mapped");
	ok(munmap(base, 256 * PAGE) == 0, "munmap of the whole area");
	return done();
}
