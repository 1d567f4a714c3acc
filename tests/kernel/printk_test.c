/*
 * printk and the kernel's formatting, as the kernel itself runs them
 * (the host tests compare vsnprintf with glibc exhaustively; these
 * check the kernel build: 32-bit longs, %pS against the real symbol
 * table, the log buffer and the console levels).
 */
#include <kernel.h>
#include <string.h>
#include <ktest.h>
#include <printk.h>

static char buf[128];

#define EXPECT_FMT(t, expect, fmt, ...) do {				\
	int __n = snprintf(buf, sizeof(buf), fmt, ##__VA_ARGS__);	\
	KTEST_EXPECT_STREQ(t, buf, expect);				\
	KTEST_EXPECT_EQ(t, __n, (int)strlen(expect));			\
} while (0)

static void test_integers(struct ktest *t)
{
	EXPECT_FMT(t, "42 -42 42", "%d %i %u", 42, -42, 42u);
	EXPECT_FMT(t, "ff FF 0xff 0XFF 377 0377", "%x %X %#x %#X %o %#o", 255, 255, 255, 255, 255, 255);
	EXPECT_FMT(t, "4294967295 -2147483648", "%lu %ld", 0xffffffffUL, (long)(-2147483647L - 1));
	EXPECT_FMT(t, "18446744073709551615 -9223372036854775808", "%llu %lld",
		   ~0ULL, (long long)(-9223372036854775807LL - 1));
	EXPECT_FMT(t, "c0100000", "%lx", 0xc0100000UL);
	EXPECT_FMT(t, "%", "%%");
}

static void test_width_and_padding(struct ktest *t)
{
	EXPECT_FMT(t, "[   42]", "[%5d]", 42);
	EXPECT_FMT(t, "[42   ]", "[%-5d]", 42);
	EXPECT_FMT(t, "[00042]", "[%05d]", 42);
	EXPECT_FMT(t, "[-0042]", "[%05d]", -42);
	EXPECT_FMT(t, "[0000002a]", "[%08x]", 42);
	EXPECT_FMT(t, "[  abc]|[abc  ]", "[%5s]|[%-5s]", "abc", "abc");
	EXPECT_FMT(t, "[ab]", "[%.2s]", "abc");
	EXPECT_FMT(t, "[    7]", "[%*d]", 5, 7);
	EXPECT_FMT(t, "[  x]", "[%3c]", 'x');
}

/* A NULL string prints "(null)"; hidden from GCC, which would flag the constant. */
static const char *volatile null_string;

static void test_null_string(struct ktest *t)
{
	EXPECT_FMT(t, "[(null)]", "[%s]", null_string);
}

static void test_pointers(struct ktest *t)
{
	EXPECT_FMT(t, "c0100000", "%p", (void *)0xc0100000);
	EXPECT_FMT(t, "00001000", "%p", (void *)0x1000);
}

static void test_symbolic_pointers(struct ktest *t)
{
	char expect[64];
	unsigned long addr = (unsigned long)printk + 3;

	snprintf(buf, sizeof(buf), "%pS", (void *)addr);
	KTEST_EXPECT_EQ(t, strncmp(buf, "printk+0x3/0x", 13), 0);
	snprintf(buf, sizeof(buf), "%ps", (void *)addr);
	KTEST_EXPECT_STREQ(t, buf, "printk");
	/* Outside the kernel's text: the bare address. */
	snprintf(buf, sizeof(buf), "%pS", (void *)0x1234);
	snprintf(expect, sizeof(expect), "0x%x", 0x1234);
	KTEST_EXPECT_STREQ(t, buf, expect);
}

static void test_truncation(struct ktest *t)
{
	char small[8];
	int n = snprintf(small, sizeof(small), "%s", "0123456789");

	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_STREQ(t, small, "0123456");
	KTEST_EXPECT_EQ(t, scnprintf(small, sizeof(small), "%s", "0123456789"), 7);
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

/* The log's text without the "[seconds.micros] " after each "<level>". */
static void strip_times(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '<' && s[1] && s[2] == '>' && s[3] == '[') {
			*out++ = *s++;
			*out++ = *s++;
			*out++ = *s++;
			while (*s && *s++ != ']')
				;
			if (*s == ' ')
				s++;
			continue;
		}
		*out++ = *s++;
	}
	*out = 0;
}

