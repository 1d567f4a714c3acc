/* mmap_many.c - 1000 mappings of alternating protections, found, split and unmapped again. */
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

#define N 1000

static int count_maps_lines(void)
{
	static char buf[256 * 1024];
	int fd = open("/proc/self/maps", O_RDONLY), n, len = 0, lines = 0;

	while (fd >= 0 && (n = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += n;
	if (fd >= 0)
		close(fd);
	for (int i = 0; i < len; i++)
		lines += buf[i] == '\n';
	return lines;
}

int main(void)
{
	char *base, *p;
	int lines0, good = 1;

	plan(7);
	lines0 = count_maps_lines();
	base = mmap(NULL, 2 * N * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(base != MAP_FAILED, "a reservation of 2000 pages");
	for (int i = 0; i < N; i++) {
		p = mmap(base + 2 * i * PAGE, PAGE, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		good &= p == base + 2 * i * PAGE;
	}
	ok(good, "1000 one-page mappings inside it, every other page");
	ok_eq(count_maps_lines() - lines0, 2 * N, "2000 lines in /proc/self/maps (mappings and gaps)");
	good = 1;
	for (int i = 0; i < N; i += 2)
		base[2 * i * PAGE] = (char)i;
	for (int i = 0; i < N; i++)
		good &= probe(base + 2 * i * PAGE + 5, 0) == 0 && probe(base + (2 * i + 1) * PAGE, 0) == SIGSEGV;
	ok(good, "each mapping reads, each gap faults");
	good = 1;
	for (int i = 0; i < N; i += 2)
		good &= base[2 * i * PAGE] == (char)i;
	ok(good, "each written page kept its byte");
	ok_sys(munmap(base, 2 * N * PAGE), "one munmap over all 2000 regions");
	ok_eq(count_maps_lines(), lines0, "/proc/self/maps is back to its first size");
	return done();
}
