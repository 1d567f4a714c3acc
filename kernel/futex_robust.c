/*
 * Robust futexes (Linux's kernel/futex/core.c: set_robust_list,
 * get_robust_list, exit_robust_list). A thread registers the head of a
 * list, in its own memory, of the futexes it holds (glibc does at every
 * thread's start); when it exits or execs holding one, the kernel marks
 * each FUTEX_OWNER_DIED and wakes one waiter, so a robust mutex is not
 * left locked by the dead.
 *
 *   struct robust_list_head { next; futex_offset; list_op_pending; }
 *
 * Each entry is a struct robust_list inside the user's lock, its futex
 * word futex_offset bytes from it; bit 0 of a next pointer marks a PI
 * futex; list_op_pending is the one being taken or released right now.
 */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/uaccess.h>

#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff
#define ROBUST_LIST_LIMIT	2048	/* entries walked at most (a loop in user memory ends) */

struct robust_list {
	struct robust_list __user *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list __user *list_op_pending;
};

long futex_wake_tid(u32 __user *uaddr);

long sys_set_robust_list(struct robust_list_head __user *head, size_t len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* Linux's __ptrace_may_access() for reading: the same process, the same user, or root. */
static bool may_read_task(const struct task_struct *p)
{
	if (p->tgid == current->tgid || !current->euid)
		return true;
	return current->uid == p->euid && current->uid == p->suid && current->uid == p->uid &&
	       current->gid == p->egid && current->gid == p->sgid && current->gid == p->gid;
}

long sys_get_robust_list(int pid, struct robust_list_head __user * __user *head_ptr,
			 size_t __user *len_ptr)
{
	struct robust_list_head __user *head;
	struct task_struct *p = current;

	if (pid) {
		p = find_task_by_pid(pid);
		if (!p)
			return -ESRCH;
	}
	if (!may_read_task(p))
		return -EPERM;
	head = p->robust_list;
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr) ? -EFAULT : 0;
}

/*
 * The futex word at uaddr, if curr owns it, becomes FUTEX_OWNER_DIED
 * (with FUTEX_WAITERS kept) and one waiter is woken. The write is
 * atomic against the other threads: the word is written back unchanged
 * first, so its page is present and writable, and with one CPU and no
 * fault left to sleep in nothing runs between the second read and the
 * final write. -1 for an address that cannot be used.
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *curr, bool pi,
			      bool pending_op)
{
	u32 uval, again;

	if ((unsigned long)uaddr % sizeof(*uaddr))
		return -1;
	do {
		if (get_user(uval, uaddr) || put_user(uval, uaddr) || get_user(again, uaddr))
			return -1;
	} while (again != uval);
	/*
	 * A pending op on a plain futex that is already 0: the owner let go
	 * and died before waking anyone -- wake one now (Linux's special case).
	 */
	if (pending_op && !pi && !uval) {
		futex_wake_tid(uaddr);
		return 0;
	}
	if ((uval & FUTEX_TID_MASK) != (u32)curr->pid)
		return 0;
	if (put_user((uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED, uaddr))
		return -1;
	/* A PI futex's waiters sleep in the kernel's PI code, which Mneme does not have. */
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake_tid(uaddr);
	return 0;
}

/* An entry pointer: the address, bit 0 the PI flag. */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user * __user *head, bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (void __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

/* At exit and exec (mm_release()): every futex on curr's list handled as above. */
void exit_robust_list(struct task_struct *curr)
{
	struct robust_list_head __user *head = curr->robust_list;
	struct robust_list __user *entry, *next_entry, *pending;
	unsigned int limit = ROBUST_LIST_LIMIT;
	bool pi, pip, next_pi;
	long futex_offset;
	int rc;

	curr->robust_list = NULL;
	if (fetch_robust_entry(&entry, &head->list.next, &pi))
		return;
	if (get_user(futex_offset, &head->futex_offset))
		return;
	if (fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	while (entry != &head->list) {
		rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		/* The pending one is handled last, as a pending op. */
		if (entry != pending &&
		    handle_futex_death((u32 __user *)((char __user *)entry + futex_offset), curr, pi,
				       false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
		cond_resched();
	}
	if (pending)
		handle_futex_death((u32 __user *)((char __user *)pending + futex_offset), curr, pip,
				   true);
}
