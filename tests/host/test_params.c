/*
 * kernel/params.c: the command-line tokenizer (Linux's next_arg()),
 * parse_args() and find_setup_param().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "include/init.h"

#define MAX_SEEN	64

struct seen {
	int n;
	char *buf;	/* the command line being parsed */
	size_t len;
	char param[MAX_SEEN][64];
	char val[MAX_SEEN][64];		/* "(none)" for NULL */
	const char *fail_on;		/* params whose handler returns an error */
	int err;
};

/* Records every call, after checking both strings lie inside the buffer. */
static int record(char *param, char *val, void *arg)
{
	struct seen *s = arg;

	EXPECT_TRUE(param >= s->buf && param + strlen(param) < s->buf + s->len + 1);
	if (val)
		EXPECT_TRUE(val >= s->buf && val + strlen(val) < s->buf + s->len + 1);
	if (s->n < MAX_SEEN) {
		snprintf(s->param[s->n], sizeof(s->param[0]), "%s", param);
		snprintf(s->val[s->n], sizeof(s->val[0]), "%s", val ? val : "(none)");
	}
	s->n++;
	if (s->fail_on && strstr(s->fail_on, param))
		return param[0] == 'b' ? -EINVAL : -ENOENT;
	return 0;
}

/*
 * Parse cmdline (a copy in an exact-size buffer) and compare the calls
 * with want: "param=val" strings, "param" for no value.
 */
static int parse(const char *cmdline, const char *const *want, int nr_want, const char *fail_on)
{
	struct seen *s = calloc(1, sizeof(*s));
	int i, ret;

	s->len = strlen(cmdline);
	s->buf = malloc(s->len + 1);
	memcpy(s->buf, cmdline, s->len + 1);
	s->fail_on = fail_on;
	ret = parse_args("test", s->buf, record, s);
	if (s->n != nr_want)
		ht_fail(__FILE__, __LINE__, 0, "'%s': %d parameters, want %d", cmdline, s->n, nr_want);
	for (i = 0; i < s->n && i < nr_want; i++) {
		char got[160];

		if (!strcmp(s->val[i], "(none)"))
			snprintf(got, sizeof(got), "%s", s->param[i]);
		else
			snprintf(got, sizeof(got), "%s=%s", s->param[i], s->val[i]);
		if (strcmp(got, want[i]))
			ht_fail(__FILE__, __LINE__, 0, "'%s': parameter %d is '%s', want '%s'",
				cmdline, i, got, want[i]);
	}
	free(s->buf);
	free(s);
	return ret;
}

#define PARSE(cmdline, ...) ({						\
	static const char *const _want[] = { __VA_ARGS__ };		\
	parse(cmdline, _want, sizeof(_want) / sizeof(_want[0]), NULL);	\
})
#define PARSE_NONE(cmdline)	parse(cmdline, NULL, 0, NULL)

TEST(simple)
{
	EXPECT_EQ(PARSE("a", "a"), 0);
	EXPECT_EQ(PARSE("a b=c", "a", "b=c"), 0);
	EXPECT_EQ(PARSE("console=ttyS0 loglevel=7 ktest", "console=ttyS0", "loglevel=7", "ktest"), 0);
	EXPECT_EQ(PARSE("mem=64M ktest=buddy,slab", "mem=64M", "ktest=buddy,slab"), 0);
}

TEST(values_with_equals)
{
	PARSE("a=b=c", "a=b=c");
	PARSE("a==", "a==");
	PARSE("x=1 y=a=b", "x=1", "y=a=b");
}

TEST(empty_value)
{
	PARSE("a=", "a=");
	PARSE("a= b", "a=", "b");
	PARSE("a=\"\" b", "a=", "b");
}

TEST(quoted_values)
{
	PARSE("a=\"b c\"", "a=b c");
	PARSE("a=\"b c\" d", "a=b c", "d");
	PARSE("a=\"b  c\"\tx=\"\ty\"", "a=b  c", "x=\ty");
	/* Unterminated: the rest of the line is the value. */
	PARSE("a=\"b c d", "a=b c d");
	/* Quotes in the middle of a word are kept (Linux's next_arg does the same). */
	PARSE("x\"y z\" w", "x\"y z\"", "w");
	PARSE("a=b\"c d\"", "a=b\"c d\"");
}

TEST(quoted_whole_param)
{
	PARSE("\"a b\" c", "a b", "c");
	PARSE("\"a=b c\" d", "a=b c", "d");
	PARSE("\"a\"", "a");
	PARSE("\"\" a", "a");	/* an empty parameter is skipped */
	PARSE_NONE("\"");
}

TEST(white_space)
{
	PARSE_NONE("");
	PARSE_NONE("   ");
	PARSE_NONE(" \t\n ");
	PARSE("  a   \t b  ", "a", "b");
	PARSE("a\tb\nc\r\vd\fe", "a", "b", "c", "d", "e");
	PARSE("a ", "a");
	PARSE("a=1   ", "a=1");
}

TEST(double_dash_stops)
{
	PARSE("a -- b c", "a");
	PARSE_NONE("--");
	PARSE_NONE("  -- a=b");
	PARSE("a --x b", "a", "--x", "b");	/* only a bare "--" */
	PARSE("a=-- b", "a=--", "b");
}

