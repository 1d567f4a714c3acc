/*
 * mount_flags.c - mount(2)'s MS_RDONLY, MS_NODEV and MS_NOEXEC on a
 * ramfs, as Linux 6.1 enforces them: on a read-only mount every change
 * is EROFS (a name that exists EEXIST first, a link across mounts EROFS
 * before EXDEV), reading works; device files on a nodev mount and
 * programs on a noexec one are EACCES; /proc/mounts shows the flags.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

static char buf[4096];

static long rc(long r)
{
	return r < 0 ? -errno : r;
}

/* The options of /tmp/mf's line in /proc/mounts, up to their first comma or space after rw/ro. */
static const char *mount_opts(void)
{
	static char opts[64];
	int fd = open("/proc/mounts", O_RDONLY), n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	char *p;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	opts[0] = 0;
	p = strstr(buf, " /tmp/mf ramfs ");
	if (p)
		sscanf(p + 15, "%63s", opts);
	/* Linux adds relatime, which Mneme does not have: compare what is before it. */
	p = strstr(opts, ",relatime");
	if (p)
		*p = 0;
	return opts;
}

int main(void)
{
	int fd;

	plan(16);
	mkdir("/tmp/mf", 0755);
	close(open("/tmp/outside", O_WRONLY | O_CREAT, 0644));
	ok_eq(rc(mount("none", "/tmp/mf", "ramfs", MS_RDONLY, NULL)), 0L, "mount a ramfs read-only");
	ok(!strcmp(mount_opts(), "ro"), "/proc/mounts says ro");
	ok(rc(mkdir("/tmp/mf/d", 0755)) == -EROFS && rc(mkdir("/tmp/mf/.", 0755)) == -EEXIST,
	   "mkdir: EROFS, EEXIST for a name that exists");
	ok_eq(rc(open("/tmp/mf/f", O_WRONLY | O_CREAT, 0644)), (long)-EROFS, "creating a file: EROFS");
	fd = open("/tmp/mf", O_RDONLY | O_DIRECTORY);
	ok(fd >= 0 && rc(open("/tmp/mf", O_RDWR)) == -EISDIR, "the directory opens for reading");
	close(fd);
	ok(rc(mknod("/tmp/mf/p", S_IFIFO | 0644, 0)) == -EROFS && rc(symlink("x", "/tmp/mf/l")) == -EROFS,
	   "mknod, symlink: EROFS");
	ok_eq(rc(link("/tmp/outside", "/tmp/mf/h")), (long)-EROFS, "link from another mount: EROFS before EXDEV");
	ok(rc(unlink("/tmp/mf/none")) == -EROFS && rc(rmdir("/tmp/mf/none")) == -EROFS &&
	   rc(rename("/tmp/mf/a", "/tmp/mf/b")) == -EROFS, "unlink, rmdir, rename of nothing: EROFS first");
	ok(rc(access("/tmp/mf", W_OK)) == -EROFS && rc(access("/tmp/mf", R_OK)) == 0,
	   "access: W_OK EROFS, R_OK fine");
	ok(rc(chmod("/tmp/mf", 0700)) == -EROFS && rc(truncate("/tmp/mf", 0)) == -EISDIR,
	   "chmod EROFS; truncate of the directory EISDIR first");
	ok_eq(rc(umount("/tmp/mf")), 0L, "umount");

	ok_eq(rc(mount("none", "/tmp/mf", "ramfs", MS_NODEV | MS_NOEXEC, NULL)), 0L,
	      "mount a ramfs nodev, noexec");
	ok(!strcmp(mount_opts(), "rw,nodev,noexec"), "/proc/mounts says rw,nodev,noexec");
	ok(rc(mknod("/tmp/mf/null", S_IFCHR | 0666, makedev(1, 3))) == 0 &&
	   rc(open("/tmp/mf/null", O_RDONLY)) == -EACCES, "a device file on it: made, but EACCES to open");
	{
		int in = open("/bin/exit0", O_RDONLY), out = open("/tmp/mf/prog", O_WRONLY | O_CREAT, 0755), n;
		pid_t pid;

		while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
			write(out, buf, n);
		close(in);
		close(out);
		pid = fork();
		if (pid == 0) {
			char *argv[] = { "prog", NULL };

			execve("/tmp/mf/prog", argv, argv + 1);
			_exit(errno == EACCES ? 3 : 4);
		}
		want_status(pid, "exit 3", "a program on it: execve EACCES");
	}
	unlink("/tmp/mf/prog");
	unlink("/tmp/mf/null");
	ok_eq(rc(umount("/tmp/mf")), 0L, "umount");
	rmdir("/tmp/mf");
	unlink("/tmp/outside");
	return done();
}
