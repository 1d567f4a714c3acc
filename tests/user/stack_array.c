/* stack_array.c - the stack grows under a 3 MB local array, touched from its lowest address. */
#include "ktap.h"

#define SIZE (3UL << 20)

static int __attribute__((noinline)) big_frame(void)
{
	volatile char array[SIZE];
	int good = 1;

	for (unsigned long i = 0; i < SIZE; i += PAGE)
		array[i] = (char)(i >> 12);
	for (unsigned long i = SIZE; i-- > 0;)
		if (i % PAGE == 0)
			good &= array[i] == (char)(i >> 12);
	return good;
}

int main(void)
{
	plan(2);
	ok(big_frame(), "a 3 MB local array, written from the bottom up");
	ok(big_frame(), "again, the stack already grown");
	return done();
}
