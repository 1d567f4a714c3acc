/*
 * The host side of the shim (see shim/host_shim.h): the printk log and
 * BUG(). Linked into every host test and fuzzer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kapi.h"

#define LOG_KEEP	(1 << 20)	/* keep the last MB of printk output */

static char *log_buf;
static size_t log_len, log_cap;
int host_printk_echo;
jmp_buf *host_bug_env;
void (*host_bug_hook)(const char *file, int line);

static void echo(const char *text, unsigned long len)
{
	static int at_line_start = 1;
	unsigned long i;

	for (i = 0; i < len; i++) {
		if (at_line_start)
			fputs("# ", stdout);
		putchar(text[i]);
		at_line_start = text[i] == '\n';
	}
	fflush(stdout);
}

void host_printk_emit(const char *text, unsigned long len)
{
	if (host_printk_echo)
		echo(text, len);
	if (log_len + len + 1 > log_cap) {
		if (log_len > LOG_KEEP) {	/* drop the oldest half */
			memmove(log_buf, log_buf + log_len / 2, log_len - log_len / 2);
			log_len -= log_len / 2;
		}
		while (log_len + len + 1 > log_cap)
			log_cap = log_cap ? 2 * log_cap : 4096;
		log_buf = realloc(log_buf, log_cap);
		if (!log_buf)
			abort();
	}
	memcpy(log_buf + log_len, text, len);
	log_len += len;
	log_buf[log_len] = '\0';
}

const char *host_printk_log(void)
{
	return log_buf ? log_buf : "";
}

void host_printk_clear(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

void host_bug(const char *file, int line)
{
	if (host_bug_env)
		longjmp(*host_bug_env, 1);
	if (host_bug_hook)
		host_bug_hook(file, line);
	fprintf(stderr, "kernel BUG at %s:%d!\n", file, line);
	abort();
}

/* UBSan reports with a stack trace (the sanitizer runtimes look this up). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1";
}
