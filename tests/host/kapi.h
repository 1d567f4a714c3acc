/*
 * The kernel as host tests and fuzzers see it.
 *
 * Kernel functions whose names libc also uses are renamed kernel_<name>
 * on the host (shim/kernel_names.h) and declared here under that name.
 * Everything else keeps its kernel name: include the kernel's own header
 * by its path in the tree, #include "include/asm/e820.h". (Host programs
 * are built with -iquote . and libc's headers first, so the kernel's
 * string.h or asm/e820.h never hide libc's or Linux's; the kernel
 * headers' own #include <types.h> and the like still resolve, after the
 * system's, to the shim's and the kernel's.)
 *
 * The declarations of kernel functions below are copies (libc's names
 * cannot be included twice), checked: shim/kapi_check.c compiles them
 * beside the kernel's own headers, with the kernel_ renames, so a
 * prototype that drifts from the kernel's is a compile error.
 */
#ifndef _HOST_KAPI_H
#define _HOST_KAPI_H

#include <stdarg.h>
#include <stddef.h>
#include "shim/host_shim.h"

/* kernel/string.c */
void *kernel_memset(void *s, int c, size_t n);
void *kernel_memcpy(void *dest, const void *src, size_t n);
void *kernel_memmove(void *dest, const void *src, size_t n);
int kernel_memcmp(const void *a, const void *b, size_t n);
void *kernel_memchr(const void *s, int c, size_t n);
size_t kernel_strlen(const char *s);
size_t kernel_strnlen(const char *s, size_t maxlen);
int kernel_strcmp(const char *a, const char *b);
int kernel_strncmp(const char *a, const char *b, size_t n);
char *kernel_strchr(const char *s, int c);
char *kernel_strrchr(const char *s, int c);
char *kernel_strstr(const char *haystack, const char *needle);
size_t kernel_strlcpy(char *dest, const char *src, size_t size);
size_t kernel_strlcat(char *dest, const char *src, size_t size);
char *kernel_strsep(char **s, const char *delim);
void *memchr_inv(const void *s, int c, size_t n);
char *skip_spaces(const char *s);
char *strim(char *s);

/* kernel/vsprintf.c */
#define __host_printf(a, b) __attribute__((format(printf, a, b)))
__host_printf(3, 0) int kernel_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__host_printf(3, 4) int kernel_snprintf(char *buf, size_t size, const char *fmt, ...);
__host_printf(3, 0) int kernel_vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__host_printf(3, 4) int kernel_scnprintf(char *buf, size_t size, const char *fmt, ...);
__host_printf(2, 3) int kernel_sprintf(char *buf, const char *fmt, ...);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
unsigned long long memparse(const char *ptr, char **retptr);
int parse_size(const char *s, unsigned long long *res);

/* The kernel-side printk (shim/kernel_shim.c). */
__host_printf(1, 2) int printk(const char *fmt, ...);

#ifndef KAPI_KERNEL_DECLS_ONLY	/* the rest is host code's own */

/*
 * hostlib.c: the printk log. Every kernel printk since the last clear,
 * with "<N>" level prefixes; the harness clears it before each test and
 * shows it when a test fails (or always, with HOST_TEST_VERBOSE=1).
 */
const char *host_printk_log(void);
int host_printk_count(const char *s);		/* occurrences of s in the log */
const char *host_printk_tail(size_t max);	/* its last max bytes, for a crash report */
void host_printk_clear(void);
extern int host_printk_echo;	/* echo each line as a KTAP "# " comment */

/*
 * BUG() on the host calls host_bug(). With host_bug_env set it
 * longjmps there (EXPECT_BUG uses this); otherwise host_bug_hook runs
 * if set (the harness fails and ends the current test) and finally
 * the process aborts.
 */
#include <setjmp.h>
extern jmp_buf *host_bug_env;
extern void (*host_bug_hook)(const char *file, int line);

#endif /* KAPI_KERNEL_DECLS_ONLY */

#endif
