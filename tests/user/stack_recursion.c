/* stack_recursion.c - the stack grows page by page under 4 MB of recursion. */
#include "ktap.h"

static volatile int depth_seen;

static unsigned __attribute__((noinline)) recurse(int n)
{
	volatile char frame[1000];

	frame[0] = (char)n;
	frame[999] = (char)(n >> 8);
	if (n > depth_seen)
		depth_seen = n;
	if (n == 0)
		return 0;
	return recurse(n - 1) + (unsigned char)frame[0] + (unsigned char)frame[999];
}

int main(void)
{
	unsigned want = 0, got;

	plan(3);
	for (int n = 1; n <= 4000; n++)
		want += (unsigned char)n + (unsigned char)(n >> 8);
	got = recurse(4000);
	ok_eq(got, want, "4000 frames of 1 KB (4 MB of stack): every frame kept its data");
	ok_eq(depth_seen, 4000, "every level ran");
	ok_eq(recurse(4000), want, "and again, on the grown stack");
	return done();
}
