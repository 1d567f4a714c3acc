/*
 * kernel/vsprintf.c against glibc's snprintf: a systematic grid of
 * conversion specifications, random multi-conversion formats, every
 * truncation size, and the kernel's extensions and number parsers.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include "harness.h"
#include "fmtgen.h"
#include "include/kallsyms.h"

#define OUT_MAX	1024

/* A small symbol table for %pS/%ps (kernel/kallsyms.c reads it). */
const unsigned int kallsyms_num_syms = 3;
const unsigned long kallsyms_addresses[] = { 0x1000, 0x1040, 0x1100, 0x1200 };
const unsigned int kallsyms_offsets[] = { 0, 6, 11 };
const char kallsyms_names[] = "alpha\0beta\0gamma";

/*
 * One call of an snprintf-like function, as a closure: the checker
 * runs it against glibc and the kernel, at full size and truncated.
 */
typedef int (*call_fn)(fg_printf_fn fn, char *buf, size_t size, const void *ctx);
typedef void (*describe_fn)(char *out, size_t size, const void *ctx);

static int cases_checked;

/* Reports how many formats the grid tests compared (a sanity check on the grid itself). */
static void report_cases(void)
{
	ht_diag("%d formats compared with glibc", cases_checked);
	cases_checked = 0;
}

/*
 * The kernel's output must equal glibc's; then, for sizes 0, 1, half,
 * exact and exact+1 (buffers of exactly that size, so ASan sees any
 * write past them), vsnprintf must return the full length and store
 * its prefix, and scnprintf must return what it stored.
 */
static int check_case(call_fn call, const void *ctx, describe_fn describe, int truncate)
{
	char gbuf[OUT_MAX], kbuf[OUT_MAX], what[512];
	int rg, rk, ok = 1;

	cases_checked++;
	rg = call((fg_printf_fn)snprintf, gbuf, sizeof(gbuf), ctx);
	memset(kbuf, 0x5a, sizeof(kbuf));
	rk = call(kernel_snprintf, kbuf, sizeof(kbuf), ctx);
	if (rg < 0 || rg >= OUT_MAX) {
		describe(what, sizeof(what), ctx);
		ht_fail(__FILE__, __LINE__, 0, "glibc returned %d for %s", rg, what);
		return 0;
	}
	if (rg != rk || memcmp(gbuf, kbuf, rg + 1)) {
		describe(what, sizeof(what), ctx);
		ht_fail(__FILE__, __LINE__, 0, "%s\n  glibc  %3d \"%.*s\"\n  kernel %3d \"%.*s\"",
			what, rg, rg, gbuf, rk, rk < OUT_MAX ? rk : OUT_MAX, kbuf);
		return 0;
	}
	if (!truncate)
		return 1;

	size_t sizes[] = { 0, 1, (size_t)rg / 2, (size_t)rg, (size_t)rg + 1,
			   (size_t)ht_rand_below(rg + 1) };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t size = sizes[i], stored = size ? (size - 1 < (size_t)rg ? size - 1 : (size_t)rg) : 0;
		char *buf = size ? malloc(size) : NULL;
		int r;

		r = call(kernel_snprintf, buf, size, ctx);
		if (r != rg || (size && (memcmp(buf, gbuf, stored) || buf[stored]))) {
			describe(what, sizeof(what), ctx);
			ht_fail(__FILE__, __LINE__, 0, "%s truncated to size %zu: returned %d (want %d), stored \"%.*s\"",
				what, size, r, rg, (int)stored, buf ? buf : "");
			ok = 0;
		}
		r = call(kernel_scnprintf, buf, size, ctx);
		if (r != (int)stored || (size && (memcmp(buf, gbuf, stored) || buf[stored]))) {
			describe(what, sizeof(what), ctx);
			ht_fail(__FILE__, __LINE__, 0, "%s: scnprintf size %zu returned %d, want %zu",
				what, size, r, stored);
			ok = 0;
		}
		free(buf);
	}
	return ok;
}

