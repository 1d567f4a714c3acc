/*
 * Descriptor tables (fs/file.c, fs/fcntl.c, fs/open.c): the lowest free
 * descriptor, dup/dup2/dup3, close-on-exec, F_GETFL/F_SETFL, -EBADF and
 * -EMFILE, lseek's errors; copy_files()/exit_files() and copy_fs()/
 * exit_fs() as fork and exit will call them, with the counts they keep.
 */
#include <slab.h>
#include "fs_test_util.h"

#define D "/ktest_fd"

static void close_all_above(void *arg)
{
	long from = (long)arg, fd;

	for (fd = from; fd < NR_OPEN_DEFAULT; fd++)
		sys_close(fd);
}

static void test_lowest_free_and_dup(struct ktest *t)
{
	long a, b, c, d;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_ASSERT_EQ(t, fs_test_write_file(D "/f", "0123456789", 10), 0L);
	a = sys_open(U(D "/f"), O_RDWR, 0);
	KTEST_ASSERT_GE(t, a, 0L);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, close_all_above, (void *)a), 0);
	b = sys_open(U(D "/f"), O_RDONLY, 0);
	KTEST_EXPECT_EQ(t, b, a + 1);
	KTEST_EXPECT_EQ(t, sys_close(a), 0L);
	KTEST_EXPECT_EQ(t, sys_close(a), -EBADF);
	c = sys_dup(b);
	KTEST_EXPECT_EQ(t, c, a);			/* the lowest free one */
	/* dup'ed descriptors share the position. */
	KTEST_EXPECT_EQ(t, sys_lseek(b, 4, SEEK_SET), 4L);
	KTEST_EXPECT_EQ(t, sys_lseek(c, 0, SEEK_CUR), 4L);
	KTEST_EXPECT_EQ(t, sys_dup2(b, b), b);
	KTEST_EXPECT_EQ(t, sys_dup2(99, 100), -EBADF);
	KTEST_EXPECT_EQ(t, sys_dup3(b, b, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_dup3(b, a + 5, 0x1234), -EINVAL);
	d = sys_dup3(b, a + 5, O_CLOEXEC);
	KTEST_EXPECT_EQ(t, d, a + 5);
	KTEST_EXPECT_EQ(t, sys_fcntl64(d, F_GETFD, 0), (long)FD_CLOEXEC);
	KTEST_EXPECT_EQ(t, sys_fcntl64(b, F_GETFD, 0), 0L);
	KTEST_EXPECT_EQ(t, sys_fcntl64(b, F_SETFD, FD_CLOEXEC), 0L);
	KTEST_EXPECT_EQ(t, sys_fcntl64(b, F_GETFD, 0), (long)FD_CLOEXEC);
	/* dup2 over an open descriptor closes it first. */
	KTEST_EXPECT_EQ(t, sys_dup2(c, d), d);
	KTEST_EXPECT_EQ(t, sys_fcntl64(d, F_GETFD, 0), 0L);
	KTEST_EXPECT_EQ(t, sys_fcntl64(d, F_DUPFD, a + 10), a + 10);
	KTEST_EXPECT_EQ(t, sys_fcntl64(d, F_DUPFD, NR_OPEN_DEFAULT), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_fcntl64(d, 0x7777, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_fcntl64(500, F_GETFD, 0), -EBADF);
}

static void test_flags_and_lseek(struct ktest *t)
{
	char buf[4];
	long fd;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_ASSERT_EQ(t, fs_test_write_file(D "/f", "abc", 3), 0L);
	fd = sys_open(U(D "/f"), O_WRONLY | O_APPEND, 0);
	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, close_all_above, (void *)fd), 0);
	KTEST_EXPECT_EQ(t, sys_fcntl64(fd, F_GETFL, 0), (long)(O_WRONLY | O_APPEND));
	KTEST_EXPECT_EQ(t, sys_write(fd, U("de"), 2), 2L);	/* appended */
	KTEST_EXPECT_EQ(t, sys_read(fd, U(buf), 1), -EBADF);	/* not open for reading */
	KTEST_EXPECT_EQ(t, sys_fcntl64(fd, F_SETFL, O_NONBLOCK | O_RDWR), 0L);
	KTEST_EXPECT_EQ(t, sys_fcntl64(fd, F_GETFL, 0), (long)(O_WRONLY | O_NONBLOCK));
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/f", buf, sizeof(buf)), 4L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "abcd", 4), 0);
	KTEST_EXPECT_EQ(t, sys_lseek(fd, -1, SEEK_SET), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_lseek(fd, 0, 3), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_lseek(fd, -2, SEEK_END), 3L);
	KTEST_EXPECT_EQ(t, sys_lseek(fd, 100, SEEK_CUR), 103L);
	KTEST_EXPECT_EQ(t, sys_lseek(77, 0, SEEK_SET), -EBADF);
	KTEST_EXPECT_EQ(t, sys_ioctl(fd, 0x5401, 0), -ENOTTY);	/* TCGETS on a file */
}

