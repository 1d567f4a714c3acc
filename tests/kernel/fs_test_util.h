/*
 * Helpers of the file-system suites: the system calls called from the
 * kernel with set_fs(KERNEL_DS) (kernel buffers pass for user ones), a
 * scratch directory per case removed with everything in it however the
 * case ends, and small file helpers.
 */
#ifndef _FS_TEST_UTIL_H
#define _FS_TEST_UTIL_H

#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <ktest.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <stat.h>
#include <asm/uaccess.h>

#define U(p)	((void __user *)(p))

/* Remove path and everything below it (rm -rf), through the VFS, allocating nothing. */
void fs_test_remove_tree(const char *path);
/* set_fs(KERNEL_DS), a fresh directory dir, and both undone when the case ends. */
int fs_test_begin(struct ktest *t, const char *dir);
/* A file made with contents (len bytes); 0 or -errno. */
long fs_test_write_file(const char *path, const void *buf, unsigned long len);
/* Read up to len bytes of path into buf; the count or -errno. */
long fs_test_read_file(const char *path, void *buf, unsigned long len);

/* open() with a close registered for the end of the case; fs_test_close() closes it early. */
long fs_test_open(struct ktest *t, const char *path, int flags, int mode);
void fs_test_close(struct ktest *t, long fd);

#endif
