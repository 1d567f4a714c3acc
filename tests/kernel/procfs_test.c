/*
 * /proc (fs/proc/proc.c) mounted on a scratch directory: the reports in
 * Linux's formats, the same text the log versions print; /proc/vmstat's
 * counters moving with allocations; /proc/self and a task's directory
 * (status, stat, cmdline); the listing; lookups of what is not there;
 * maps lines and status's memory lines of a hand-made mm (task_mmu.c).
 */
#include <gfp.h>
#include <mm.h>
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
	char expect[96], link[16];
	long n;

	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	n = sys_readlink(U(P "/self"), U(link), sizeof(link));
	snprintf(expect, sizeof(expect), "%d", current->pid);
	KTEST_ASSERT_EQ(t, n, (long)strlen(expect));
	KTEST_EXPECT_EQ(t, memcmp(link, expect, n), 0);
	KTEST_ASSERT_GT(t, read_proc(t, P "/self/status"), 0L);
	/* Linux 6.1's first lines: Umask only for a task with an fs_struct. */
	if (current->fs)
		snprintf(expect, sizeof(expect),
			 "Name:\t%s\nUmask:\t%04o\nState:\tR (running)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
			 current->comm, current->fs->umask, current->pid, current->pid);
	else
		snprintf(expect, sizeof(expect), "Name:\t%s\nState:\tR (running)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
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

/* A region of mm, [start, end), not linked into it: show_map_vma() reads only its fields. */
static void fake_vma(struct vm_area_struct *vma, struct mm_struct *mm, unsigned long start,
		     unsigned long end, unsigned long flags)
{
	memset(vma, 0, sizeof(*vma));
	vma->vm_mm = mm;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
}

static const char *map_line(struct vm_area_struct *vma, char *pathbuf)
{
	struct seq_file m = SEQ_BUF(buf, BUF_SIZE);

	show_map_vma(&m, vma, pathbuf);
	buf[m.overflow ? 0 : m.count] = 0;
	return buf;
}

#define MAPS_FILE	"/ktest_maps\nfile"

static void unlink_maps_file(void *unused)
{
	sys_unlink(U(MAPS_FILE));
}

static void test_maps_lines(struct ktest *t)
{
	char *pathbuf = ktest_kmalloc(t, PATH_MAX, GFP_KERNEL), want[128];
	struct mm_struct *mm = ktest_kmalloc(t, sizeof(*mm), GFP_KERNEL);
	struct vm_area_struct *vma = ktest_kmalloc(t, sizeof(*vma), GFP_KERNEL);
	struct inode *inode;
	struct file *file;
	long fd;

	KTEST_ASSERT_NOT_NULL(t, pathbuf);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, vma);
	KTEST_ASSERT_EQ(t, mount_proc(t), 0);
	memset(mm, 0, sizeof(*mm));
	mm->start_brk = 0x0805d000;
	mm->brk = 0x08061000;
	mm->start_stack = 0xbfffe123;
	/* Anonymous: the line ends after the inode's space. */
	fake_vma(vma, mm, 0x40000000, 0x40002000, VM_READ | VM_EXEC | VM_SHARED | VM_MAYSHARE);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf), "40000000-40002000 r-xs 00000000 00:00 0 \n");
	fake_vma(vma, mm, 0x10000, 0x11000, 0);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf), "00010000-00011000 ---p 00000000 00:00 0 \n");
	/* The heap (overlapping [start_brk, brk]) and the stack: names from column 49. */
	fake_vma(vma, mm, 0x08059000, 0x08061000, VM_READ | VM_WRITE);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf),
			   "08059000-08061000 rw-p 00000000 00:00 0          [heap]\n");
	fake_vma(vma, mm, 0x08061000, 0x08062000, VM_READ | VM_WRITE);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf),
			   "08061000-08062000 rw-p 00000000 00:00 0          [heap]\n");
	fake_vma(vma, mm, 0x08062000, 0x08063000, VM_READ | VM_WRITE);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf), "08062000-08063000 rw-p 00000000 00:00 0 \n");
	fake_vma(vma, mm, 0xbffdf000, 0xc0000000, VM_READ | VM_WRITE | VM_GROWSDOWN);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf),
			   "bffdf000-c0000000 rw-p 00000000 00:00 0          [stack]\n");
	/* A file: offset in bytes, device and inode, its path (a newline escaped). */
	KTEST_ASSERT_EQ(t, ktest_add_action(t, unlink_maps_file, NULL), 0);
	KTEST_ASSERT_EQ(t, fs_test_write_file(MAPS_FILE, "x", 1), 0L);
	fd = fs_test_open(t, MAPS_FILE, O_RDONLY, 0);
	KTEST_ASSERT_GE(t, fd, 0L);
	file = fget(fd);
	KTEST_ASSERT_NOT_NULL(t, file);
	inode = file->f_dentry->d_inode;
	fake_vma(vma, mm, 0x08048000, 0x08049000, VM_READ | VM_EXEC | VM_MAYSHARE);
	vma->vm_file = file;
	vma->vm_pgoff = 0x12345;
	snprintf(want, sizeof(want), "08048000-08049000 r-xs 12345000 00:%02x %lu ",
		 MINOR(sb_dev(inode->i_sb)), inode->i_ino);
	map_line(vma, pathbuf);
	KTEST_EXPECT_EQ(t, memcmp(buf, want, strlen(want)), 0);
	KTEST_EXPECT_STREQ(t, buf + 48, " /ktest_maps\\012file\n");
	/* Unlinked, still mapped: " (deleted)". */
	KTEST_EXPECT_EQ(t, sys_unlink(U(MAPS_FILE)), 0L);
	KTEST_EXPECT_STREQ(t, map_line(vma, pathbuf) + 48, " /ktest_maps\\012file (deleted)\n");
	fput(file);
	/* A kernel thread (this one) has no address space: an empty file. */
	KTEST_EXPECT_EQ(t, read_proc(t, P "/self/maps"), 0L);
	KTEST_EXPECT_EQ(t, read_proc(t, P "/self/environ"), 0L);
}

