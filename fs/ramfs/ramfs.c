/*
 * ramfs (Linux's fs/ramfs/inode.c and file-mmu.c): a file system that is
 * nothing but the VFS's own caches. Names are dentries pinned by an extra
 * count while they are linked; file data is page-cache pages only
 * (GFP_HIGHUSER, so they may be high memory), created zeroed on first
 * touch and marked dirty since nothing could read them back; symlink
 * targets are the first page of the link's own mapping, as
 * page_symlink() keeps them. "rootfs" is the same file system, mounted
 * once at boot as the top of the tree.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <highmem.h>
#include <slab.h>
#include <fs.h>
#include <pagemap.h>

#define RAMFS_MAGIC	0x858458f6

/* fs/libfs.c */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, struct nameidata *nd);
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry);
int simple_setsize(struct dentry *dentry, loff_t size);
loff_t dcache_dir_lseek(struct file *file, loff_t offset, int origin);

static const struct address_space_operations ramfs_aops = {
	.readpage = simple_readpage,
	.prepare_write = simple_prepare_write,
	.commit_write = simple_commit_write,
	.set_page_dirty = __set_page_dirty_no_writeback,
};

static int ramfs_fsync(struct file *file, struct dentry *dentry, int datasync)
{
	return 0;	/* nothing to write back */
}

const struct file_operations ramfs_file_operations = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = generic_file_llseek,
	.mmap = generic_file_mmap,
	.fsync = ramfs_fsync,
};

static const struct inode_operations ramfs_file_inode_operations = {
	.setsize = simple_setsize,
};

static const struct inode_operations ramfs_dir_inode_operations;

/* ---- symlinks: the target in page 0 of the link's mapping (page_symlink) ---- */

/*
 * The target copied out of its page into a buffer the walk holds (the
 * cookie), so no kmap() stays taken across the lookup of the text.
 */
static const char *page_follow_link(struct dentry *dentry, void **cookie)
{
	struct inode *inode = dentry->d_inode;
	unsigned int len = inode->i_size < PAGE_SIZE ? inode->i_size : PAGE_SIZE - 1;
	struct page *page = read_cache_page(inode->i_mapping, 0);
	char *link, *kaddr;

	if (IS_ERR(page))
		return ERR_PTR(PTR_ERR(page));
	link = kmalloc(len + 1, GFP_KERNEL);
	if (link) {
		kaddr = kmap_atomic(page, KM_USER0);
		memcpy(link, kaddr, len);
		kunmap_atomic(kaddr, KM_USER0);
		link[len] = 0;
	}
	page_cache_release(page);
	if (!link)
		return ERR_PTR(-ENOMEM);
	*cookie = link;
	return link;
}

static void page_put_link(struct dentry *dentry, void *cookie)
{
	kfree(cookie);
}

static int page_readlink(struct dentry *dentry, char __user *buffer, int buflen)
{
	void *cookie = NULL;
	const char *link = page_follow_link(dentry, &cookie);
	int res;

	if (IS_ERR(link))
		return PTR_ERR(link);
	res = vfs_readlink(dentry, buffer, buflen, link);
	page_put_link(dentry, cookie);
	return res;
}

static const struct inode_operations ramfs_symlink_inode_operations = {
	.readlink = page_readlink,
	.follow_link = page_follow_link,
	.put_link = page_put_link,
};

static int page_symlink(struct inode *inode, const char *symname, int len)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page = find_or_create_page(mapping, 0, mapping_gfp_mask(mapping));
	char *kaddr;

	if (!page)
		return -ENOMEM;
	kaddr = kmap_atomic(page, KM_USER0);
	memset(kaddr, 0, PAGE_SIZE);
	memcpy(kaddr, symname, len);
	kunmap_atomic(kaddr, KM_USER0);
	SetPageUptodate(page);
	mapping->a_ops->set_page_dirty(page);
	inode->i_size = len;
	unlock_page(page);
	page_cache_release(page);
	return 0;
}

/* ---- inodes ---- */

struct inode *ramfs_get_inode(struct super_block *sb, int mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_mapping->a_ops = &ramfs_aops;
	switch (mode & S_IFMT) {
	default:
		chrdev_init_special(inode, mode, dev);
		break;
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inode->i_nlink++;	/* "." */
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_inode_operations;
		break;
	}
	return inode;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, int mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	dget(dentry);	/* pinned while linked */
	dir->i_mtime = dir->i_ctime = current_fs_time();
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, int mode)
{
	int retval = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!retval)
		dir->i_nlink++;	/* the child's ".." */
	return retval;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, int mode, struct nameidata *nd)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *symname)
{
	int len = strlen(symname) + 1;
	struct inode *inode;
	int error;

	if (len > (int)PAGE_SIZE)
		return -ENAMETOOLONG;
	inode = ramfs_get_inode(dir->i_sb, S_IFLNK | 0777, 0);
	if (!inode)
		return -ENOSPC;
	error = page_symlink(inode, symname, len - 1);
	if (error) {
		iput(inode);
		return error;
	}
	d_instantiate(dentry, inode);
	dget(dentry);
	dir->i_mtime = dir->i_ctime = current_fs_time();
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.create = ramfs_create,
	.lookup = simple_lookup,
	.link = simple_link,
	.unlink = simple_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = simple_rmdir,
	.mknod = ramfs_mknod,
	.rename = simple_rename,
};

static int ramfs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *inode;

	sb->s_magic = RAMFS_MAGIC;
	sb->s_blocksize = PAGE_CACHE_SIZE;
	inode = ramfs_get_inode(sb, S_IFDIR | 0755, 0);
	if (!inode)
		return -ENOMEM;
	sb->s_root = d_alloc_root(inode);
	if (!sb->s_root) {
		iput(inode);
		return -ENOMEM;
	}
	return 0;
}

static struct super_block *ramfs_get_sb(struct file_system_type *fs_type, int flags,
					const char *dev_name, void *data)
{
	return get_sb_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.get_sb = ramfs_get_sb,
	.kill_sb = kill_litter_super,
};

static struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.get_sb = ramfs_get_sb,
	.kill_sb = kill_litter_super,
};

void init_rootfs(void)
{
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&rootfs_fs_type);
}

/* The top of the tree: a rootfs mount, init's root and working directory. */
void init_mount_tree(void)
{
	struct fs_struct *fs = init_fs_struct();
	struct vfsmount *mnt = do_kern_mount("rootfs", 0, "rootfs", NULL);

	if (IS_ERR(mnt))
		panic("Can't create rootfs");
	root_vfsmnt = mnt;
	set_fs_pwd(fs, mnt, mnt->mnt_root);
	set_fs_root(fs, mnt, mnt->mnt_root);
}
