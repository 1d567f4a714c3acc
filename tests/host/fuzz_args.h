/*
 * A fuzzer's default command-line flags. libFuzzer lets
 * LLVMFuzzerInitialize() edit the command line before it reads it;
 * FUZZ_DEFAULT_MAX_LEN(n) adds -max_len=n unless one was given, so a
 * fuzzer whose decoding reads at most n bytes never spends its
 * mutations on bytes it ignores, however it is started (make fuzz,
 * scripts/run_tests.py, by hand).
 */
#ifndef _HOST_FUZZ_ARGS_H
#define _HOST_FUZZ_ARGS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void fuzz_default_flag(int *argc, char ***argv, const char *name, unsigned long value)
{
	size_t len = strlen(name);
	char **nargv;
	int i;

	for (i = 1; i < *argc; i++)
		if (!strncmp((*argv)[i], name, len) && (*argv)[i][len] == '=')
			return;
	nargv = malloc((*argc + 2) * sizeof(*nargv));
	if (!nargv || asprintf(&nargv[*argc], "%s=%lu", name, value) < 0)
		abort();
	memcpy(nargv, *argv, *argc * sizeof(*nargv));
	nargv[++*argc] = NULL;
	*argv = nargv;		/* kept for the life of the process */
}

#define FUZZ_DEFAULT_MAX_LEN(n)						\
int LLVMFuzzerInitialize(int *argc, char ***argv);			\
int LLVMFuzzerInitialize(int *argc, char ***argv)			\
{									\
	fuzz_default_flag(argc, argv, "-max_len", (n));			\
	return 0;							\
}

#endif
