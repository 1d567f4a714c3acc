/*
 * The leak check after init: once PID 1 -- and with it every user
 * process -- has ended, the kernel must hold what it held just before
 * /init started, apart from what the RAM file systems gained (files the
 * programs left in /tmp, the /proc mount, cached dentries). The same
 * leak checks as the self-tests' (include/ktest.h) compare the two
 * moments; the file systems' growth is accounted for explicitly, by
 * walking every super block, inode, dentry and mount at both moments:
 *
 *   slab objects    per cache: in use minus the file systems' objects
 *                   (inodes, dentries, long names, radix-tree nodes of
 *                   the page cache, super blocks, mounts) must not change
 *   pages           per zone: free + slab pages + the files' page-cache
 *                   pages must not change
 *   the rest        threads, open files, timers, vmalloc areas, kmaps:
 *                   as they were
 *
 * The result is one KTAP line, "ok N leak check after init" (N given by
 * "init_leak_check=N": the number init planned for it), or "not ok N"
 * after a diagnostic for each cache or zone that differs and by how
 * much; without the parameter, a "# leak check after init: ..." line.
 * "init_leak_test" leaks a page and a 64-byte object on purpose after
 * the baseline, and leaves a 5000-byte file /init_leak_test in rootfs:
 * the check must fail naming the leaks, and only them (the negative
 * tests, scripts/run_tests.py).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <init.h>
#include <fs.h>
#include <ktest.h>
#include <mm.h>
#include <pagemap.h>
#include <radix-tree.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/uaccess.h>
#include <slab.h>
#include <slab_def.h>

#define PREFIX		"# leak check after init: "
#define MAX_CACHES	64

struct cache_count {
	kmem_cache_t *cache;
	unsigned long active;	/* objects in use */
	unsigned long accounted;	/* of which the file systems' (and PID 1's, below) */
};

struct init_sample {
	struct ktest_leak_snapshot checks;
	struct cache_count caches[MAX_CACHES];
	unsigned int nr_caches;
	unsigned long slab_pages[MAX_NR_ZONES];
	unsigned long fs_pages[MAX_NR_ZONES];	/* page-cache pages of the files */
	unsigned long accounted;
	unsigned long inodes, dentries, mounts;
	bool overflow;				/* more caches than MAX_CACHES */
};

/*
 * From the slab, at the end of boot (init_leak_prepare()): not in the
 * .bss of every kernel, whose smallest machines' self-tests count pages.
 */
static struct init_sample *before, *after;
static bool baseline_taken;
static unsigned int ktap_number;
static bool leak_test;

static int __init init_leak_check_setup(char *val)
{
	return val && !kstrtouint(val, 10, &ktap_number) ? 0 : -EINVAL;
}
__setup("init_leak_check", init_leak_check_setup);

static int __init init_leak_test_setup(char *val)
{
	(void)val;
	leak_test = true;
	return 0;
}
__setup("init_leak_test", init_leak_test_setup);

/* One object of the file systems: counted against its slab cache (if it has one). */
static void accounted(struct init_sample *s, const void *p)
{
	struct page *page;
	kmem_cache_t *cache;
	unsigned int i;

	if (!p || !virt_addr_valid(p))
		return;
	page = virt_to_page(p);
	if (!PageSlab(page))
		return;
	cache = page_get_cache(page);
	for (i = 0; i < s->nr_caches; i++)
		if (s->caches[i].cache == cache) {
			s->caches[i].accounted++;
			return;
		}
}

/* An inode, its page-cache pages (by zone) and the radix-tree nodes holding them. */
static void fs_inode(struct init_sample *s, struct inode *inode)
{
	struct address_space *mapping = &inode->i_data;
	struct radix_tree_node *node;
	unsigned long index = 0, n;
	struct page *pages[16];
	unsigned int i, nr;

	s->inodes++;
	accounted(s, inode);
	while ((nr = find_get_pages(mapping, index, ARRAY_SIZE(pages), pages))) {
		for (i = 0; i < nr; i++) {
			s->fs_pages[page_zonenum(pages[i])]++;
			index = pages[i]->index + 1;
			page_cache_release(pages[i]);
		}
	}
	/* The nodes all come from one cache: count them against any of them. */
	n = radix_tree_nr_tree_nodes(&mapping->page_tree);
	node = mapping->page_tree.rnode;
	for (; n; n--)
		accounted(s, node);
}

