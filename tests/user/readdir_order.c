/*
 * readdir_order.c - the order a RAM file system's directory lists its
 * names in, as Linux's dcache_readdir(): newest first, a renamed name
 * becoming the newest; and a name created in the middle of a listing
 * read a few entries at a time is not shown, nothing is shown twice.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

struct dirent64_raw {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void append(char *list, size_t size, const char *name)
{
	if (list[0])
		strncat(list, " ", size - strlen(list) - 1);
	strncat(list, name, size - strlen(list) - 1);
}

/* The names after . and .., in the order readdir gives them. */
static const char *listing(const char *dir)
{
	static char list[256];
	DIR *d = opendir(dir);
	struct dirent *de;

	list[0] = 0;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			append(list, sizeof(list), de->d_name);
	if (d)
		closedir(d);
	return list;
}

static void touch(const char *path)
{
	close(open(path, O_WRONLY | O_CREAT, 0644));
}

int main(void)
{
	char buf[64], list[256] = "";
	int fd, n, calls = 0;

	plan(5);
	mkdir("/tmp/ro", 0755);
	touch("/tmp/ro/a");
	touch("/tmp/ro/b");
	mkdir("/tmp/ro/c", 0755);
	symlink("a", "/tmp/ro/d");
	diag("listing: %s", listing("/tmp/ro"));
	ok(!strcmp(listing("/tmp/ro"), "d c b a"), "newest first");
	rename("/tmp/ro/a", "/tmp/ro/e");
	diag("after a renamed e: %s", listing("/tmp/ro"));
	ok(!strcmp(listing("/tmp/ro"), "e d c b"), "a renamed name is the newest");
	unlink("/tmp/ro/c/x");
	rmdir("/tmp/ro/c");
	ok(!strcmp(listing("/tmp/ro"), "e d b"), "a removed name is gone");

	/* One entry per getdents64 call; a name made after the first call. */
	fd = open("/tmp/ro", O_RDONLY | O_DIRECTORY);
	while ((n = syscall(SYS_getdents64, fd, buf, 40)) > 0) {
		struct dirent64_raw *d = (void *)buf;

		for (int off = 0; off < n; off += d->d_reclen) {
			d = (void *)(buf + off);
			append(list, sizeof(list), d->d_name);
		}
		if (++calls == 3)
			touch("/tmp/ro/new");
	}
	close(fd);
	diag("one at a time, new made after the third call: %s", list);
	ok(calls >= 5 && !strcmp(list, ". .. e d b"), "the listing goes on as it was, new not shown");
	ok(!strcmp(listing("/tmp/ro"), "new e d b"), "a new listing shows it first");
	unlink("/tmp/ro/new");
	unlink("/tmp/ro/e");
	unlink("/tmp/ro/d");
	unlink("/tmp/ro/b");
	rmdir("/tmp/ro");
	return done();
}
