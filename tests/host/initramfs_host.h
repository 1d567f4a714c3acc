/*
 * fs/initramfs.c on the host: the system calls it makes answered by a
 * model file system (paths to directories, files with their data,
 * symlinks, device nodes), and an independent reference parser of the
 * newc format that says whether an archive is whole and how many
 * members it makes. test_initramfs and fuzz_initramfs use it; the slab
 * machine (slab_host.h) serves the unpacker's kmalloc().
 *
 * The model checks what the unpacker passes: every path a NUL-terminated
 * string, every write's buffer inside the archive, every descriptor one
 * it opened and closes.
 */
#ifndef _HOST_INITRAMFS_HOST_H
#define _HOST_INITRAMFS_HOST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IM_MAX	256
#define IM_PATH	4096

struct im_node {
	char *path;		/* normalised: no leading "/", "./" or "//" */
	unsigned int mode;
	unsigned char *data;
	unsigned long size;
	unsigned int nlink;
	int link_of;		/* hard link: the node whose data it shares, or -1 */
};

static struct {
	struct im_node n[IM_MAX];
	unsigned int nr;
	int open_fd;		/* the one file open, or -1 */
	const char *buf;	/* the archive */
	unsigned long len;
	unsigned long calls;
	char why[256];		/* the first misuse seen */
} im;

static inline void im_misuse(const char *what, const char *path)
{
	if (!im.why[0])
		snprintf(im.why, sizeof(im.why), "%s (%s)", what, path ? path : "-");
}

static inline void im_reset(const char *buf, unsigned long len)
{
	unsigned int i;

	for (i = 0; i < im.nr; i++) {
		free(im.n[i].path);
		if (im.n[i].link_of < 0)
			free(im.n[i].data);
	}
	memset(&im, 0, sizeof(im));
	im.open_fd = -1;
	im.buf = buf;
	im.len = len;
}

/* The path normalised into out; 0, or -ENAMETOOLONG. */
static inline int im_norm(const char *in, char *out)
{
	unsigned long o = 0;

	if (strnlen(in, IM_PATH) >= IM_PATH)
		return -ENAMETOOLONG;
	while (*in) {
		while (*in == '/')
			in++;
		if (in[0] == '.' && (in[1] == '/' || !in[1])) {
			in++;
			continue;
		}
		if (!*in)
			break;
		if (o)
			out[o++] = '/';
		while (*in && *in != '/')
			out[o++] = *in++;
	}
	out[o] = 0;
	return 0;
}

static inline int im_find(const char *norm)
{
	unsigned int i;

	for (i = 0; i < im.nr; i++)
		if (im.n[i].path && !strcmp(im.n[i].path, norm))
			return i;
	return -1;
}

/* The parent of norm must be the root or a directory. */
static inline int im_parent_ok(const char *norm)
{
	char parent[IM_PATH];
	char *slash;
	int i;

	strcpy(parent, norm);
	slash = strrchr(parent, '/');
	if (!slash)
		return 0;
	*slash = 0;
	i = im_find(parent);
	if (i < 0)
		return -ENOENT;
	return (im.n[i].mode & 0170000) == 0040000 ? 0 : -ENOTDIR;
}

static inline int im_add(const char *norm, unsigned int mode)
{
	struct im_node *n;

	if (im.nr == IM_MAX)
		return -ENOSPC;
	n = &im.n[im.nr];
	memset(n, 0, sizeof(*n));
	n->path = strdup(norm);
	n->mode = mode;
	n->nlink = 1;
	n->link_of = -1;
	return im.nr++;
}

static inline int im_prepare(const char *upath, char *norm)
{
	im.calls++;
	if (!upath) {
		im_misuse("NULL path", NULL);
		return -EFAULT;
	}
	if (im_norm(upath, norm))
		return -ENAMETOOLONG;
	if (!norm[0])
		return -EEXIST;		/* the root */
	return im_parent_ok(norm);
}

long sys_mkdir(const char *path, int mode)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm);

	if (err)
		return err;
	if (im_find(norm) >= 0)
		return -EEXIST;
	err = im_add(norm, 0040000 | (mode & 07777));
	return err < 0 ? err : 0;
}

long sys_chmod(const char *path, unsigned int mode)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm), i;

	if (err == -EEXIST)
		return 0;		/* the root: the model keeps no mode for it */
	if (err)
		return err;
	i = im_find(norm);
	if (i < 0)
		return -ENOENT;
	im.n[i].mode = (im.n[i].mode & ~07777u) | (mode & 07777);
	return 0;
}

long sys_open(const char *path, int flags, int mode)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm), i;

	if (err)
		return err == -EEXIST ? -EISDIR : err;
	if ((flags & 3) != 1)
		im_misuse("a file opened other than write-only", path);
	if (im.open_fd >= 0)
		im_misuse("a second file opened before the first was closed", path);
	i = im_find(norm);
	if (i >= 0) {
		struct im_node *n = &im.n[i];

		if ((n->mode & 0170000) == 0040000)
			return -EISDIR;
		if ((n->mode & 0170000) != 0100000)
			im_misuse("open() of a non-file the unpacker should have removed", path);
		while (n->link_of >= 0)
			n = &im.n[n->link_of];
		n->size = 0;
	} else {
		i = im_add(norm, 0100000 | (mode & 07777));
		if (i < 0)
			return i;
	}
	im.open_fd = i;
	return 3;
}