/* ---- The grid: one conversion, every flag set, width, precision, length ---- */

struct grid_case {
	char fmt[64];
	int nstar, star[2];
	enum fg_class cls;
	unsigned long long v;
	const char *s;
};

static int grid_call(fg_printf_fn fn, char *buf, size_t size, const void *ctx)
{
	const struct grid_case *g = ctx;

#define GRID_CALL(T, val)						\
	(g->nstar == 0 ? fn(buf, size, g->fmt, (T)(val)) :		\
	 g->nstar == 1 ? fn(buf, size, g->fmt, g->star[0], (T)(val)) :	\
	 fn(buf, size, g->fmt, g->star[0], g->star[1], (T)(val)))
	switch (g->cls) {
	case FG_INT:	 return GRID_CALL(int, g->v);
	case FG_LONG:	 return GRID_CALL(long, g->v);
	case FG_LLONG:	 return GRID_CALL(long long, g->v);
	case FG_SIZE:	 return GRID_CALL(size_t, g->v);
	case FG_PTRDIFF: return GRID_CALL(ptrdiff_t, g->v);
	case FG_INTMAX:	 return GRID_CALL(intmax_t, g->v);
	case FG_STR:	 return GRID_CALL(const char *, g->s);
	default:	 return -1;
	}
#undef GRID_CALL
}

static void grid_describe(char *out, size_t size, const void *ctx)
{
	const struct grid_case *g = ctx;
	int n = snprintf(out, size, "format \"%s\"", g->fmt);

	if (g->nstar)
		n += snprintf(out + n, size - n, " stars %d %d", g->star[0], g->star[1]);
	if (g->cls == FG_STR)
		snprintf(out + n, size - n, " arg \"%s\"", g->s);
	else
		snprintf(out + n, size - n, " arg %#llx", g->v);
}

static const char *const grid_widths[] = { "", "1", "6", "23", "*" };
static const char *const grid_precisions[] = { "", ".", ".0", ".1", ".5", ".25", ".*" };
static const int star_widths[] = { 9, -9, 0 };
static const int star_precisions[] = { 3, -1, 0 };

/* Run every flag set x width x precision for one conversion (lenmod + conv). */
static void grid(const char *lenmod, char conv, enum fg_class cls,
		 const unsigned long long *vals, int nvals, const char *const *strs, int nstrs)
{
	static const char flag_chars[] = "-+ #0";
	struct grid_case g;
	unsigned int flags;
	size_t w, p;
	int i, n;

	for (flags = 0; flags < 32; flags++)
	for (w = 0; w < sizeof(grid_widths) / sizeof(grid_widths[0]); w++)
	for (p = 0; p < sizeof(grid_precisions) / sizeof(grid_precisions[0]); p++) {
		int b;

		if (ht_failed())
			return;
		memset(&g, 0, sizeof(g));
		g.cls = cls;
		n = 0;
		g.fmt[n++] = '[';
		g.fmt[n++] = '%';
		for (b = 0; b < 5; b++)
			if (flags & (1u << b))
				g.fmt[n++] = flag_chars[b];
		n += snprintf(g.fmt + n, sizeof(g.fmt) - n, "%s%s%s%c]",
			      grid_widths[w], grid_precisions[p], lenmod, conv);
		if (grid_widths[w][0] == '*')
			g.star[g.nstar++] = star_widths[(flags + p) % 3];
		if (!strcmp(grid_precisions[p], ".*"))
			g.star[g.nstar++] = star_precisions[(flags + w) % 3];
		for (i = 0; i < (strs ? nstrs : nvals); i++) {
			if (strs)
				g.s = strs[i];
			else
				g.v = vals[i];
			/* Truncation for one case in 16: it costs five more calls. */
			check_case(grid_call, &g, grid_describe, ht_rand_below(16) == 0);
		}
	}
}

