/* cow_child.c - copy-on-write: the child writes first, the parent keeps its data. */
#include <sys/mman.h>
#include "ktap.h"

static char data[8 * 4096] = { 1 };

int main(void)
{
	char *anon = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char stack_buf[2 * 4096];
	pid_t pid;
	int good = 1;

	plan(3);
	memset(data, 'o', sizeof(data));
	memset(anon, 'o', 8 * PAGE);
	memset(stack_buf, 'o', sizeof(stack_buf));
	pid = fork();
	if (pid == 0) {
		memset(data, 'c', sizeof(data));
		memset(anon, 'c', 8 * PAGE);
		memset(stack_buf, 'c', sizeof(stack_buf));
		_exit(data[PAGE] == 'c' && anon[PAGE] == 'c' && stack_buf[PAGE] == 'c' ? 0 : 1);
	}
	want_status(pid, "exit 0", "the child wrote .data, anonymous and stack pages");
	for (unsigned long i = 0; i < 8 * PAGE; i += 256)
		good &= data[i] == 'o' && anon[i] == 'o';
	ok(good, "the parent's .data and anonymous pages are unchanged");
	ok(stack_buf[0] == 'o' && stack_buf[sizeof(stack_buf) - 1] == 'o', "and its stack too");
	return done();
}
