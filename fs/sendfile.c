/*
 * sendfile() and sendfile64() (Linux's do_sendfile(), fs/read_write.c):
 * count bytes from one file to another without a trip through user
 * space. Linux splices the page cache into the output; Mneme copies
 * through one kernel page at a time with the files' own read and write,
 * which sees the same bytes. The input must be a file that can be read
 * at an offset (a regular file: pipes and ttys have no splice_read in
 * Linux 6.1 either, EINVAL); the output anything writable. busybox's cat
 * and cp try it first.
 */
#include <kernel.h>
#include <errno.h>
#include <slab.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <stat.h>
#include <asm/uaccess.h>

#define MAX_RW_COUNT	(0x7fffffff & PAGE_MASK)
#define MAX_NON_LFS	0x7fffffffLL	/* sendfile()'s 32-bit offset */

/* Copy up to count bytes from in at *pos to out at its position; bytes copied or -errno. */
static ssize_t copy_through_page(struct file *in, loff_t *pos, struct file *out, size_t count)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	mm_segment_t old_fs = get_fs();
	ssize_t total = 0, r = 0;

	if (!page)
		return -ENOMEM;
	set_fs(KERNEL_DS);
	while (count) {
		size_t chunk = min_t(size_t, count, PAGE_SIZE);
		loff_t out_pos = out->f_pos, rpos = *pos;
		ssize_t w, done = 0;

		r = in->f_op->read(in, (char __user *)page, chunk, &rpos);
		if (r <= 0)
			break;
		while (done < r) {
			w = vfs_write(out, (const char __user *)page + done, r - done, &out_pos);
			if (w <= 0) {
				r = w;
				break;
			}
			done += w;
		}
		out->f_pos = out_pos;
		*pos += done;
		total += done;
		count -= done;
		if (done < r || r <= 0 || signal_pending(current))
			break;
	}
	set_fs(old_fs);
	kfree(page);
	return total ? total : r;
}

static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count, loff_t max)
{
	struct file *in, *out;
	struct inode *in_inode;
	loff_t pos;
	long ret = -EBADF;

	in = fget(in_fd);
	if (!in)
		return -EBADF;
	if (!(in->f_mode & FMODE_READ))
		goto put_in;
	ret = -ESPIPE;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		goto put_in;
	pos = ppos ? *ppos : in->f_pos;
	ret = -EINVAL;
	if ((ssize_t)count < 0 || pos < 0)
		goto put_in;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = -EBADF;
	out = fget(out_fd);
	if (!out)
		goto put_in;
	if (!(out->f_mode & FMODE_WRITE))
		goto put_out;
	in_inode = in->f_dentry->d_inode;
	ret = -EINVAL;
	if (!S_ISREG(in_inode->i_mode) || !in->f_op || !in->f_op->read)
		goto put_out;
	/* do_splice_direct()'s rule; a pipe takes the pages whatever its flags. */
	if ((out->f_flags & O_APPEND) && !S_ISFIFO(out->f_dentry->d_inode->i_mode))
		goto put_out;
	if (pos + (loff_t)count > max) {
		ret = -EOVERFLOW;
		if (pos >= max)
			goto put_out;
		count = max - pos;
	}
	ret = count ? copy_through_page(in, &pos, out, count) : 0;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
put_out:
	fput(out);
put_in:
	fput(in);
	return ret;
}

long sys_sendfile(int out_fd, int in_fd, long __user *offset, size_t count)
{
	loff_t pos;
	long off, ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_NON_LFS);
	if (get_user(off, offset))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_NON_LFS);
	if (put_user((long)pos, offset))
		return -EFAULT;
	return ret;
}

long sys_sendfile64(int out_fd, int in_fd, loff_t __user *offset, size_t count)
{
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_LFS_FILESIZE);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_LFS_FILESIZE);
	if (copy_to_user(offset, &pos, sizeof(pos)))
		return -EFAULT;
	return ret;
}