static const unsigned long long grid_values[] = {
	0, 1, 7, 8, 10, 16, 255, 256, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
	0xffffffff, 0x123456789ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
	0xffffffffffffffffULL, (unsigned long long)-42, (unsigned long long)-129,
};
#define NR_GRID_VALUES ((int)(sizeof(grid_values) / sizeof(grid_values[0])))

static const struct { const char *mod; enum fg_class cls; } grid_lengths[] = {
	{ "", FG_INT }, { "hh", FG_INT }, { "h", FG_INT }, { "l", FG_LONG },
	{ "ll", FG_LLONG }, { "L", FG_LLONG }, { "z", FG_SIZE }, { "t", FG_PTRDIFF },
	{ "j", FG_INTMAX },
};

static void grid_numeric(char conv)
{
	size_t l;

	for (l = 0; l < sizeof(grid_lengths) / sizeof(grid_lengths[0]); l++)
		grid(grid_lengths[l].mod, conv, grid_lengths[l].cls,
		     grid_values, NR_GRID_VALUES, NULL, 0);
}

TEST(grid_d) { grid_numeric('d'); report_cases(); }
TEST(grid_i) { grid_numeric('i'); report_cases(); }
TEST(grid_u) { grid_numeric('u'); report_cases(); }
TEST(grid_o) { grid_numeric('o'); report_cases(); }
TEST(grid_x) { grid_numeric('x'); report_cases(); }
TEST(grid_X) { grid_numeric('X'); report_cases(); }

TEST(grid_c)
{
	static const unsigned long long chars[] = { 'a', ' ', '%', 0, 0x7f, 0x80, 0xff, 0x141 };

	grid("", 'c', FG_INT, chars, sizeof(chars) / sizeof(chars[0]), NULL, 0);
	report_cases();
}

TEST(grid_s)
{
	grid("", 's', FG_STR, NULL, 0, fg_strings, sizeof(fg_strings) / sizeof(fg_strings[0]));
	report_cases();
}

TEST(percent)
{
	char buf[32];

	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%%"), 1);
	EXPECT_STREQ(buf, "%");
	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "100%% of %d%%", 5), 10);
	EXPECT_STREQ(buf, "100% of 5%");
	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%%%%%c%%", 'x'), 4);
	EXPECT_STREQ(buf, "%%x%");
}

/* ---- Random formats ---- */

static unsigned long long rand_next(void *ctx, unsigned long long n)
{
	(void)ctx;
	return ht_rand_below(n);
}

static int fg_case_call(fg_printf_fn fn, char *buf, size_t size, const void *ctx)
{
	return fg_call(fn, buf, size, ctx);
}

static void fg_case_describe(char *out, size_t size, const void *ctx)
{
	const struct fg_case *c = ctx;
	int n = snprintf(out, size, "format \"%s\" class %d args", c->fmt, c->cls);
	int i;

	for (i = 0; i < 6 && n < (int)size; i++) {
		if (c->cls == FG_STR)
			n += snprintf(out + n, size - n, " \"%s\"", c->str[i]);
		else
			n += snprintf(out + n, size - n, " %#llx", (unsigned long long)c->arg[i]);
	}
}

TEST(random_formats)
{
	struct fg_case c;
	int i;

	for (i = 0; i < 100000 && !ht_failed(); i++) {
		fg_generate(&c, rand_next, NULL);
		check_case(fg_case_call, &c, fg_case_describe, 1);
	}
	report_cases();
}

/* ---- Mixed argument types, in one format ---- */

TEST(mixed_arguments)
{
	char buf[256], want[256];
	int r;

	r = kernel_snprintf(buf, sizeof(buf), "%d %s %lu %c %llx %zd %hhd %p|%5.2s|%-4d|",
			    -3, "str", 123456789UL, 'q', 0x1234567890ULL, (ssize_t)-7,
			    300, (void *)0xabc, "xyz", 9);
	snprintf(want, sizeof(want), "%d %s %lu %c %llx %zd %hhd %0*lx|%5.2s|%-4d|",
		 -3, "str", 123456789UL, 'q', 0x1234567890ULL, (ssize_t)-7,
		 (signed char)300, (int)(2 * sizeof(void *)), 0xabcUL, "xyz", 9);
	EXPECT_EQ(r, (int)strlen(want));
	EXPECT_STREQ(buf, want);
}

