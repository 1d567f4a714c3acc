/*
 * vsnprintf and friends: C99 printf formatting, as the kernel needs it.
 *
 *   %[flags][width][.precision][length]conversion
 *   flags       - + space # 0
 *   width       digits or *          precision   .digits or .*
 *   length      hh h l ll L z t j
 *   conversion  d i u o x X c s p %
 *
 * Extensions (Linux's): %p prints the pointer as 8 hex digits (no 0x);
 * %pS prints a code address as symbol+offset/size, %ps the symbol alone.
 * %n is not supported (it writes through a pointer; Linux refuses it
 * too). An unknown conversion is printed as it stands.
 *
 * Return values follow C99: vsnprintf returns the length the output
 * would have had without truncation; scnprintf what was really written.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <ctype.h>
#include <kallsyms.h>

#define ZEROPAD	1	/* pad with zeros */
#define SIGN	2	/* signed conversion */
#define PLUS	4	/* show + on positive numbers */
#define SPACE	8	/* space before positive numbers */
#define LEFT	16	/* left justified */
#define SPECIAL	32	/* 0 or 0x prefix (# flag) */
#define LARGE	64	/* upper-case hex digits */

struct printf_spec {
	int flags;
	int width;	/* -1: none */
	int precision;	/* -1: none */
	int base;
};

/*
 * The output cursor: writes past size are counted, not stored. (A size,
 * not an end pointer: buf + size may wrap, e.g. sprintf()'s huge size
 * on a buffer in the upper half of the address space.)
 */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void number(struct out *o, unsigned long long num, int negative,
		   struct printf_spec spec)
{
	const char *digits = (spec.flags & LARGE) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];	/* 2^64 in octal is 22 digits */
	char sign = 0;
	int i = 0, prefix = 0, zeros, pad;

	if (spec.flags & SIGN) {
		if (negative)
			sign = '-';
		else if (spec.flags & PLUS)
			sign = '+';
		else if (spec.flags & SPACE)
			sign = ' ';
	}
	/* C: with a precision, or left-justified, the 0 flag is ignored. */
	if (spec.precision >= 0 || (spec.flags & LEFT))
		spec.flags &= ~ZEROPAD;

	/* A zero value with precision 0 prints no digits at all. */
	if (!(num == 0 && spec.precision == 0)) {
		do {
			tmp[i++] = digits[num % spec.base];
			num /= spec.base;
		} while (num);
	}
	if (spec.flags & SPECIAL) {
		if (spec.base == 16 && i && !(i == 1 && tmp[0] == '0'))
			prefix = 2;
		/* Octal: the # flag guarantees a leading 0, which the digits may already have. */
		if (spec.base == 8 && (i == 0 || tmp[i - 1] != '0') && spec.precision <= i)
			prefix = 1;
	}

	zeros = spec.precision > i ? spec.precision - i : 0;
	pad = spec.width - (i + zeros + prefix + (sign != 0));
	if (spec.flags & ZEROPAD) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!(spec.flags & LEFT))
		put_repeat(o, ' ', pad);
	if (sign)
		put(o, sign);
	if (prefix) {
		put(o, '0');
		if (spec.base == 16)
			put(o, (spec.flags & LARGE) ? 'X' : 'x');
	}
	put_repeat(o, '0', zeros);
	while (i > 0)
		put(o, tmp[--i]);
	if (spec.flags & LEFT)
		put_repeat(o, ' ', pad);
}

static void string(struct out *o, const char *s, struct printf_spec spec)
{
	int len, i;

	if (!s)
		s = "(null)";
	len = spec.precision >= 0 ? (int)strnlen(s, spec.precision) : (int)strlen(s);
	if (!(spec.flags & LEFT))
		put_repeat(o, ' ', spec.width - len);
	for (i = 0; i < len; i++)
		put(o, s[i]);
	if (spec.flags & LEFT)
		put_repeat(o, ' ', spec.width - len);
}

/* %p and its extensions; *fmt points at the 'p'. Returns the last character used. */
static const char *pointer(struct out *o, const char *fmt, void *ptr,
			   struct printf_spec spec)
{
	char sym[KSYM_SYMBOL_LEN];

	switch (fmt[1]) {
	case 'S':
		sprint_symbol(sym, sizeof(sym), (unsigned long)ptr);
		string(o, sym, spec);
		return fmt + 1;
	case 's':
		sprint_symbol_no_offset(sym, sizeof(sym), (unsigned long)ptr);
		string(o, sym, spec);
		return fmt + 1;
	}
	if (spec.width == -1) {
		spec.width = 2 * sizeof(void *);
		spec.flags |= ZEROPAD;
	}
	spec.base = 16;
	spec.flags &= ~SIGN;
	number(o, (unsigned long)ptr, 0, spec);
	return fmt;
}