/* Fill the table: -EMFILE, and every descriptor back afterwards. */
static void test_emfile(struct ktest *t)
{
	unsigned long files = nr_files;
	long first, fd, n = 0;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_ASSERT_EQ(t, fs_test_write_file(D "/f", "x", 1), 0L);
	first = sys_open(U(D "/f"), O_RDONLY, 0);
	KTEST_ASSERT_GE(t, first, 0L);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, close_all_above, (void *)first), 0);
	while ((fd = sys_dup(first)) >= 0)
		n++;
	KTEST_EXPECT_EQ(t, fd, -EMFILE);
	KTEST_EXPECT_EQ(t, n, NR_OPEN_DEFAULT - first - 1);
	KTEST_EXPECT_EQ(t, sys_open(U(D "/f"), O_RDONLY, 0), -EMFILE);
	KTEST_EXPECT_EQ(t, nr_files, files + 1);	/* one open file, many descriptors */
	close_all_above((void *)first);
	KTEST_EXPECT_EQ(t, nr_files, files);
}

static void fput_action(void *arg)
{
	fput(arg);
}

/* fork's side: a copied table counts each file once more; exit_files() gives them back. */
static void test_copy_and_exit_files(struct ktest *t)
{
	struct task_struct *tsk = ktest_kmalloc(t, sizeof(*tsk), GFP_KERNEL);
	struct file *f;
	int shared;
	long fd;

	KTEST_ASSERT_NOT_NULL(t, tsk);
	memset(tsk, 0, sizeof(*tsk));
	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	KTEST_ASSERT_EQ(t, fs_test_write_file(D "/f", "x", 1), 0L);
	fd = sys_open(U(D "/f"), O_RDONLY, 0);
	KTEST_ASSERT_GE(t, fd, 0L);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, close_all_above, (void *)fd), 0);
	f = fget(fd);
	KTEST_ASSERT_NOT_NULL(t, f);
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, fput_action, f), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&f->f_count), 2);
	KTEST_ASSERT_EQ(t, copy_files(0, tsk), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&f->f_count), 3);
	KTEST_EXPECT_PTR_EQ(t, tsk->files->fdt.fd[fd], f);
	exit_files(tsk);
	KTEST_EXPECT_NULL(t, tsk->files);
	KTEST_EXPECT_EQ(t, atomic_read(&f->f_count), 2);
	shared = current->files ? atomic_read(&current->files->count) : 1;
	KTEST_ASSERT_EQ(t, copy_files(CLONE_FILES, tsk), 0);
	KTEST_EXPECT_EQ(t, atomic_read(&tsk->files->count), shared + 1);	/* one more sharer */
	KTEST_EXPECT_EQ(t, atomic_read(&f->f_count), 2);
	exit_files(tsk);
	/* copy_fs: a copy holds the root and cwd; CLONE_FS shares. */
	KTEST_ASSERT_EQ(t, copy_fs(0, tsk), 0);
	KTEST_EXPECT_PTR_EQ(t, tsk->fs->root, init_fs_struct()->root);
	KTEST_EXPECT_EQ(t, tsk->fs->umask, init_fs_struct()->umask);
	exit_fs(tsk);
	KTEST_ASSERT_EQ(t, copy_fs(CLONE_FS, tsk), 0);
	KTEST_EXPECT_PTR_EQ(t, tsk->fs, current->fs ? current->fs : init_fs_struct());
	exit_fs(tsk);
}

static struct ktest_case fdtable_cases[] = {
	KTEST_CASE(test_lowest_free_and_dup),
	KTEST_CASE(test_flags_and_lseek),
	KTEST_CASE(test_emfile),
	KTEST_CASE(test_copy_and_exit_files),
	{}
};

static struct ktest_suite fdtable_suite = {
	.name = "fdtable",
	.test_cases = fdtable_cases,
};
ktest_register_suite(fdtable_suite);
