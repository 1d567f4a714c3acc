/*
 * The host test runner: runs the TEST()s of one program in file order
 * and prints KTAP version 1 on stdout:
 *
 *     KTAP version 1
 *     1..3
 *     ok 1 first
 *     # test_foo.c:42: expected a == b: 3 (0x3) vs 4 (0x4)
 *     not ok 2 second
 *     ok 3 third
 *     # Totals: pass:2 fail:1
 *
 * The exit status is 1 if any test failed.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"

#define MAX_TESTS	256
#define MAX_REPORTS	20	/* failure messages shown per test */
#define LOG_TAIL	8192	/* printk bytes shown for a failed test */

struct ht_test {
	const char *name;
	void (*fn)(void);
	int line;
};

static struct ht_test tests[MAX_TESTS];
static int nr_tests;
static int cur_failed, cur_reports;
static jmp_buf test_env;
static uint64_t seed, rng_state;

void ht_register(const char *name, void (*fn)(void), int line)
{
	if (nr_tests == MAX_TESTS) {
		fprintf(stderr, "harness: more than %d tests\n", MAX_TESTS);
		exit(2);
	}
	tests[nr_tests++] = (struct ht_test){ name, fn, line };
}

int ht_failed(void)
{
	return cur_failed;
}

/* Print text as KTAP diagnostics: every line prefixed with "# ". */
static void diag_text(const char *text)
{
	const char *nl;

	for (; *text; text = nl + 1) {
		nl = strchr(text, '\n');
		if (!nl) {
			printf("# %s\n", text);
			return;
		}
		printf("# %.*s\n", (int)(nl - text), text);
	}
}

void ht_fail(const char *file, int line, int fatal, const char *fmt, ...)
{
	const char *base = strrchr(file, '/');
	char msg[4096];
	int n;
	va_list ap;

	cur_failed = 1;
	if (cur_reports++ < MAX_REPORTS) {
		n = snprintf(msg, sizeof(msg), "%s:%d: ", base ? base + 1 : file, line);
		va_start(ap, fmt);
		vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
		va_end(ap);
		diag_text(msg);
	} else if (cur_reports == MAX_REPORTS + 1) {
		printf("# (further failures of this test not shown)\n");
	}
	if (fatal)
		longjmp(test_env, 1);
}

void ht_diag(const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_text(msg);
}

static void format_int(char *buf, size_t size, __int128 v)
{
	if (v < 0)
		snprintf(buf, size, "%lld (0x%llx)", (long long)v, (unsigned long long)v);
	else
		snprintf(buf, size, "%llu (0x%llx)", (unsigned long long)v, (unsigned long long)v);
}

void ht_fail_cmp(const char *file, int line, int fatal, const char *a,
		 const char *op, const char *b, __int128 va, __int128 vb)
{
	char sa[64], sb[64];

	format_int(sa, sizeof(sa), va);
	format_int(sb, sizeof(sb), vb);
	ht_fail(file, line, fatal, "expected %s %s %s\n  %s = %s\n  %s = %s",
		a, op, b, a, sa, b, sb);
}

/* A string shown with C escapes, so invisible differences show. */
static void quote(char *out, size_t size, const char *s)
{
	size_t n = 0;

	if (!s) {
		snprintf(out, size, "NULL");
		return;
	}
	out[n++] = '"';
	for (; *s && n + 6 < size; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			n += snprintf(out + n, size - n, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			out[n++] = c;
		else
			n += snprintf(out + n, size - n, "\\x%02x", c);
	}
	if (*s)
		n += snprintf(out + n, size - n, "...");
	snprintf(out + n, size - n, "\"");
}

void ht_fail_str(const char *file, int line, int fatal, const char *a,
		 const char *b, const char *va, const char *vb)
{
	char qa[1024], qb[1024];

	quote(qa, sizeof(qa), va);
	quote(qb, sizeof(qb), vb);
	ht_fail(file, line, fatal, "expected %s == %s\n  %s = %s\n  %s = %s",
		a, b, a, qa, b, qb);
}

void ht_fail_mem(const char *file, int line, int fatal, const char *a,
		 const char *b, const void *va, const void *vb, size_t n)
{
	const unsigned char *pa = va, *pb = vb;
	size_t i = 0;

	while (i < n && pa[i] == pb[i])
		i++;
	ht_fail(file, line, fatal, "expected %zu bytes %s == %s; first difference at %zu: 0x%02x vs 0x%02x",
		n, a, b, i, pa[i], pb[i]);
}

uint64_t ht_rand(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

uint64_t ht_seed(void)
{
	return seed;
}

static void reseed(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a of the name */

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	rng_state = (seed ^ h) | 1;
}

/* A BUG() nobody expected: fail the test and abandon it. */
static void unexpected_bug(const char *file, int line)
{
	ht_fail(file, line, 1, "kernel BUG at %s:%d!", file, line);
}

static int selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return 1;
	return 0;
}

/* Run test i; returns 1 if it failed. (setjmp lives here, away from main's counters.) */
static int run_test(int i)
{
	cur_failed = 0;
	cur_reports = 0;
	reseed(tests[i].name);
	host_printk_clear();
	host_bug_env = NULL;
	if (!setjmp(test_env))
		tests[i].fn();
	return cur_failed;
}

static int by_line(const void *a, const void *b)
{
	return ((const struct ht_test *)a)->line - ((const struct ht_test *)b)->line;
}

int main(int argc, char **argv)
{
	const char *env = getenv("HOST_TEST_SEED");
	int i, n = 0, pass = 0, fail = 0;

	seed = env ? strtoull(env, NULL, 0) : 0x6d6e656d65ULL;	/* "mneme" */
	env = getenv("HOST_TEST_VERBOSE");
	host_printk_echo = env && *env && strcmp(env, "0");
	host_bug_hook = unexpected_bug;
	setvbuf(stdout, NULL, _IOLBF, 0);

	qsort(tests, nr_tests, sizeof(tests[0]), by_line);
	for (i = 0; i < nr_tests; i++)
		n += selected(tests[i].name, argc, argv);
	printf("KTAP version 1\n1..%d\n", n);
	printf("# seed %#" PRIx64 " (HOST_TEST_SEED)\n", seed);

	n = 0;
	for (i = 0; i < nr_tests; i++) {
		if (!selected(tests[i].name, argc, argv))
			continue;
		if (run_test(i)) {
			const char *log = host_printk_log();
			size_t len = strlen(log);

			if (len && !host_printk_echo) {
				printf("# printk output%s:\n", len > LOG_TAIL ? " (the end)" : "");
				diag_text(len > LOG_TAIL ? log + len - LOG_TAIL : log);
			}
			fail++;
		} else {
			pass++;
		}
		printf("%s %d %s\n", cur_failed ? "not ok" : "ok", ++n, tests[i].name);
	}
	printf("# Totals: pass:%d fail:%d\n", pass, fail);
	if (!n)
		printf("# no test ran: nothing matches the arguments\n");
	return fail || !n ? 1 : 0;
}