/* Each line as syslog(2) gives it: "<level>[sssss.uuuuuu] text". */
static void test_log_time_prefix(struct ktest *t)
{
	char tail[256];
	const char *line, *next;
	int i, shape = 1;

	printk(KERN_INFO "ktest-printk: timed line\n");
	log_buf_copy(tail, sizeof(tail));
	line = strstr(tail, "<6>[");
	while (line && (next = strstr(line + 1, "<6>[")))
		line = next;
	KTEST_ASSERT_NOT_NULL(t, line);
	for (i = 4; i < 4 + 5 + 1 + 6; i++)
		if (i == 9 ? line[i] != '.' : !(line[i] == ' ' || (line[i] >= '0' && line[i] <= '9')))
			shape = 0;
	KTEST_EXPECT_EQ(t, shape, 1);
	KTEST_EXPECT_EQ(t, strcmp(line + 16, "] ktest-printk: timed line\n"), 0);
}

/* The log buffer keeps each line with its "<level>" prefix, Linux 2.6 style. */
static void test_log_buffer_levels(struct ktest *t)
{
	char tail[256];

	printk(KERN_ERR "ktest-printk: error line %d\n", 1);
	printk(KERN_DEBUG "ktest-printk: debug line\n");
	printk("ktest-printk: default line\n");
	log_buf_copy(tail, sizeof(tail));
	strip_times(tail);
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<3>ktest-printk: error line 1\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<7>ktest-printk: debug line\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<4>ktest-printk: default line\n"));
}

/* KERN_CONT continues the open line; a new level ends it first. */
static void test_continuation(struct ktest *t)
{
	char tail[256];

	printk(KERN_INFO "ktest-printk: a");
	pr_cont("b");
	pr_cont("c\n");
	printk(KERN_INFO "ktest-printk: open");
	printk(KERN_INFO "ktest-printk: next\n");
	log_buf_copy(tail, sizeof(tail));
	strip_times(tail);
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<6>ktest-printk: abc\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<6>ktest-printk: open\n<6>ktest-printk: next\n"));
}

/* Lines below console_loglevel reach the log (and the capture hook) but not the console. */
static void test_console_loglevel(struct ktest *t)
{
	int saved = console_loglevel;

	ktest_capture_start();
	console_loglevel = 4;
	printk(KERN_INFO "ktest-printk: quiet info\n");
	console_loglevel = saved;
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, ktest_captured("ktest-printk: quiet info"), 1u);
}

/* Filling the ring more than once keeps the newest LOG_BUF_LEN bytes intact. */
static void test_ring_wrap(struct ktest *t)
{
	static char tail[LOG_BUF_LEN + 1];
	unsigned long start = log_end;
	int saved = console_loglevel, i;

	console_loglevel = 0;	/* don't flood the serial line */
	for (i = 0; i < 2000; i++)
		printk(KERN_INFO "ktest-printk wrap line %04d ............................\n", i);
	console_loglevel = saved;
	KTEST_EXPECT_GT(t, log_end - start, (unsigned long)LOG_BUF_LEN);
	log_buf_copy(tail, sizeof(tail));
	KTEST_EXPECT_EQ(t, strlen(tail), (size_t)LOG_BUF_LEN);
	strip_times(tail);
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "<6>ktest-printk wrap line 1999 ...."));
	KTEST_EXPECT_NULL(t, strstr(tail, "wrap line 0000 "));
}

static struct ktest_case printk_cases[] = {
	KTEST_CASE(test_integers),
	KTEST_CASE(test_width_and_padding),
	KTEST_CASE(test_null_string),
	KTEST_CASE(test_pointers),
	KTEST_CASE(test_symbolic_pointers),
	KTEST_CASE(test_truncation),
	KTEST_CASE(test_log_time_prefix),
	KTEST_CASE(test_log_buffer_levels),
	KTEST_CASE(test_continuation),
	KTEST_CASE(test_console_loglevel),
	KTEST_CASE(test_ring_wrap),
	{}
};

static struct ktest_suite printk_suite = {
	.name = "printk",
	.test_cases = printk_cases,
};
ktest_register_suite(printk_suite);
