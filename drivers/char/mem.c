/*
 * /dev/mem (char 1,1; Linux 6.1's drivers/char/mem.c): physical memory
 * as a file. read/write/pread copy bytes at physical address *ppos,
 * lseek sets it (SEEK_SET and SEEK_CUR only), mmap maps the frames from
 * vm_pgoff with remap_pfn_range(). Opening needs CAP_SYS_RAWIO.
 *
 * STRICT_DEVMEM (Debian's 686 kernel has it), devmem_is_allowed() of
 * arch/x86/mm/init.c: a page of RAM above the first megabyte is refused
 * (-EPERM for read, write and mmap); RAM in the first megabyte reads as
 * zeros and takes no writes (mmap allowed, for BIOS-poking programs);
 * what is not RAM -- the VGA buffer at 0xb8000, the BIOS, device memory
 * -- is allowed. read and write go no further than the direct map's end
 * (high_memory: -EFAULT beyond, valid_phys_addr_range()); mmap may map
 * any frame. RAM is reached through the direct map, anything else
 * through a one-page ioremap() for each page copied, as Linux's
 * xlate_dev_mem_ptr() does.
 */
#include <kernel.h>
#include <errno.h>
#include <err.h>
#include <fs.h>
#include <maccess.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <asm/io.h>
#include <asm/setup.h>
#include <asm/uaccess.h>

/* 0: refused; 1: allowed; 2: read as zeros, writes skipped (low RAM). */
static int devmem_is_allowed(unsigned long pagenr)
{
	if (page_is_ram(pagenr))
		return pagenr < 256 ? 2 : 0;
	return 1;
}

static int range_is_allowed(unsigned long pfn, unsigned long size)
{
	unsigned long end = pfn + (PAGE_ALIGN(size) >> PAGE_SHIFT);

	for (; pfn < end; pfn++)
		if (!devmem_is_allowed(pfn))
			return 0;
	return 1;
}

static inline int valid_phys_addr_range(u64 addr, size_t count)
{
	return addr + count <= __pa(high_memory);
}

static inline size_t size_inside_page(unsigned long p, size_t count)
{
	return min_t(size_t, PAGE_SIZE - (p & ~PAGE_MASK), count);
}

/* A kernel address for physical p, its page at least; NULL if it cannot be mapped. */
static void *xlate_dev_mem_ptr(unsigned long p)
{
	char __iomem *v;

	if (page_is_ram(p >> PAGE_SHIFT))
		return __va(p);
	v = ioremap(p & PAGE_MASK, PAGE_SIZE);
	return v ? (void *)(v + (p & ~PAGE_MASK)) : NULL;
}

static void unxlate_dev_mem_ptr(unsigned long p, void *addr)
{
	if (!page_is_ram(p >> PAGE_SHIFT))
		iounmap(addr);
}

static ssize_t read_mem(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned long p = *ppos;
	ssize_t read = 0, err;
	char *bounce;

	if ((loff_t)p != *ppos)
		return 0;
	if (!valid_phys_addr_range(p, count))
		return -EFAULT;
	bounce = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	while (count > 0) {
		size_t sz = size_inside_page(p, count);
		unsigned long remaining;
		int allowed = devmem_is_allowed(p >> PAGE_SHIFT);
		void *ptr;
		long probe;

		err = -EPERM;
		if (!allowed)
			goto failed;
		err = -EFAULT;
		if (allowed == 2) {
			remaining = clear_user(buf, sz);	/* restricted low RAM shows zeros */
		} else {
			ptr = xlate_dev_mem_ptr(p);
			if (!ptr)
				goto failed;
			probe = probe_kernel_read(bounce, ptr, sz);
			unxlate_dev_mem_ptr(p, ptr);
			if (probe)
				goto failed;
			remaining = copy_to_user(buf, bounce, sz);
		}
		if (remaining)
			goto failed;
		buf += sz;
		p += sz;
		count -= sz;
		read += sz;
	}
	kfree(bounce);
	*ppos += read;
	return read;
failed:
	kfree(bounce);
	return read ? read : err;
}

static ssize_t write_mem(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	unsigned long p = *ppos;
	ssize_t written = 0;

	if ((loff_t)p != *ppos)
		return -EFBIG;
	if (!valid_phys_addr_range(p, count))
		return -EFAULT;
	while (count > 0) {
		size_t sz = size_inside_page(p, count);
		int allowed = devmem_is_allowed(p >> PAGE_SHIFT);

		if (!allowed)
			return -EPERM;
		if (allowed == 1) {	/* restricted low RAM: the write is skipped */
			void *ptr = xlate_dev_mem_ptr(p);
			unsigned long copied;

			if (!ptr)
				return written ? written : -EFAULT;
			copied = copy_from_user(ptr, buf, sz);
			unxlate_dev_mem_ptr(p, ptr);
			if (copied) {
				written += sz - copied;
				if (written)
					break;
				return -EFAULT;
			}
		}
		buf += sz;
		p += sz;
		count -= sz;
		written += sz;
	}
	*ppos += written;
	return written;
}

static loff_t memory_lseek(struct file *file, loff_t offset, int orig)
{
	switch (orig) {
	case SEEK_CUR:
		offset += file->f_pos;
		/* fall through */
	case SEEK_SET:
		/* A position that would read as an error number is refused. */
		if ((unsigned long long)offset >= (unsigned long long)-MAX_ERRNO)
			return -EOVERFLOW;
		file->f_pos = offset;
		return offset;
	}
	return -EINVAL;
}

/* Linux's mmap_mem_ops (only .access there): no nopage, so a hole is SIGBUS. */
static const struct vm_operations_struct mmap_mem_ops;

static int mmap_mem(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	u64 offset = (u64)vma->vm_pgoff << PAGE_SHIFT;

	if (offset + size - 1 < offset || offset + size - 1 > 0xffffffffULL)
		return -EINVAL;		/* beyond a 32-bit physical address */
	if (!range_is_allowed(vma->vm_pgoff, size))
		return -EPERM;
	if (!page_is_ram(vma->vm_pgoff))	/* device memory: uncached, as PAT makes it */
		vma->vm_page_prot = __pgprot(pgprot_val(vma->vm_page_prot) | _PAGE_PCD | _PAGE_PWT);
	vma->vm_ops = &mmap_mem_ops;
	if (remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, size, vma->vm_page_prot))
		return -EAGAIN;
	return 0;
}

static int open_mem(struct inode *inode, struct file *filp)
{
	return capable(CAP_SYS_RAWIO) ? 0 : -EPERM;
}

const struct file_operations mem_fops = {
	.llseek = memory_lseek,
	.read = read_mem,
	.write = write_mem,
	.mmap = mmap_mem,
	.open = open_mem,
};