/* ---- Return values and truncation, by hand ---- */

static int kvsn(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = kernel_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return r;
}

TEST(truncation)
{
	char buf[8];

	EXPECT_EQ(kernel_snprintf(NULL, 0, "hello %d", 42), 8);
	memset(buf, 'z', sizeof(buf));
	EXPECT_EQ(kernel_snprintf(buf, 1, "hello"), 5);
	EXPECT_EQ(buf[0], '\0');
	EXPECT_EQ(buf[1], 'z');
	EXPECT_EQ(kernel_snprintf(buf, 5, "hello"), 5);
	EXPECT_STREQ(buf, "hell");
	EXPECT_EQ(kernel_snprintf(buf, 6, "hello"), 5);
	EXPECT_STREQ(buf, "hello");
	EXPECT_EQ(kernel_snprintf(buf, 3, "%s%s", "ab", "cd"), 4);
	EXPECT_STREQ(buf, "ab");
	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%s", ""), 0);
	EXPECT_STREQ(buf, "");
	/* A NUL from %c counts and is stored. */
	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	EXPECT_MEMEQ(buf, "a\0b", 4);

	EXPECT_EQ(kernel_scnprintf(buf, 0, "hello"), 0);
	EXPECT_EQ(kernel_scnprintf(buf, 1, "hello"), 0);
	EXPECT_EQ(kernel_scnprintf(buf, 4, "hello"), 3);
	EXPECT_EQ(kernel_scnprintf(buf, sizeof(buf), "hello"), 5);
	EXPECT_EQ(kernel_scnprintf(buf, 6, "hello"), 5);
	EXPECT_EQ(kernel_scnprintf(buf, 5, "hello"), 4);
}

/* A size beyond the address space is a caller's bug: nothing is written. */
TEST(absurd_size)
{
	char buf[8] = "keep";

	EXPECT_EQ(kvsn(buf, (size_t)-1, "%s", "overwritten"), 0);
	EXPECT_STREQ(buf, "keep");
	EXPECT_EQ(kvsn(buf, (size_t)SSIZE_MAX + 1, "x"), 0);
	EXPECT_STREQ(buf, "keep");
}

TEST(sprintf_unbounded)
{
	char buf[64];

	EXPECT_EQ(kernel_sprintf(buf, "%d-%s-%x", 12, "ab", 255), 8);
	EXPECT_STREQ(buf, "12-ab-ff");
	EXPECT_EQ(kernel_sprintf(buf, "%s", ""), 0);
	EXPECT_STREQ(buf, "");
}

/* ---- The kernel's own conversions ---- */

/* A format the compiler does not check (it knows C's %p, not the kernel's). */
static const char *fmt_unchecked(const char *fmt)
{
	return fmt;
}

TEST(pointer)
{
	char buf[128], want[128];
	void *p = (void *)0x12abcdefUL;
	int digits = 2 * (int)sizeof(void *);

	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%p", p), digits);
	snprintf(want, sizeof(want), "%0*lx", digits, (unsigned long)p);
	EXPECT_STREQ(buf, want);
	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%p", NULL), digits);
	snprintf(want, sizeof(want), "%0*d", digits, 0);
	EXPECT_STREQ(buf, want);
	kernel_snprintf(buf, sizeof(buf), "%p", (void *)-1L);
	snprintf(want, sizeof(want), "%lx", -1UL);
	EXPECT_STREQ(buf, want);
	/* An explicit width replaces the zero-padded default. */
	kernel_snprintf(buf, sizeof(buf), "[%20p][%-12p][%1p]", p, p, p);
	EXPECT_STREQ(buf, "[            12abcdef][12abcdef    ][12abcdef]");
	/* After %p an unknown letter is just text. */
	kernel_snprintf(buf, sizeof(buf), "%px", p);
	snprintf(want, sizeof(want), "%0*lxx", digits, (unsigned long)p);
	EXPECT_STREQ(buf, want);
}

