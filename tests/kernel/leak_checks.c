/*
 * What every suite must give back (include/ktest.h, leak checks).
 * Each subsystem that holds resources adds its counters here.
 */
#include <ktest.h>
#include <timer.h>
#include <workqueue.h>
#include <sched.h>
#include <vmalloc.h>
#include <highmem.h>
#include <asm/pgtable.h>
#include <slab.h>
#include <slab_def.h>
#include <fs.h>
#include <pagemap.h>

static int sample_timers(unsigned long *vals, const char **labels)
{
	/* Delayed work that re-arms itself (cache_reap()) may sit queued between its timers. */
	flush_scheduled_work();
	vals[0] = nr_pending_timers;
	labels[0] = "armed timers";
	return 1;
}

static const struct ktest_leak_check timer_leaks = {
	.name = "timers",
	.sample = sample_timers,
};
ktest_register_leak_check(timer_leaks);

/*
 * Objects in use in all slab caches, and the number of caches: what a
 * suite allocates or creates it must free or destroy.
 */
static int sample_slab(unsigned long *vals, const char **labels)
{
	kmem_cache_t *c;

	vals[0] = vals[1] = 0;
	list_for_each_entry(c, &cache_chain, next) {
		vals[0] += kmem_cache_active_objects(c);
		vals[1]++;
	}
	labels[0] = "slab objects in use";
	labels[1] = "slab caches";
	return 2;
}

static const struct ktest_leak_check slab_leaks = {
	.name = "slab",
	.sample = sample_slab,
};
ktest_register_leak_check(slab_leaks);

/*
 * Free pages per zone, per-CPU lists (every order's) included: pages a suite allocates
 * must all come back. The slab caches keep free slabs for reuse, so
 * they are shrunk first: a page counts as leaked only if something
 * still holds it.
 */
static int sample_free_pages(unsigned long *vals, const char **labels)
{
	static const char *const names[MAX_NR_ZONES] = {
		"free pages in DMA", "free pages in Normal", "free pages in HighMem",
	};
	int i;

	kmem_cache_shrink_all();
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &contig_page_data.node_zones[i];

		/* vmalloc's page tables stay once made: not a leak. */
		vals[i] = z->free_pages + zone_pcp_pages(z) + nr_vmalloc_pgtables[i];
		labels[i] = names[i];
	}
	return MAX_NR_ZONES;
}

static const struct ktest_leak_check page_leaks = {
	.name = "pages",
	.sample = sample_free_pages,
};
ktest_register_leak_check(page_leaks);

/* Threads a suite started must have been reaped; vmalloc areas freed. */
static int sample_tasks_and_vmalloc(unsigned long *vals, const char **labels)
{
	struct vm_struct *v;
	int i;

	vals[0] = nr_threads;
	labels[0] = "threads";
	vals[1] = 0;
	for (v = vmlist; v; v = v->next)
		vals[1]++;
	labels[1] = "vmalloc areas";
	vals[2] = 0;
	for (i = 0; i < LAST_PKMAP; i++)
		vals[2] += pkmap_count[i] > 1;
	labels[2] = "kmap()ed pages";
	return 3;
}

static const struct ktest_leak_check task_leaks = {
	.name = "tasks",
	.sample = sample_tasks_and_vmalloc,
};
ktest_register_leak_check(task_leaks);

/*
 * The VFS's objects (fs/): what a suite creates in the file system it
 * removes, what it opens it closes, what it mounts it unmounts; the
 * page cache holds only the pages of files that still exist.
 */
static int sample_vfs(unsigned long *vals, const char **labels)
{
	vals[0] = nr_files;
	labels[0] = "open files";
	vals[1] = nr_dentries;
	labels[1] = "dentries";
	vals[2] = nr_inodes;
	labels[2] = "inodes";
	vals[3] = nr_mounts;
	labels[3] = "mounts";
	vals[4] = nr_pagecache;
	labels[4] = "page-cache pages";
	return 5;
}

static const struct ktest_leak_check vfs_leaks = {
	.name = "vfs",
	.sample = sample_vfs,
};
ktest_register_leak_check(vfs_leaks);
