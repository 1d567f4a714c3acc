/*
 * Users (Linux's kernel/user.c): a user_struct per real uid that has
 * tasks, on one list (Linux hashes them; a few users make a short
 * list). Each task holds a reference to its real uid's user_struct
 * (task->user) and is counted in its processes, which fork checks
 * against RLIMIT_NPROC:
 *
 *   copy_process()   child: get_uid(user), processes + 1 (or -EAGAIN)
 *   set*uid()        a new real uid: alloc_uid(new), the task's count
 *                    moves from the old user to the new (switch_uid)
 *   release_task()   processes - 1, free_uid()
 *
 * root_user is static and never freed; it counts the boot thread from
 * the start, as Linux's does.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <slab.h>
#include <sched.h>
#include <asm/irqflags.h>

struct user_struct root_user = {
	.__count = ATOMIC_INIT(1),
	.processes = ATOMIC_INIT(1),
	.uid = 0,
	.uidhash_list = LIST_HEAD_INIT(root_user.uidhash_list),
};

static LIST_HEAD(uid_list);
static kmem_cache_t *uid_cachep;
unsigned long nr_users;

static struct user_struct *uid_hash_find(unsigned int uid)
{
	struct user_struct *up;

	if (uid == 0)
		return &root_user;
	list_for_each_entry(up, &uid_list, uidhash_list)
		if (up->uid == uid)
			return up;
	return NULL;
}

struct user_struct *alloc_uid(unsigned int uid)
{
	struct user_struct *up, *new;
	unsigned long flags;

	local_irq_save(flags);
	up = uid_hash_find(uid);
	if (up)
		get_uid(up);
	local_irq_restore(flags);
	if (up)
		return up;
	new = kmem_cache_alloc(uid_cachep, GFP_KERNEL);
	if (!new)
		return NULL;
	atomic_set(&new->__count, 1);
	atomic_set(&new->processes, 0);
	new->uid = uid;
	local_irq_save(flags);
	up = uid_hash_find(uid);	/* made by someone else while we slept? */
	if (up) {
		get_uid(up);
	} else {
		list_add(&new->uidhash_list, &uid_list);
		nr_users++;
		up = new;
		new = NULL;
	}
	local_irq_restore(flags);
	if (new)
		kmem_cache_free(uid_cachep, new);
	return up;
}

void free_uid(struct user_struct *up)
{
	unsigned long flags;

	if (!up)
		return;
	local_irq_save(flags);
	if (!atomic_dec_and_test(&up->__count)) {
		local_irq_restore(flags);
		return;
	}
	BUG_ON(up == &root_user);
	BUG_ON(atomic_read(&up->processes));
	list_del(&up->uidhash_list);
	nr_users--;
	local_irq_restore(flags);
	kmem_cache_free(uid_cachep, up);
}

void uid_cache_init(void)
{
	uid_cachep = kmem_cache_create("uid_cache", sizeof(struct user_struct), 0,
				       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL, NULL);
}
