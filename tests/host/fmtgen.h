/*
 * Random printf formats and their arguments, shared by test_vsprintf
 * (driven by ht_rand) and fuzz_vsprintf (driven by the fuzzer's bytes).
 *
 * A format mixes literal text, "%%" and up to FG_MAX_CONV conversions,
 * all of whose arguments have one C type (the format's class): the
 * format can then be called with FG_MAX_ARGS arguments of that type,
 * in plain standard C, whatever conversions it holds (unused arguments
 * are ignored). '*' widths and precisions take an int, so only formats
 * of class FG_INT use them. Widths and precisions stay small: only the
 * kernel's parser is under test, not the size of the output.
 *
 * Everything generated has C99-defined output, except combinations
 * glibc and the kernel treat alike ('#' on d/i/u, '0' on c/s, a
 * precision on c: ignored by both).
 */
#ifndef _HOST_FMTGEN_H
#define _HOST_FMTGEN_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FG_MAX_CONV	4
#define FG_MAX_ARGS	(3 * FG_MAX_CONV)	/* width, precision, value */
#define FG_FMT_LEN	256

enum fg_class { FG_INT, FG_LONG, FG_LLONG, FG_SIZE, FG_PTRDIFF, FG_INTMAX, FG_STR, FG_NR_CLASSES };

struct fg_case {
	enum fg_class cls;
	char fmt[FG_FMT_LEN];
	long long arg[FG_MAX_ARGS];		/* converted to the class's type at the call */
	const char *str[FG_MAX_ARGS];		/* FG_STR */
};

/* The source of choices: returns a number in [0, n). */
typedef unsigned long long (*fg_next_fn)(void *ctx, unsigned long long n);

static const unsigned long long fg_values[] = {
	0, 1, 2, 7, 8, 9, 10, 15, 16, 42, 99, 100, 127, 128, 255, 256,
	0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ULL, 0x0123456789abcdefULL, 0x7fffffffffffffffULL,
	0x8000000000000000ULL, 0xffffffffffffffffULL,
	(unsigned long long)-1, (unsigned long long)-2, (unsigned long long)-42,
	(unsigned long long)-128, (unsigned long long)-129, (unsigned long long)-32768,
	(unsigned long long)-1000000,
};

static const char *const fg_strings[] = {
	"", "a", "ab", "hello", "Mneme", "%d", "with space", "0123456789abcdefghij",
	"\x7f\x80\xff", "a longer string, longer than most of the widths used",
};

static long long fg_value(fg_next_fn next, void *ctx)
{
	unsigned long long v;

	switch (next(ctx, 4)) {
	case 0:
	case 1:
		return (long long)fg_values[next(ctx, sizeof(fg_values) / sizeof(fg_values[0]))];
	case 2:
		return (long long)next(ctx, 1000) - 500;
	default:
		v = next(ctx, 1ULL << 32) << 32 | next(ctx, 1ULL << 32);
		return (long long)(v >> next(ctx, 64));
	}
}

static size_t fg_append(struct fg_case *c, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len + n >= FG_FMT_LEN)
		return len;
	memcpy(c->fmt + len, s, n + 1);
	return len + n;
}

