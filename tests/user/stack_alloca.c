/* stack_alloca.c - the stack grows under a 2 MB alloca, touched from its lowest address. */
#include <alloca.h>
#include "ktap.h"

static int __attribute__((noinline)) use(unsigned long size)
{
	volatile char *p = alloca(size);
	int good = 1;

	for (unsigned long i = 0; i < size; i += PAGE)	/* lowest address first */
		p[i] = (char)(i >> 12);
	for (unsigned long i = 0; i < size; i += PAGE)
		good &= p[i] == (char)(i >> 12);
	return good;
}

int main(void)
{
	plan(2);
	ok(use(2UL << 20), "alloca(2 MB), written from the bottom up");
	ok(use(6UL << 20), "alloca(6 MB)");
	return done();
}