/* The value of a status line ("VmRSS:\t    1234 kB"), -1 if absent or not in that format. */
static long status_kb(const char *text, const char *name)
{
	char key[16];
	const char *p;
	long v = 0;
	int width;

	snprintf(key, sizeof(key), "\n%s:\t", name);
	p = strstr(text, key);
	if (!p)
		return -1;
	p += strlen(key);
	for (width = 0; width < 8 && p[width] == ' '; width++)
		;
	for (; width < 8 && p[width] >= '0' && p[width] <= '9'; width++)
		v = v * 10 + p[width] - '0';
	return width == 8 && !strncmp(p + 8, " kB\n", 4) ? v : -1;
}

static void test_task_mem(struct ktest *t)
{
	static const struct { const char *name; long kb; } want[] = {
		{ "VmLck", 4 }, { "VmPin", 0 }, { "VmHWM", 20 }, { "VmRSS", 20 },
		{ "RssAnon", 12 }, { "RssFile", 8 }, { "RssShmem", 0 }, { "VmData", 16 },
		{ "VmStk", 132 }, { "VmExe", 8 }, { "VmLib", 8 }, { "VmPTE", 8 },
	};
	struct vm_area_struct *v = ktest_kmalloc(t, 5 * sizeof(*v), GFP_KERNEL);
	struct mm_struct *mm;
	struct seq_file m;
	unsigned int i;

	buf = ktest_kmalloc(t, BUF_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_ASSERT_NOT_NULL(t, v);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	m = SEQ_BUF(buf, BUF_SIZE);
	/* Text 3 pages of which 2 in [start_code, end_code), a library page, data, stack, shared. */
	fake_vma(&v[0], mm, 0x08048000, 0x0804b000, VM_READ | VM_EXEC);
	fake_vma(&v[1], mm, 0x0804b000, 0x0804f000, VM_READ | VM_WRITE);
	fake_vma(&v[2], mm, 0x40000000, 0x40001000, VM_READ | VM_WRITE | VM_SHARED);
	fake_vma(&v[3], mm, 0x50000000, 0x50001000, VM_READ | VM_EXEC);
	fake_vma(&v[4], mm, 0xbffdf000, 0xc0000000, VM_READ | VM_WRITE | VM_GROWSDOWN);
	v[0].vm_next = &v[1];
	v[1].vm_next = &v[2];
	v[2].vm_next = &v[3];
	v[3].vm_next = &v[4];
	mm->mmap = &v[0];
	mm->start_code = 0x08048100;
	mm->end_code = 0x08049f00;
	mm->total_vm = 42;
	mm->hiwater_vm = 50;
	mm->locked_vm = 1;
	mm->anon_rss = 3;
	mm->file_rss = 2;
	mm->hiwater_rss = 4;	/* below the rss now: VmHWM says the rss */
	mm->stack_vm = 33;
	mm->nr_ptes = 2;
	task_mem(&m, mm);
	mm->mmap = NULL;
	mm->total_vm = mm->locked_vm = mm->anon_rss = mm->file_rss = mm->stack_vm = 0;
	mm->nr_ptes = 0;
	mmput(mm);
	KTEST_ASSERT_TRUE(t, !m.overflow);
	buf[m.count] = 0;
	KTEST_EXPECT_EQ(t, memcmp(buf, "VmPeak:\t     200 kB\nVmSize:\t     168 kB\n", 40), 0);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		if (status_kb(buf, want[i].name) != want[i].kb)
			KTEST_FAIL(t, "%s: %ld kB, not %ld", want[i].name,
				   status_kb(buf, want[i].name), want[i].kb);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "kB\nVmSwap:\t       0 kB\n"));
}

static struct ktest_case procfs_cases[] = {
	KTEST_CASE(test_meminfo_and_reports),
	KTEST_CASE(test_vmstat_counts),
	KTEST_CASE(test_self_and_pid_dirs),
	KTEST_CASE(test_listing),
	KTEST_CASE(test_maps_lines),
	KTEST_CASE(test_task_mem),
	{}
};

static struct ktest_suite procfs_suite = {
	.name = "procfs",
	.test_cases = procfs_cases,
};
ktest_register_suite(procfs_suite);
