/*
 * /proc (fs/proc/proc.c) mounted on a scratch directory: the reports in
 * Linux's formats, the same text the log versions print; /proc/vmstat's
 * counters moving with allocations; /proc/self and a task's directory
 * (status, stat, cmdline); the listing; lookups of what is not there.
 */
#include <gfp.h>
#include <slab.h>
#include <seq_file.h>
#include <vmstat.h>
#include "fs_test_util.h"

#define P "/ktest_proc"

static char *buf;
#define BUF_SIZE	16384

static int mount_proc(struct ktest *t)
{
	buf = ktest_kmalloc(t, BUF_SIZE, GFP_KERNEL);
	if (!buf || fs_test_begin(t, P))
		return -1;
	return sys_mount(U("proc"), U(P), U("proc"), 0, NULL);
}

static long read_proc(struct ktest *t, const char *path)
{
	long n = fs_test_read_file(path, buf, BUF_SIZE - 1);

	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void test_meminfo_and_reports(struct ktest *t)
{
	char *log = ktest_kmalloc(t, BUF_SIZE, GFP_KERNEL);
	struct seq_file m;
	long n;

	KTEST_ASSERT_NOT_NULL(t, log);
	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	n = read_proc(t, P "/meminfo");
	KTEST_ASSERT_GT(t, n, 0L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "MemTotal:       ", 16), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "\nMemFree:        "));
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "\nLowTotal:       "));
	KTEST_EXPECT_EQ(t, buf[n - 1], '\n');
	/* buddyinfo: the same text the report function writes. */
	n = read_proc(t, P "/buddyinfo");
	KTEST_ASSERT_GT(t, n, 0L);
	m = SEQ_BUF(log, BUF_SIZE);
	buddyinfo_show(&m);
	KTEST_EXPECT_FALSE(t, m.overflow);
	KTEST_EXPECT_EQ(t, (long)m.count, n);
	KTEST_EXPECT_EQ(t, memcmp(log, buf, n), 0);
	KTEST_EXPECT_EQ(t, memcmp(buf, "Node 0, zone      DMA ", 22), 0);
	n = read_proc(t, P "/slabinfo");
	KTEST_EXPECT_EQ(t, memcmp(buf, "slabinfo - version: 2.1\n# name ", 31), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "\ndentry_cache "));
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "\nradix_tree_node "));
	n = read_proc(t, P "/zoneinfo");
	KTEST_EXPECT_EQ(t, memcmp(buf, "Node 0, zone      DMA\n  pages free ", 35), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "        protection: ("));
	n = read_proc(t, P "/vmallocinfo");
	KTEST_EXPECT_GT(t, n, 0L);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, " vmalloc\n"));
	n = read_proc(t, P "/mounts");
	KTEST_EXPECT_EQ(t, memcmp(buf, "rootfs / rootfs rw 0 0\n", 23), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "proc " P " proc rw 0 0\n"));
	/* A read in pieces sees the one text made at open. */
	{
		long fd = fs_test_open(t, P "/meminfo", O_RDONLY, 0), got = 0, r;

		KTEST_ASSERT_GE(t, fd, 0L);
		while ((r = sys_read(fd, U(log + got), 7)) > 0)
			got += r;
		KTEST_EXPECT_EQ(t, r, 0L);
		KTEST_EXPECT_EQ(t, memcmp(log, "MemTotal:", 9), 0);
		KTEST_EXPECT_EQ(t, sys_lseek(fd, 0, SEEK_SET), 0L);
		KTEST_EXPECT_EQ(t, sys_read(fd, U(log), 9), 9L);
		KTEST_EXPECT_EQ(t, sys_write(fd, U("x"), 1), -EBADF);
	}
}

static unsigned long vmstat_value(const char *name)
{
	char key[32], *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(buf, key);
	return p ? simple_strtoul(p + strlen(key), NULL, 10) : ~0UL;
}

