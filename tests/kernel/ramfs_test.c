/*
 * ramfs and path lookup (fs/ramfs/, fs/namei.c, fs/dcache.c), through
 * the system calls: names made and removed with Linux's errors, "." and
 * "..", symlinks (relative, absolute, loops, the nesting limit),
 * ENAMETOOLONG, rename's rules, hard links, directories listed with
 * getdents64, getcwd, and a second ramfs mounted on a directory.
 */
#include <slab.h>
#include "fs_test_util.h"

#define D "/ktest_rf"

static long stat_mode(const char *path, int follow)
{
	struct stat64 st;
	long err = follow ? sys_stat64(U(path), U(&st)) : sys_lstat64(U(path), U(&st));

	return err ? err : (long)st.st_mode;
}

static void test_create_and_remove(struct ktest *t)
{
	struct stat64 st;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/a"), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/a"), 0755), -EEXIST);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/a/f", "hello", 5), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/a", 1), (long)(S_IFDIR | 0755));
	KTEST_EXPECT_EQ(t, stat_mode(D "/a/f", 1), (long)(S_IFREG | 0644));
	KTEST_ASSERT_EQ(t, sys_stat64(U(D "/a/f"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_size, 5LL);
	KTEST_EXPECT_EQ(t, st.st_nlink, 1u);
	KTEST_ASSERT_EQ(t, sys_stat64(U(D "/a"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_nlink, 2u);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/a/sub"), 0700), 0L);
	KTEST_ASSERT_EQ(t, sys_stat64(U(D "/a"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_nlink, 3u);		/* ".", its name, sub's ".." */
	/* Errors as Linux. */
	KTEST_EXPECT_EQ(t, stat_mode(D "/nope", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, stat_mode(D "/nope/x", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, stat_mode(D "/a/f/x", 1), -ENOTDIR);
	KTEST_EXPECT_EQ(t, stat_mode(D "/a/f/", 1), -ENOTDIR);
	KTEST_EXPECT_EQ(t, stat_mode("", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/a")), -ENOTEMPTY);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/a/f")), -ENOTDIR);
	KTEST_EXPECT_EQ(t, sys_unlink(U(D "/a/sub")), -EISDIR);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/a/.")), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/a"), O_WRONLY, 0), -EISDIR);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/a/f"), O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/a/f"), O_RDONLY | O_CREAT | O_EXCL, 0), -EEXIST);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/a/new/"), O_RDWR | O_CREAT, 0644), -EISDIR);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/a/sub")), 0L);
	KTEST_EXPECT_EQ(t, sys_unlink(U(D "/a/f")), 0L);
	KTEST_EXPECT_EQ(t, sys_unlink(U(D "/a/f")), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/a")), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/a", 1), -ENOENT);
}

static void test_dot_dotdot_and_cwd(struct ktest *t)
{
	char buf[64];

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/x"), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/x/y"), 0755), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/x/./y/../y/.", 1), (long)(S_IFDIR | 0755));
	KTEST_EXPECT_EQ(t, stat_mode("/../../" D + 1, 1), (long)(S_IFDIR | 0755));
	KTEST_ASSERT_EQ(t, sys_chdir(U(D "/x/y")), 0L);
	KTEST_EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), (long)sizeof(D "/x/y"));
	KTEST_EXPECT_STREQ(t, buf, D "/x/y");
	KTEST_EXPECT_EQ(t, sys_getcwd(U(buf), 5), -ERANGE);
	KTEST_EXPECT_EQ(t, fs_test_write_file("../rel", "r", 1), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/x/rel", 1), (long)(S_IFREG | 0644));
	KTEST_ASSERT_EQ(t, sys_chdir(U("..")), 0L);
	KTEST_EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), (long)sizeof(D "/x"));
	KTEST_EXPECT_EQ(t, sys_chdir(U("rel")), -ENOTDIR);
	/* The working directory removed: getcwd says so. */
	KTEST_ASSERT_EQ(t, sys_chdir(U("y")), 0L);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/x/y")), 0L);
	KTEST_EXPECT_EQ(t, sys_getcwd(U(buf), sizeof(buf)), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_chdir(U("/")), 0L);
}

