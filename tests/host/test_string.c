/*
 * kernel/string.c against libc (or, where libc has no such function, a
 * reference written from the contract) on random inputs. Every buffer
 * is malloc'ed to its exact size, so ASan reports a read or write one
 * byte past it.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"

#define ROUNDS		20000
#define MAX_LEN		80

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* n random bytes drawn from a small alphabet (so searches hit), some high. */
static void fill(unsigned char *p, size_t n, int nul_ok)
{
	static const unsigned char alphabet[] = "ab c\t\xff\x80z";
	size_t i;

	for (i = 0; i < n; i++) {
		do
			p[i] = alphabet[ht_rand_below(sizeof(alphabet))];
		while (!nul_ok && !p[i]);
	}
}

/* A random NUL-terminated string of length len, in a buffer of exactly len + 1 bytes. */
static char *rand_str(size_t len)
{
	char *s = malloc(len + 1);

	fill((unsigned char *)s, len, 0);
	s[len] = '\0';
	return s;
}

static char *dup_exact(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(malloc(n), s, n);
}

TEST(memset)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = ht_rand_below(MAX_LEN), off = ht_rand_below(8);
		int c = (int)ht_rand_below(1024) - 512;
		unsigned char *a = malloc(n + off), *b = malloc(n + off);

		fill(a, n + off, 1);
		memcpy(b, a, n + off);
		EXPECT_PTR_EQ(kernel_memset(a + off, c, n), a + off);
		memset(b + off, c, n);
		EXPECT_MEMEQ(a, b, n + off);
		free(a);
		free(b);
	}
}

TEST(memcpy)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = ht_rand_below(MAX_LEN);
		unsigned char *src = malloc(n), *dst = malloc(n);

		fill(src, n, 1);
		EXPECT_PTR_EQ(kernel_memcpy(dst, src, n), dst);
		EXPECT_MEMEQ(dst, src, n);
		free(src);
		free(dst);
	}
}

/* Source and destination in one buffer, overlapping either way or not at all. */
TEST(memmove)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t size = 1 + ht_rand_below(MAX_LEN);
		size_t s = ht_rand_below(size), d = ht_rand_below(size);
		size_t n = ht_rand_below(size - (s > d ? s : d) + 1);
		unsigned char *a = malloc(size), *b = malloc(size);

		fill(a, size, 1);
		memcpy(b, a, size);
		EXPECT_PTR_EQ(kernel_memmove(a + d, a + s, n), a + d);
		memmove(b + d, b + s, n);
		EXPECT_MEMEQ(a, b, size);
		free(a);
		free(b);
	}
}

TEST(memcmp)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = ht_rand_below(12);
		unsigned char *a = malloc(n), *b = malloc(n);

		fill(a, n, 1);
		memcpy(b, a, n);
		if (n && ht_rand_below(2))
			fill(b + ht_rand_below(n), 1, 1);
		EXPECT_EQ(sign(kernel_memcmp(a, b, n)), sign(memcmp(a, b, n)));
		EXPECT_EQ(sign(kernel_memcmp(b, a, n)), sign(memcmp(b, a, n)));
		free(a);
		free(b);
	}
}

TEST(memchr)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = ht_rand_below(MAX_LEN);
		unsigned char *a = malloc(n);
		int c;

		fill(a, n, 1);
		c = "abz\xff\x80q"[ht_rand_below(6)] & 0xff;
		if (ht_rand_below(4) == 0)
			c += 256 * (int)(ht_rand_below(5) - 2);	/* only the low byte counts */
		EXPECT_PTR_EQ(kernel_memchr(a, c, n), memchr(a, c, n));
		free(a);
	}
}

static const void *ref_memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)c)
			return p + i;
	return NULL;
}

TEST(memchr_inv)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t n = ht_rand_below(MAX_LEN);
		unsigned char *a = malloc(n);
		int c = ht_rand_below(2) ? 0 : 0x6b;

		memset(a, c, n);
		if (n && ht_rand_below(2))
			a[ht_rand_below(n)] ^= 1 << ht_rand_below(8);
		EXPECT_PTR_EQ(memchr_inv(a, c, n), ref_memchr_inv(a, c, n));
		EXPECT_PTR_EQ(memchr_inv(a, c + 256, n), ref_memchr_inv(a, c, n));
		free(a);
	}
	EXPECT_NULL(memchr_inv("", 0, 0));
}

