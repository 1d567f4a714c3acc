/*
 * The ktest runner: KTAP version 1 on the console (include/ktest.h).
 *
 *   KTAP version 1
 *   1..2                               <- suites selected
 *       KTAP version 1
 *       # Subtest: printk
 *       1..4                           <- cases + leak_check
 *       ok 1 test_decimal
 *       # test_hex: EXPECTATION FAILED at tests/kernel/printk_test.c:30
 *       Expected buf == "ff", but
 *           buf == "FF"
 *           "ff" == "ff"
 *       not ok 2 test_hex
 *       ok 3 test_skip # SKIP no high memory
 *       ok 4 leak_check
 *   # printk: pass:2 fail:1 skip:1 total:4
 *   not ok 1 printk
 *   ...
 *   # Totals: pass:.. fail:.. skip:.. total:..
 *
 * Then the kernel leaves QEMU with QEMU_EXIT_PASS or QEMU_EXIT_FAIL.
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <fault_inject.h>
#include <ktest.h>
#include <mm.h>
#include <printk.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/reboot.h>
#include <asm/setjmp.h>
#include <asm/traps.h>

extern struct ktest_suite *const __start_ktest_suites[], *const __stop_ktest_suites[];
extern const struct ktest_leak_check *const __start_ktest_leak_checks[];
extern const struct ktest_leak_check *const __stop_ktest_leak_checks[];

bool ktest_enabled;
static char ktest_filter[256];	/* "ktest=" value; empty: every non-manual suite */

static int __init ktest_setup(char *val)
{
	ktest_enabled = true;
	strlcpy(ktest_filter, val ? val : "", sizeof(ktest_filter));
	return 0;
}
__setup("ktest", ktest_setup);

#define INDENT	"    "

static void ktest_print_fail_header(struct ktest *t, const char *file, int line,
				    bool assertion)
{
	t->status = KTEST_FAILURE;
	printk(KERN_INFO INDENT "# %s: %s FAILED at %s:%d\n", t->name,
	       assertion ? "ASSERTION" : "EXPECTATION", file, line);
}

void ktest_fail(struct ktest *t, const char *file, int line, bool assertion,
		const char *fmt, ...)
{
	char msg[256];
	va_list args;

	ktest_print_fail_header(t, file, line, assertion);
	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	printk(KERN_INFO INDENT "%s\n", msg);
}

/* "Expected a == b, but" and the two operands, each formatted by the caller's type. */
static void ktest_print_comparison(struct ktest *t, const char *file, int line, bool assertion,
				   const char *left, const char *op, const char *right,
				   const char *lval, const char *rval)
{
	ktest_print_fail_header(t, file, line, assertion);
	printk(KERN_INFO INDENT "Expected %s %s %s, but\n", left, op, right);
	printk(KERN_INFO INDENT "    %s == %s\n", left, lval);
	printk(KERN_INFO INDENT "    %s == %s\n", right, rval);
}

bool ktest_binary(struct ktest *t, bool ok, const char *file, int line, bool assertion,
		  const char *left, const char *op, const char *right,
		  long long lv, long long rv)
{
	char l[48], r[48];

	if (ok)
		return true;
	snprintf(l, sizeof(l), "%lld (%#llx)", lv, lv);
	snprintf(r, sizeof(r), "%lld (%#llx)", rv, rv);
	ktest_print_comparison(t, file, line, assertion, left, op, right, l, r);
	return false;
}

bool ktest_ptr(struct ktest *t, bool ok, const char *file, int line, bool assertion,
	       const char *left, const char *op, const char *right,
	       const void *lv, const void *rv)
{
	char l[16], r[16];

	if (ok)
		return true;
	snprintf(l, sizeof(l), "%p", lv);
	snprintf(r, sizeof(r), "%p", rv);
	ktest_print_comparison(t, file, line, assertion, left, op, right, l, r);
	return false;
}

bool ktest_str(struct ktest *t, bool ok, const char *file, int line, bool assertion,
	       const char *left, const char *op, const char *right,
	       const char *lv, const char *rv)
{
	char l[128], r[128];

	if (ok)
		return true;
	snprintf(l, sizeof(l), "\"%s\"", lv);
	snprintf(r, sizeof(r), "\"%s\"", rv);
	ktest_print_comparison(t, file, line, assertion, left, op, right, l, r);
	return false;
}