static void test_name_too_long(struct ktest *t)
{
	char *name = ktest_kmalloc(t, PATH_MAX + 2, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	strlcpy(name, D "/", PATH_MAX);
	memset(name + strlen(name), 'n', 256);
	name[strlen(D "/") + 256] = 0;
	KTEST_EXPECT_EQ(t, sys_mkdir(U(name), 0755), -ENAMETOOLONG);
	KTEST_EXPECT_EQ(t, stat_mode(name, 1), -ENAMETOOLONG);
	name[strlen(D "/") + 255] = 0;
	KTEST_EXPECT_EQ(t, sys_mkdir(U(name), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(name)), 0L);
	memset(name, '/', PATH_MAX);
	name[PATH_MAX] = 0;
	KTEST_EXPECT_EQ(t, stat_mode(name, 1), -ENAMETOOLONG);
	name[PATH_MAX - 1] = 0;
	KTEST_EXPECT_EQ(t, stat_mode(name, 1), (long)(S_IFDIR | 0755));	/* "////...": the root */
}

static void test_symlinks(struct ktest *t)
{
	char buf[64];
	unsigned int i;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/dir"), 0755), 0L);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/dir/file", "data", 4), 0L);
	KTEST_EXPECT_EQ(t, sys_symlink(U("dir/file"), U(D "/rel")), 0L);
	KTEST_EXPECT_EQ(t, sys_symlink(U(D "/dir"), U(D "/abs")), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/rel", 1), (long)(S_IFREG | 0644));
	KTEST_EXPECT_EQ(t, stat_mode(D "/rel", 0), (long)(S_IFLNK | 0777));
	KTEST_EXPECT_EQ(t, stat_mode(D "/abs/file", 0), (long)(S_IFREG | 0644));
	KTEST_EXPECT_EQ(t, sys_readlink(U(D "/rel"), U(buf), sizeof(buf)), 8L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "dir/file", 8), 0);
	KTEST_EXPECT_EQ(t, sys_readlink(U(D "/rel"), U(buf), 3), 3L);
	KTEST_EXPECT_EQ(t, sys_readlink(U(D "/dir"), U(buf), sizeof(buf)), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/abs/../dir/file", buf, sizeof(buf)), 4L);
	/* A dangling link; a loop; O_NOFOLLOW. */
	KTEST_EXPECT_EQ(t, sys_symlink(U("nowhere"), U(D "/dangling")), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/dangling", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_symlink(U("loop2"), U(D "/loop1")), 0L);
	KTEST_EXPECT_EQ(t, sys_symlink(U("loop1"), U(D "/loop2")), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/loop1", 1), -ELOOP);
	KTEST_EXPECT_EQ(t, stat_mode(D "/loop1/x", 1), -ELOOP);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/rel"), O_RDONLY | O_NOFOLLOW, 0), -ELOOP);
	/* 8 links inside one another resolve; a 9th is -ELOOP (MAX_NESTED_LINKS, 2.6's rule). */
	for (i = 1; i <= 9; i++) {
		char from[32], to[32];

		snprintf(from, sizeof(from), "c%u", i - 1);
		snprintf(to, sizeof(to), D "/c%u", i);
		KTEST_EXPECT_EQ(t, sys_symlink(U(i == 1 ? "dir" : from), U(to)), 0L);
	}
	KTEST_EXPECT_EQ(t, stat_mode(D "/c8", 1), (long)(S_IFDIR | 0755));
	KTEST_EXPECT_EQ(t, stat_mode(D "/c9", 1), -ELOOP);
	/* A symlink to a directory with a trailing slash is followed even by lstat. */
	KTEST_EXPECT_EQ(t, stat_mode(D "/abs/", 0), (long)(S_IFDIR | 0755));
}

static void test_rename_and_link(struct ktest *t)
{
	struct stat64 st;
	char buf[8];

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/d1"), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/d1/inner"), 0755), 0L);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/f1", "one", 3), 0L);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/f2", "two", 3), 0L);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/f1"), U(D "/f2")), 0L);	/* replaces f2 */
	KTEST_EXPECT_EQ(t, stat_mode(D "/f1", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/f2", buf, sizeof(buf)), 3L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "one", 3), 0);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/d1"), U(D "/d1/inner/x")), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/f2"), U(D "/d1")), -EISDIR);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/d1"), U(D "/f2")), -ENOTDIR);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/nope"), U(D "/f3")), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/d2"), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/d1"), U(D "/d2/moved")), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/d2/moved/inner", 1), (long)(S_IFDIR | 0755));
	KTEST_ASSERT_EQ(t, sys_stat64(U(D "/d2"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_nlink, 3u);
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/d2/moved"), U(D "/a-much-longer-name-than-the-inline-one")),
			0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/a-much-longer-name-than-the-inline-one/inner", 1),
			(long)(S_IFDIR | 0755));
	/* Hard links share the inode and its data. */
	KTEST_EXPECT_EQ(t, sys_link(U(D "/f2"), U(D "/hl")), 0L);
	KTEST_ASSERT_EQ(t, sys_stat64(U(D "/hl"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_nlink, 2u);
	KTEST_EXPECT_EQ(t, sys_unlink(U(D "/f2")), 0L);
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/hl", buf, sizeof(buf)), 3L);
	KTEST_EXPECT_EQ(t, sys_link(U(D "/d2"), U(D "/dl")), -EPERM);
}

struct listing {
	char names[16][16];
	unsigned int n;
};

static void test_getdents64(struct ktest *t)
{
	static char buf[512];
	struct listing l = { .n = 0 };
	long fd, n, off;
	unsigned int i, found = 0;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/aa", "", 0), 0L);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/bb"), 0755), 0L);
	KTEST_EXPECT_EQ(t, sys_symlink(U("aa"), U(D "/cc")), 0L);
	fd = fs_test_open(t, D, O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_EXPECT_EQ(t, sys_getdents64(fd, U(buf), 10), -EINVAL);	/* not even one fits */
	for (;;) {
		n = sys_getdents64(fd, U(buf), 48);	/* two entries at most per call */
		KTEST_ASSERT_GE(t, n, 0L);
		if (!n)
			break;
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			KTEST_ASSERT_LT(t, l.n, 16u);
			strlcpy(l.names[l.n++], d->d_name, 16);
			if (!strcmp(d->d_name, "bb"))
				KTEST_EXPECT_EQ(t, d->d_type, DT_DIR);
			if (!strcmp(d->d_name, "cc"))
				KTEST_EXPECT_EQ(t, d->d_type, DT_LNK);
			if (!strcmp(d->d_name, "aa"))
				KTEST_EXPECT_EQ(t, d->d_type, DT_REG);
			KTEST_EXPECT_EQ(t, d->d_reclen % 8, 0);
			off += d->d_reclen;
		}
	}
	KTEST_EXPECT_EQ(t, l.n, 5u);
	for (i = 0; i < l.n; i++)
		found |= !strcmp(l.names[i], ".") << 0 | !strcmp(l.names[i], "..") << 1 |
			 !strcmp(l.names[i], "aa") << 2 | !strcmp(l.names[i], "bb") << 3 |
			 !strcmp(l.names[i], "cc") << 4;
	KTEST_EXPECT_EQ(t, found, 31u);
	fs_test_close(t, fd);
	fd = fs_test_open(t, D "/aa", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, sys_getdents64(fd, U(buf), sizeof(buf)), -ENOTDIR);
}

