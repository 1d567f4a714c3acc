/*
 * The host side of the shim (see shim/host_shim.h): the printk log,
 * BUG() and boot memory. Linked into every host test and fuzzer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/asan_interface.h>
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

int host_printk_count(const char *s)
{
	const char *p = host_printk_log();
	int n = 0;

	while ((p = strstr(p, s))) {
		n++;
		p += strlen(s);
	}
	return n;
}

const char *host_printk_tail(size_t max)
{
	const char *log = host_printk_log();
	size_t len = strlen(log);

	return len > max ? log + len - max : log;
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

/*
 * __alloc_bootmem() (shim/mm_shim.c): zeroed blocks, kept on a list until
 * the next "boot" releases them. Released blocks are kept for reuse by a
 * request of the very same size and alignment (a fuzzer boots thousands
 * of times a second; fresh memory would fault in every time), so ASan
 * still sees every overrun; while they wait they are poisoned (a pointer
 * kept across a boot is caught unless the same block was reused).
 */
struct bootmem_block {
	struct bootmem_block *next;
	void *mem;
	unsigned long size, align;
};
static struct bootmem_block *bootmem_blocks, *bootmem_cache, *bootmem_kept;
#define BOOTMEM_CACHE_MAX	8

void *host_bootmem_alloc(unsigned long size, unsigned long align)
{
	struct bootmem_block *b, **pp;

	if (align < sizeof(void *))
		align = sizeof(void *);
	for (pp = &bootmem_cache; (b = *pp); pp = &b->next)
		if (b->size == size && b->align == align)
			break;
	if (b) {
		*pp = b->next;
		ASAN_UNPOISON_MEMORY_REGION(b->mem, size);
	} else {
		b = malloc(sizeof(*b));
		if (!b || posix_memalign(&b->mem, align, size ? size : 1)) {
			free(b);
			return NULL;
		}
		b->size = size;
		b->align = align;
	}
	memset(b->mem, 0, size);
	b->next = bootmem_blocks;
	bootmem_blocks = b;
	return b->mem;
}

void host_bootmem_release(void)
{
	struct bootmem_block *b;
	int n = 0;

	while ((b = bootmem_blocks)) {
		bootmem_blocks = b->next;
		ASAN_POISON_MEMORY_REGION(b->mem, b->size);
		b->next = bootmem_cache;
		bootmem_cache = b;
	}
	for (b = bootmem_cache; b; b = b->next) {
		if (++n == BOOTMEM_CACHE_MAX) {
			while (b->next) {
				struct bootmem_block *old = b->next;

				b->next = old->next;
				ASAN_UNPOISON_MEMORY_REGION(old->mem, old->size);
				free(old->mem);
				free(old);
			}
		}
	}
}

/*
 * Keep what was allocated since the last release for good: neither
 * released nor reused by later boots (page_alloc_host.h's boot
 * snapshots: a saved mem_map is restored at the address it was built at).
 */
void host_bootmem_keep(void)
{
	struct bootmem_block *b;

	while ((b = bootmem_blocks)) {
		bootmem_blocks = b->next;
		b->next = bootmem_kept;
		bootmem_kept = b;
	}
}

/* UBSan reports with a stack trace (the sanitizer runtimes look this up). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1";
}