static int skip_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s))
		i = i * 10 + *((*s)++) - '0';
	return i;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE, LEN_PTRDIFF };

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };

	/* A size beyond the address space is a caller's bug: write nothing. */
	if ((ssize_t)size < 0)
		return 0;

	for (; *fmt; fmt++) {
		struct printf_spec spec = { .flags = 0, .width = -1, .precision = -1, .base = 10 };
		enum length len = LEN_INT;
		unsigned long long num;
		int negative = 0;
		const char *start = fmt;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}

		for (;;) {		/* flags */
			switch (*++fmt) {
			case '-': spec.flags |= LEFT; continue;
			case '+': spec.flags |= PLUS; continue;
			case ' ': spec.flags |= SPACE; continue;
			case '#': spec.flags |= SPECIAL; continue;
			case '0': spec.flags |= ZEROPAD; continue;
			}
			break;
		}
		if (isdigit(*fmt)) {
			spec.width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			fmt++;
			spec.width = va_arg(args, int);
			if (spec.width < 0) {
				spec.width = -spec.width;
				spec.flags |= LEFT;
			}
		}
		if (*fmt == '.') {
			fmt++;
			if (isdigit(*fmt)) {
				spec.precision = skip_atoi(&fmt);
			} else if (*fmt == '*') {
				fmt++;
				spec.precision = va_arg(args, int);
				if (spec.precision < 0)
					spec.precision = -1;
			} else {
				spec.precision = 0;
			}
		}

		switch (*fmt) {
		case 'h':
			len = LEN_SHORT;
			if (*++fmt == 'h') {
				len = LEN_CHAR;
				fmt++;
			}
			break;
		case 'l':
			len = LEN_LONG;
			if (*++fmt == 'l') {
				len = LEN_LLONG;
				fmt++;
			}
			break;
		case 'L': case 'j': len = LEN_LLONG; fmt++; break;
		case 'z': len = LEN_SIZE; fmt++; break;
		case 't': len = LEN_PTRDIFF; fmt++; break;
		}

		switch (*fmt) {
		case 'c':
			/* Not through string(): a NUL character must still be emitted. */
			if (!(spec.flags & LEFT))
				put_repeat(&o, ' ', spec.width - 1);
			put(&o, (char)va_arg(args, int));
			if (spec.flags & LEFT)
				put_repeat(&o, ' ', spec.width - 1);
			continue;
		case 's':
			string(&o, va_arg(args, const char *), spec);
			continue;
		case 'p':
			fmt = pointer(&o, fmt, va_arg(args, void *), spec);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'o':
			spec.base = 8;
			break;
		case 'X':
			spec.flags |= LARGE;
			/* fall through */
		case 'x':
			spec.base = 16;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		default:
			/* Unknown: copy the whole directive through unchanged. */
			for (; start <= fmt && *start; start++)
				put(&o, *start);
			if (!*fmt)
				fmt--;
			continue;
		}

		if (spec.flags & SIGN) {
			long long v;

			switch (len) {
			case LEN_CHAR: v = (signed char)va_arg(args, int); break;
			case LEN_SHORT: v = (short)va_arg(args, int); break;
			case LEN_LONG: v = va_arg(args, long); break;
			case LEN_LLONG: v = va_arg(args, long long); break;
			case LEN_SIZE: v = va_arg(args, ssize_t); break;
			case LEN_PTRDIFF: v = va_arg(args, ptrdiff_t); break;
			default: v = va_arg(args, int); break;
			}
			negative = v < 0;
			num = negative ? -(unsigned long long)v : (unsigned long long)v;
		} else {
			switch (len) {
			case LEN_CHAR: num = (unsigned char)va_arg(args, unsigned int); break;
			case LEN_SHORT: num = (unsigned short)va_arg(args, unsigned int); break;
			case LEN_LONG: num = va_arg(args, unsigned long); break;
			case LEN_LLONG: num = va_arg(args, unsigned long long); break;
			case LEN_SIZE: num = va_arg(args, size_t); break;
			case LEN_PTRDIFF: num = (unsigned long)va_arg(args, ptrdiff_t); break;
			default: num = va_arg(args, unsigned int); break;
			}
		}
		number(&o, num, negative, spec);
	}

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, (size_t)-1 >> 1, fmt, args);
	va_end(args);
	return n;
}

/* Numbers from strings. */

