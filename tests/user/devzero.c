/*
 * devzero.c - /dev/null and /dev/zero (char 1:3 and 1:5, made with
 * mknod in /tmp): reads, writes and lseek; mmap of /dev/zero, private
 * (anonymous memory: a fork's writes stay its own) and shared (shared
 * anonymous memory: a fork's writes are seen), as /proc/self/maps shows
 * them; mmap of /dev/null refused (ENODEV), a shared writable mapping of
 * a read-only descriptor refused (EACCES).
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

#define NULL_NODE "/tmp/devzero_null"
#define ZERO_NODE "/tmp/devzero_zero"

/* The permissions, offset and path of the maps line of the region at addr, or "". */
static const char *maps_line(void *addr)
{
	static char line[256], out[256];
	unsigned long start, end, off;
	char perms[8], path[200];
	FILE *f = fopen("/proc/self/maps", "r");

	out[0] = 0;
	if (!f)
		return out;
	while (fgets(line, sizeof(line), f)) {
		path[0] = 0;
		if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %199[^\n]", &start, &end, perms, &off,
			   path) < 4)
			continue;
		if (start == (unsigned long)addr) {
			snprintf(out, sizeof(out), "%s %08lx %s", perms, off, path);
			break;
		}
	}
	fclose(f);
	return out;
}

static void ok_maps(void *addr, const char *want, const char *desc)
{
	const char *got = maps_line(addr);

	if (strcmp(got, want))
		diag("want \"%s\", got \"%s\"", want, got);
	ok(!strcmp(got, want), "%s", desc);
}

static int all_zero(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	static char buf[3 * PAGE];
	int nfd, zfd, rofd;
	char *priv, *shared;
	pid_t pid;

	plan(17);
	unlink(NULL_NODE);
	unlink(ZERO_NODE);
	ok_sys(mknod(NULL_NODE, S_IFCHR | 0666, makedev(1, 3)) |
	       mknod(ZERO_NODE, S_IFCHR | 0666, makedev(1, 5)), "mknod /dev/null and /dev/zero");
	nfd = open(NULL_NODE, O_RDWR);
	zfd = open(ZERO_NODE, O_RDWR);

	/* Reads and writes. */
	ok_eq(read(nfd, buf, 100), 0, "/dev/null reads end of file");
	ok_eq(write(nfd, "gone", 4), 4, "/dev/null takes every write");
	memset(buf, 'x', sizeof(buf));
	ok(read(zfd, buf + 1, 2 * PAGE) == 2 * PAGE && all_zero(buf + 1, 2 * PAGE) &&
	   buf[0] == 'x' && buf[2 * PAGE + 1] == 'x', "/dev/zero reads zeroes, exactly as many as asked");
	ok_eq(write(zfd, buf, 10), 10, "/dev/zero takes writes too");
	ok_eq(lseek(zfd, 12345, SEEK_SET), 0, "lseek of /dev/zero stays at 0");

	/* mmap of /dev/null: no mmap operation. */
	ok_errno(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, nfd, 0) == MAP_FAILED ? -1 : 0, ENODEV,
		 "mmap of /dev/null is ENODEV");

	/* Private: anonymous memory; a child's writes are its own. */
	priv = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, zfd, 0);
	ok(priv != MAP_FAILED && all_zero(priv, 4 * PAGE), "a private mapping of /dev/zero reads zero");
	ok_maps(priv, "rw-p 00000000 " ZERO_NODE, "/proc/self/maps names the device for a private mapping");
	priv[PAGE] = 'p';
	pid = fork();
	if (pid == 0) {
		int good = priv[PAGE] == 'p';

		priv[PAGE] = 'c';
		priv[2 * PAGE] = 'c';
		_exit(good && priv[PAGE] == 'c' ? 0 : 1);
	}
	want_status(pid, "exit 0", "a child sees the parent's data and writes its own copy");
	ok(priv[PAGE] == 'p' && priv[2 * PAGE] == 0, "the parent's private pages are unchanged");

	/* Shared: one object; a child's writes are seen. */
	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zfd, 0);
	ok(shared != MAP_FAILED && all_zero(shared, 4 * PAGE), "a shared mapping of /dev/zero reads zero");
	ok_maps(shared, "rw-s 00000000 /dev/zero (deleted)", "/proc/self/maps shows the shared anonymous object");
	shared[0] = 's';
	pid = fork();
	if (pid == 0) {
		int good = shared[0] == 's';

		shared[0] = 'c';
		shared[3 * PAGE] = 'c';
		_exit(good ? 0 : 1);
	}
	want_status(pid, "exit 0", "a child sees the shared mapping");
	ok(shared[0] == 'c' && shared[3 * PAGE] == 'c', "the parent sees the child's writes");
	ok(munmap(priv, 4 * PAGE) == 0 && munmap(shared, 4 * PAGE) == 0, "both unmapped");

	/* A shared writable mapping needs a descriptor open for writing. */
	rofd = open(ZERO_NODE, O_RDONLY);
	ok_errno(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, rofd, 0) == MAP_FAILED ? -1 : 0,
		 EACCES, "MAP_SHARED with PROT_WRITE of a read-only descriptor is EACCES");
	close(rofd);
	close(nfd);
	close(zfd);
	unlink(NULL_NODE);
	unlink(ZERO_NODE);
	return done();
}
