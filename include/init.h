/*
 * Boot-time code and data, and kernel command-line parameters.
 *
 * __init functions and __initdata live in .init, which is given back
 * to the page allocator once boot is over: nothing may call or read
 * them afterwards.
 *
 * A parameter is declared next to the code it configures:
 *
 *     static int __init set_loglevel(char *val) { ... }
 *     early_param("loglevel", set_loglevel);
 *     __setup("ktest", ktest_setup);
 *
 * The handler receives the text after '=' (NULL if there was none) and
 * returns 0, or a negative errno for a value it cannot accept (a
 * warning names the parameter). Early parameters are applied before
 * memory is set up (mem=, vmalloc=, loglevel=); the others just after.
 * Parameters nobody declared produce a warning, never a failure.
 */
#ifndef _MNEME_INIT_H
#define _MNEME_INIT_H

#include <compiler.h>

#define __init		__section(".init.text") __cold
#define __initdata	__section(".init.data")

#define COMMAND_LINE_SIZE	2048

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
	int early;
};

#define __setup_param(str, unique_id, fn, early)			\
	static const struct obs_kernel_param __setup_##unique_id	\
		__used __section(".init.setup") __aligned(sizeof(long)) = { str, fn, early }

#define __setup(str, fn)	__setup_param(str, fn, fn, 0)
#define early_param(str, fn)	__setup_param(str, fn, fn, 1)

extern char boot_command_line[COMMAND_LINE_SIZE];

/*
 * kernel/params.c. next_arg() splits one "param=value" off args (double
 * quotes group spaces: a="b c"); parse_args() calls handle() for each
 * and stops at "--". handle() returns 0 or a negative errno;
 * parse_args() returns the first error, having still processed the rest.
 */
char *next_arg(char *args, char **param, char **val);
int parse_args(const char *doing, char *args,
	       int (*handle)(char *param, char *val, void *arg), void *arg);

const struct obs_kernel_param *find_setup_param(const struct obs_kernel_param *start,
						const struct obs_kernel_param *end,
						const char *name);
void parse_early_param(void);
void parse_boot_params(void);
extern unsigned int nr_unknown_params;
/* kernel/main.c: what init gets of the command line (Linux's unknown_bootoption). */
int init_unknown_param(const char *param, const char *val);
const char *init_store(const char *param, const char *val);
/* kernel/main.c: PID 1, a user process, has ended with wait status code. */
void init_exited(int code);
/* kernel/init_leak_check.c: the baseline before /init, the check once it has exited. */
void init_leak_prepare(void);
void init_leak_baseline(void);
int init_leak_check(void);

#endif