/* A failing handler: the first error comes back, later parameters are still handled. */
TEST(error_propagation)
{
	static const char *const want[] = { "ok", "bad=1", "x", "worse", "y=2" };
	const char *log;
	int r;

	r = parse("ok bad=1 x worse y=2", want, 5, "bad worse");
	EXPECT_EQ(r, -EINVAL);
	log = host_printk_log();
	EXPECT_NOT_NULL(strstr(log, "<4>test: bad value for parameter 'bad=1' (error -22)\n"));
	EXPECT_NOT_NULL(strstr(log, "<4>test: bad value for parameter 'worse' (error -2)\n"));
	host_printk_clear();
	r = parse("worse bad", (const char *const[]){ "worse", "bad" }, 2, "bad worse");
	EXPECT_EQ(r, -ENOENT);
	r = parse("fine", (const char *const[]){ "fine" }, 1, "bad worse");
	EXPECT_EQ(r, 0);
	EXPECT_STREQ(host_printk_log(), "<4>test: bad value for parameter 'worse' (error -2)\n"
					"<4>test: bad value for parameter 'bad' (error -22)\n");
}

TEST(next_arg_directly)
{
	char buf[] = "  first=1   second";
	char *param, *val, *next;

	next = next_arg(buf + 2, &param, &val);
	EXPECT_STREQ(param, "first");
	EXPECT_STREQ(val, "1");
	EXPECT_PTR_EQ(next, buf + 12);	/* the spaces are skipped */
	next = next_arg(next, &param, &val);
	EXPECT_STREQ(param, "second");
	EXPECT_NULL(val);
	EXPECT_PTR_EQ(next, buf + sizeof(buf) - 1);
}

/* Random command lines built from known parameters must parse back to them. */
TEST(round_trip)
{
	static const char name_chars[] = "abcxyz_.-019";
	static const char value_chars[] = "abc=,:/-_.019";
	static const char spaces[] = " \t\n";
	int round;

	for (round = 0; round < 3000 && !ht_failed(); round++) {
		char line[1024], want_buf[16][160];
		const char *want[16];
		int n = ht_rand_below(16), i, len = 0, k;

		for (i = 0; i < n; i++) {
			char name[16], value[32];
			int nl = 1 + ht_rand_below(8), vl = ht_rand_below(12), style = ht_rand_below(4);

			for (k = 0; k < nl; k++)
				name[k] = name_chars[ht_rand_below(sizeof(name_chars) - 1)];
			name[nl] = '\0';
			if (!strcmp(name, "--"))
				strcpy(name, "x");
			for (k = 0; k < vl; k++)
				value[k] = style == 3 && ht_rand_below(4) == 0 ? ' ' :
					   value_chars[ht_rand_below(sizeof(value_chars) - 1)];
			value[vl] = '\0';
			for (k = 1 + ht_rand_below(3); k; k--)
				line[len++] = spaces[ht_rand_below(3)];
			switch (style) {
			case 0:		/* no value */
				len += sprintf(line + len, "%s", name);
				snprintf(want_buf[i], sizeof(want_buf[i]), "%s", name);
				break;
			case 1:
			case 2:		/* plain value */
				len += sprintf(line + len, "%s=%s", name, value);
				snprintf(want_buf[i], sizeof(want_buf[i]), "%s=%s", name, value);
				break;
			default:	/* quoted value, maybe with spaces */
				len += sprintf(line + len, "%s=\"%s\"", name, value);
				snprintf(want_buf[i], sizeof(want_buf[i]), "%s=%s", name, value);
				break;
			}
			want[i] = want_buf[i];
		}
		for (k = ht_rand_below(3); k; k--)
			line[len++] = spaces[ht_rand_below(3)];
		line[len] = '\0';
		parse(line, want, n, NULL);
	}
}

static int setup_a(char *val) { (void)val; return 1; }
static int setup_b(char *val) { (void)val; return 2; }

TEST(find_setup_param)
{
	static const struct obs_kernel_param table[] = {
		{ "mem", setup_a, 1 }, { "loglevel", setup_b, 1 }, { "ktest", setup_a, 0 },
		{ "mem", setup_b, 0 },	/* a duplicate: the first wins */
	};
	const struct obs_kernel_param *end = table + 4;

	EXPECT_PTR_EQ(find_setup_param(table, end, "mem"), &table[0]);
	EXPECT_PTR_EQ(find_setup_param(table, end, "loglevel"), &table[1]);
	EXPECT_PTR_EQ(find_setup_param(table, end, "ktest"), &table[2]);
	EXPECT_NULL(find_setup_param(table, end, "me"));
	EXPECT_NULL(find_setup_param(table, end, "memory"));
	EXPECT_NULL(find_setup_param(table, end, "mem="));
	EXPECT_NULL(find_setup_param(table, end, ""));
	EXPECT_NULL(find_setup_param(table, table, "mem"));
	EXPECT_EQ(find_setup_param(table, end, "loglevel")->setup_func(NULL), 2);
}