TEST(pointer_symbol)
{
	char buf[128];

	EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), "%pS", (void *)0x1010), 15);
	EXPECT_STREQ(buf, "alpha+0x10/0x40");
	kernel_snprintf(buf, sizeof(buf), "%pS", (void *)0x1000);
	EXPECT_STREQ(buf, "alpha+0x0/0x40");
	kernel_snprintf(buf, sizeof(buf), "%pS", (void *)0x11ff);
	EXPECT_STREQ(buf, "gamma+0xff/0x100");
	kernel_snprintf(buf, sizeof(buf), "%ps|%ps", (void *)0x1044, (void *)0x10ff);
	EXPECT_STREQ(buf, "beta|beta");
	/* Outside the text: the bare address. */
	kernel_snprintf(buf, sizeof(buf), "%pS %ps %pS", (void *)0xfff, (void *)0x1200, NULL);
	EXPECT_STREQ(buf, "0xfff 0x1200 0x0");
	/* Width and precision apply to the symbol text. */
	kernel_snprintf(buf, sizeof(buf), fmt_unchecked("[%12ps][%-8ps][%.3pS]"),
			(void *)0x1000, (void *)0x1040, (void *)0x1100);
	EXPECT_STREQ(buf, "[       alpha][beta    ][gam]");
	/* Truncation in the middle of a symbol. */
	EXPECT_EQ(kernel_snprintf(buf, 6, "%pS", (void *)0x1010), 15);
	EXPECT_STREQ(buf, "alpha");
}

TEST(null_string)
{
	const char *volatile null = NULL;	/* hidden from -Wformat-overflow */
	char buf[32];

	kernel_snprintf(buf, sizeof(buf), "[%s][%8s][%.2s]", null, null, null);
	EXPECT_STREQ(buf, "[(null)][  (null)][(n]");
}

/*
 * Unknown conversions come out as written, consuming no argument; %n
 * is one of them. (Formats in variables: the compiler would rightly
 * object to them as literals.)
 */
