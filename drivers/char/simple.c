/*
 * /dev/simpler and /dev/simplen (char 254,0 and 254,1): LDD3 chapter
 * 15's "simple" example (seed 003), the two ways a driver's mmap can
 * give user space its memory:
 *
 *   simpler  remap_pfn_range(): the whole region mapped at mmap time to
 *            the device's buffer, SIMPLE_PAGES contiguous pages reserved
 *            for it (SetPageReserved: remap_pfn_range refuses pages the
 *            allocator owns). VM_PFNMAP, so mremap may move the region
 *            but not grow it.
 *   simplen  vm_ops->nopage: nothing mapped at mmap time; each page of
 *            the buffer comes on its first touch, a RAM page from the
 *            page allocator, counted (get_page) in each pte -- ordinary
 *            pages, so mremap can move and grow the region (SIGBUS past
 *            the buffer's end).
 *
 * Both print LDD3's "Simple VMA open, virt %lx, phys %lx" and "Simple
 * VMA close." from their open/close vm operations, which mmap (by hand,
 * as LDD3 does), fork, a split (partial munmap or mprotect), mremap and
 * munmap/exit call once per region. The vm_pgoff in "phys" is the
 * offset in pages -- for a private simpler mapping the buffer's frame
 * (remap_pfn_range makes vm_pgoff the pfn), as in LDD3 where it is
 * always the physical address.
 *
 * The buffer lives while a file is open or a region maps it (users);
 * the last one gives the pages back, so the leak check after init sees
 * nothing left. Page i holds "simpler page i" or "simplen page i".
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <fs.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <semaphore.h>

#define SIMPLE_MAJOR	254	/* the first major Linux's dynamic allocation hands out */
#define SIMPLE_ORDER	2
#define SIMPLE_PAGES	(1 << SIMPLE_ORDER)

struct simple_dev {
	const char *name;
	int nopage;			/* simplen: pages on demand */
	struct semaphore sem;		/* users and pages */
	unsigned int users;		/* open files + regions mapping the buffer */
	struct page *pages[SIMPLE_PAGES];	/* simpler: pages[0] heads the block */
};

static struct simple_dev simple_devs[2] = {
	{ .name = "simpler", .sem = __SEMAPHORE_INITIALIZER(simple_devs[0].sem, 1) },
	{ .name = "simplen", .nopage = 1, .sem = __SEMAPHORE_INITIALIZER(simple_devs[1].sem, 1) },
};

static void simple_fill(struct simple_dev *dev, struct page *page, unsigned int i)
{
	char *kaddr = kmap(page);

	snprintf(kaddr, PAGE_SIZE, "%s page %u", dev->name, i);
	kunmap(page);
}

/* The remap buffer: contiguous (one remap_pfn_range), reserved. Under dev->sem. */
static int simpler_alloc(struct simple_dev *dev)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, SIMPLE_ORDER);
	unsigned int i;

	if (!page)
		return -ENOMEM;
	for (i = 0; i < SIMPLE_PAGES; i++) {
		SetPageReserved(page + i);
		simple_fill(dev, page + i, i);
		dev->pages[i] = page + i;
	}
	return 0;
}

static void simple_get(struct simple_dev *dev)
{
	down(&dev->sem);
	dev->users++;
	up(&dev->sem);
}

/* One user fewer; the last gives the buffer back (simplen's pages live on in ptes still counting them). */
static void simple_put(struct simple_dev *dev)
{
	unsigned int i;

	down(&dev->sem);
	if (--dev->users == 0) {
		for (i = 0; i < SIMPLE_PAGES; i++) {
			if (dev->pages[i] && !dev->nopage)
				ClearPageReserved(dev->pages[i]);
			else if (dev->pages[i])
				put_page(dev->pages[i]);
		}
		if (!dev->nopage && dev->pages[0])
			__free_pages(dev->pages[0], SIMPLE_ORDER);
		memset(dev->pages, 0, sizeof(dev->pages));
	}
	up(&dev->sem);
}

static void simple_vma_open(struct vm_area_struct *vma)
{
	printk(KERN_NOTICE "Simple VMA open, virt %lx, phys %lx\n", vma->vm_start,
	       vma->vm_pgoff << PAGE_SHIFT);
	simple_get(vma->vm_private_data);
}

static void simple_vma_close(struct vm_area_struct *vma)
{
	printk(KERN_NOTICE "Simple VMA close.\n");
	simple_put(vma->vm_private_data);
}

/*
 * simplen's fault: the buffer's page at the faulting offset, made on
 * first use, with a reference for the pte. noinline: README's gdb
 * walkthrough breaks here.
 */
static noinline struct page *simple_nopage(struct vm_area_struct *vma, unsigned long address,
					   int *type)
{
	unsigned long pgoff = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
	struct simple_dev *dev = vma->vm_private_data;
	struct page *page;

	if (pgoff >= SIMPLE_PAGES)
		return NOPAGE_SIGBUS;
	down(&dev->sem);
	page = dev->pages[pgoff];
	if (!page) {
		page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!page) {
			up(&dev->sem);
			return NOPAGE_OOM;
		}
		simple_fill(dev, page, pgoff);
		dev->pages[pgoff] = page;	/* the device's own reference */
	}
	get_page(page);
	up(&dev->sem);
	if (type)
		*type = VM_FAULT_MINOR;
	return page;
}

static const struct vm_operations_struct simple_remap_vm_ops = {
	.open = simple_vma_open,
	.close = simple_vma_close,
};

static const struct vm_operations_struct simple_nopage_vm_ops = {
	.open = simple_vma_open,
	.close = simple_vma_close,
	.nopage = simple_nopage,
};

static int simple_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct simple_dev *dev = filp->private_data;
	unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	int err = 0;

	vma->vm_private_data = dev;
	if (dev->nopage) {
		vma->vm_ops = &simple_nopage_vm_ops;	/* past the buffer: SIGBUS on touch */
	} else {
		if (vma->vm_pgoff >= SIMPLE_PAGES || pages > SIMPLE_PAGES - vma->vm_pgoff)
			return -EINVAL;
		down(&dev->sem);
		err = remap_pfn_range(vma, vma->vm_start, page_to_pfn(dev->pages[0]) + vma->vm_pgoff,
				      vma->vm_end - vma->vm_start, vma->vm_page_prot);
		up(&dev->sem);
		if (err)
			return -EAGAIN;
		vma->vm_ops = &simple_remap_vm_ops;
	}
	simple_vma_open(vma);	/* mmap calls no open: LDD3 does it by hand */
	return 0;
}

static int simple_open(struct inode *inode, struct file *filp)
{
	struct simple_dev *dev = &simple_devs[MINOR(inode->i_rdev)];
	int err = 0;

	down(&dev->sem);
	if (!dev->users && !dev->nopage)
		err = simpler_alloc(dev);
	if (!err)
		dev->users++;
	up(&dev->sem);
	filp->private_data = dev;
	return err;
}

static int simple_release(struct inode *inode, struct file *filp)
{
	simple_put(filp->private_data);
	return 0;
}

const struct file_operations simple_fops = {
	.open = simple_open,
	.release = simple_release,
	.mmap = simple_mmap,
};
