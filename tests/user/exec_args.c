/* exec_args.c - execve: argv, envp and the auxiliary vector as the new image sees them. */
#include "ktap.h"

int main(void)
{
	char *argv[] = { "showargs", "one", "two words", "", "last", NULL };
	char *envp[] = { "A=1", "LONG=" "0123456789012345678901234567890123456789", "EMPTY=", NULL };
	char *none[] = { NULL }, *one[] = { "showargs", NULL };
	pid_t pid;

	plan(3);
	pid = fork();
	if (pid == 0) {
		execve("/bin/showargs", argv, envp);
		_exit(127);
	}
	want_status(pid, "exit 0", "/bin/showargs ran: argv, envp and auxv above");
	pid = fork();
	if (pid == 0) {
		execve("/bin/showargs", one, none);
		_exit(127);
	}
	want_status(pid, "exit 0", "an empty environment");
	pid = fork();
	if (pid == 0) {
		static char big[100000];
		char *bigv[] = { "showargs", big, NULL };
		memset(big, 'a', sizeof(big) - 1);
		execve("/bin/showargs", bigv, none);
		_exit(127);
	}
	ok(child_status(pid) == 0, "a 100 KB argument");
	return done();
}