TEST(unknown_conversions)
{
	static const struct { const char *fmt, *out; } cases[] = {
		{ "%y", "%y" },
		{ "%5.3ly|%d", "%5.3ly|7" },
		{ "%-08hhk%d", "%-08hhk7" },
		{ "%n%d", "%n7" },
		{ "%ln|%d", "%ln|7" },
		{ "abc%", "abc%" },
		{ "%5", "%5" },
		{ "%-", "%-" },
		{ "%.", "%." },
		{ "%l", "%l" },
		{ "%ll", "%ll" },
		{ "%hh", "%hh" },
		{ "%z", "%z" },
		{ "x%#", "x%#" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *fmt = cases[i].fmt;

		EXPECT_EQ(kernel_snprintf(buf, sizeof(buf), fmt, 7), (int)strlen(cases[i].out));
		EXPECT_STREQ(buf, cases[i].out);
	}
}

/* ---- Numbers from strings ---- */

TEST(kstrtoul)
{
	static const struct { const char *s; unsigned int base; int ret; unsigned long val; } cases[] = {
		{ "0", 10, 0, 0 },
		{ "1", 10, 0, 1 },
		{ "123", 10, 0, 123 },
		{ "123\n", 10, 0, 123 },
		{ "123\n\n", 10, -EINVAL, 0 },
		{ "\n", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "", 0, -EINVAL, 0 },
		{ " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 },
		{ "+1", 10, 0, 1 },
		{ "++1", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "-1", 10, -EINVAL, 0 },
		{ "1a", 10, -EINVAL, 0 },
		{ "ff", 10, -EINVAL, 0 },
		{ "a", 16, 0, 10 },
		{ "fF", 16, 0, 255 },
		{ "0x1f", 16, 0, 31 },
		{ "0X1F", 16, 0, 31 },
		{ "0x1f", 0, 0, 31 },
		{ "0x1f\n", 0, 0, 31 },
		{ "0x", 16, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "0x\n", 0, -EINVAL, 0 },
		{ "0xg", 0, -EINVAL, 0 },
		{ "0x10", 10, -EINVAL, 0 },
		{ "0x0x1", 16, -EINVAL, 0 },
		{ "017", 0, 0, 15 },
		{ "017", 10, 0, 17 },
		{ "018", 0, -EINVAL, 0 },
		{ "8", 8, -EINVAL, 0 },
		{ "0", 0, 0, 0 },
		{ "00", 0, 0, 0 },
		{ "0x0", 0, 0, 0 },
		{ "101", 2, 0, 5 },
		{ "12", 2, -EINVAL, 0 },
		{ "4294967295", 10, 0, 4294967295UL },
		{ "18446744073709551615", 10, 0, ULONG_MAX },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "18446744073709551620", 10, -ERANGE, 0 },
		{ "99999999999999999999", 10, -ERANGE, 0 },
		{ "999999999999999999999999999999", 10, -ERANGE, 0 },
		{ "0xffffffffffffffff", 16, 0, ULONG_MAX },
		{ "0x10000000000000000", 16, -ERANGE, 0 },
		{ "0x1ffffffffffffffff", 0, -ERANGE, 0 },
		{ "01777777777777777777777", 0, 0, ULONG_MAX },
		{ "02000000000000000000000", 0, -ERANGE, 0 },
		{ "00000000000000000000000000000001", 10, 0, 1 },
	};
	size_t i;

	_Static_assert(sizeof(unsigned long) == 8, "the table assumes a 64-bit host");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long v = 0xdeadbeef;
		int r = kstrtoul(cases[i].s, cases[i].base, &v);

		if (r != cases[i].ret || (r == 0 && v != cases[i].val) || (r && v != 0xdeadbeef))
			ht_fail(__FILE__, __LINE__, 0,
				"kstrtoul(\"%s\", %u) = %d, %#lx; want %d, %#lx (untouched on error)",
				cases[i].s, cases[i].base, r, v, cases[i].ret,
				r ? 0xdeadbeefUL : cases[i].val);
	}
}

