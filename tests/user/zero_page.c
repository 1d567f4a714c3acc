/* zero_page.c - reads of untouched anonymous memory (the zero page), then writes. */
#include <sys/mman.h>
#include "ktap.h"

int main(void)
{
	char *p = mmap(NULL, 64 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned sum = 0;
	int good = 1;
	pid_t pid;

	plan(5);
	for (int i = 0; i < 64; i++)
		sum += p[i * PAGE] + p[i * PAGE + PAGE - 1];
	ok_eq(sum, 0, "64 untouched pages read as zero");
	p[10 * PAGE] = 'w';
	ok(p[10 * PAGE] == 'w' && p[11 * PAGE] == 0 && p[9 * PAGE] == 0,
	   "a write to one gives it its own page, the others stay zero");
	for (int i = 0; i < 64; i++)
		p[i * PAGE + 1] = (char)i;
	for (int i = 0; i < 64; i++)
		good &= p[i * PAGE + 1] == (char)i && p[i * PAGE + 2] == 0;
	ok(good, "every page written after being read holds its own data");
	munmap(p, 64 * PAGE);
	p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	sum = p[0] + p[PAGE];
	pid = fork();
	if (pid == 0) {
		p[0] = 'c';
		_exit(p[0] == 'c' && p[PAGE] == 0 ? 0 : 1);
	}
	want_status(pid, "exit 0", "a child writes a zero page it shares with its parent");
	ok(p[0] == 0 && sum == 0, "the parent's page is still zero");
	return done();
}
