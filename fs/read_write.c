/*
 * read(), write() and their variants (Linux's fs/read_write.c): the
 * checks common to every file, then the file's own read/write operation
 * (for ramfs files generic_file_read/write, through the page cache).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <sched.h>
#include <syscalls.h>
#include <fs.h>
#include <stat.h>
#include <asm/uaccess.h>

#define MAX_RW_COUNT	(0x7fffffff & PAGE_MASK)
#define READ	0
#define WRITE	1

loff_t generic_file_llseek(struct file *file, loff_t offset, int origin)
{
	struct inode *inode = file->f_mapping->host;

	switch (origin) {
	case SEEK_END:
		offset += inode->i_size;
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0 || (u64)offset > MAX_LFS_FILESIZE)
		return -EINVAL;
	if (offset != file->f_pos)
		file->f_pos = offset;
	return offset;
}

loff_t no_llseek(struct file *file, loff_t offset, int origin)
{
	return -ESPIPE;
}

static loff_t vfs_llseek(struct file *file, loff_t offset, int origin)
{
	if (!(file->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (file->f_op && file->f_op->llseek)
		return file->f_op->llseek(file, offset, origin);
	/* default_llseek: no end to seek from for a device. */
	if (origin == SEEK_CUR)
		offset += file->f_pos;
	else if (origin != SEEK_SET)
		return origin == SEEK_END ? -EINVAL : -EINVAL;
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

long sys_lseek(unsigned int fd, long offset, unsigned int origin)
{
	struct file *file = fget(fd);
	loff_t res;

	if (!file)
		return -EBADF;
	res = origin > SEEK_END ? -EINVAL : vfs_llseek(file, offset, origin);
	if (res >= 0 && res != (long)res)
		res = -EOVERFLOW;	/* beyond what an off_t holds */
	fput(file);
	return (long)res;
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		loff_t __user *result, unsigned int origin)
{
	struct file *file = fget(fd);
	loff_t offset;
	long retval;

	if (!file)
		return -EBADF;
	retval = -EINVAL;
	if (origin > SEEK_END)
		goto out;
	offset = vfs_llseek(file, ((loff_t)offset_high << 32) | offset_low, origin);
	retval = (long)offset;
	if (offset >= 0) {
		retval = -EFAULT;
		if (!copy_to_user(result, &offset, sizeof(offset)))
			retval = 0;
	}
out:
	fput(file);
	return retval;
}

static int rw_verify_area(struct file *file, loff_t pos, size_t count)
{
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (pos < 0) {
		/* An address above 2 GB that the 32-bit lseek made negative (Linux's unsigned_offsets). */
		if (!(file->f_mode & FMODE_UNSIGNED_OFFSET))
			return -EINVAL;
		if (count >= -(u64)pos)
			return -EOVERFLOW;
	}
	return 0;
}

ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file->f_dentry->d_inode->i_mode))
		return -EISDIR;
	if (!file->f_op || !file->f_op->read)
		return -EINVAL;
	if (!access_ok(VERIFY_WRITE, buf, count))
		return -EFAULT;
	ret = rw_verify_area(file, *pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	return file->f_op->read(file, buf, count, pos);
}

ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!file->f_op || !file->f_op->write)
		return -EINVAL;
	if (!access_ok(VERIFY_READ, buf, count))
		return -EFAULT;
	ret = rw_verify_area(file, *pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	return file->f_op->write(file, buf, count, pos);
}

long sys_read(unsigned int fd, char __user *buf, size_t count)
{
	struct file *file = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = vfs_read(file, buf, count, &pos);
	file->f_pos = pos;
	fput(file);
	return ret;
}

long sys_write(unsigned int fd, const char __user *buf, size_t count)
{
	struct file *file = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = vfs_write(file, buf, count, &pos);
	file->f_pos = pos;
	fput(file);
	return ret;
}

long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = -ESPIPE;
	if (file->f_mode & FMODE_PREAD)
		ret = vfs_read(file, buf, count, &pos);
	fput(file);
	return ret;
}

long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	struct file *file;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = -ESPIPE;
	if (file->f_mode & FMODE_PWRITE)
		ret = vfs_write(file, buf, count, &pos);
	fput(file);
	return ret;
}

/*
 * readv/writev: the vector copied in and checked whole first (-EINVAL for
 * more than UIO_MAXIOV entries or a total over SSIZE_MAX, -EFAULT for a
 * bad vector), then each segment in turn; a short transfer ends the call.
 */
static ssize_t do_readv_writev(int type, struct file *file, const struct iovec __user *uvector,
			       unsigned long nr_segs, loff_t *pos)
{
	struct iovec iovstack[8], *iov = iovstack;
	ssize_t ret = 0, tot_len = 0;
	unsigned long seg;

	if (nr_segs == 0)
		return 0;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (!(file->f_mode & (type == READ ? FMODE_READ : FMODE_WRITE)))
		return -EBADF;
	if (nr_segs > ARRAY_SIZE(iovstack)) {
		iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
	}
	ret = -EFAULT;
	if (copy_from_user(iov, uvector, nr_segs * sizeof(*uvector)))
		goto out;
	ret = -EINVAL;
	for (seg = 0; seg < nr_segs; seg++) {
		ssize_t len = (ssize_t)iov[seg].iov_len;

		if (len < 0 || tot_len + len < tot_len)
			goto out;
		tot_len += len;
	}
	ret = 0;
	for (seg = 0; seg < nr_segs; seg++) {
		ssize_t nr;

		if (!iov[seg].iov_len)
			continue;
		if (type == READ)
			nr = vfs_read(file, iov[seg].iov_base, iov[seg].iov_len, pos);
		else
			nr = vfs_write(file, iov[seg].iov_base, iov[seg].iov_len, pos);
		if (nr < 0) {
			if (!ret)
				ret = nr;
			break;
		}
		ret += nr;
		if ((size_t)nr != iov[seg].iov_len)
			break;
	}
out:
	if (iov != iovstack)
		kfree(iov);
	return ret;
}

long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	struct file *file = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = do_readv_writev(READ, file, vec, vlen, &pos);
	file->f_pos = pos;
	fput(file);
	return ret;
}

long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen)
{
	struct file *file = fget(fd);
	ssize_t ret;
	loff_t pos;

	if (!file)
		return -EBADF;
	pos = file->f_pos;
	ret = do_readv_writev(WRITE, file, vec, vlen, &pos);
	file->f_pos = pos;
	fput(file);
	return ret;
}

/*
 * Read count bytes at offset of a file into a kernel buffer: the ELF
 * loader's way in. The number read (short at the end of the file), or
 * -errno.
 */
ssize_t kernel_read(struct file *file, loff_t offset, void *addr, size_t count)
{
	mm_segment_t old_fs = get_fs();
	loff_t pos = offset;
	ssize_t result;

	set_fs(KERNEL_DS);
	result = vfs_read(file, (char __user *)addr, count, &pos);
	set_fs(old_fs);
	return result;
}