/* A failure is not undone by skipping: the reason is kept, the verdict stays "not ok". */
void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list args;

	if (t->status != KTEST_FAILURE)
		t->status = KTEST_SKIPPED;
	va_start(args, fmt);
	vscnprintf(t->status_comment, sizeof(t->status_comment), fmt, args);
	va_end(args);
	if (t->status == KTEST_FAILURE)
		printk(KERN_INFO INDENT "# %s: skipped after failing: %s\n", t->name,
		       t->status_comment);
}

/* printk capture */

static char capture_buf[16384];
static size_t capture_len;

static void capture_line(int level, const char *line, size_t len)
{
	(void)level;
	if (capture_len + len + 1 > sizeof(capture_buf))
		return;
	memcpy(capture_buf + capture_len, line, len);
	capture_len += len;
	capture_buf[capture_len] = '\0';
}

void ktest_capture_start(void)
{
	capture_len = 0;
	capture_buf[0] = '\0';
	printk_set_capture(capture_line);
}

void ktest_capture_stop(void)
{
	printk_set_capture(NULL);
}

/* Where needle starts in the nth matching line (*n counts them all), or NULL. */
static const char *capture_find(const char *needle, unsigned int nth, unsigned int *n)
{
	const char *line = capture_buf, *found = NULL;

	*n = 0;
	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		size_t nl = strlen(needle), i;

		for (i = 0; i + nl <= len; i++) {
			if (!strncmp(line + i, needle, nl)) {
				if ((*n)++ == nth)
					found = line + i;
				break;
			}
		}
		line += len + (eol ? 1 : 0);
	}
	return found;
}

unsigned int ktest_captured(const char *needle)
{
	unsigned int n;

	capture_find(needle, 0, &n);
	return n;
}

const char *ktest_captured_line(const char *needle, unsigned int nth)
{
	unsigned int n;

	return capture_find(needle, nth, &n);
}

bool ktest_catch_oops(void (*fn)(void *arg), void *arg)
{
	static struct kernel_jmp_buf jb;
	unsigned long flags, taint = tainted_mask;
	int loglevel = console_loglevel;
	volatile bool oopsed = false;

	local_irq_save(flags);
	if (kernel_setjmp(&jb) == 0) {
		oops_recovery = &jb;
		local_irq_restore(flags);
		fn(arg);
	} else {
		oopsed = true;
	}
	oops_recovery = NULL;
	local_irq_restore(flags);
	console_loglevel = loglevel;
	tainted_mask = taint;
	return oopsed;
}

/* Selection: "suite" or "suite.case" items separated by commas. */

/* item (len bytes) is "suite" or "suite.case"; test == NULL matches any case. */
static bool filter_item_matches(const char *item, size_t len, const char *suite,
				const char *test)
{
	size_t sl = strlen(suite);

	if (len < sl || strncmp(item, suite, sl))
		return false;
	if (len == sl)
		return true;
	if (item[sl] != '.')
		return false;
	if (!test)
		return true;
	return len - sl - 1 == strlen(test) && !strncmp(item + sl + 1, test, len - sl - 1);
}

/* Whether (suite, test) is selected; test == NULL asks about the suite as a whole. */
static bool ktest_selected(const struct ktest_suite *suite, const char *test)
{
	const char *p = ktest_filter;

	if (!*p)
		return !suite->manual;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len && filter_item_matches(p, len, suite->name, test))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

/* Every filter item must name a suite (and case) that exists. */
static bool ktest_filter_valid(void)
{
	const char *p = ktest_filter;
	bool valid = true;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		struct ktest_suite *const *s;
		bool found = false;

		for (s = __start_ktest_suites; s < __stop_ktest_suites && !found; s++) {
			struct ktest_case *c;

			if (filter_item_matches(p, len, (*s)->name, NULL) &&
			    len == strlen((*s)->name))
				found = true;
			for (c = (*s)->test_cases; c->run_case && !found; c++)
				found = filter_item_matches(p, len, (*s)->name, c->name);
		}
		if (len && !found) {
			printk(KERN_ERR "# ktest: nothing matches '%.*s'\n", (int)len, p);
			valid = false;
		}
		p += len + (comma ? 1 : 0);
	}
	return valid;
}

static struct ktest_leak_snapshot leak_before;