static void fs_dentry_tree(struct init_sample *s, struct dentry *d)
{
	struct dentry *child;

	s->dentries++;
	accounted(s, d);
	if (d->d_name.name != d->d_iname)
		accounted(s, d->d_name.name);
	list_for_each_entry(child, &d->d_subdirs, d_child)
		fs_dentry_tree(s, child);
}

static void fs_super(struct super_block *sb, void *arg)
{
	struct init_sample *s = arg;
	struct inode *inode;

	accounted(s, sb);
	accounted(s, sb->s_fs_info);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		fs_inode(s, inode);
	if (sb->s_root)
		fs_dentry_tree(s, sb->s_root);
}

static void fs_mount(struct vfsmount *mnt, void *arg)
{
	struct init_sample *s = arg;

	s->mounts++;
	accounted(s, mnt);
}

/*
 * Everything at one moment. The caches are shrunk and their per-CPU
 * arrays drained first (kmem_cache_shrink_all()); the page allocator's
 * per-CPU lists count as free (the "pages" leak check).
 */
static void init_sample(struct init_sample *s)
{
	kmem_cache_t *c;

	memset(s, 0, sizeof(*s));
	kmem_cache_shrink_all();
	memcpy(s->slab_pages, nr_slab_pages_zone, sizeof(s->slab_pages));
	list_for_each_entry(c, &cache_chain, next) {
		if (s->nr_caches == MAX_CACHES) {
			s->overflow = true;
			break;
		}
		s->caches[s->nr_caches].cache = c;
		s->caches[s->nr_caches++].active = kmem_cache_active_objects(c);
	}
	iterate_supers(fs_super, s);
	iterate_mounts(fs_mount, s);
	/* PID 1's signal handlers, its own since exec: freed only when its task is. */
	if (current->pid == 1 && current->sighand != init_task.sighand)
		accounted(s, current->sighand);
	for (unsigned int i = 0; i < s->nr_caches; i++)
		s->accounted += s->caches[i].accounted;
	ktest_leak_sample_all(&s->checks);
}

static void *leaked_object;
static struct page *leaked_page;

