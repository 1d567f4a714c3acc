/*
 * Deferred cleanup for self-tests (include/ktest.h), after KUnit's
 * kunit_add_action() and test resources: each case has a fixed table of
 * actions, run last-first when the case ends however it ends.
 *
 *   actions[0 .. nr_actions)   registered; run == NULL marks a slot
 *                              released out of order (reused once the
 *                              slots above it are gone too)
 *
 * No slot moves while in use: ktest_page_list() keeps its list head in
 * its slot's data[].
 */
#include <errno.h>
#include <string.h>
#include <fault_inject.h>
#include <highmem.h>
#include <ktest.h>
#include <sched.h>
#include <slab.h>
#include <vmalloc.h>

/* A free slot on top of the table, or NULL (the test fails: it is full). */
static struct ktest_action *new_action(struct ktest *t, void (*run)(struct ktest_action *),
				       void *key)
{
	struct ktest_action *a;

	if (t->nr_actions >= t->max_actions) {
		KTEST_FAIL(t, "more than %u cleanup actions (KTEST_MAX_ACTIONS): "
			   "free some sooner, or keep them on one list", t->max_actions);
		return NULL;
	}
	a = &t->actions[t->nr_actions++];
	memset(a, 0, sizeof(*a));
	a->run = run;
	a->key = key;
	return a;
}

/* Forget a slot; pop the free slots at the top so that they can be reused. */
static void drop_action(struct ktest *t, struct ktest_action *a)
{
	a->run = NULL;
	while (t->nr_actions && !t->actions[t->nr_actions - 1].run)
		t->nr_actions--;
}

/* The latest action with this run function and key (and fn, if given). */
static struct ktest_action *find_action(struct ktest *t, void (*run)(struct ktest_action *),
					void *key, ktest_action_t fn)
{
	unsigned int i = t->nr_actions;

	while (i--) {
		struct ktest_action *a = &t->actions[i];

		if (a->run == run && a->key == key && (!fn || a->fn == fn))
			return a;
	}
	return NULL;
}

/* Run a slot's action and forget it (it may register or release others meanwhile). */
static void run_action(struct ktest *t, struct ktest_action *a)
{
	struct ktest_action copy = *a;

	drop_action(t, a);
	copy.run(&copy);
}

void ktest_cleanup(struct ktest *t)
{
	while (t->nr_actions) {
		struct ktest_action *a = &t->actions[t->nr_actions - 1];

		if (a->run)
			run_action(t, a);
		else
			drop_action(t, a);
	}
}

/* Release the latest action of this kind for key; false if there is none. */
static bool release(struct ktest *t, void (*run)(struct ktest_action *), void *key)
{
	struct ktest_action *a = find_action(t, run, key, NULL);

	if (!a)
		return false;
	run_action(t, a);
	return true;
}

/* A test's own actions: key is the argument. */

static void run_user(struct ktest_action *a)
{
	a->fn(a->key);
}

int ktest_add_action(struct ktest *t, ktest_action_t fn, void *arg)
{
	struct ktest_action *a = new_action(t, run_user, arg);

	if (!a)
		return -ENOMEM;
	a->fn = fn;
	return 0;
}

int ktest_add_action_or_reset(struct ktest *t, ktest_action_t fn, void *arg)
{
	int err = ktest_add_action(t, fn, arg);

	if (err)
		fn(arg);
	return err;
}

void ktest_remove_action(struct ktest *t, ktest_action_t fn, void *arg)
{
	struct ktest_action *a = find_action(t, run_user, arg, fn);

	if (a)
		drop_action(t, a);
}

void ktest_release_action(struct ktest *t, ktest_action_t fn, void *arg)
{
	struct ktest_action *a = find_action(t, run_user, arg, fn);

	if (a)
		run_action(t, a);
}

/*
 * The helpers. Each frees by the same call the test would use; a
 * ktest_free_*() of something not registered does the plain free, so a
 * test may mix the two.
 */

static void run_kfree(struct ktest_action *a)
{
	kfree(a->key);
}

void *ktest_kmalloc(struct ktest *t, size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	if (p && !new_action(t, run_kfree, p)) {
		kfree(p);
		return NULL;
	}
	return p;
}

void ktest_kfree(struct ktest *t, const void *p)
{
	if (!release(t, run_kfree, (void *)p))
		kfree(p);
}

static void run_free_pages(struct ktest_action *a)
{
	__free_pages(a->key, a->data[0]);
}

struct page *ktest_alloc_pages(struct ktest *t, gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);
	struct ktest_action *a;

	if (!page)
		return NULL;
	a = new_action(t, run_free_pages, page);
	if (!a) {
		__free_pages(page, order);
		return NULL;
	}
	a->data[0] = order;
	return page;
}

void ktest_free_pages(struct ktest *t, struct page *page, unsigned int order)
{
	struct ktest_action *a = find_action(t, run_free_pages, page, NULL);

	if (a && a->data[0] == order)
		run_action(t, a);
	else
		__free_pages(page, order);
}

/* The list head lives in the slot: data[0], data[1]; data[2] is the order. */
static void run_free_page_list(struct ktest_action *a)
{
	struct list_head *list = (struct list_head *)a->data;
	struct page *page, *next;

	/* The slot was copied: relink the ends to the copy first. */
	if (list->next != a->key) {
		list->next->prev = list;
		list->prev->next = list;
	} else {
		INIT_LIST_HEAD(list);
	}
	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, a->data[2]);
	}
}

