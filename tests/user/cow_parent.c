/* cow_parent.c - copy-on-write: the parent writes first, the child still sees the old data. */
#include <sys/mman.h>
#include "ktap.h"

static char data[8 * 4096] = { 1 };	/* .data, not .bss */

int main(void)
{
	char *anon = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int go[2], done_[2];
	char c;
	pid_t pid;

	plan(4);
	memset(data, 'o', sizeof(data));
	memset(anon, 'o', 8 * PAGE);
	pipe(go);
	pipe(done_);
	pid = fork();
	if (pid == 0) {
		int bad = 0;
		read(go[0], &c, 1);			/* the parent has written */
		for (unsigned long i = 0; i < 8 * PAGE; i += 512)
			bad |= data[i] != 'o' || anon[i] != 'o';
		_exit(bad);
	}
	memset(data, 'p', sizeof(data));
	memset(anon, 'p', 8 * PAGE);
	write(go[1], "x", 1);
	want_status(pid, "exit 0", "the child still sees the old .data and anonymous pages");
	ok(data[100] == 'p' && anon[7 * PAGE] == 'p', "the parent sees its own writes");
	pid = fork();
	if (pid == 0)
		_exit(data[5] == 'p' && anon[5] == 'p' ? 0 : 1);
	want_status(pid, "exit 0", "a second child sees the parent's new data");
	ok(data[0] == 'p', "the parent's data is unchanged by the children");
	return done();
}
