/*
 * "#!" scripts (Linux 6.1's fs/binfmt_script.c): a file starting with
 * "#!" names its interpreter on that line, with at most one argument;
 * exec runs the interpreter instead, with argv
 *
 *	interpreter [argument] script-path original-argv[1..]
 *
 * The argument is everything after the first run of spaces and tabs,
 * trailing ones stripped (spaces inside it stay: one argument). Only
 * spaces and tabs separate: a '\r' of a CRLF line is part of the name.
 * The line is read from the first BINPRM_BUF_SIZE bytes; one longer
 * than that is cut, unless the interpreter's name itself would be (no
 * space, tab or NUL after it in the buffer): -ENOEXEC then, as Linux.
 * The interpreter may be a script itself; fs/exec.c bounds the chain.
 */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fs.h>
#include <init.h>
#include <string.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first of [first, last] that is no space or tab, or NULL. */
static char *next_non_spacetab(char *first, char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

/* The first space, tab or NUL of [first, last], or NULL. */
static char *next_terminator(char *first, char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

static int load_script(struct linux_binprm *bprm, struct pt_regs *regs)
{
	char *buf_end = bprm->buf + BINPRM_BUF_SIZE - 1;
	char *i_name, *i_sep, *i_arg, *i_end;
	const char *script;
	struct file *file;
	int r;

	(void)regs;
	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	/* bprm->buf has no NUL of its own when the file is longer than it. */
	i_end = memchr(bprm->buf, '\n', BINPRM_BUF_SIZE);
	if (!i_end) {
		i_end = next_non_spacetab(bprm->buf + 2, buf_end);
		if (!i_end)
			return -ENOEXEC;	/* only spaces and tabs */
		if (!next_terminator(i_end, buf_end))
			return -ENOEXEC;	/* the name itself is cut */
		i_end = buf_end;
	}
	while (spacetab(i_end[-1]))
		i_end--;
	i_name = next_non_spacetab(bprm->buf + 2, i_end);
	if (!i_name || i_name == i_end)
		return -ENOEXEC;		/* no interpreter named */
	i_arg = NULL;
	i_sep = next_terminator(i_name, i_end);
	if (i_sep && *i_sep)
		i_arg = next_non_spacetab(i_sep, i_end);

	/* The strings go in last first: script path, argument, interpreter. */
	r = remove_arg_zero(bprm);
	if (r)
		return r;
	script = bprm->interp ? bprm->interp : bprm->filename;
	r = copy_strings_kernel(1, &script, bprm);
	if (r < 0)
		return r;
	bprm->argc++;
	*i_end = '\0';
	if (i_arg) {
		*i_sep = '\0';
		r = copy_strings_kernel(1, (const char *const *)&i_arg, bprm);
		if (r < 0)
			return r;
		bprm->argc++;
	}
	r = copy_strings_kernel(1, (const char *const *)&i_name, bprm);
	if (r < 0)
		return r;
	bprm->argc++;
	r = bprm_change_interp(i_name, bprm);
	if (r < 0)
		return r;
	file = open_exec(i_name);
	if (IS_ERR(file))
		return PTR_ERR(file);
	bprm->interpreter = file;
	return 0;
}

static struct linux_binfmt script_format = {
	.name = "script",
	.load_binary = load_script,
};

void binfmt_script_init(void)
{
	register_binfmt(&script_format);
}
