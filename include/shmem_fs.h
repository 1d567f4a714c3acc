/*
 * Shared anonymous memory (mm/shmem.c; Linux's include/linux/shmem_fs.h):
 * a MAP_SHARED | MAP_ANONYMOUS region is backed by an unlinked RAM file
 * on an internal mount, so its pages live in a page cache and are found
 * again after a zap, by a child, after mremap.
 */
#ifndef _MNEME_SHMEM_FS_H
#define _MNEME_SHMEM_FS_H

#include <fs_types.h>

struct file;
struct vm_area_struct;

/* The region's object: a "dev/zero" file as long as it; vm_file and vm_ops set. 0 or -errno. */
int shmem_zero_setup(struct vm_area_struct *vma);
/* An unlinked RAM file of size bytes (its pages made zeroed on demand), or an ERR_PTR. */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned long flags);
/* Is vma backed by shmem (a shared anonymous region)? */
int vma_is_shmem(const struct vm_area_struct *vma);
/* The internal mount, at boot once ramfs is registered. */
void shmem_init(void);

#endif