TEST(strlen_strnlen)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t len = ht_rand_below(MAX_LEN), max = ht_rand_below(MAX_LEN + 8);
		char *s = rand_str(len), *raw;

		EXPECT_EQ(kernel_strlen(s), len);
		EXPECT_EQ(kernel_strnlen(s, max), strnlen(s, max));
		/* strnlen must not look past maxlen: an unterminated buffer of exactly max bytes. */
		raw = malloc(max ? max : 1);
		fill((unsigned char *)raw, max, 0);
		EXPECT_EQ(kernel_strnlen(raw, max), max);
		free(raw);
		free(s);
	}
}

TEST(strcmp_strncmp)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *a = rand_str(ht_rand_below(6)), *b;
		size_t n = ht_rand_below(9);

		if (ht_rand_below(3)) {	/* often a prefix or a near-copy */
			b = dup_exact(a);
			if (*b && ht_rand_below(2))
				b[ht_rand_below(strlen(b) + 1)] = '\0';
			else if (*b)
				fill((unsigned char *)b + ht_rand_below(strlen(b)), 1, 0);
		} else {
			b = rand_str(ht_rand_below(6));
		}
		EXPECT_EQ(sign(kernel_strcmp(a, b)), sign(strcmp(a, b)));
		EXPECT_EQ(sign(kernel_strcmp(b, a)), sign(strcmp(b, a)));
		EXPECT_EQ(sign(kernel_strncmp(a, b, n)), sign(strncmp(a, b, n)));
		EXPECT_EQ(sign(kernel_strncmp(b, a, n)), sign(strncmp(b, a, n)));
		EXPECT_EQ(kernel_strcmp(a, a), 0);
		free(a);
		free(b);
	}
	/* Bytes compare as unsigned char. */
	EXPECT_GT(kernel_strcmp("\xff", "a"), 0);
	EXPECT_LT(kernel_strncmp("a", "\x80", 1), 0);
	EXPECT_EQ(kernel_strncmp("abc", "abd", 2), 0);
	EXPECT_EQ(kernel_strncmp("abc", "xyz", 0), 0);
}

TEST(strchr_strrchr)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *s = rand_str(ht_rand_below(MAX_LEN));
		int c = "abz\xff\x80q"[ht_rand_below(6)];

		if (ht_rand_below(8) == 0)
			c = 0;		/* finds the terminator */
		else if (ht_rand_below(4) == 0)
			c += 256;	/* converted to char */
		EXPECT_PTR_EQ(kernel_strchr(s, c), strchr(s, c));
		EXPECT_PTR_EQ(kernel_strrchr(s, c), strrchr(s, c));
		free(s);
	}
}

TEST(strstr)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *h = rand_str(ht_rand_below(30)), *n;
		size_t hl = strlen(h);

		if (ht_rand_below(2) && hl) {	/* a piece of the haystack */
			size_t at = ht_rand_below(hl), len = ht_rand_below(hl - at + 1);

			n = malloc(len + 1);
			memcpy(n, h + at, len);
			n[len] = '\0';
		} else {
			n = rand_str(ht_rand_below(4));
		}
		EXPECT_PTR_EQ(kernel_strstr(h, n), strstr(h, n));
		free(h);
		free(n);
	}
}

/* strlcpy and strlcat, from their contract (BSD's): */
static size_t ref_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static size_t ref_strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)	/* no NUL within size: nothing written */
		return size + strlen(src);
	return dlen + ref_strlcpy(dst + dlen, src, size - dlen);
}

TEST(strlcpy)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *src = rand_str(ht_rand_below(20));
		size_t size = ht_rand_below(24);
		char *a = malloc(size ? size : 1), *b = malloc(size ? size : 1);

		fill((unsigned char *)a, size, 1);
		memcpy(b, a, size);
		EXPECT_EQ(kernel_strlcpy(a, src, size), ref_strlcpy(b, src, size));
		EXPECT_MEMEQ(a, b, size);
		free(a);
		free(b);
		free(src);
	}
}

