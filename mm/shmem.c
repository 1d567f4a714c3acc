/*
 * Shared anonymous memory (Linux's mm/shmem.c, in the form it takes
 * without CONFIG_SHMEM: ramfs files, no swap). A MAP_SHARED |
 * MAP_ANONYMOUS region needs an object its pages can be found in again
 * -- by a fault after MADV_DONTNEED zapped the pte, by a child that
 * forked before the page was touched -- so shmem_zero_setup() gives it
 * one: an unlinked RAM file on an internal mount, sized like the region.
 *
 *   shm_mnt (an internal ramfs mount, in no name space)
 *     /  -- "dev/zero"  a dentry never hashed: d_path() gives
 *                       "/dev/zero (deleted)", as Linux's maps shows it
 *            inode      ramfs's, i_nlink 0, i_size = the region's size
 *              i_mapping  the page cache: page pgoff of the region
 *
 *   vma->vm_file = that file, vma->vm_ops = &shmem_vm_ops:
 *   shmem_nopage()  the page at pgoff, made (zeroed) on first touch,
 *                   SIGBUS beyond i_size (a region mremap()ed larger)
 *
 * Nothing is allocated at mmap time beyond the file (the overcommit
 * check is mmap_region()'s). Every region made from this one -- split,
 * fork's copy, mremap's move -- holds the file; the last one's fput()
 * drops the dentry, then the inode, whose pages truncate_inode_pages()
 * frees (fs/inode.c).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <highmem.h>
#include <mm.h>
#include <fs.h>
#include <pagemap.h>
#include <shmem_fs.h>

static struct vfsmount *shm_mnt;

/*
 * The page at pgoff of a shmem file, uptodate, with a reference for the
 * caller: found in the cache, or made there zeroed (a RAM file's page
 * that nothing wrote yet). NULL without memory.
 */
static struct page *shmem_getpage(struct inode *inode, unsigned long pgoff)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page = find_get_page(mapping, pgoff);

	if (page && PageUptodate(page))
		return page;
	if (page)
		page_cache_release(page);
	page = find_or_create_page(mapping, pgoff, mapping_gfp_mask(mapping));
	if (!page)
		return NULL;
	if (!PageUptodate(page)) {
		clear_highpage(page);
		SetPageUptodate(page);
		mapping->a_ops->set_page_dirty(page);	/* nothing could read it back */
	}
	unlock_page(page);
	return page;
}

/*
 * The fault half (Linux's shmem_fault): the region's page from the page
 * cache -- a minor fault, nothing is read from a disk -- or SIGBUS past
 * the end of the object.
 */
static struct page *shmem_nopage(struct vm_area_struct *vma, unsigned long address, int *type)
{
	struct inode *inode = vma->vm_file->f_mapping->host;
	unsigned long pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	unsigned long size = (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct page *page;

	if (pgoff >= size)
		return NOPAGE_SIGBUS;
	page = shmem_getpage(inode, pgoff);
	if (!page)
		return NOPAGE_OOM;
	if (type)
		*type = VM_FAULT_MINOR;
	return page;
}

static const struct vm_operations_struct shmem_vm_ops = {
	.nopage = shmem_nopage,
};

/*
 * An unlinked RAM file of size bytes named name on the internal mount
 * (Linux's shmem_kernel_file_setup). The file holds the only reference
 * to its dentry, the dentry the only one to the inode. An ERR_PTR on
 * failure.
 */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned long flags)
{
	struct qstr this = { .name = name, .len = strlen(name) };
	struct inode *inode;
	struct dentry *dentry;
	struct file *file;

	(void)flags;	/* VM_NORESERVE: the accounting is mmap_region()'s */
	if (size < 0 || (u64)size > MAX_LFS_FILESIZE)
		return ERR_PTR(-EINVAL);
	inode = ramfs_get_inode(shm_mnt->mnt_sb, S_IFREG | S_IRWXU | S_IRWXG | S_IRWXO, 0);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->i_size = size;
	inode->i_nlink = 0;		/* no name links to it */
	dentry = d_alloc(shm_mnt->mnt_root, &this);
	if (!dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	d_drop(dentry);			/* never found by a lookup; d_path says "(deleted)" */
	d_instantiate(dentry, inode);
	file = dentry_open(dentry, mntget(shm_mnt), O_RDWR);	/* takes both references */
	return file;
}

/*
 * A shared anonymous region gets its object (Linux's shmem_zero_setup):
 * a "dev/zero" file as long as the region. mmap_region() calls it with
 * the region not yet linked. 0 or -errno.
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup("dev/zero", vma->vm_end - vma->vm_start,
					     vma->vm_flags);

	if (IS_ERR(file))
		return PTR_ERR(file);
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

/* Is vma a shared anonymous region (its object one of ours)? */
int vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_vm_ops;
}

/* The internal mount, at boot after the file systems are registered (Linux's shmem_init). */
void shmem_init(void)
{
	shm_mnt = do_kern_mount("ramfs", 0, "shm", NULL);
	if (IS_ERR(shm_mnt))
		panic("shmem_init: cannot mount the internal ramfs (%ld)", PTR_ERR(shm_mnt));
}