static unsigned int guess_base(const char **s)
{
	if ((*s)[0] == '0') {
		if (tolower((*s)[1]) == 'x' && isxdigit((*s)[2])) {
			*s += 2;
			return 16;
		}
		return 8;
	}
	return 10;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result = 0;

	if (!base)
		base = guess_base(&cp);
	else if (base == 16 && cp[0] == '0' && tolower(cp[1]) == 'x')
		cp += 2;
	while (isxdigit(*cp)) {
		unsigned int v = isdigit(*cp) ? *cp - '0' : tolower(*cp) - 'a' + 10;

		if (v >= base)
			break;
		result = result * base + v;
		cp++;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return (unsigned long)simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return (long)-simple_strtoul(cp + 1, endp, base);	/* -LONG_MIN overflows a long */
	return (long)simple_strtoul(cp, endp, base);
}

/*
 * Strict conversion: the whole string (one trailing newline allowed) must
 * be a number that fits. 0, -EINVAL or -ERANGE.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long v = 0;
	const char *p = s;
	unsigned int b = base;

	if (*p == '+')
		p++;
	if (!b)
		b = guess_base(&p);
	else if (b == 16 && p[0] == '0' && tolower(p[1]) == 'x')
		p += 2;
	if (!isxdigit(*p))
		return -EINVAL;
	for (; *p && *p != '\n'; p++) {
		unsigned int d;

		if (!isxdigit(*p))
			return -EINVAL;
		d = isdigit(*p) ? *p - '0' : tolower(*p) - 'a' + 10;
		if (d >= b)
			return -EINVAL;
		/* Checked before multiplying: with a 64-bit long, v * b could wrap. */
		if (v > ((unsigned long)-1 - d) / b)
			return -ERANGE;
		v = v * b + d;
	}
	if (*p == '\n' && p[1])
		return -EINVAL;
	*res = (unsigned long)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	unsigned long v;
	int neg = (*s == '-');
	int err = neg && s[1] == '+' ? -EINVAL : kstrtoul(s + neg, base, &v);

	if (err)
		return err;
	if (neg ? v > 0x80000000UL : v > 0x7fffffffUL)
		return -ERANGE;
	*res = neg ? -(int)(v - 1) - 1 : (int)v;
	return 0;
}

/* As kstrtoul(), into an unsigned int: -ERANGE above 4294967295 whatever the size of a long. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (err)
		return err;
	if (v != (unsigned int)v)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

/*
 * The digits at s in base (0: by prefix, as simple_strtoull), into
 * *res; *overflow set if the value does not fit in 64 bits (then *res
 * is ULLONG_MAX). Returns the end of the digits.
 */
static const char *parse_ull(const char *s, unsigned int base, unsigned long long *res,
			     bool *overflow)
{
	unsigned long long v = 0;

	*overflow = false;
	if (!base)
		base = guess_base(&s);
	for (; isxdigit(*s); s++) {
		unsigned int d = isdigit(*s) ? *s - '0' : tolower(*s) - 'a' + 10;

		if (d >= base)
			break;
		if (v > (~0ULL - d) / base)
			*overflow = true;
		v = *overflow ? ~0ULL : v * base + d;
	}
	*res = v;
	return s;
}

/* The K/M/G suffix at *s, if any: its shift, *s moved past it. */
static unsigned int size_suffix(const char **s)
{
	switch (**s) {
	case 'G': case 'g':
		(*s)++;
		return 30;
	case 'M': case 'm':
		(*s)++;
		return 20;
	case 'K': case 'k':
		(*s)++;
		return 10;
	}
	return 0;
}

/*
 * "64M", "1G", "4096": a size with an optional K/M/G suffix (Linux's
 * memparse). A size beyond 2^64 - 1 bytes gives ULLONG_MAX, never a
 * wrapped-around small one.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	unsigned long long v;
	unsigned int shift;
	bool overflow;

	ptr = parse_ull(ptr, 0, &v, &overflow);
	shift = size_suffix(&ptr);
	if (v > (~0ULL >> shift))
		overflow = true;
	if (retptr)
		*retptr = (char *)ptr;
	return overflow ? ~0ULL : v << shift;
}

int parse_size(const char *s, unsigned long long *res)
{
	unsigned long long v;
	unsigned int shift;
	bool overflow;
	const char *p;

	if (!isdigit(*s))
		return -EINVAL;		/* nothing, a sign, a blank: not a size */
	p = parse_ull(s, 0, &v, &overflow);
	shift = size_suffix(&p);
	if (*p)
		return -EINVAL;
	if (overflow || v > (~0ULL >> shift))
		return -ERANGE;
	*res = v << shift;
	return 0;
}
