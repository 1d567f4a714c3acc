/*
 * libFuzzer target for kernel/vsprintf.c: the input's bytes choose a
 * format from safe pieces (fmtgen.h) and its arguments, never the
 * format's text itself; the kernel's output must equal glibc's, also
 * truncated to a size the input picks, and scnprintf must return what
 * it stored.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kapi.h"
#include "fmtgen.h"

struct bytes {
	const uint8_t *p;
	size_t n;
};

/* A number in [0, n) from the next bytes (0 once they run out). */
static unsigned long long take(void *ctx, unsigned long long n)
{
	struct bytes *b = ctx;
	unsigned long long v = 0;
	int i;

	if (n <= 1)
		return 0;
	for (i = 0; i < 8 && b->n && (i == 0 || (n - 1) >> (8 * i)); i++) {
		v |= (unsigned long long)*b->p++ << (8 * i);
		b->n--;
	}
	return v % n;
}

static void die(const struct fg_case *c, const char *what, int rg, const char *g, int rk, const char *k)
{
	fprintf(stderr, "fuzz_vsprintf: %s\n  format \"%s\" class %d\n  glibc  %d \"%s\"\n  kernel %d \"%s\"\n",
		what, c->fmt, c->cls, rg, g, rk, k);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	struct fg_case c;
	char gbuf[1024], kbuf[1024], *tbuf;
	int rg, rk;
	size_t tsize, stored;

	fg_generate(&c, take, &b);
	rg = fg_call((fg_printf_fn)snprintf, gbuf, sizeof(gbuf), &c);
	rk = fg_call(kernel_snprintf, kbuf, sizeof(kbuf), &c);
	if (rg < 0 || rg >= (int)sizeof(gbuf))
		return 0;
	if (rg != rk || memcmp(gbuf, kbuf, rg + 1))
		die(&c, "output differs", rg, gbuf, rk, kbuf);

	tsize = take(&b, rg + 2);
	stored = tsize ? (tsize - 1 < (size_t)rg ? tsize - 1 : (size_t)rg) : 0;
	tbuf = tsize ? malloc(tsize) : NULL;
	rk = fg_call(kernel_snprintf, tbuf, tsize, &c);
	if (rk != rg || (tsize && (memcmp(tbuf, gbuf, stored) || tbuf[stored])))
		die(&c, "truncated output differs", rg, gbuf, rk, tbuf ? tbuf : "");
	rk = fg_call(kernel_scnprintf, tbuf, tsize, &c);
	if (rk != (int)stored)
		die(&c, "scnprintf return value", (int)stored, gbuf, rk, tbuf ? tbuf : "");
	free(tbuf);
	return 0;
}
