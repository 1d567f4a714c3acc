/*
 * Inodes (ULK 12.2.2): allocated from the inode_cache slab, one per file,
 * counted by i_count; the last iput() of an inode no name links to any
 * more (i_nlink 0) frees it with its pages. An inode with links stays
 * while its super block lives (ramfs keeps its files in memory; the
 * dentry tree holds a reference to each).
 */
#include <kernel.h>
#include <string.h>
#include <bug.h>
#include <slab.h>
#include <jiffies.h>
#include <time.h>
#include <fs.h>
#include <pagemap.h>

static kmem_cache_t *inode_cachep;
unsigned long nr_inodes;

/* The time stamps' clock: the wall clock's seconds (CLOCK_REALTIME, kernel/time.c), as Linux's. */
long current_fs_time(void)
{
	return get_seconds();
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kmem_cache_alloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	memset(inode, 0, sizeof(*inode));
	atomic_set(&inode->i_count, 1);
	inode->i_nlink = 1;
	inode->i_sb = sb;
	inode->i_ino = ++sb->s_next_ino;
	init_MUTEX(&inode->i_sem);
	address_space_init_once(&inode->i_data, inode);
	inode->i_mapping = &inode->i_data;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_fs_time();
	list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	nr_inodes++;
	return inode;
}

/* The inode's end: its pages out of the cache, then the descriptor. */
static void destroy_inode(struct inode *inode)
{
	BUG_ON(atomic_read(&inode->i_count));
	if (inode->i_data.nrpages)
		truncate_inode_pages(&inode->i_data, 0);
	BUG_ON(inode->i_data.nrpages);
	if (inode->i_sb->s_op && inode->i_sb->s_op->drop_inode)
		inode->i_sb->s_op->drop_inode(inode);
	list_del(&inode->i_sb_list);
	nr_inodes--;
	kmem_cache_free(inode_cachep, inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	BUG_ON(atomic_read(&inode->i_count) <= 0);
	if (atomic_dec_and_test(&inode->i_count))
		destroy_inode(inode);
}

void inodes_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0, SLAB_PANIC,
					 NULL, NULL);
}