static void test_vmstat_counts(struct ktest *t)
{
	unsigned long alloc, freed;
	struct page *page;

	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	KTEST_ASSERT_GT(t, read_proc(t, P "/vmstat"), 0L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "nr_free_pages ", 14), 0);
	alloc = vmstat_value("pgalloc_normal") + vmstat_value("pgalloc_dma");
	freed = vmstat_value("pgfree");
	KTEST_EXPECT_NE(t, vmstat_value("pgfault"), ~0UL);
	KTEST_EXPECT_NE(t, vmstat_value("pgmajfault"), ~0UL);
	KTEST_EXPECT_NE(t, vmstat_value("pgalloc_high"), ~0UL);
	page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 2);
	KTEST_ASSERT_GT(t, read_proc(t, P "/vmstat"), 0L);
	/* At least the 4 pages above (reading the file allocates too). */
	KTEST_EXPECT_GE(t, vmstat_value("pgalloc_normal") + vmstat_value("pgalloc_dma"), alloc + 4);
	KTEST_EXPECT_GE(t, vmstat_value("pgfree"), freed + 4);
}

static void test_self_and_pid_dirs(struct ktest *t)
{
	char expect[64], link[16];
	long n;

	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	n = sys_readlink(U(P "/self"), U(link), sizeof(link));
	snprintf(expect, sizeof(expect), "%d", current->pid);
	KTEST_ASSERT_EQ(t, n, (long)strlen(expect));
	KTEST_EXPECT_EQ(t, memcmp(link, expect, n), 0);
	KTEST_ASSERT_GT(t, read_proc(t, P "/self/status"), 0L);
	snprintf(expect, sizeof(expect), "Name:\t%s\nState:\tR (running)\nTgid:\t%d\nPid:\t%d\n",
		 current->comm, current->pid, current->pid);
	KTEST_EXPECT_EQ(t, memcmp(buf, expect, strlen(expect)), 0);
	KTEST_ASSERT_GT(t, read_proc(t, P "/1/stat"), 0L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "1 (", 3), 0);
	{
		unsigned int fields = 2;	/* pid and (comm), then one per space */
		char *p;

		for (p = strchr(buf, ')'); p && *p; p++)
			fields += *p == ' ';
		KTEST_EXPECT_EQ(t, fields, 52u);
	}
	KTEST_EXPECT_EQ(t, read_proc(t, P "/1/cmdline"), 0L);
	KTEST_EXPECT_EQ(t, read_proc(t, P "/99999/status"), -ENOENT);
	KTEST_EXPECT_EQ(t, read_proc(t, P "/1/nothing"), -ENOENT);
	KTEST_EXPECT_EQ(t, read_proc(t, P "/nothing"), -ENOENT);
	KTEST_EXPECT_EQ(t, read_proc(t, P "/01/status"), -ENOENT);
	KTEST_EXPECT_EQ(t, sys_mkdir(U(P "/new"), 0755), -EPERM);
}

static void test_listing(struct ktest *t)
{
	static char dents[2048];
	bool meminfo = false, self = false, init = false;
	long fd, n, off;

	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	fd = fs_test_open(t, P, O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_GE(t, fd, 0L);
	while ((n = sys_getdents64(fd, U(dents), sizeof(dents))) > 0) {
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(dents + off);

			meminfo |= !strcmp(d->d_name, "meminfo") && d->d_type == DT_REG;
			self |= !strcmp(d->d_name, "self") && d->d_type == DT_LNK;
			init |= !strcmp(d->d_name, "1") && d->d_type == DT_DIR;
			off += d->d_reclen;
		}
	}
	KTEST_EXPECT_EQ(t, n, 0L);
	KTEST_EXPECT_TRUE(t, meminfo);
	KTEST_EXPECT_TRUE(t, self);
	KTEST_EXPECT_TRUE(t, init);
}

static struct ktest_case procfs_cases[] = {
	KTEST_CASE(test_meminfo_and_reports),
	KTEST_CASE(test_vmstat_counts),
	KTEST_CASE(test_self_and_pid_dirs),
	KTEST_CASE(test_listing),
	{}
};

static struct ktest_suite procfs_suite = {
	.name = "procfs",
	.test_cases = procfs_cases,
};
ktest_register_suite(procfs_suite);
