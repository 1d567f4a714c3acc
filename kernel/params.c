/*
 * The kernel command line (see include/init.h for the declarations).
 * The tokenizer is Linux's next_arg(): parameters are separated by
 * white space, a value may be double-quoted to contain spaces, and the
 * quotes are removed.
 */
#include <kernel.h>
#include <string.h>
#include <ctype.h>
#include <init.h>

char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;
	char *next;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (isspace(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		/* Don't include quotes in the value. */
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		next = args + i + 1;
	} else {
		next = args + i;
	}
	return skip_spaces(next);
}

int parse_args(const char *doing, char *args,
	       int (*handle)(char *param, char *val, void *arg), void *arg)
{
	int first_err = 0;

	args = skip_spaces(args);
	while (*args) {
		char *param, *val;
		int err;

		args = next_arg(args, &param, &val);
		if (!strcmp(param, "--"))
			break;
		if (!*param)
			continue;
		err = handle(param, val, arg);
		if (err) {
			printk(KERN_WARNING "%s: bad value for parameter '%s%s%s' (error %d)\n",
			       doing, param, val ? "=" : "", val ? val : "", err);
			if (!first_err)
				first_err = err;
		}
	}
	return first_err;
}

const struct obs_kernel_param *find_setup_param(const struct obs_kernel_param *start,
						const struct obs_kernel_param *end,
						const char *name)
{
	const struct obs_kernel_param *p;

	for (p = start; p < end; p++)
		if (!strcmp(p->str, name))
			return p;
	return NULL;
}

#ifdef __KERNEL__
extern const struct obs_kernel_param __setup_start[], __setup_end[];

char boot_command_line[COMMAND_LINE_SIZE];
static char __initdata tmp_cmdline[COMMAND_LINE_SIZE];
unsigned int nr_unknown_params;

static int __init do_early_param(char *param, char *val, void *arg)
{
	const struct obs_kernel_param *p =
		find_setup_param(__setup_start, __setup_end, param);

	(void)arg;
	if (p && p->early)
		return p->setup_func(val);
	return 0;
}

static int __init do_boot_param(char *param, char *val, void *arg)
{
	const struct obs_kernel_param *p =
		find_setup_param(__setup_start, __setup_end, param);

	(void)arg;
	if (!p) {
		nr_unknown_params++;
		printk(KERN_WARNING "Unknown kernel command line parameter \"%s%s%s\", %s\n",
		       param, val ? "=" : "", val ? val : "",
		       init_unknown_param(param, val) ? "ignored" : "passed to init");
		return 0;
	}
	return p->early ? 0 : p->setup_func(val);
}

/* parse_args() cuts its input apart, so each pass works on a copy. */
void __init parse_early_param(void)
{
	strlcpy(tmp_cmdline, boot_command_line, sizeof(tmp_cmdline));
	parse_args("early options", tmp_cmdline, do_early_param, NULL);
}

void __init parse_boot_params(void)
{
	strlcpy(tmp_cmdline, boot_command_line, sizeof(tmp_cmdline));
	parse_args("Booting kernel", tmp_cmdline, do_boot_param, NULL);
}
#endif
