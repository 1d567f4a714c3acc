/* Spinlock misuse reports (include/spinlock.h). */
#include <kernel.h>
#include <spinlock.h>

void spin_lock_bug(spinlock_t *lock, const char *msg)
{
	printk(KERN_EMERG "BUG: spinlock %s: %s (lock %p)\n", msg,
	       lock->name ? lock->name : "?", lock);
	BUG();
}