/* One conversion specification appended to c->fmt; its arguments go to c->arg[*nargs...]. */
static size_t fg_spec(struct fg_case *c, size_t len, int *nargs, fg_next_fn next, void *ctx)
{
	static const char flag_chars[] = "-+ #0";
	static const char *const int_lengths[] = { "", "", "hh", "h" };
	static const char *const class_length[] = {
		[FG_LONG] = "l", [FG_LLONG] = "ll", [FG_SIZE] = "z",
		[FG_PTRDIFF] = "t", [FG_INTMAX] = "j",
	};
	static const char int_convs[] = "diuoxXc";
	char spec[64];
	int n = 0, i, nflags;
	char conv;

	spec[n++] = '%';
	nflags = next(ctx, 8) < 5 ? (int)next(ctx, 3) : (int)next(ctx, 6);
	for (i = 0; i < nflags; i++)
		spec[n++] = flag_chars[next(ctx, 5)];

	switch (next(ctx, 4)) {	/* width */
	case 0:
		n += snprintf(spec + n, sizeof(spec) - n, "%d", (int)next(ctx, 40) + 1);
		break;
	case 1:
		if (c->cls == FG_INT) {
			spec[n++] = '*';
			c->arg[(*nargs)++] = (long long)next(ctx, 61) - 30;
		}
		break;
	}
	switch (next(ctx, 5)) {	/* precision */
	case 0:
		spec[n++] = '.';
		break;
	case 1:
		n += snprintf(spec + n, sizeof(spec) - n, ".%d", (int)next(ctx, 40));
		break;
	case 2:
		if (c->cls == FG_INT) {
			spec[n++] = '.';
			spec[n++] = '*';
			c->arg[(*nargs)++] = (long long)next(ctx, 46) - 5;
		}
		break;
	}

	if (c->cls == FG_STR) {
		conv = 's';
		c->str[*nargs] = fg_strings[next(ctx, sizeof(fg_strings) / sizeof(fg_strings[0]))];
		(*nargs)++;
	} else {
		const char *lenmod = c->cls == FG_INT ? int_lengths[next(ctx, 4)] : class_length[c->cls];

		conv = int_convs[next(ctx, c->cls == FG_INT ? 7 : 6)];
		if (conv != 'c') {
			n += snprintf(spec + n, sizeof(spec) - n, "%s", lenmod);
		}
		c->arg[(*nargs)++] = fg_value(next, ctx);
	}
	spec[n++] = conv;
	spec[n] = '\0';
	return fg_append(c, len, spec);
}

/* Fill c with a random format of a random class and its arguments. */
static void fg_generate(struct fg_case *c, fg_next_fn next, void *ctx)
{
	static const char *const literals[] = {
		"", "x", " ", "abc", "[", "]", "%%", "=", "\t", "long literal text ",
	};
	int nconv = (int)next(ctx, FG_MAX_CONV + 1), nargs = 0, i;
	size_t len = 0;

	memset(c, 0, sizeof(*c));
	c->cls = (enum fg_class)next(ctx, FG_NR_CLASSES);
	for (i = 0; i < nconv; i++) {
		len = fg_append(c, len, literals[next(ctx, 10)]);
		len = fg_spec(c, len, &nargs, next, ctx);
	}
	len = fg_append(c, len, literals[next(ctx, 10)]);
	for (i = 0; i < FG_MAX_ARGS; i++)
		if (!c->str[i])
			c->str[i] = "";
}

typedef int (*fg_printf_fn)(char *buf, size_t size, const char *fmt, ...);

#define FG_ARGS(T, a) (T)(a)[0], (T)(a)[1], (T)(a)[2], (T)(a)[3], (T)(a)[4], (T)(a)[5], \
	(T)(a)[6], (T)(a)[7], (T)(a)[8], (T)(a)[9], (T)(a)[10], (T)(a)[11]

/* Call an snprintf-like fn on c, every argument of the class's type. */
static int fg_call(fg_printf_fn fn, char *buf, size_t size, const struct fg_case *c)
{
	_Static_assert(FG_MAX_ARGS == 12, "FG_ARGS passes 12 arguments");

	switch (c->cls) {
	case FG_INT:	 return fn(buf, size, c->fmt, FG_ARGS(int, c->arg));
	case FG_LONG:	 return fn(buf, size, c->fmt, FG_ARGS(long, c->arg));
	case FG_LLONG:	 return fn(buf, size, c->fmt, FG_ARGS(long long, c->arg));
	case FG_SIZE:	 return fn(buf, size, c->fmt, FG_ARGS(size_t, c->arg));
	case FG_PTRDIFF: return fn(buf, size, c->fmt, FG_ARGS(ptrdiff_t, c->arg));
	case FG_INTMAX:	 return fn(buf, size, c->fmt, FG_ARGS(intmax_t, c->arg));
	case FG_STR:	 return fn(buf, size, c->fmt, FG_ARGS(const char *, c->str));
	default:	 return -1;
	}
}

#endif