TEST(kstrtoint)
{
	static const struct { const char *s; unsigned int base; int ret; int val; } cases[] = {
		{ "0", 10, 0, 0 },
		{ "-0", 10, 0, 0 },
		{ "+5", 10, 0, 5 },
		{ "5\n", 10, 0, 5 },
		{ "-5\n", 10, 0, -5 },
		{ "2147483647", 10, 0, INT_MAX },
		{ "2147483648", 10, -ERANGE, 0 },
		{ "-2147483648", 10, 0, INT_MIN },
		{ "-2147483649", 10, -ERANGE, 0 },
		{ "4294967296", 10, -ERANGE, 0 },
		{ "18446744073709551617", 10, -ERANGE, 0 },
		{ "-18446744073709551615", 10, -ERANGE, 0 },
		{ "-0x10", 0, 0, -16 },
		{ "0x7fffffff", 16, 0, INT_MAX },
		{ "-0x80000000", 16, 0, INT_MIN },
		{ "-010", 0, 0, -8 },
		{ "-", 10, -EINVAL, 0 },
		{ "-\n", 10, -EINVAL, 0 },
		{ "--1", 10, -EINVAL, 0 },
		{ "-+1", 10, -EINVAL, 0 },
		{ "+-1", 10, -EINVAL, 0 },
		{ "1-", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "x", 10, -EINVAL, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int v = 0x5a5a;
		int r = kstrtoint(cases[i].s, cases[i].base, &v);

		if (r != cases[i].ret || (r == 0 && v != cases[i].val) || (r && v != 0x5a5a))
			ht_fail(__FILE__, __LINE__, 0,
				"kstrtoint(\"%s\", %u) = %d, %d; want %d, %d (untouched on error)",
				cases[i].s, cases[i].base, r, v, cases[i].ret,
				r ? 0x5a5a : cases[i].val);
	}
}

TEST(memparse)
{
	static const struct { const char *s; unsigned long long val; int end; } cases[] = {
		{ "4096", 4096, 4 },
		{ "4k", 4096, 2 },
		{ "4K", 4096, 2 },
		{ "64M", 64ULL << 20, 3 },
		{ "64m", 64ULL << 20, 3 },
		{ "1G", 1ULL << 30, 2 },
		{ "3g", 3ULL << 30, 2 },
		{ "0x10M", 16ULL << 20, 5 },
		{ "010K", 8 << 10, 4 },
		{ "12X", 12, 2 },
		{ "1T", 1, 1 },
		{ "", 0, 0 },
		{ "M", 0, 1 },
		{ "16G,rest", 16ULL << 30, 3 },
		{ "0x", 0, 1 },
		{ "17179869183G", 17179869183ULL << 30, 12 },
		/* Too big for 64 bits: the most there is, never a wrapped small size. */
		{ "17179869184G", ULLONG_MAX, 12 },
		{ "18446744073709551615", ULLONG_MAX, 20 },
		{ "18446744073709551616", ULLONG_MAX, 20 },
		{ "99999999999999999999999M", ULLONG_MAX, 24 },
		{ "0x10000000000000000k", ULLONG_MAX, 20 },
		{ "-1", 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *end = NULL;
		unsigned long long v = memparse(cases[i].s, &end);

		if (v != cases[i].val || end != cases[i].s + cases[i].end)
			ht_fail(__FILE__, __LINE__, 0, "memparse(\"%s\") = %#llx, end +%td; want %#llx, +%d",
				cases[i].s, v, end - cases[i].s, cases[i].val, cases[i].end);
	}
	EXPECT_EQ(memparse("2M", NULL), 2 << 20);
}

TEST(parse_size)
{
	static const struct { const char *s; int ret; unsigned long long val; } cases[] = {
		{ "0", 0, 0 },
		{ "1", 0, 1 },
		{ "4096", 0, 4096 },
		{ "4k", 0, 4096 },
		{ "64M", 0, 64ULL << 20 },
		{ "983M", 0, 983ULL << 20 },
		{ "4G", 0, 4ULL << 30 },
		{ "99999G", 0, 99999ULL << 30 },
		{ "0x1000", 0, 4096 },
		{ "0x10M", 0, 16ULL << 20 },
		{ "010K", 0, 8 << 10 },
		{ "17179869183G", 0, 17179869183ULL << 30 },
		{ "17179869184G", -ERANGE, 0 },
		{ "16777216T", -EINVAL, 0 },		/* no T suffix */
		{ "18446744073709551615", 0, ULLONG_MAX },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "99999999999999999999999M", -ERANGE, 0 },
		{ "0x10000000000000000", -ERANGE, 0 },
		{ "", -EINVAL, 0 },
		{ "M", -EINVAL, 0 },
		{ "abc", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "-64M", -EINVAL, 0 },
		{ "+64M", -EINVAL, 0 },
		{ " 64M", -EINVAL, 0 },
		{ "64M ", -EINVAL, 0 },
		{ "64MB", -EINVAL, 0 },
		{ "64Mabc", -EINVAL, 0 },
		{ "1.5G", -EINVAL, 0 },
		{ "0x", -EINVAL, 0 },
		{ "08", -EINVAL, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long long v = 0xdeadbeef;
		int r = parse_size(cases[i].s, &v);

		if (r != cases[i].ret || (r == 0 && v != cases[i].val) || (r && v != 0xdeadbeef))
			ht_fail(__FILE__, __LINE__, 0,
				"parse_size(\"%s\") = %d, %#llx; want %d, %#llx (untouched on error)",
				cases[i].s, r, v, cases[i].ret, r ? 0xdeadbeefULL : cases[i].val);
	}
}

/* parse_size() against a reference on random strings of digits, suffixes and junk. */
TEST(parse_size_random)
{
	static const char alphabet[] = "0123456789xXabcdefgkKmMG -+";
	int round;

	for (round = 0; round < 200000; round++) {
		char s[24];
		size_t n = ht_rand_below(sizeof(s) - 1), k;
		unsigned long long v = 0xdeadbeef, want = 0;
		unsigned __int128 acc = 0;
		int r, want_r = 0;
		const char *p;
		unsigned int base = 10, shift = 0;

		for (k = 0; k < n; k++)
			s[k] = alphabet[ht_rand_below(sizeof(alphabet) - 1)];
		s[n] = '\0';
		r = parse_size(s, &v);
		/* The reference, written from the contract with 128-bit arithmetic. */
		p = s;
		if (!(*p >= '0' && *p <= '9')) {
			want_r = -EINVAL;
		} else {
			if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
				base = 16;
				p += 2;
			} else if (p[0] == '0') {
				base = 8;
			}
			for (; *p; p++) {
				int d = isdigit((unsigned char)*p) ? *p - '0' :
					isxdigit((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : 99;

				if (d >= (int)base)
					break;
				acc = acc * base + d;
				if (acc > ULLONG_MAX)
					acc = (unsigned __int128)ULLONG_MAX + 1;	/* stays too big */
			}
			if (*p == 'k' || *p == 'K')
				shift = 10, p++;
			else if (*p == 'm' || *p == 'M')
				shift = 20, p++;
			else if (*p == 'g' || *p == 'G')
				shift = 30, p++;
			if (*p)
				want_r = -EINVAL;
			else if ((acc << shift) > ULLONG_MAX)
				want_r = -ERANGE;
			else
				want = (unsigned long long)(acc << shift);
		}
		if (r != want_r || (r == 0 && v != want) || (r && v != 0xdeadbeef)) {
			ht_fail(__FILE__, __LINE__, 0, "parse_size(\"%s\") = %d, %#llx; want %d, %#llx",
				s, r, v, want_r, want);
			break;
		}
	}
}

TEST(simple_strtoul)
{
	char *end;

	EXPECT_EQ(simple_strtoul("123abc", &end, 10), 123);
	EXPECT_STREQ(end, "abc");
	EXPECT_EQ(simple_strtoul("0x1A", &end, 16), 26);
	EXPECT_STREQ(end, "");
	EXPECT_EQ(simple_strtoul("0x1Ag", &end, 0), 26);
	EXPECT_STREQ(end, "g");
	EXPECT_EQ(simple_strtoul("0xg", &end, 0), 0);
	EXPECT_STREQ(end, "xg");
	EXPECT_EQ(simple_strtoul("0777", &end, 0), 0777);
	EXPECT_EQ(simple_strtoul("789", &end, 8), 7);
	EXPECT_STREQ(end, "89");
	EXPECT_EQ(simple_strtoul("", &end, 10), 0);
	EXPECT_EQ(simple_strtoul("z", NULL, 10), 0);
	EXPECT_EQ(simple_strtoull("18446744073709551615", &end, 10), ULLONG_MAX);
	EXPECT_EQ(simple_strtol("-12", &end, 10), -12);
	EXPECT_EQ(simple_strtol("-0x10", &end, 0), -16);
	EXPECT_EQ(simple_strtol("42", &end, 0), 42);
	EXPECT_EQ(simple_strtol("9223372036854775807", &end, 10), LONG_MAX);
	EXPECT_EQ(simple_strtol("-9223372036854775808", &end, 10), LONG_MIN);
	EXPECT_STREQ(end, "");
}