static unsigned int nr_leak_checks(void)
{
	return min_t(unsigned int, KTEST_MAX_LEAK_CHECKS,
		     __stop_ktest_leak_checks - __start_ktest_leak_checks);
}

void ktest_leak_sample_all(struct ktest_leak_snapshot *snap)
{
	unsigned int i;

	for (i = 0; i < nr_leak_checks(); i++)
		snap->s[i].n = __start_ktest_leak_checks[i]->sample(snap->s[i].vals,
								   snap->s[i].labels);
}

/*
 * Sample again and compare with before: each quantity must have changed
 * by expect()'s amount (0 without expect). Print each difference after
 * prefix ("... was N before <when>, M after"); true if there was none.
 */
bool ktest_leak_compare(const struct ktest_leak_snapshot *before, const char *prefix,
			const char *when, ktest_leak_expect_t expect, void *arg)
{
	struct ktest_leak_sample after;
	bool clean = true;
	unsigned int i;
	int j;

	for (i = 0; i < nr_leak_checks(); i++) {
		const struct ktest_leak_check *lc = __start_ktest_leak_checks[i];

		after.n = lc->sample(after.vals, after.labels);
		for (j = 0; j < after.n && j < before->s[i].n; j++) {
			long delta = expect ? expect(lc->name, after.labels[j], arg) : 0;

			if (after.vals[j] - before->s[i].vals[j] == (unsigned long)delta)
				continue;
			printk(KERN_INFO "%s%s: %s was %lu before %s, %lu after", prefix, lc->name,
			       after.labels[j], before->s[i].vals[j], when, after.vals[j]);
			if (delta)
				printk(KERN_CONT " (%+ld expected)", delta);
			printk(KERN_CONT "\n");
			clean = false;
		}
	}
	return clean;
}

struct ktest_totals {
	unsigned int pass, fail, skip;
};

static void ktest_result(struct ktest_totals *tot, enum ktest_status status,
			 unsigned int nr, const char *name, const char *comment)
{
	switch (status) {
	case KTEST_SUCCESS:
		tot->pass++;
		printk(KERN_INFO INDENT "ok %u %s\n", nr, name);
		break;
	case KTEST_SKIPPED:
		tot->skip++;
		printk(KERN_INFO INDENT "ok %u %s # SKIP %s\n", nr, name, comment);
		break;
	case KTEST_FAILURE:
		tot->fail++;
		printk(KERN_INFO INDENT "not ok %u %s\n", nr, name);
		break;
	}
}

static struct ktest_action case_actions[KTEST_MAX_ACTIONS];

/*
 * One case: init, the test, exit, then its cleanup actions. What a test
 * must not leave behind whatever happened -- interrupts off, a printk
 * capture, changed fault injection -- is put back, and the test fails.
 */
static void ktest_run_case(struct ktest_suite *suite, struct ktest_case *c, struct ktest *t)
{
	static struct fault_attr *const attrs[] = { &fail_page_alloc, &fail_slab };
	unsigned long interval[ARRAY_SIZE(attrs)];
	long times[ARRAY_SIZE(attrs)];
	unsigned int i;

	t->actions = case_actions;
	t->max_actions = ARRAY_SIZE(case_actions);
	t->nr_actions = 0;
	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		interval[i] = attrs[i]->interval;
		times[i] = attrs[i]->times;
	}
	if (suite->init && suite->init(t)) {
		KTEST_FAIL(t, "per-test init failed");
	} else {
		c->run_case(t);
		if (suite->exit)
			suite->exit(t);
	}
	ktest_cleanup(t);
	ktest_capture_stop();
	if (irqs_disabled()) {
		KTEST_FAIL(t, "the test left interrupts disabled");
		local_irq_enable();
	}
	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		/* times counts down as faults are injected: only a limit set or lifted is a change. */
		if (attrs[i]->interval == interval[i] && (attrs[i]->times < 0) == (times[i] < 0))
			continue;
		KTEST_FAIL(t, "%s changed and not restored (use ktest_fault_attr_set())",
			   attrs[i]->name);
		attrs[i]->interval = interval[i];
		attrs[i]->times = times[i];
	}
}

static enum ktest_status ktest_run_suite(struct ktest_suite *suite, struct ktest_totals *all)
{
	struct ktest_totals tot = { 0 };
	struct ktest_case *c;
	unsigned int nr_cases = 0, nr = 0;
	bool skip_all = false;

