/*
 * Pipes (fs/pipe.c): data through in order, end of file once the writer
 * is gone, -EPIPE once the reader is, O_NONBLOCK's -EAGAIN, the 64 KB
 * capacity, a reader asleep woken by a writer thread, FIONREAD, lseek's
 * -ESPIPE, and a FIFO made with mknod; every page and file back.
 */
#include <slab.h>
#include "fs_test_util.h"

static void close_pair(void *arg)
{
	int *fd = arg;

	if (fd[0] >= 0)
		sys_close(fd[0]);
	if (fd[1] >= 0)
		sys_close(fd[1]);
}

static int *open_pipe(struct ktest *t, int flags)
{
	int *fd = ktest_kmalloc(t, 2 * sizeof(int), GFP_KERNEL);

	if (!fd)
		return NULL;
	set_fs(KERNEL_DS);
	if (sys_pipe2(U(fd), flags)) {
		set_fs(USER_DS);
		return NULL;
	}
	if (ktest_add_action_or_reset(t, close_pair, fd))
		return NULL;
	return fd;
}

static void restore_user_ds(void *arg)
{
	set_fs(USER_DS);
}

static void test_data_and_eof(struct ktest *t)
{
	unsigned long files = nr_files;
	char buf[16];
	int *fd;
	int n;

	KTEST_ASSERT_EQ(t, ktest_add_action(t, restore_user_ds, NULL), 0);
	fd = open_pipe(t, O_NONBLOCK);	/* no read may block if a write failed (fault injection) */
	KTEST_ASSERT_NOT_NULL(t, fd);
	KTEST_EXPECT_EQ(t, nr_files, files + 2);
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U("hello, "), 7), 7L);
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U("pipe"), 4), 4L);
	KTEST_EXPECT_EQ(t, sys_ioctl(fd[0], 0x541B, (unsigned long)&n), 0L);
	KTEST_EXPECT_EQ(t, n, 11);
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(buf), 5), 5L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "hello", 5), 0);
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(buf), sizeof(buf)), 6L);
	KTEST_EXPECT_EQ(t, memcmp(buf, ", pipe", 6), 0);
	KTEST_EXPECT_EQ(t, sys_lseek(fd[0], 0, SEEK_SET), -ESPIPE);
	KTEST_EXPECT_EQ(t, sys_write(fd[0], U("x"), 1), -EBADF);
	KTEST_EXPECT_EQ(t, sys_read(fd[1], U(buf), 1), -EBADF);
	KTEST_EXPECT_EQ(t, sys_close(fd[1]), 0L);
	fd[1] = -1;
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(buf), sizeof(buf)), 0L);	/* end of file */
}

static void test_epipe_and_nonblock(struct ktest *t)
{
	static char big[4096 * 3];
	long total = 0, n;
	int *fd;

	KTEST_ASSERT_EQ(t, ktest_add_action(t, restore_user_ds, NULL), 0);
	fd = open_pipe(t, O_NONBLOCK);
	KTEST_ASSERT_NOT_NULL(t, fd);
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(big), 10), -EAGAIN);
	while ((n = sys_write(fd[1], U(big), sizeof(big))) > 0)
		total += n;
	KTEST_EXPECT_EQ(t, n, -EAGAIN);
	KTEST_EXPECT_EQ(t, total, 65536L);	/* 16 pages */
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U("x"), 1), -EAGAIN);
	/* Reading part of a buffer frees no slot: still full (as Linux). */
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(big), 100), 100L);
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U(big), 100), -EAGAIN);
	/* The rest of that page: a slot. A write over PIPE_BUF may be partial, a small one not. */
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(big), 4096 - 100), 3996L);
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U(big), 4097), 4096L);
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U(big), 1), -EAGAIN);
	KTEST_EXPECT_EQ(t, sys_close(fd[0]), 0L);
	fd[0] = -1;
	KTEST_EXPECT_EQ(t, sys_write(fd[1], U("x"), 1), -EPIPE);
	KTEST_EXPECT_EQ(t, sys_pipe2(U(big), 0x40000000), -EINVAL);
}

struct writer_arg {
	int *fd;
	char data[8];
};

static int pipe_writer(void *p)
{
	struct writer_arg *w = p;

	set_fs(KERNEL_DS);
	msleep(20);			/* the reader is asleep by then */
	if (sys_write(w->fd[1], U(w->data), 8) == 8)
		return 0;
	/* Failed (fault injection): end of file for the reader, not a reader asleep forever. */
	sys_close(w->fd[1]);
	w->fd[1] = -1;
	return 1;
}

static void test_reader_woken(struct ktest *t)
{
	struct writer_arg *w = ktest_kmalloc(t, sizeof(*w), GFP_KERNEL);
	char buf[8];
	int *fd, pid, code = -1;

	KTEST_ASSERT_NOT_NULL(t, w);
	KTEST_ASSERT_EQ(t, ktest_add_action(t, restore_user_ds, NULL), 0);
	fd = open_pipe(t, 0);
	KTEST_ASSERT_NOT_NULL(t, fd);
	w->fd = fd;
	memcpy(w->data, "wake up!", 8);
	pid = ktest_kernel_thread(t, pipe_writer, w, NULL, NULL);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, sys_read(fd[0], U(buf), sizeof(buf)), 8L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "wake up!", 8), 0);
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	KTEST_EXPECT_EQ(t, code, 0);
}

static void test_fifo(struct ktest *t)
{
	char buf[4];
	long r, w;

	KTEST_ASSERT_EQ(t, fs_test_begin(t, "/ktest_pipe"), 0);
	KTEST_EXPECT_EQ(t, sys_mknod(U("/ktest_pipe/fifo"), S_IFIFO | 0600, 0), 0L);
	KTEST_EXPECT_EQ(t, sys_open(U("/ktest_pipe/fifo"), O_WRONLY | O_NONBLOCK, 0), -ENXIO);
	r = fs_test_open(t, "/ktest_pipe/fifo", O_RDONLY | O_NONBLOCK, 0);
	KTEST_ASSERT_GE(t, r, 0L);
	w = fs_test_open(t, "/ktest_pipe/fifo", O_WRONLY, 0);	/* a reader is there: no wait */
	KTEST_ASSERT_GE(t, w, 0L);
	KTEST_EXPECT_EQ(t, sys_write(w, U("fifo"), 4), 4L);
	KTEST_EXPECT_EQ(t, sys_read(r, U(buf), 4), 4L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "fifo", 4), 0);
}

static struct ktest_case pipe_cases[] = {
	KTEST_CASE(test_data_and_eof),
	KTEST_CASE(test_epipe_and_nonblock),
	KTEST_CASE(test_reader_woken),
	KTEST_CASE(test_fifo),
	{}
};

static struct ktest_suite pipe_suite = {
	.name = "pipe",
	.test_cases = pipe_cases,
};
ktest_register_suite(pipe_suite);
