/*
 * libFuzzer target for kernel/params.c: the input, NUL-terminated, is
 * a command line. parse_args() must terminate, hand out only strings
 * inside the buffer, never a parameter "--" or an empty one; a manual
 * next_arg() walk must make progress at every step.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kapi.h"
#include "include/init.h"

struct walk {
	char *buf;
	size_t len;	/* bytes in buf, the final NUL included */
	size_t calls;
};

static void die(const char *msg)
{
	fprintf(stderr, "fuzz_params: %s\n", msg);
	abort();
}

/* s must start in the buffer and end with a NUL inside it. */
static void check_inside(const struct walk *w, const char *s)
{
	if (s < w->buf || s >= w->buf + w->len)
		die("string outside the buffer");
	if (!memchr(s, '\0', w->buf + w->len - s))
		die("string not terminated inside the buffer");
}

static int handler(char *param, char *val, void *arg)
{
	struct walk *w = arg;

	check_inside(w, param);
	if (val)
		check_inside(w, val);
	if (!*param)
		die("empty parameter");
	if (!strcmp(param, "--"))
		die("parameter \"--\" passed on");
	if (++w->calls > w->len)
		die("more parameters than bytes");
	return param[0] == 'e' ? -22 : 0;	/* exercise the error path */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct walk w = { .len = size + 1 };
	char *args;

	w.buf = malloc(w.len);
	memcpy(w.buf, data, size);
	w.buf[size] = '\0';
	parse_args("fuzz", w.buf, handler, &w);

	/* next_arg() by hand over a fresh copy: every step advances. */
	memcpy(w.buf, data, size);
	w.buf[size] = '\0';
	args = skip_spaces(w.buf);
	while (*args) {
		char *param, *val, *next = next_arg(args, &param, &val);

		check_inside(&w, param);
		if (val)
			check_inside(&w, val);
		if (next <= args || next > w.buf + size)
			die("next_arg() made no progress or ran off the end");
		args = next;
	}
	free(w.buf);
	host_printk_clear();
	return 0;
}