struct list_head *ktest_page_list(struct ktest *t, unsigned int order)
{
	struct ktest_action *a = new_action(t, run_free_page_list, NULL);
	struct list_head *list;

	BUILD_BUG_ON(sizeof(struct list_head) > 2 * sizeof(a->data[0]));
	if (!a)
		return NULL;
	list = (struct list_head *)a->data;
	INIT_LIST_HEAD(list);
	a->key = list;
	a->data[2] = order;
	return list;
}

/* Slab caches and their objects: key the cache or the object, arg its cache. */

static void run_cache_destroy(struct ktest_action *a)
{
	kmem_cache_destroy(a->key);
}

kmem_cache_t *ktest_kmem_cache_create(struct ktest *t, const char *name, size_t size,
				      size_t align, unsigned long flags, kmem_ctor_t ctor,
				      kmem_ctor_t dtor)
{
	kmem_cache_t *c = kmem_cache_create(name, size, align, flags, ctor, dtor);

	if (c && !new_action(t, run_cache_destroy, c)) {
		kmem_cache_destroy(c);
		return NULL;
	}
	return c;
}

int ktest_kmem_cache_destroy(struct ktest *t, kmem_cache_t *cachep)
{
	struct ktest_action *a = find_action(t, run_cache_destroy, cachep, NULL);
	int err = kmem_cache_destroy(cachep);

	if (a && !err)
		drop_action(t, a);
	return err;
}

static void run_cache_free(struct ktest_action *a)
{
	kmem_cache_free(a->arg, a->key);
}

void *ktest_kmem_cache_alloc(struct ktest *t, kmem_cache_t *cachep, gfp_t gfp)
{
	void *obj = kmem_cache_alloc(cachep, gfp);
	struct ktest_action *a;

	if (!obj)
		return NULL;
	a = new_action(t, run_cache_free, obj);
	if (!a) {
		kmem_cache_free(cachep, obj);
		return NULL;
	}
	a->arg = cachep;
	return obj;
}

void ktest_kmem_cache_free(struct ktest *t, kmem_cache_t *cachep, void *obj)
{
	if (!release(t, run_cache_free, obj))
		kmem_cache_free(cachep, obj);
}

/* vmalloc areas and kmap()s. */

static void run_vfree(struct ktest_action *a)
{
	vfree(a->key);
}

void *ktest_vmalloc(struct ktest *t, unsigned long size)
{
	void *p = vmalloc(size);

	if (p && !new_action(t, run_vfree, p)) {
		vfree(p);
		return NULL;
	}
	return p;
}

void ktest_vfree(struct ktest *t, const void *addr)
{
	if (!release(t, run_vfree, (void *)addr))
		vfree(addr);
}

static void run_kunmap(struct ktest_action *a)
{
	kunmap(a->key);
}

void *ktest_kmap(struct ktest *t, struct page *page)
{
	void *v = kmap(page);

	if (!new_action(t, run_kunmap, page)) {
		kunmap(page);
		return NULL;
	}
	return v;
}

void ktest_kunmap(struct ktest *t, struct page *page)
{
	if (!release(t, run_kunmap, page))
		kunmap(page);
}

/* Threads: key the pid; fn(arg) lets a thread that waits for the test finish. */

static void run_reap(struct ktest_action *a)
{
	if (a->fn)
		a->fn(a->arg);
	kernel_wait((int)(long)a->key, NULL);
}

int ktest_kernel_thread(struct ktest *t, int (*fn)(void *), void *arg,
			ktest_action_t stop, void *stop_arg)
{
	struct ktest_action *a = new_action(t, run_reap, NULL);
	int pid;

	if (!a)
		return -ENOMEM;
	pid = kernel_thread(fn, arg, CLONE_KERNEL);
	if (pid < 0) {
		drop_action(t, a);
		return pid;
	}
	a->key = (void *)(long)pid;
	a->fn = stop;
	a->arg = stop_arg;
	return pid;
}

int ktest_kernel_wait(struct ktest *t, int pid, int *exit_code)
{
	struct ktest_action *a = find_action(t, run_reap, (void *)(long)pid, NULL);

	if (a)
		drop_action(t, a);
	return kernel_wait(pid, exit_code);
}

/* Fault injection: data[] keeps the attribute's state from before the test. */

static void run_restore_fault_attr(struct ktest_action *a)
{
	struct fault_attr *attr = a->key;

	attr->interval = a->data[0];
	attr->times = (long)a->data[1];
	attr->count = a->data[2];
	attr->failed = a->data[3];
}

void ktest_fault_attr_set(struct ktest *t, struct fault_attr *attr, unsigned long interval,
			  long times)
{
	/* Saved once per test: the first setting's "before" is what comes back. */
	if (!find_action(t, run_restore_fault_attr, attr, NULL)) {
		struct ktest_action *a = new_action(t, run_restore_fault_attr, attr);

		if (!a)
			return;		/* the test has failed: change nothing */
		a->data[0] = attr->interval;
		a->data[1] = (unsigned long)attr->times;
		a->data[2] = attr->count;
		a->data[3] = attr->failed;
	}
	fault_attr_set(attr, interval, times);
}