	for (c = suite->test_cases; c->run_case; c++)
		if (ktest_selected(suite, c->name))
			nr_cases++;

	printk(KERN_INFO INDENT "KTAP version 1\n");
	printk(KERN_INFO INDENT "# Subtest: %s\n", suite->name);
	printk(KERN_INFO INDENT "1..%u\n", nr_cases + 1);

	ktest_leak_sample_all(&leak_before);
	if (suite->suite_init && suite->suite_init(suite)) {
		printk(KERN_INFO INDENT "# %s: suite_init failed\n", suite->name);
		skip_all = true;
	}

	for (c = suite->test_cases; c->run_case; c++) {
		struct ktest t = { .name = c->name, .suite = suite, .status = KTEST_SUCCESS };

		if (!ktest_selected(suite, c->name))
			continue;
		if (skip_all) {
			ktest_result(&tot, KTEST_FAILURE, ++nr, c->name, NULL);
			continue;
		}
		ktest_run_case(suite, c, &t);
		ktest_result(&tot, t.status, ++nr, c->name, t.status_comment);
	}

	if (suite->suite_exit && !skip_all)
		suite->suite_exit(suite);
	ktest_result(&tot, ktest_leak_compare(&leak_before, INDENT "# leak_check: ", "the suite",
					      NULL, NULL) ? KTEST_SUCCESS : KTEST_FAILURE,
		     ++nr, "leak_check", NULL);

	printk(KERN_INFO "# %s: pass:%u fail:%u skip:%u total:%u\n", suite->name,
	       tot.pass, tot.fail, tot.skip, tot.pass + tot.fail + tot.skip);
	all->pass += tot.pass;
	all->fail += tot.fail;
	all->skip += tot.skip;
	return tot.fail ? KTEST_FAILURE : KTEST_SUCCESS;
}

/*
 * The facts a runner needs to judge the results (which skips are fair),
 * printed before the first suite and after the last:
 *   # ktest: config highmem=1 pse=1 lowmem_kb=... highmem_kb=... slab_debug=0
 *            fail_page_alloc=0,-1 fail_slab=7,-1
 * highmem: ZONE_HIGHMEM has pages; pse: the direct map uses 4 MB pages
 * (some of it: not where the kernel image is); fail_*: the injection in
 * force (interval, failures left; -1: no limit).
 */
static void ktest_print_config(void)
{
	struct zone *high = &contig_page_data.node_zones[ZONE_HIGHMEM];
	unsigned long addr;
	int pse = 0;

	for (addr = PAGE_OFFSET; addr < (unsigned long)high_memory && !pse; addr += PGDIR_SIZE)
		pse = pgd_large(*pgd_offset_k(addr));
	printk(KERN_INFO "# ktest: config highmem=%d pse=%d lowmem_kb=%lu highmem_kb=%lu "
	       "slab_debug=%d fail_page_alloc=%lu,%ld fail_slab=%lu,%ld\n",
	       populated_zone(high), pse,
	       K(totalram_pages - totalhigh_pages),
	       K(totalhigh_pages), slab_debug_all,
	       fail_page_alloc.interval, fail_page_alloc.times, fail_slab.interval, fail_slab.times);
}

void ktest_run(void)
{
	struct ktest_totals all = { 0 };
	struct ktest_suite *const *s;
	unsigned int nr_suites = 0, nr = 0, failed_suites = 0;
	bool valid = ktest_filter_valid();

	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		if (ktest_selected(*s, NULL))
			nr_suites++;

	printk(KERN_INFO "KTAP version 1\n");
	ktest_print_config();
	printk(KERN_INFO "1..%u\n", nr_suites);
	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++) {
		if (!ktest_selected(*s, NULL))
			continue;
		if (ktest_run_suite(*s, &all) == KTEST_FAILURE) {
			failed_suites++;
			printk(KERN_INFO "not ok %u %s\n", ++nr, (*s)->name);
		} else {
			printk(KERN_INFO "ok %u %s\n", ++nr, (*s)->name);
		}
	}
	ktest_print_config();	/* again: injection set at boot must still be there */
	printk(KERN_INFO "# Totals: pass:%u fail:%u skip:%u total:%u\n",
	       all.pass, all.fail, all.skip, all.pass + all.fail + all.skip);
	machine_exit(failed_suites || !valid ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}