/* init_leak_test: what the check must report, and a file it must not. */
static void leak_on_purpose(void)
{
	static const char line[] = "a file the leak check after init accounts for, not a leak\n";
	mm_segment_t old_fs = get_fs();
	long fd, written = 0;

	leaked_object = kmalloc(64, GFP_KERNEL);
	leaked_page = alloc_page(GFP_KERNEL);
	set_fs(KERNEL_DS);
	fd = sys_open((const char __user *)"/init_leak_test", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	while (fd >= 0 && written < 5000 &&
	       sys_write(fd, (const char __user *)line, sizeof(line) - 1) > 0)
		written += sizeof(line) - 1;
	if (fd >= 0)
		sys_close(fd);
	set_fs(old_fs);
	printk(KERN_INFO "init_leak_test: leaking a page (%s) and a 64-byte object (%s); "
	       "/init_leak_test: %ld bytes\n", leaked_page ? "done" : "no memory",
	       leaked_object ? "done" : "no memory", fd < 0 ? fd : written);
}

/* At the end of boot, before fault injection is armed: the samples' memory. */
void init_leak_prepare(void)
{
	before = kmalloc(2 * sizeof(*before), GFP_KERNEL);
	after = before ? before + 1 : NULL;
	if (!before)
		printk(KERN_WARNING "init_leak_check: no memory: no leak check after init\n");
}

/* Just before /init starts (kernel/main.c): the baseline. */
void init_leak_baseline(void)
{
	if (!before)
		return;
	init_sample(before);
	baseline_taken = true;
	if (leak_test)
		leak_on_purpose();
}

/* The change the file systems' growth explains in a leak check's quantity. */
static long fs_growth(const char *check, const char *label, void *arg)
{
	int z;

	(void)arg;
	if (!strcmp(check, "slab") && !strcmp(label, "slab objects in use"))
		return after->accounted - before->accounted;
	if (!strcmp(check, "vfs")) {
		if (!strcmp(label, "dentries"))
			return after->dentries - before->dentries;
		if (!strcmp(label, "inodes"))
			return after->inodes - before->inodes;
		if (!strcmp(label, "mounts"))
			return after->mounts - before->mounts;
		if (!strcmp(label, "page-cache pages")) {
			long n = 0;

			for (z = 0; z < MAX_NR_ZONES; z++)
				n += after->fs_pages[z] - before->fs_pages[z];
			return n;
		}
	}
	if (!strcmp(check, "pages"))
		for (z = 0; z < MAX_NR_ZONES; z++) {
			char name[32];

			snprintf(name, sizeof(name), "free pages in %s", zone_names[z]);
			if (!strcmp(label, name))
				return -(long)(after->fs_pages[z] - before->fs_pages[z]) -
				       (long)(after->slab_pages[z] - before->slab_pages[z]);
		}
	return 0;
}

static const struct cache_count *find_count(const struct init_sample *s, kmem_cache_t *c)
{
	unsigned int i;

	for (i = 0; i < s->nr_caches; i++)
		if (s->caches[i].cache == c)
			return &s->caches[i];
	return NULL;
}

/* Each cache's objects but the file systems' as before; true if so. */
static bool compare_caches(void)
{
	bool clean = !after->overflow && !before->overflow;
	unsigned int i;

	if (!clean)
		printk(KERN_INFO PREFIX "more than %d slab caches: not all compared\n", MAX_CACHES);
	for (i = 0; i < after->nr_caches; i++) {
		const struct cache_count *a = &after->caches[i], *b = find_count(before, a->cache);
		long diff = (long)(a->active - a->accounted) - (b ? (long)(b->active - b->accounted) : 0);

		if (!diff)
			continue;
		printk(KERN_INFO PREFIX "slab cache %s: %lu objects in use (%lu accounted for), "
		       "%lu before /init (%lu): %+ld\n", kmem_cache_name(a->cache), a->active, a->accounted,
		       b ? b->active : 0, b ? b->accounted : 0, diff);
		clean = false;
	}
	return clean;
}

/*
 * PID 1 has exited (init_exited(), in do_exit() past exit_mm(),
 * exit_files() and exit_fs()): compare with the baseline. True if
 * nothing leaked (or there was no baseline: init= that is not /init's
 * start path cannot happen, but then there is nothing to say).
 */
int init_leak_check(void)
{
	bool clean;
	int z;

	if (!baseline_taken)
		return true;
	leave_lazy_mm();	/* init's own mm, still its lazy active_mm */
	init_sample(after);
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (after->fs_pages[z] != before->fs_pages[z])
			printk(KERN_INFO PREFIX "the files' page-cache pages in %s: %lu, %lu before /init\n",
			       zone_names[z], after->fs_pages[z], before->fs_pages[z]);
	printk(KERN_INFO PREFIX "the file systems hold %lu inodes, %lu dentries, %lu mounts, "
	       "%lu slab objects (%lu, %lu, %lu, %lu before /init)\n", after->inodes,
	       after->dentries, after->mounts, after->accounted, before->inodes, before->dentries,
	       before->mounts, before->accounted);
	clean = compare_caches();
	clean &= ktest_leak_compare(&before->checks, PREFIX, "/init", fs_growth, NULL);
	if (ktap_number)
		printk(KERN_INFO "%sok %u leak check after init\n", clean ? "" : "not ", ktap_number);
	else
		printk(KERN_INFO PREFIX "%s\n", clean ? "ok" : "not ok");
	return clean;
}
