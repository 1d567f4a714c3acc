/*
 * mknod.c - mknod and mknodat: character and block devices, FIFOs,
 * sockets and regular files with their types and device numbers (the
 * umask applied); the errors: a directory (EPERM) or an unknown type
 * (EINVAL) refused before the path is looked at, EEXIST, ENOENT,
 * ENOTDIR, and device nodes for root alone (EPERM; a FIFO for anyone).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "ktap.h"

#define D "/tmp/mk"

/* path's type and permissions, and its device numbers for a device node. */
static void want_node(const char *path, mode_t mode, int ma, int mi, const char *desc)
{
	struct stat s;
	int r = lstat(path, &s);

	if (r || s.st_mode != mode || (int)major(s.st_rdev) != ma || (int)minor(s.st_rdev) != mi)
		diag("want mode 0%o %d,%d, got %d: mode 0%o %d,%d", mode, ma, mi, r, s.st_mode,
		     major(s.st_rdev), minor(s.st_rdev));
	ok(!r && s.st_mode == mode && (int)major(s.st_rdev) == ma && (int)minor(s.st_rdev) == mi,
	   "%s", desc);
}

int main(void)
{
	int dfd, pid;

	plan(17);
	umask(022);
	mkdir(D, 0777);
	chmod(D, 0777);
	ok_sys(mknod(D "/chr", S_IFCHR | 0666, makedev(1, 3)), "a character device");
	want_node(D "/chr", S_IFCHR | 0644, 1, 3, "its type, 1,3, the umask applied");
	ok_sys(mknod(D "/blk", S_IFBLK | 0600, makedev(8, 1)), "a block device");
	want_node(D "/blk", S_IFBLK | 0600, 8, 1, "its type and 8,1");
	ok_sys(mknod(D "/fifo", S_IFIFO | 0640, 0), "a FIFO");
	want_node(D "/fifo", S_IFIFO | 0640, 0, 0, "its type");
	dfd = open(D, O_RDONLY | O_DIRECTORY);
	ok_sys(mknodat(dfd, "reg", 0640, 0), "mknodat: type 0 is a regular file");
	want_node(D "/reg", S_IFREG | 0640, 0, 0, "its type");
	ok_sys(mknodat(dfd, "sock", S_IFSOCK | 0600, 0), "a socket node");
	ok_errno(mknod(D "/fifo", S_IFIFO | 0600, 0), EEXIST, "an existing name: EEXIST");
	ok_errno(mknod(D "/none/x", S_IFIFO | 0600, 0), ENOENT, "a missing directory: ENOENT");
	ok_errno(mknod(D "/reg/x", S_IFIFO | 0600, 0), ENOTDIR, "through a file: ENOTDIR");
	ok_errno(mknod(D "/none/x", S_IFDIR | 0700, 0), EPERM, "S_IFDIR: EPERM, before the lookup");
	ok_errno(mknod(D "/none/x", S_IFLNK | 0700, 0), EINVAL, "S_IFLNK: EINVAL, before the lookup");
	ok_errno(mknod(D "/bad", 0170000 | 0600, 0), EINVAL, "an unknown type: EINVAL");
	pid = fork();
	if (pid == 0) {
		if (setuid(65534))
			_exit(9);
		_exit((mknod(D "/u-chr", S_IFCHR | 0600, makedev(1, 3)) == -1 && errno == EPERM ? 0 : 1) |
		      (mknod(D "/u-blk", S_IFBLK | 0600, makedev(8, 1)) == -1 && errno == EPERM ? 0 : 2) |
		      (mknod(D "/u-fifo", S_IFIFO | 0600, 0) == 0 ? 0 : 4));
	}
	want_status(pid, "exit 0", "not root: device nodes EPERM, a FIFO made");
	ok(access(D "/u-chr", F_OK) == -1 && access(D "/u-fifo", F_OK) == 0, "only the FIFO is there");
	close(dfd);
	unlink(D "/chr");
	unlink(D "/blk");
	unlink(D "/fifo");
	unlink(D "/reg");
	unlink(D "/sock");
	unlink(D "/u-fifo");
	rmdir(D);
	return done();
}
