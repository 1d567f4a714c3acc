/*
 * The cpio unpacker (fs/initramfs.c) in the kernel: an archive made here
 * member by member (directories, files, a symlink, a hard link, a FIFO,
 * a device, two archives back to back with zero padding) unpacked into a
 * scratch directory and read back; then damaged archives -- truncated at
 * every length, a bad magic, a bad hex digit, a name without its NUL --
 * each refused with its message, and nothing leaked.
 */
#include <slab.h>
#include "fs_test_util.h"

#define D "/ktest_cpio"

struct cpio_buf {
	char *p;
	unsigned long len, cap;
};

static void cpio_add(struct cpio_buf *b, const char *name, unsigned long mode, unsigned long ino,
		     unsigned long nlink, const char *data, unsigned long size, unsigned long rmaj,
		     unsigned long rmin)
{
	unsigned long namesize = strlen(name) + 1;

	b->len += snprintf(b->p + b->len, b->cap - b->len,
			   "070701%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx",
			   ino, mode, 0ul, 0ul, nlink, 0ul, size, 0ul, 0ul, rmaj, rmin, namesize, 0ul);
	memcpy(b->p + b->len, name, namesize);
	b->len += namesize;
	while (b->len & 3)
		b->p[b->len++] = 0;
	memcpy(b->p + b->len, data, size);
	b->len += size;
	while (b->len & 3)
		b->p[b->len++] = 0;
}

static void cpio_trailer(struct cpio_buf *b)
{
	cpio_add(b, "TRAILER!!!", 0, 0, 1, "", 0, 0, 0);
}

static const char *unpack_here(struct cpio_buf *b, char *msg, unsigned long *entries)
{
	long old = sys_umask(0);
	const char *err;

	if (sys_chdir(U(D))) {
		sys_umask(old);
		return "chdir failed";	/* (fault injection) not into the root instead */
	}
	err = unpack_cpio(b->p, b->len, msg, 256, entries);
	sys_chdir(U("/"));
	sys_umask(old);
	return err;
}

static struct cpio_buf *new_buf(struct ktest *t)
{
	struct cpio_buf *b = ktest_kmalloc(t, sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b->cap = 4096;
	b->len = 0;
	b->p = ktest_kmalloc(t, b->cap, GFP_KERNEL);
	return b->p ? b : NULL;
}

static void test_unpack_members(struct ktest *t)
{
	struct cpio_buf *b = new_buf(t);
	char *msg = ktest_kmalloc(t, 256, GFP_KERNEL), buf[32];
	unsigned long entries = 0;
	struct stat64 st;

	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, msg);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	cpio_add(b, ".", S_IFDIR | 0755, 1, 2, "", 0, 0, 0);
	cpio_add(b, "bin", S_IFDIR | 0700, 2, 2, "", 0, 0, 0);
	cpio_add(b, "bin/prog", S_IFREG | 0755, 3, 1, "#!/bin/sh\n", 10, 0, 0);
	cpio_add(b, "bin/link", S_IFLNK | 0777, 4, 1, "prog", 4, 0, 0);
	/* newc hard links: the data comes with the last name. */
	cpio_add(b, "h1", S_IFREG | 0644, 5, 2, "", 0, 0, 0);
	cpio_add(b, "h2", S_IFREG | 0644, 5, 2, "shared", 6, 0, 0);
	cpio_add(b, "fifo", S_IFIFO | 0600, 6, 1, "", 0, 0, 0);
	cpio_add(b, "null", S_IFCHR | 0666, 7, 1, "", 0, 1, 3);
	cpio_trailer(b);
	memset(b->p + b->len, 0, 12);		/* padding, then a second archive */
	b->len += 12;
	cpio_add(b, "bin/prog", S_IFREG | 0700, 8, 1, "second", 6, 0, 0);
	cpio_trailer(b);
	KTEST_EXPECT_NULL(t, unpack_here(b, msg, &entries));
	KTEST_EXPECT_EQ(t, entries, 9ul);
	KTEST_ASSERT_EQ(t, sys_lstat64(U(D "/bin"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_mode, (unsigned)(S_IFDIR | 0700));
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/bin/link", buf, sizeof(buf)), 6L);
	KTEST_EXPECT_EQ(t, memcmp(buf, "second", 6), 0);	/* the later archive's */
	KTEST_ASSERT_EQ(t, sys_lstat64(U(D "/h1"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_nlink, 2u);
	KTEST_EXPECT_EQ(t, st.st_size, 6LL);
	KTEST_ASSERT_EQ(t, sys_lstat64(U(D "/fifo"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_mode, (unsigned)(S_IFIFO | 0600));
	KTEST_ASSERT_EQ(t, sys_lstat64(U(D "/null"), U(&st)), 0L);
	KTEST_EXPECT_EQ(t, st.st_rdev, 0x103ull);
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/null", buf, sizeof(buf)), 0L);
}

/* Every truncation of a good archive is refused with a message; nothing leaks (leak_check). */
static void test_truncated_and_corrupt(struct ktest *t)
{
	struct cpio_buf *b = new_buf(t);
	char *msg = ktest_kmalloc(t, 256, GFP_KERNEL);
	unsigned long entries, len, full;
	const char *err;

	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, msg);
	KTEST_ASSERT_EQ(t, fs_test_begin(t, D), 0);
	cpio_add(b, "d", S_IFDIR | 0755, 1, 2, "", 0, 0, 0);
	cpio_add(b, "d/f", S_IFREG | 0644, 2, 1, "0123456789", 10, 0, 0);
	cpio_trailer(b);
	full = b->len;
	for (len = 1; len < full; len++) {
		b->len = len;
		err = unpack_here(b, msg, &entries);
		if (!err) {
			KTEST_FAIL(t, "an archive cut at %lu of %lu bytes unpacked silently", len, full);
			break;
		}
		fs_test_remove_tree(D "/d");
	}
	b->len = 111;
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: member at offset 0: name truncated (1 of 2 bytes)");
	b->len = 5;
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: truncated header at offset 0: 5 bytes left, 110 needed");
	b->len = 228 + 7;		/* d at 0, d/f at 112, its data at 228 */
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: d/f (offset 112): data truncated (7 of 10 bytes)");
	KTEST_EXPECT_EQ(t, entries, 1ul);	/* d was made before */
	b->len = 240;			/* both members, no trailer */
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: no TRAILER!!! at the end: the archive is truncated after 2 members");
	b->len = full;
	b->p[3] = '8';
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: bad magic at offset 0 (\"070801\"): not a cpio newc archive");
	b->p[3] = '7';
	b->p[6 + 8 + 3] = 'g';		/* in mode */
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: header at offset 0: field mode is not 8 hex digits");
	b->p[6 + 8 + 3] = '0';
	b->p[110 + 1] = 'x';		/* "d" loses its NUL */
	KTEST_EXPECT_STREQ(t, unpack_here(b, msg, &entries),
			   "initramfs: member at offset 0: name is not 2 bytes ending in a NUL");
	b->p[110 + 1] = 0;
	KTEST_EXPECT_NULL(t, unpack_here(b, msg, &entries));
	KTEST_EXPECT_EQ(t, fs_test_read_file(D "/d/f", msg, 10), 10L);
}

static struct ktest_case initramfs_cases[] = {
	KTEST_CASE(test_unpack_members),
	KTEST_CASE(test_truncated_and_corrupt),
	{}
};

static struct ktest_suite initramfs_suite = {
	.name = "initramfs",
	.test_cases = initramfs_cases,
};
ktest_register_suite(initramfs_suite);
