/* proc_status.c - /proc/self/status: Name, State, Uid, Threads, and the Vm* lines moving as memory is mapped. */
#include <stdio.h>
#include <sys/mman.h>
#include "ktap.h"

/* The value (first number, or text) of a status field. */
static long field(const char *name, char *text, size_t len)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");
	size_t n = strlen(name);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, name, n) && line[n] == ':') {
			char *p = line + n + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			if (text) {
				snprintf(text, len, "%s", p);
				text[strcspn(text, "\n")] = 0;
			}
			v = strtol(p, NULL, 10);
		}
	if (f)
		fclose(f);
	return v;
}

int main(void)
{
	char text[128];
	long size0, rss0, size1, rss1;
	char *p;

	plan(8);
	field("Name", text, sizeof(text));
	ok(!strcmp(text, "proc_status"), "Name: proc_status");
	field("State", text, sizeof(text));
	ok(!strcmp(text, "R (running)"), "State: R (running)");
	field("Uid", text, sizeof(text));
	ok(!strcmp(text, "0\t0\t0\t0"), "Uid: 0 0 0 0");
	ok_eq(field("Threads", NULL, 0), 1, "Threads: 1");
	size0 = field("VmSize", NULL, 0);
	rss0 = field("VmRSS", NULL, 0);
	p = mmap(NULL, 4UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	size1 = field("VmSize", NULL, 0);
	ok_eq(size1 - size0, 4096, "VmSize grows by 4096 kB with a 4 MB mmap");
	for (unsigned long off = 0; off < (4UL << 20); off += PAGE)
		p[off] = 1;
	rss1 = field("VmRSS", NULL, 0);
	/* Linux counts RSS per task in batches of 64 faults: allow that much. */
	if (rss1 - rss0 < 4096 - 256 || rss1 - rss0 > 4096 + 256)
		diag("VmRSS grew by %ld kB", rss1 - rss0);
	ok(rss1 - rss0 >= 4096 - 256 && rss1 - rss0 <= 4096 + 256,
	   "VmRSS grows by about 4096 kB when it is written");
	munmap(p, 4UL << 20);
	ok_eq(field("VmSize", NULL, 0), size0, "VmSize is back after munmap");
	ok(field("VmPeak", NULL, 0) >= size1, "VmPeak remembers the peak");
	return done();
}