TEST(strlcat)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *src = rand_str(ht_rand_below(20));
		size_t size = ht_rand_below(24);
		char *a = malloc(size ? size : 1), *b = malloc(size ? size : 1);

		fill((unsigned char *)a, size, 1);	/* may hold a NUL, or none */
		if (size && ht_rand_below(2))
			a[ht_rand_below(size)] = '\0';
		memcpy(b, a, size);
		EXPECT_EQ(kernel_strlcat(a, src, size), ref_strlcat(b, src, size));
		EXPECT_MEMEQ(a, b, size);
		free(a);
		free(b);
		free(src);
	}
}

TEST(strlcpy_strlcat_examples)
{
	char buf[8];

	EXPECT_EQ(kernel_strlcpy(buf, "hello world", sizeof(buf)), 11);
	EXPECT_STREQ(buf, "hello w");
	EXPECT_EQ(kernel_strlcpy(buf, "", sizeof(buf)), 0);
	EXPECT_STREQ(buf, "");
	EXPECT_EQ(kernel_strlcat(buf, "abc", sizeof(buf)), 3);
	EXPECT_EQ(kernel_strlcat(buf, "defgh", sizeof(buf)), 8);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(kernel_strlcat(buf, "xy", sizeof(buf)), 9);
	EXPECT_STREQ(buf, "abcdefg");
	EXPECT_EQ(kernel_strlcpy(buf, "abc", 0), 3);
	EXPECT_STREQ(buf, "abcdefg");
}

TEST(strsep)
{
	static const char *const delims[] = { " ", ",", ", ", ",=\t", "" };
	int i;

	for (i = 0; i < ROUNDS; i++) {
		char *s = rand_str(ht_rand_below(30)), *a = dup_exact(s), *b = dup_exact(s);
		char *pa = a, *pb = b, *ta, *tb;
		const char *delim = delims[ht_rand_below(5)];
		int guard = 0;

		/* A few delimiters in the alphabet's place. */
		for (size_t k = 0; k < strlen(s); k++)
			if (ht_rand_below(4) == 0)
				a[k] = b[k] = ",= "[ht_rand_below(3)];
		do {
			ta = kernel_strsep(&pa, delim);
			tb = strsep(&pb, delim);
			EXPECT_EQ(ta ? ta - a : -1, tb ? tb - b : -1);
			EXPECT_EQ(pa ? pa - a : -1, pb ? pb - b : -1);
			if (ta && tb)
				EXPECT_STREQ(ta, tb);
		} while (ta && tb && ++guard < 100);
		EXPECT_NULL(kernel_strsep(&pa, delim));
		free(s);
		free(a);
		free(b);
	}
	{
		char *p = NULL;

		EXPECT_NULL(kernel_strsep(&p, ","));
	}
}

static int ref_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

TEST(strim_skip_spaces)
{
	static const char pieces[] = " \t\n\v\f\rab\xa0";
	int i;

	for (i = 0; i < ROUNDS; i++) {
		size_t len = ht_rand_below(12), k, lo = 0, hi;
		char *s = malloc(len + 1), *r;

		for (k = 0; k < len; k++)
			s[k] = pieces[ht_rand_below(sizeof(pieces) - 1)];
		s[len] = '\0';
		while (lo < len && ref_isspace((unsigned char)s[lo]))
			lo++;
		EXPECT_PTR_EQ(skip_spaces(s), s + lo);

		hi = len;
		while (hi && ref_isspace((unsigned char)s[hi - 1]))
			hi--;
		if (hi < lo)
			lo = hi;	/* all white space */
		r = strim(s);
		EXPECT_EQ(strlen(s), hi);
		EXPECT_PTR_EQ(r, s + (lo < hi ? lo : hi));
		free(s);
	}
	{
		char s1[] = "  padded\t\n", s2[] = "   ", s3[] = "", s4[] = "x";

		EXPECT_STREQ(strim(s1), "padded");
		EXPECT_STREQ(strim(s2), "");
		EXPECT_STREQ(strim(s3), "");
		EXPECT_STREQ(strim(s4), "x");
	}
}