long sys_write(unsigned int fd, const char *buf, unsigned long count)
{
	struct im_node *n;

	im.calls++;
	if (fd != 3 || im.open_fd < 0) {
		im_misuse("write to a descriptor not open", NULL);
		return -EBADF;
	}
	if (buf < im.buf || buf + count > im.buf + im.len || buf + count < buf)
		im_misuse("write from outside the archive", im.n[im.open_fd].path);
	n = &im.n[im.open_fd];
	while (n->link_of >= 0)
		n = &im.n[n->link_of];
	n->data = realloc(n->data, n->size + count + 1);
	memcpy(n->data + n->size, buf, count);
	n->size += count;
	return count;
}

long sys_close(unsigned int fd)
{
	im.calls++;
	if (fd != 3 || im.open_fd < 0) {
		im_misuse("close of a descriptor not open", NULL);
		return -EBADF;
	}
	im.open_fd = -1;
	return 0;
}

static inline void im_remove(int i)
{
	free(im.n[i].path);
	im.n[i].path = NULL;
}

long sys_unlink(const char *path)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm), i;

	if (err)
		return err == -EEXIST ? -EISDIR : err;
	i = im_find(norm);
	if (i < 0)
		return -ENOENT;
	if ((im.n[i].mode & 0170000) == 0040000)
		return -EISDIR;
	im_remove(i);
	return 0;
}

long sys_rmdir(const char *path)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm), i;
	unsigned int j, len;

	if (err)
		return err == -EEXIST ? -EBUSY : err;
	i = im_find(norm);
	if (i < 0)
		return -ENOENT;
	if ((im.n[i].mode & 0170000) != 0040000)
		return -ENOTDIR;
	len = strlen(norm);
	for (j = 0; j < im.nr; j++)
		if (im.n[j].path && !strncmp(im.n[j].path, norm, len) && im.n[j].path[len] == '/')
			return -ENOTEMPTY;
	im_remove(i);
	return 0;
}

long sys_symlink(const char *target, const char *path)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm), i;

	if (!target || strnlen(target, IM_PATH) >= IM_PATH)
		im_misuse("symlink target not a string", path);
	if (err)
		return err;
	if (im_find(norm) >= 0)
		return -EEXIST;
	i = im_add(norm, 0120777);
	if (i < 0)
		return i;
	im.n[i].data = (unsigned char *)strdup(target);
	im.n[i].size = strlen(target);
	return 0;
}

long sys_mknod(const char *path, int mode, unsigned int dev)
{
	char norm[IM_PATH];
	int err = im_prepare(path, norm);

	if (err)
		return err;
	if (im_find(norm) >= 0)
		return -EEXIST;
	(void)dev;	/* any, as Linux's mknod (ignored but for devices) */
	err = im_add(norm, mode);
	return err < 0 ? err : 0;
}

long sys_link(const char *oldpath, const char *newpath)
{
	char oldn[IM_PATH], norm[IM_PATH];
	int err = im_prepare(newpath, norm), o, i;

	if (err)
		return err;
	if (!oldpath || im_norm(oldpath, oldn))
		return -ENAMETOOLONG;
	o = im_find(oldn);
	if (o < 0)
		return -ENOENT;
	if ((im.n[o].mode & 0170000) == 0040000)
		return -EPERM;
	if (im_find(norm) >= 0)
		return -EEXIST;
	i = im_add(norm, im.n[o].mode);
	if (i < 0)
		return i;
	while (im.n[o].link_of >= 0)
		o = im.n[o].link_of;
	im.n[i].link_of = o;
	im.n[o].nlink++;
	return 0;
}

/*
 * The reference: whether buf is a sequence of whole newc archives (zero
 * padding allowed between them) whose members all have sane headers, and
 * how many members they hold. Written from the format, not from the
 * unpacker.
 */
static inline int ref_hex(const char *p, unsigned long *v)
{
	char tmp[9], *end;
	int i;

	for (i = 0; i < 8; i++)
		if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
			return -1;
	memcpy(tmp, p, 8);
	tmp[8] = 0;
	*v = strtoul(tmp, &end, 16);
	return 0;
}

static inline int ref_parse(const unsigned char *buf, unsigned long len, unsigned long *members)
{
	unsigned long pos = 0;
	int in = 0;

	*members = 0;
	while (pos < len) {
		unsigned long f[13], namesize, filesize, mode, name, data, end;
		int i;

		if (!in) {
			if (!buf[pos]) {
				pos++;
				continue;
			}
			if (pos % 4)
				return -1;
			in = 1;
		}
		if (len - pos < 110)
			return -1;
		if (memcmp(buf + pos, "070701", 6) && memcmp(buf + pos, "070702", 6))
			return -1;
		for (i = 0; i < 13; i++)
			if (ref_hex((const char *)buf + pos + 6 + 8 * i, &f[i]))
				return -1;
		mode = f[1];
		filesize = f[6];
		namesize = f[11];
		if (namesize < 2 || namesize > 4096)
			return -1;
		name = pos + 110;
		if (len - name < namesize)
			return -1;
		if (buf[name + namesize - 1] || memchr(buf + name, 0, namesize - 1))
			return -1;
		data = (name + namesize + 3) & ~3UL;
		if (data > len || len - data < filesize)
			return -1;
		end = data + filesize;
		pos = (end + 3) & ~3UL;
		if (pos > len)
			pos = len;
		if (!strcmp((const char *)buf + name, "TRAILER!!!")) {
			in = 0;
			continue;
		}
		switch (mode & 0170000) {
		case 0040000:
			if (filesize)
				return -1;
			break;
		case 0120000:
			if (!filesize || filesize >= 4096)
				return -1;
			break;
		case 0100000: case 0020000: case 0060000: case 0010000: case 0140000:
			break;
		default:
			return -1;
		}
		++*members;
	}
	return in ? -1 : 0;
}

#endif
