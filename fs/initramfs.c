/*
 * The initramfs unpacker (Linux's init/initramfs.c): a cpio "newc"
 * archive (what `cpio -H newc` and the kernel's gen_init_cpio write)
 * unpacked into the root file system through the system calls, as Linux
 * does it (the caller runs it with set_fs(KERNEL_DS) and a umask of 0).
 *
 * Each member is a 110-byte ASCII header, the name, then the data, the
 * name and the data each padded to a multiple of 4 bytes:
 *
 *   "070701" ino mode uid gid nlink mtime filesize devmajor devminor
 *            rdevmajor rdevminor namesize check      (13 x 8 hex digits)
 *   name (namesize bytes, its NUL included) [pad to 4]  data [pad to 4]
 *
 * "TRAILER!!!" ends an archive; archives may follow one another, with
 * zero bytes between them (as concatenated initramfs images). Members:
 * directories (mkdir), regular files (open + write; with nlink > 1 a
 * later member of the same inode becomes a hard link to the first),
 * symlinks (the data is the target), and devices, FIFOs and sockets
 * (mknod). Owners and times are not applied (everything is root's; the
 * clock starts at boot).
 *
 * A damaged archive stops the unpacking at the first fault, with one
 * message naming it and its offset; what came before stays. Nothing is
 * allocated but the hard-link table, which is freed on every path.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <syscalls.h>
#include <fs.h>

#define CPIO_HDR_LEN	110
#define CPIO_FIELDS	13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_MAJ, F_MIN, F_RMAJ, F_RMIN,
	F_NAMESIZE, F_CHKSUM };

static const char *const field_names[CPIO_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
	"rdevmajor", "rdevminor", "namesize", "check",
};

/* Hard links: the first name seen for each (ino, dev, file type) with nlink > 1. */
struct hardlink {
	struct hardlink *next;
	unsigned long ino, major, minor, mode;
	char name[];
};

struct cpio_state {
	const char *buf;
	unsigned long len, pos;
	char *msg;
	unsigned int msglen;
	struct hardlink *links;
	unsigned long entries;
};

static const char *fail(struct cpio_state *s, const char *fmt, ...) __printf(2, 3);
static const char *fail(struct cpio_state *s, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(s->msg, s->msglen, fmt, args);
	va_end(args);
	return s->msg;
}

static int parse_hex8(const char *p, unsigned long *val)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -EINVAL;
	}
	*val = v;
	return 0;
}

static unsigned long pad4(unsigned long n)
{
	return (n + 3) & ~3UL;
}

