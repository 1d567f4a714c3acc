/*
 * The cpio unpacker (fs/initramfs.c) on the host, against the model file
 * system of initramfs_host.h: a whole archive and what it makes, hard
 * links, replacing what is in the way, and damaged archives (every
 * truncation, bad fields) each refused with its message and no leak.
 */
#include "harness.h"
#include "slab_host.h"
#include "initramfs_host.h"

const char *unpack_cpio(const char *buf, unsigned long len, char *msg, unsigned int msglen,
			unsigned long *entries);

static const struct pa_layout machine = {
	.name = "initramfs-16M",
	.zones_size = { 0x1000, 0, 0 },
	.holes = { { 0x9f, 0x100 } },
	.reserved = { { 0, 1 }, { 0x100, 0x180 } },
};

static char arc[8192];
static unsigned long arc_len;

static void add(const char *name, unsigned long mode, unsigned long ino, unsigned long nlink,
		const char *data, unsigned long size)
{
	unsigned long namesize = strlen(name) + 1;

	arc_len += sprintf(arc + arc_len,
			   "070701%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx%08lx",
			   ino, mode, 0ul, 0ul, nlink, 0ul, size, 0ul, 0ul, 0ul, 0ul, namesize, 0ul);
	memcpy(arc + arc_len, name, namesize);
	arc_len += namesize;
	while (arc_len & 3)
		arc[arc_len++] = 0;
	memcpy(arc + arc_len, data, size);
	arc_len += size;
	while (arc_len & 3)
		arc[arc_len++] = 0;
}

static void start(void)
{
	sh_boot(&machine);
	host_printk_clear();
	arc_len = 0;
}

static const char *unpack(unsigned long len, unsigned long *members)
{
	static char msg[256];

	im_reset(arc, len);
	return unpack_cpio(arc, len, msg, sizeof(msg), members);
}

static struct im_node *node(const char *path)
{
	int i = im_find(path);

	return i < 0 ? NULL : &im.n[i];
}

TEST(whole_archive)
{
	unsigned long members;
	struct im_node *n;

	start();
	add("./etc", 040755, 1, 2, "", 0);
	add("etc/motd", 0100644, 2, 1, "hi\n", 3);
	add("etc/link", 0120777, 3, 1, "motd", 4);
	add("dev", 040755, 4, 2, "", 0);
	add("dev/console", 020600, 5, 1, "", 0);
	add("dev", 040700, 6, 2, "", 0);	/* again: it takes this mode (Linux's do_name) */
	add("TRAILER!!!", 0, 0, 1, "", 0);
	EXPECT_NULL(unpack(arc_len, &members));
	EXPECT_EQ(members, 6ul);
	EXPECT_EQ(node("dev")->mode, 040700u);
	EXPECT_STREQ(im.why, "");
	n = node("etc/motd");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(n->size, 3ul);
	EXPECT_EQ(memcmp(n->data, "hi\n", 3), 0);
	n = node("etc/link");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(n->mode, 0120777u);
	EXPECT_EQ(memcmp(n->data, "motd", 4), 0);
	EXPECT_NOT_NULL(node("dev/console"));
	im_reset(NULL, 0);
	SH_END();
}

TEST(hard_links_and_replacing)
{
	unsigned long members;
	struct im_node *n;

	start();
	add("a", 0100644, 7, 2, "", 0);
	add("b", 0100644, 7, 2, "both", 4);
	add("x", 0120777, 8, 1, "a", 1);
	add("x", 0100600, 9, 1, "file now", 8);	/* replaces the symlink, not its target */
	add("TRAILER!!!", 0, 0, 1, "", 0);
	EXPECT_NULL(unpack(arc_len, &members));
	n = node("b");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(n->link_of, im_find("a"));
	n = node("a");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(n->size, 4ul);
	EXPECT_EQ(n->nlink, 2u);
	n = node("x");
	ASSERT_NOT_NULL(n);
	EXPECT_EQ(n->mode, 0100600u);
	EXPECT_EQ(node("a")->size, 4ul);
	im_reset(NULL, 0);
	SH_END();
}

/* Every truncation is refused, with a message, the reference agreeing, nothing leaked. */
TEST(every_truncation)
{
	unsigned long members, len, full;

	start();
	add("d", 040755, 1, 2, "", 0);
	add("d/f", 0100644, 2, 1, "0123456789", 10);
	add("TRAILER!!!", 0, 0, 1, "", 0);
	full = arc_len;
	for (len = 1; len < full; len++) {
		const char *err = unpack(len, &members);
		unsigned long ref_members;

		ASSERT_NOT_NULL(err);
		EXPECT_EQ(strncmp(err, "initramfs: ", 11), 0);
		EXPECT_NE(ref_parse((const unsigned char *)arc, len, &ref_members), 0);
		EXPECT_STREQ(im.why, "");
	}
	EXPECT_STREQ(unpack(5, &members),
		     "initramfs: truncated header at offset 0: 5 bytes left, 110 needed");
	EXPECT_STREQ(unpack(235, &members),
		     "initramfs: d/f (offset 112): data truncated (7 of 10 bytes)");
	EXPECT_STREQ(unpack(240, &members),
		     "initramfs: no TRAILER!!! at the end: the archive is truncated after 2 members");
	EXPECT_NULL(unpack(full, &members));
	im_reset(NULL, 0);
	SH_END();
}

TEST(bad_fields)
{
	unsigned long members;

	start();
	add("f", 0100644, 1, 1, "", 0);
	add("TRAILER!!!", 0, 0, 1, "", 0);
	arc[17] = 'z';
	EXPECT_STREQ(unpack(arc_len, &members),
		     "initramfs: header at offset 0: field mode is not 8 hex digits");
	arc[17] = '0';
	memcpy(arc + 94, "00000000", 8);	/* namesize 0 */
	EXPECT_STREQ(unpack(arc_len, &members),
		     "initramfs: header at offset 0: name size 0 (1 .. 4096 and a NUL)");
	memcpy(arc + 94, "00000002", 8);
	memcpy(arc + 14, "0000f1a4", 8);	/* 0170644: an unknown file type */
	EXPECT_STREQ(unpack(arc_len, &members),
		     "initramfs: f (offset 0): unknown file type in mode 170644");
	memcpy(arc + 14, "000081a4", 8);
	arc[0] = 'x';
	EXPECT_STREQ(unpack(arc_len, &members),
		     "initramfs: bad magic at offset 0 (\"x70701\"): not a cpio newc archive");
	arc[0] = '0';
	EXPECT_NULL(unpack(arc_len, &members));
	EXPECT_EQ(members, 1ul);
	im_reset(NULL, 0);
	SH_END();
}

/* A member under a file: the model refuses it, the unpacker reports the error. */
TEST(refused_member)
{
	unsigned long members;

	start();
	add("f", 0100644, 1, 1, "", 0);
	add("f/g", 0100644, 2, 1, "", 0);
	add("TRAILER!!!", 0, 0, 1, "", 0);
	EXPECT_STREQ(unpack(arc_len, &members), "initramfs: f/g (offset 112): error -20");
	EXPECT_EQ(members, 2ul);
	im_reset(NULL, 0);
	SH_END();
}
