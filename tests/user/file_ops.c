/* file_ops.c - directories and descriptors: mkdir, O_EXCL, rename, unlink, rmdir, getdents, dup, fcntl, chdir. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "ktap.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char **)a, *(char **)b);
}

int main(void)
{
	char cwd[64], *names[8], list[128] = "";
	struct stat st;
	struct dirent *de;
	DIR *d;
	int fd, fd2, n = 0;

	plan(16);
	ok_sys(mkdir("/tmp/d", 0755), "mkdir /tmp/d");
	ok_errno(mkdir("/tmp/d", 0755), EEXIST, "again: EEXIST");
	fd = open("/tmp/d/a", O_RDWR | O_CREAT | O_EXCL, 0644);
	ok_sys(fd, "create /tmp/d/a with O_EXCL");
	ok_errno(open("/tmp/d/a", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST, "O_EXCL on an existing file: EEXIST");
	close(open("/tmp/d/b", O_WRONLY | O_CREAT, 0644));
	ok_sys(rename("/tmp/d/b", "/tmp/d/c"), "rename b to c");
	ok_errno(open("/tmp/d/b", O_RDONLY), ENOENT, "b is gone: ENOENT");
	mkdir("/tmp/d/sub", 0755);
	d = opendir("/tmp/d");
	while (d && (de = readdir(d)) && n < 8)
		names[n++] = strdup(de->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof(names[0]), cmp);
	for (int i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? " " : "", names[i]);
	ok(!strcmp(list, ". .. a c sub"), "getdents lists . .. a c sub");
	ok(stat("/tmp/d/sub", &st) == 0 && S_ISDIR(st.st_mode), "stat: sub is a directory");
	ok_errno(rmdir("/tmp/d"), ENOTEMPTY, "rmdir of a non-empty directory: ENOTEMPTY");
	write(fd, "abcdef", 6);
	fd2 = dup(fd);
	lseek(fd, 1, SEEK_SET);
	ok_eq(lseek(fd2, 0, SEEK_CUR), 1, "dup shares the file offset");
	ok(fcntl(fd2, F_GETFD) == 0 && fcntl(fd2, F_SETFD, FD_CLOEXEC) == 0 &&
	   fcntl(fd2, F_GETFD) == FD_CLOEXEC && fcntl(fd, F_GETFD) == 0,
	   "FD_CLOEXEC is per descriptor");
	ok_eq(dup2(fd, 100), 100, "dup2 to 100");
	close(fd);
	close(fd2);
	close(100);
	ok_errno(close(100), EBADF, "close of a closed descriptor: EBADF");
	ok(chdir("/tmp/d") == 0 && getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/tmp/d"),
	   "chdir /tmp/d, getcwd agrees");
	ok(unlink("a") == 0 && unlink("c") == 0 && rmdir("sub") == 0, "relative unlink and rmdir");
	chdir("/");
	ok_sys(rmdir("/tmp/d"), "rmdir of the emptied directory");
	return done();
}
