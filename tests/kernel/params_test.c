/*
 * The command-line parser (next_arg, parse_args) and the parameter
 * table built by __setup/early_param.
 */
#include <errno.h>
#include <string.h>
#include <init.h>
#include <ktest.h>

#define MAX_SEEN 8

struct seen {
	unsigned int n;
	char param[MAX_SEEN][32];
	char val[MAX_SEEN][32];
	bool has_val[MAX_SEEN];
};

static int collect(char *param, char *val, void *arg)
{
	struct seen *s = arg;

	if (s->n == MAX_SEEN)
		return -ENOSPC;
	strlcpy(s->param[s->n], param, sizeof(s->param[0]));
	s->has_val[s->n] = val != NULL;
	strlcpy(s->val[s->n], val ? val : "", sizeof(s->val[0]));
	s->n++;
	return !strcmp(param, "bad") ? -EINVAL : 0;
}

static void parse(struct seen *s, const char *line)
{
	static char buf[256];

	memset(s, 0, sizeof(*s));
	strlcpy(buf, line, sizeof(buf));
	parse_args("ktest", buf, collect, s);
}

static void test_plain_and_valued(struct ktest *t)
{
	struct seen s;

	parse(&s, "ktest  loglevel=7\tmem=64M  quiet ");
	KTEST_ASSERT_EQ(t, s.n, 4u);
	KTEST_EXPECT_STREQ(t, s.param[0], "ktest");
	KTEST_EXPECT_FALSE(t, s.has_val[0]);
	KTEST_EXPECT_STREQ(t, s.param[1], "loglevel");
	KTEST_EXPECT_STREQ(t, s.val[1], "7");
	KTEST_EXPECT_STREQ(t, s.param[2], "mem");
	KTEST_EXPECT_STREQ(t, s.val[2], "64M");
	KTEST_EXPECT_STREQ(t, s.param[3], "quiet");
}

static void test_quotes_and_equals(struct ktest *t)
{
	struct seen s;

	parse(&s, "a=\"b c\" d=e=f empty= \"q r=s\"");
	KTEST_ASSERT_EQ(t, s.n, 4u);
	KTEST_EXPECT_STREQ(t, s.val[0], "b c");
	KTEST_EXPECT_STREQ(t, s.param[1], "d");
	KTEST_EXPECT_STREQ(t, s.val[1], "e=f");
	KTEST_EXPECT_TRUE(t, s.has_val[2]);
	KTEST_EXPECT_STREQ(t, s.val[2], "");
	KTEST_EXPECT_STREQ(t, s.param[3], "q r");
	KTEST_EXPECT_STREQ(t, s.val[3], "s");
}

static void test_double_dash_ends(struct ktest *t)
{
	struct seen s;

	parse(&s, "one -- two three");
	KTEST_EXPECT_EQ(t, s.n, 1u);
}

/* A handler's error is returned and reported; the rest is still parsed. */
static void test_errors_reported(struct ktest *t)
{
	static char buf[64];
	struct seen s = { 0 };
	int err;

	strlcpy(buf, "x bad=1 y", sizeof(buf));
	ktest_capture_start();
	err = parse_args("ktest", buf, collect, &s);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, err, -EINVAL);
	KTEST_EXPECT_EQ(t, s.n, 3u);
	KTEST_EXPECT_EQ(t, ktest_captured("bad value for parameter 'bad=1'"), 1u);
}

/* The table from __setup/early_param holds our parameters, each once. */
static void test_setup_table(struct ktest *t)
{
	extern const struct obs_kernel_param __setup_start[], __setup_end[];
	const struct obs_kernel_param *p, *q;
	unsigned int dups = 0;

	p = find_setup_param(__setup_start, __setup_end, "ktest");
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p->early, 0);
	p = find_setup_param(__setup_start, __setup_end, "loglevel");
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p->early, 1);
	KTEST_EXPECT_NULL(t, find_setup_param(__setup_start, __setup_end, "no_such_param"));
	for (p = __setup_start; p < __setup_end; p++)
		for (q = p + 1; q < __setup_end; q++)
			dups += !strcmp(p->str, q->str);
	KTEST_EXPECT_EQ(t, dups, 0u);
}

/* This boot's own command line reached the kernel without the image path. */
static void test_boot_command_line(struct ktest *t)
{
	KTEST_EXPECT_NOT_NULL(t, strstr(boot_command_line, "ktest"));
	KTEST_EXPECT_NULL(t, strstr(boot_command_line, "mneme.elf"));
}

static struct ktest_case params_cases[] = {
	KTEST_CASE(test_plain_and_valued),
	KTEST_CASE(test_quotes_and_equals),
	KTEST_CASE(test_double_dash_ends),
	KTEST_CASE(test_errors_reported),
	KTEST_CASE(test_setup_table),
	KTEST_CASE(test_boot_command_line),
	{}
};

static struct ktest_suite params_suite = {
	.name = "params",
	.test_cases = params_cases,
};
ktest_register_suite(params_suite);
