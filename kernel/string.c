/*
 * String and memory helpers. Plain C, except memset and memcpy which
 * use rep stos/movs in the kernel; the host unit tests build the C
 * versions of those and test everything else as the kernel runs it.
 * (Built with -fno-tree-loop-distribute-patterns, so GCC does not turn
 * these loops back into calls to themselves.)
 */
#include <types.h>
#include <string.h>
#include <ctype.h>

#if defined(__KERNEL__) && defined(__i386__)
/* rep stos/movs a word at a time, then the tail bytes (Linux's __memcpy). */
void *memset(void *s, int c, size_t n)
{
	int d0, d1;

	__asm__ __volatile__(
		"rep stosl\n\t"
		"movl %4, %%ecx\n\t"
		"andl $3, %%ecx\n\t"
		"rep stosb"
		: "=&c"(d0), "=&D"(d1)
		: "a"((unsigned char)c * 0x01010101u), "0"(n / 4), "g"(n), "1"(s)
		: "memory");
	return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	int d0, d1, d2;

	__asm__ __volatile__(
		"rep movsl\n\t"
		"movl %4, %%ecx\n\t"
		"andl $3, %%ecx\n\t"
		"rep movsb"
		: "=&c"(d0), "=&D"(d1), "=&S"(d2)
		: "0"(n / 4), "g"(n), "1"(dest), "2"(src)
		: "memory");
	return dest;
}
#else
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}
#endif

/*
 * Where the copy may run forwards (the destination below the source,
 * or no overlap), memcpy() does it: in the kernel a word at a time
 * (rep movsl), copying upwards, which is right for a destination below
 * its source (Linux's i386 memmove() does the same).
 */
void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d <= s || d >= s + n) {
		memcpy(dest, src, n);
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/* The first byte that is not c, or NULL: checks poisoned or zeroed memory. */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)haystack;
	for (; *haystack; haystack++)
		if (*haystack == *needle && !strncmp(haystack, needle, n))
			return (char *)haystack;
	return NULL;
}

/* Copy with truncation; always NUL-terminates if size > 0. Returns strlen(src). */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}

/* Append with truncation. Returns the length it tried to create. */
size_t strlcat(char *dest, const char *src, size_t size)
{
	size_t dlen = strnlen(dest, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dest + dlen, src, size - dlen);
}

/* Split *s at the first of delim; returns the token, advances *s past it (NULL at the end). */
char *strsep(char **s, const char *delim)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p; p++) {
		if (strchr(delim, *p)) {
			*p = '\0';
			*s = p + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}

char *skip_spaces(const char *s)
{
	while (isspace(*s))
		s++;
	return (char *)s;
}

/* Strip leading and trailing white space in place. */
char *strim(char *s)
{
	size_t len = strlen(s);

	while (len && isspace(s[len - 1]))
		s[--len] = '\0';
	return skip_spaces(s);
}
