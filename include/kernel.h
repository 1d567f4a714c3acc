/*
 * The kernel's everyday helpers: sizes, alignment, container_of,
 * min/max, printk and its log levels, string formatting, panic.
 */
#ifndef _MNEME_KERNEL_H
#define _MNEME_KERNEL_H

#include <stdarg.h>
#include <types.h>
#include <compiler.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		     (void)(&_a == &_b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		     (void)(&_a == &_b); _a > _b ? _a : _b; })
#define min_t(t, a, b)	({ t _a = (a); t _b = (b); _a < _b ? _a : _b; })
#define max_t(t, a, b)	({ t _a = (a); t _b = (b); _a > _b ? _a : _b; })

/*
 * printk log levels, as in Linux: a level is a two-character prefix,
 * "\001" followed by the digit, so KERN_ERR "msg" is one string.
 */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"
#define LOGLEVEL_DEFAULT 4	/* a message without a level is a warning */

extern int console_loglevel;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* kernel/vsprintf.c: C99 semantics (return the length that would be written). */
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
/* scnprintf: returns what was really written (without the NUL). */
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...);

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
unsigned long long memparse(const char *ptr, char **retptr);
/*
 * A size parameter (mem=, vmalloc=), strictly: digits in any base
 * simple_strtoull() reads, an optional K, M or G, nothing after. 0, or
 * -EINVAL (empty, a sign, junk) or -ERANGE (above 2^64 - 1); *res is
 * untouched on error.
 */
int parse_size(const char *s, unsigned long long *res);

/* arch/x86/dumpstack.c: a call trace of the caller, as an oops shows it. */
void dump_stack(void);

/* kernel/main.c: boot is complete (Linux's system_state == SYSTEM_RUNNING). */
extern int system_state_running;

/* kernel/panic.c */
__noreturn __cold __printf(1, 2) void panic(const char *fmt, ...);
extern unsigned long tainted_mask;
#define TAINT_BAD_PAGE	5	/* 'B', as in Linux */
#define TAINT_DIE	7	/* 'D' */
#define TAINT_WARN	9	/* 'W' */
void add_taint(unsigned int flag);
const char *print_tainted(void);

#endif
