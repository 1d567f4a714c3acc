/*
 * exec_script.c - "#!" scripts (binfmt_script): the interpreter line,
 * its one optional argument, the script's path passed on, chains of
 * scripts, and the errors of a bad line or interpreter. The interpreter
 * is /bin/showargs; its argv lines come back through a pipe.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "ktap.h"

#define DIR "/tmp/s"

static void make_script(const char *name, const char *text, mode_t mode)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), DIR "/%s", name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		diag("cannot write %s", path);
	close(fd);
	chmod(path, mode);
}

/*
 * Exec path with argv in a child; got: showargs' argv, each as it
 * printed it ("\"x\"", or "N bytes"), joined by '|', control characters
 * as \ooo. Returns the errno execve failed with, or 0.
 */
static int run(const char *path, char *const argv[], char *got, size_t size)
{
	static char out[8192];
	char *envp[] = { NULL };
	int p[2], status;
	size_t len = 0, g = 0;
	ssize_t n;
	pid_t pid;
	char *line;

	got[0] = 0;
	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execve(path, argv, envp);
		_exit(200 + errno);
	}
	close(p[1]);
	while (len < sizeof(out) - 1 && (n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = 0;
	close(p[0]);
	status = child_status(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 200)
		return WEXITSTATUS(status) - 200;
	for (line = out; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *v = strstr(line, "] ");

		if (strncmp(line, "# argv[", 7) || !v)
			continue;
		v += 2;
		if (!strncmp(v, "NULL", 4) || !strncmp(v, "not NULL", 8))
			continue;
		if (g && g + 1 < size)
			got[g++] = '|';
		for (; *v && *v != '\n' && g + 5 < size; v++)
			if ((unsigned char)*v < ' ')
				g += snprintf(got + g, size - g, "\\%03o", (unsigned char)*v);
			else
				got[g++] = *v;
		got[g] = 0;
	}
	return 0;
}

/* The script name with argv { "x", "one", "two" }: its argv matches want. */
static void want_args(const char *name, const char *want, const char *desc)
{
	char path[64], got[1024];
	char *argv[] = { "x", "one", "two", NULL };
	int e;

	snprintf(path, sizeof(path), DIR "/%s", name);
	e = run(path, argv, got, sizeof(got));
	if (e)
		diag("execve failed: %s", errname(e));
	else if (strcmp(got, want))
		diag("argv %s", got);
	ok(!e && !strcmp(got, want), "%s", desc);
}

/* The script name fails to exec with errno want. */
static void want_errno(const char *name, int want, const char *desc)
{
	char path[64], got[1024];
	char *argv[] = { "x", NULL };
	int e;

	snprintf(path, sizeof(path), DIR "/%s", name);
	e = run(path, argv, got, sizeof(got));
	if (e != want)
		diag("want %s, got %s (argv %s)", errname(want), errname(e), got);
	ok(e == want, "%s", desc);
}

/* A script name of text (mode 0755) that runs with argv want. */
static void try_args(const char *name, const char *text, const char *want, const char *desc)
{
	make_script(name, text, 0755);
	want_args(name, want, desc);
}

/* A script name of text (mode 0755) that fails with errno want. */
static void try_errno(const char *name, const char *text, int want, const char *desc)
{
	make_script(name, text, 0755);
	want_errno(name, want, desc);
}

int main(void)
{
	char line[400], got[1024];
	char *none[] = { NULL };

	plan(21);
	mkdir(DIR, 0755);
	mkdir(DIR "/dir", 0755);
	static const struct { const char *name, *text, *want, *desc; } cases[] = {
		{ "plain", "#!/bin/showargs\necho hi\n", "\"/bin/showargs\"|\"" DIR "/plain\"|\"one\"|\"two\"",
		  "no argument: interpreter, script path, argv[1..]" },
		{ "arg", "#!/bin/showargs -x\n", "\"/bin/showargs\"|\"-x\"|\"" DIR "/arg\"|\"one\"|\"two\"",
		  "one argument" },
		{ "spaces", "#! \t/bin/showargs \t a  b\t c \t\n",
		  "\"/bin/showargs\"|\"a  b\\011 c\"|\"" DIR "/spaces\"|\"one\"|\"two\"",
		  "spaces and tabs: one argument, trailing ones stripped" },
		{ "trail", "#!/bin/showargs  \t \n", "\"/bin/showargs\"|\"" DIR "/trail\"|\"one\"|\"two\"",
		  "only trailing blanks after the name: no argument" },
		{ "nonl", "#!/bin/showargs last", "\"/bin/showargs\"|\"last\"|\"" DIR "/nonl\"|\"one\"|\"two\"",
		  "a line without newline at the end of the file" },
		{ "crlf-arg", "#!/bin/showargs -a\r\n",
		  "\"/bin/showargs\"|\"-a\\015\"|\"" DIR "/crlf-arg\"|\"one\"|\"two\"",
		  "CRLF: the '\\r' stays in the argument" },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		try_args(cases[i].name, cases[i].text, cases[i].want, cases[i].desc);
	try_errno("crlf", "#!/bin/showargs\r\n", ENOENT, "CRLF after the name: no such interpreter, ENOENT");

	try_errno("missing", "#!/nonexistent/sh\n", ENOENT, "a missing interpreter: ENOENT");
	make_script("noexec-interp", "#!" DIR "/plain-644\n", 0755);
	make_script("plain-644", "#!/bin/showargs\n", 0644);
	want_errno("noexec-interp", EACCES, "an interpreter without execute permission: EACCES");
	try_errno("dir-interp", "#!" DIR "/dir\n", EACCES, "a directory as interpreter: EACCES");
	want_errno("plain-644", EACCES, "a script without execute permission: EACCES");
	try_errno("empty", "#!\n", ENOEXEC, "an empty #! line: ENOEXEC");
	try_errno("blank", "#!  \t \nfoo\n", ENOEXEC, "a #! line of blanks: ENOEXEC");
	try_errno("bare", "#!", EACCES, "a file of just #!: an empty name, the working directory: EACCES");

	try_args("nested", "#!" DIR "/arg two words\n", "\"/bin/showargs\"|\"-x\"|\"" DIR "/arg\"|\"two words\"|\""
		  DIR "/nested\"|\"one\"|\"two\"", "a script as interpreter");
	make_script("c1", "#!/bin/showargs\n", 0755);
	for (int i = 2; i <= 6; i++) {
		char name[8], text[32];

		snprintf(name, sizeof(name), "c%d", i);
		snprintf(text, sizeof(text), "#!" DIR "/c%d\n", i - 1);
		make_script(name, text, 0755);
	}
	want_args("c5", "\"/bin/showargs\"|\"" DIR "/c1\"|\"" DIR "/c2\"|\"" DIR "/c3\"|\""
		  DIR "/c4\"|\"" DIR "/c5\"|\"one\"|\"two\"", "a chain of 5 scripts");
	want_errno("c6", ELOOP, "a chain of 6 scripts: ELOOP");

	/* Longer than the 256 bytes exec reads: the argument is cut, not the name. */
	snprintf(line, sizeof(line), "#!/bin/showargs %0300d\n", 0);
	try_args("long-arg", line, "\"/bin/showargs\"|239 bytes|\"" DIR "/long-arg\"|\"one\"|\"two\"",
		  "a 317-byte line: the argument cut at the buffer's end");
	snprintf(line, sizeof(line), "#!/bin/showargs %0240d %d\n", 0, 1);
	try_args("long-arg2", line, "\"/bin/showargs\"|239 bytes|\"" DIR "/long-arg2\"|\"one\"|\"two\"",
		  "a space near the end: the argument still cut at the buffer's end");
	snprintf(line, sizeof(line), "#!/%0300d\n", 0);
	try_errno("long-name", line, ENOEXEC, "an interpreter name longer than the buffer: ENOEXEC");

	/* An empty argv: Linux adds "" as argv[0], which the script's path replaces. */
	if (run(DIR "/arg", none, got, sizeof(got)) == 0)
		ok(!strcmp(got, "\"/bin/showargs\"|\"-x\"|\"" DIR "/arg\""), "an empty argv");
	else
		ok(0, "an empty argv");
	return done();
}
