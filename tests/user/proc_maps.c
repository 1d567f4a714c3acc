/*
 * proc_maps.c - /proc/self/maps: permissions, sizes, offsets and names of
 * the regions made (no addresses). The regions are placed inside a
 * PROT_NONE reservation, apart, so that none merges with a neighbour; the
 * file is read without stdio, so malloc adds no region of its own.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "ktap.h"

static char maps[16384];

static void read_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY), n, len = 0;

	while (fd >= 0 && (n = read(fd, maps + len, sizeof(maps) - 1 - len)) > 0)
		len += n;
	maps[len] = 0;
	if (fd >= 0)
		close(fd);
}

/* The "perms size off name" of the line starting at addr ("" if none). */
static const char *describe(void *addr)
{
	static char out[300];
	char perms[8], name[256];
	unsigned long s, e, off;

	read_maps();
	out[0] = 0;
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n'), one[300];
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		snprintf(one, sizeof(one), "%.*s", (int)len, line);
		name[0] = 0;
		if (sscanf(one, "%lx-%lx %7s %lx %*s %*s %255s", &s, &e, perms, &off, name) >= 4 &&
		    s == (unsigned long)addr)
			snprintf(out, sizeof(out), "%s %lu KB off %lu %s", perms, (e - s) >> 10, off,
				 name[0] ? name : "(anonymous)");
		if (!nl)
			break;
		line = nl + 1;
	}
	return out;
}

/* How many lines name what (their last perms into perms_out). */
static int lines_named(const char *what, char *perms_out)
{
	int n = 0;

	read_maps();
	for (char *line = maps; *line; line = strchr(line, '\n') + 1) {
		char *nl = strchr(line, '\n'), *hit = strstr(line, what);
		if (hit && (!nl || hit < nl)) {
			n++;
			sscanf(line, "%*s %7s", perms_out);
		}
		if (!nl)
			break;
	}
	return n;
}

#define SHOW(desc, addr, want) do {					\
	const char *_d = describe(addr);				\
	if (strcmp(_d, want))						\
		diag("got \"%s\"", _d);					\
	ok(!strcmp(_d, want), "%s: %s", desc, *want ? want : "no line");	\
} while (0)

#define FIXED (MAP_FIXED | MAP_ANONYMOUS)

int main(void)
{
	const Elf32_Phdr *phdr = (const Elf32_Phdr *)getauxval(AT_PHDR);
	unsigned phnum = getauxval(AT_PHNUM), loads = 0;
	char *r, *a, *b, *c, *d, perms[8] = "";
	unsigned long brk0;
	int fd;

	plan(11);
	r = mmap(NULL, 64 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	a = mmap(r + 2 * PAGE, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | FIXED, -1, 0);
	SHOW("anonymous private", a, "rw-p 32 KB off 0 (anonymous)");
	mprotect(a + 2 * PAGE, 2 * PAGE, PROT_READ);
	SHOW("its middle after mprotect", a + 2 * PAGE, "r--p 8 KB off 0 (anonymous)");
	SHOW("and its head", a, "rw-p 8 KB off 0 (anonymous)");
	b = mmap(r + 12 * PAGE, 3 * PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | FIXED, -1, 0);
	SHOW("PROT_READ|PROT_EXEC", b, "r-xp 12 KB off 0 (anonymous)");
	c = mmap(r + 20 * PAGE, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | FIXED, -1, 0);
	ok(!strncmp(describe(c), "rw-s 16 KB off 0 ", 17), "shared anonymous: rw-s 16 KB");
	fd = open("/tmp/proc_maps_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 4 * PAGE);
	d = mmap(r + 30 * PAGE, 2 * PAGE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, PAGE);
	SHOW("a file mapping at offset 4096", d, "r--s 8 KB off 4096 /tmp/proc_maps_file");
	for (unsigned i = 0; phdr && i < phnum; i++)
		loads += phdr[i].p_type == PT_LOAD;
	ok_eq(lines_named("/t/proc_maps", perms), loads, "one line of the program's file per PT_LOAD");
	ok(lines_named("[stack]", perms) == 1 && !strcmp(perms, "rw-p"), "one [stack], rw-p");
	brk0 = syscall(SYS_brk, 0);
	syscall(SYS_brk, brk0 + 4 * PAGE);
	*(char *)brk0 = 1;
	ok(lines_named("[heap]", perms) == 1 && !strcmp(perms, "rw-p"), "after brk grows: one [heap], rw-p");
	munmap(a, 8 * PAGE);
	SHOW("after munmap", a, "");
	ok(lines_named("/tmp/proc_maps_file", perms) == 1, "the file mapping once");
	munmap(r, 64 * PAGE);
	unlink("/tmp/proc_maps_file");
	return done();
}