/* Write all of [data, data + size) to name, created (or truncated) with mode. */
static long write_file(const char *name, unsigned long mode, const char *data, unsigned long size)
{
	long fd = sys_open((const char __user *)name, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
	long ret = 0;

	if (fd < 0)
		return fd;
	while (size) {
		long n = sys_write(fd, (const char __user *)data, size);

		if (n <= 0) {
			ret = n ? n : -EIO;
			break;
		}
		data += n;
		size -= n;
	}
	sys_close(fd);
	return ret;
}

/*
 * Something already at name goes first (Linux's clean_path()), so that a
 * member replaces it whatever it was: a file, a symlink (which O_TRUNC
 * would follow), an empty directory. A directory member leaves a
 * directory there in place (mkdir then says -EEXIST; it gets the member's
 * mode). A
 * hard-link record naming what goes is forgotten: a later member of that
 * inode must not become a link to its replacement (a FIFO, say, that
 * open() would then wait on).
 */
static void clean_path(struct cpio_state *s, const char *name, unsigned long mode)
{
	struct hardlink **p = &s->links;
	long err = sys_unlink((const char __user *)name);

	if (err == -EISDIR && !S_ISDIR(mode))
		sys_rmdir((const char __user *)name);
	while (*p) {
		struct hardlink *h = *p;

		if (!strcmp(h->name, name)) {
			*p = h->next;
			kfree(h);
		} else {
			p = &h->next;
		}
	}
}

/*
 * A link to an earlier name of the same inode, if there is one (name is
 * already clean): 1 if linked, 0 (the name recorded for later ones), or
 * -errno.
 */
static long maybe_link(struct cpio_state *s, const char *name, const unsigned long *f)
{
	struct hardlink *h;

	if (f[F_NLINK] < 2 || S_ISDIR(f[F_MODE]))
		return 0;
	for (h = s->links; h; h = h->next) {
		if (h->ino == f[F_INO] && h->major == f[F_MAJ] && h->minor == f[F_MIN] &&
		    ((h->mode ^ f[F_MODE]) & S_IFMT) == 0) {
			return sys_link((const char __user *)h->name, (const char __user *)name) ?: 1;
		}
	}
	h = kmalloc(sizeof(*h) + strlen(name) + 1, GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->ino = f[F_INO];
	h->major = f[F_MAJ];
	h->minor = f[F_MIN];
	h->mode = f[F_MODE];
	memcpy(h->name, name, strlen(name) + 1);
	h->next = s->links;
	s->links = h;
	return 0;
}

static void free_links(struct cpio_state *s)
{
	while (s->links) {
		struct hardlink *h = s->links;

		s->links = h->next;
		kfree(h);
	}
}

/* One member at s->pos: NULL (and s->pos past it), "" for the trailer, or a message. */
static const char *unpack_member(struct cpio_state *s)
{
	unsigned long f[CPIO_FIELDS], start = s->pos, namesize, filesize, mode, name_at, data_at;
	const char *hdr = s->buf + s->pos, *name, *data;
	long err = 0;
	int i;

	if (s->len - s->pos < CPIO_HDR_LEN)
		return fail(s, "initramfs: truncated header at offset %lu: %lu bytes left, %d needed",
			    start, s->len - s->pos, CPIO_HDR_LEN);
	if (memcmp(hdr, "070701", 6) && memcmp(hdr, "070702", 6))
		return fail(s, "initramfs: bad magic at offset %lu (\"%.6s\"): not a cpio newc archive",
			    start, hdr);
	for (i = 0; i < CPIO_FIELDS; i++)
		if (parse_hex8(hdr + 6 + 8 * i, &f[i]))
			return fail(s, "initramfs: header at offset %lu: field %s is not 8 hex digits",
				    start, field_names[i]);
	namesize = f[F_NAMESIZE];
	filesize = f[F_FILESIZE];
	mode = f[F_MODE];
	if (namesize < 2 || namesize > PATH_MAX)
		return fail(s, "initramfs: header at offset %lu: name size %lu (1 .. %d and a NUL)",
			    start, namesize, PATH_MAX);
	name_at = s->pos + CPIO_HDR_LEN;
	if (s->len - name_at < namesize)
		return fail(s, "initramfs: member at offset %lu: name truncated (%lu of %lu bytes)",
			    start, s->len - name_at, namesize);
	name = s->buf + name_at;
	if (name[namesize - 1] || memchr(name, 0, namesize - 1))
		return fail(s, "initramfs: member at offset %lu: name is not %lu bytes ending in a NUL",
			    start, namesize);
	data_at = pad4(name_at + namesize);
	if (data_at > s->len || s->len - data_at < filesize)
		return fail(s, "initramfs: %s (offset %lu): data truncated (%lu of %lu bytes)",
			    name, start, data_at > s->len ? 0 : s->len - data_at, filesize);
	data = s->buf + data_at;
	s->pos = data_at + filesize;
	s->pos = s->pos > s->len ? s->len : pad4(s->pos) > s->len ? s->len : pad4(s->pos);
	if (!strcmp(name, "TRAILER!!!"))
		return "";
	s->entries++;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		if (filesize)
			return fail(s, "initramfs: %s (offset %lu): a directory with %lu bytes of data",
				    name, start, filesize);
		clean_path(s, name, mode);
		err = sys_mkdir((const char __user *)name, mode & 07777);
		/* One already there (the kernel's /root, an earlier member) takes the member's mode, as Linux's do_name(). */
		if (err == -EEXIST)
			err = sys_chmod((const char __user *)name, mode & 07777);
		break;
	case S_IFREG:
		clean_path(s, name, mode);
		err = maybe_link(s, name, f);
		if (err < 0)
			break;
		if (err == 1 && !filesize) {
			err = 0;
			break;
		}
		err = write_file(name, mode, data, filesize);
		break;
	case S_IFLNK: {
		char *target;

		if (!filesize || filesize >= PAGE_SIZE)
			return fail(s, "initramfs: %s (offset %lu): symlink target of %lu bytes",
				    name, start, filesize);
		target = kmalloc(filesize + 1, GFP_KERNEL);
		if (!target) {
			err = -ENOMEM;
			break;
		}
		memcpy(target, data, filesize);
		target[filesize] = 0;
		clean_path(s, name, mode);
		err = sys_symlink((const char __user *)target, (const char __user *)name);
		kfree(target);
		break;
	}
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		clean_path(s, name, mode);
		err = maybe_link(s, name, f);
		if (err)
			break;
		err = sys_mknod((const char __user *)name, mode,
				MKDEV(f[F_RMAJ] & 0xffffff, f[F_RMIN] & 0xff));
		break;
	default:
		return fail(s, "initramfs: %s (offset %lu): unknown file type in mode %06lo",
			    name, start, mode);
	}
	if (err < 0)
		return fail(s, "initramfs: %s (offset %lu): error %ld", name, start, err);
	return NULL;
}

/*
 * Unpack the archive(s) in [buf, buf + len): NULL when all went in, or a
 * message (in msg, msglen bytes) naming the first fault. *entries counts
 * the members made.
 */
const char *unpack_cpio(const char *buf, unsigned long len, char *msg, unsigned int msglen,
			unsigned long *entries)
{
	struct cpio_state s = { .buf = buf, .len = len, .msg = msg, .msglen = msglen };
	const char *err = NULL;
	bool in_archive = false;

	while (s.pos < s.len) {
		if (!in_archive) {
			/* Zero padding between archives (4-byte words). */
			if (!buf[s.pos]) {
				s.pos++;
				continue;
			}
			if (s.pos & 3) {
				err = fail(&s, "initramfs: junk at offset %lu between archives", s.pos);
				break;
			}
			in_archive = true;
		}
		err = unpack_member(&s);
		if (err && !*err) {
			in_archive = false;	/* the trailer */
			err = NULL;
			continue;
		}
		if (err)
			break;
	}
	if (!err && in_archive)
		err = fail(&s, "initramfs: no TRAILER!!! at the end: the archive is truncated "
			   "after %lu members", s.entries);
	free_links(&s);
	if (entries)
		*entries = s.entries;
	return err;
}

/*
 * What Linux's default_rootfs() makes: /dev with the console (5,1), so
 * that the first process always finds its terminal, and /root; Mneme
 * adds /dev/null and /dev/zero. Made before the initramfs is unpacked
 * (whose own nodes replace these). The caller sets KERNEL_DS.
 */
long default_rootfs(void)
{
	long err = sys_mkdir((const char __user *)"/dev", 0755);

	if (err && err != -EEXIST)
		return err;
	err = sys_mknod((const char __user *)"/dev/console", S_IFCHR | 0600, MKDEV(5, 1));
	if (!err)
		err = sys_mknod((const char __user *)"/dev/null", S_IFCHR | 0666, MKDEV(1, 3));
	if (!err)
		err = sys_mknod((const char __user *)"/dev/zero", S_IFCHR | 0666, MKDEV(1, 5));
	if (!err)
		err = sys_mkdir((const char __user *)"/root", 0700);
	return err;
}
