/*
 * Character devices by number (Linux's fs/char_dev.c and
 * drivers/char/mem.c, reduced to a table): a device inode's open looks
 * its major and minor up and takes that device's file operations.
 *
 *   1,3  /dev/null     reads end of file, writes vanish
 *   1,5  /dev/zero     reads zeroes, writes vanish; mmap: anonymous memory
 *   5,0  /dev/tty      the caller's controlling terminal (-ENXIO: none)
 *   5,1  /dev/console  the serial console (fs/tty.c)
 *
 * Any other number opens with -ENXIO, as Linux answers for a device no
 * driver registered. FIFOs take the pipe's operations (fs/pipe.c).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <fs.h>
#include <mm.h>
#include <shmem_fs.h>
#include <asm/uaccess.h>

static ssize_t read_null(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return 0;
}

static ssize_t write_null(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	return count;
}

static loff_t null_lseek(struct file *file, loff_t offset, int orig)
{
	return file->f_pos = 0;
}

static ssize_t read_zero(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t left = count;

	while (left) {
		size_t chunk = left > PAGE_SIZE ? PAGE_SIZE : left;
		unsigned long unwritten = clear_user(buf, chunk);

		left -= chunk - unwritten;
		if (unwritten)
			return count == left ? -EFAULT : (ssize_t)(count - left);
		buf += chunk;
	}
	return count;
}

/*
 * mmap of /dev/zero (Linux 6.1's mmap_zero): private, anonymous memory
 * -- no vm_ops, so faults take the zero page and anonymous pages; the
 * region keeps the file, as 6.1's does (maps shows "/dev/zero"). Shared,
 * the shared anonymous object (shmem_zero_setup, mm/shmem.c) -- what
 * MAP_SHARED | MAP_ANONYMOUS maps, "/dev/zero (deleted)" in maps.
 * /dev/null has no mmap: -ENODEV.
 */
static int mmap_zero(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	vma->vm_ops = NULL;	/* vma_set_anonymous() */
	return 0;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read = read_null,
	.write = write_null,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read = read_zero,
	.write = write_null,
	.mmap = mmap_zero,
};

extern const struct file_operations console_fops, tty_fops;	/* fs/tty.c */
extern const struct file_operations fifo_fops;		/* fs/pipe.c */

static const struct file_operations *chrdev_fops(dev_t rdev)
{
	switch (rdev) {
	case MKDEV(1, 3):
		return &null_fops;
	case MKDEV(1, 5):
		return &zero_fops;
	case MKDEV(5, 0):
		return &tty_fops;
	case MKDEV(5, 1):
		return &console_fops;
	}
	return NULL;
}

/* def_chr_fops.open: swap in the device's operations, then its own open. */
static int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	filp->f_op = fops;
	if (fops->open)
		return fops->open(inode, filp);
	return 0;
}

static const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

static int bad_open(struct inode *inode, struct file *filp)
{
	return -ENXIO;
}

static const struct file_operations bad_sock_fops = {
	.open = bad_open,
};

void chrdev_init_special(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &bad_sock_fops;	/* no block devices */
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &fifo_fops;
	} else if (S_ISSOCK(mode)) {
		inode->i_fop = &bad_sock_fops;
	} else {
		printk(KERN_DEBUG "init_special_inode: bogus i_mode (%o)\n", mode);
	}
}