/* A ramfs mounted on a directory: its own files, hidden below; umount refused while in use. */
static void test_mount_ramfs(struct ktest *t)
{
	unsigned long mounts = nr_mounts;
	char buf[8];
	long fd;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(D "/mnt"), 0755), 0L);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/mnt/under", "u", 1), 0L);
	KTEST_EXPECT_EQ(t, sys_mount(U("none"), U(D "/mnt"), U("ramfs"), 0, NULL), 0L);
	KTEST_EXPECT_EQ(t, nr_mounts, mounts + 1);
	KTEST_EXPECT_EQ(t, stat_mode(D "/mnt/under", 1), -ENOENT);
	KTEST_EXPECT_EQ(t, fs_test_write_file(D "/mnt/over", "o", 1), 0L);
	KTEST_EXPECT_EQ(t, stat_mode(D "/mnt/../mnt/over", 1), (long)(S_IFREG | 0644));
	KTEST_EXPECT_EQ(t, sys_rename(U(D "/mnt/over"), U(D "/over")), -EXDEV);
	KTEST_EXPECT_EQ(t, sys_rmdir(U(D "/mnt")), -EBUSY);
	fd = fs_test_open(t, D "/mnt/over", O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, sys_umount(U(D "/mnt"), 0), -EBUSY);
	if (fd >= 0)
		fs_test_close(t, fd);
	KTEST_EXPECT_EQ(t, sys_mount(U("none"), U(D "/mnt"), U("nofs"), 0, NULL), -ENODEV);
	KTEST_EXPECT_EQ(t, sys_umount(U(D), 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_umount(U(D "/mnt"), 0), 0L);
	KTEST_EXPECT_EQ(t, nr_mounts, mounts);
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/mnt/under", buf, sizeof(buf)), 1L);
}

static struct ktest_case ramfs_cases[] = {
	KTEST_CASE(test_create_and_remove),
	KTEST_CASE(test_dot_dotdot_and_cwd),
	KTEST_CASE(test_name_too_long),
	KTEST_CASE(test_symlinks),
	KTEST_CASE(test_rename_and_link),
	KTEST_CASE(test_getdents64),
	KTEST_CASE(test_mount_ramfs),
	{}
};

static struct ktest_suite ramfs_suite = {
	.name = "ramfs",
	.test_cases = ramfs_cases,
};
ktest_register_suite(ramfs_suite);
