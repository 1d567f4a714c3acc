/*
 * Fast user-space mutexes (Linux's kernel/futex.c, reduced): a thread
 * sleeps on a 32-bit word of its memory while the word holds the value
 * it expects; another wakes it after changing the word. The waiters of
 * every futex hang on hashed queues keyed by where the word lives:
 *
 *   FUTEX_WAIT(uaddr, val, timeout)  sleep if *uaddr == val (-EAGAIN if
 *        not), until woken (0), the relative timeout ends (-ETIMEDOUT)
 *        or a signal comes (restarted, or -EINTR with a timeout)
 *   FUTEX_WAKE(uaddr, n)             wake at most n waiters: how many
 *   FUTEX_WAIT_BITSET / FUTEX_WAKE_BITSET  the same with a bit mask a
 *        waker must share (the timeout is absolute, CLOCK_MONOTONIC, or
 *        CLOCK_REALTIME with FUTEX_CLOCK_REALTIME)
 *   FUTEX_REQUEUE(uaddr, n, m, uaddr2), FUTEX_CMP_REQUEUE (+ *uaddr ==
 *        val3 or -EAGAIN)  wake n, move up to m others to uaddr2
 *   FUTEX_PRIVATE_FLAG               the word is known to be private to
 *        the caller's address space: no region lookup
 *
 * A waiter is queued before it reads the word, so a wake between the
 * read and the sleep just leaves it runnable: no wake-up is lost.
 *
 * The key (get_futex_key, as Linux 2.6's): in a private mapping, or with
 * FUTEX_PRIVATE_FLAG, the word is (mm, address); in a shared mapping of
 * a file (shared anonymous memory is one) it is (inode, page offset in
 * the file), so processes that map the same page at different addresses
 * meet on one futex (a process-shared pthread mutex). Bit 0 of offset
 * tells the two apart. A key holds a reference on its mm (mm_count) or
 * inode while a waiter is queued on it, so neither can be freed and
 * reused under it.
 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mm.h>
#include <rwsem.h>
#include <string.h>
#include <jiffies.h>
#include <list.h>
#include <sched.h>
#include <syscalls.h>
#include <time.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

#define FUTEX_HASHBITS		6

union futex_key {
	struct {
		unsigned long pgoff;
		struct inode *inode;
		int offset;		/* in the page, + 1 */
	} shared;
	struct {
		unsigned long address;	/* of the page */
		struct mm_struct *mm;
		int offset;
	} private;
	struct {
		unsigned long word;
		void *ptr;
		int offset;
	} both;
};

struct futex_q {
	struct list_head list;
	struct task_struct *task;
	union futex_key key;
	u32 bitset;
	int woken;
};

static struct list_head futex_queues[1 << FUTEX_HASHBITS];
static int futex_ready;

static struct list_head *hash_futex(const union futex_key *key)
{
	unsigned long h = key->both.word ^ (unsigned long)key->both.ptr ^
			  ((unsigned long)key->both.offset << 10);

	h = (h >> 2) * 0x9e370001UL;
	return &futex_queues[h >> (32 - FUTEX_HASHBITS)];
}

static void futex_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(futex_queues); i++)
		INIT_LIST_HEAD(&futex_queues[i]);
	futex_ready = 1;
}

static int match_futex(const union futex_key *a, const union futex_key *b)
{
	return a->both.word == b->both.word && a->both.ptr == b->both.ptr &&
	       a->both.offset == b->both.offset;
}

/* A reference on what key names (a queued waiter's key must stay valid). */
static void get_futex_key_refs(const union futex_key *key)
{
	if (key->both.offset & 1)
		igrab(key->shared.inode);
	else if (key->private.mm)
		atomic_inc(&key->private.mm->mm_count);
}

static void drop_futex_key_refs(const union futex_key *key)
{
	if (key->both.offset & 1)
		iput(key->shared.inode);
	else if (key->private.mm)
		mmdrop(key->private.mm);
}

/*
 * The key of uaddr (aligned, a user address of the caller's mm), with a
 * reference that drop_futex_key_refs() gives back. Without fshared (the
 * private flag) the regions are not looked at; else a word outside every
 * region is -EFAULT, as Linux's.
 */
static int get_futex_key(u32 __user *uaddr, int fshared, union futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (address % sizeof(u32))
		return -EINVAL;
	if (!access_ok(VERIFY_READ, uaddr, sizeof(u32)))
		return -EFAULT;
	if (!futex_ready)
		futex_init();
	key->both.offset = address % PAGE_SIZE;
	address -= key->both.offset;
	/*
	 * Without an mm or regions (the self-tests' hand-made address
	 * spaces: a real process always has some, its code's) every word
	 * is private.
	 */
	if (!fshared || !mm || !mm->mmap)
		goto private;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (!vma || address < vma->vm_start) {
		up_read(&mm->mmap_sem);
		return -EFAULT;
	}
	if ((vma->vm_flags & VM_MAYSHARE) && vma->vm_file) {
		key->shared.inode = vma->vm_file->f_dentry->d_inode;
		key->shared.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
		key->both.offset++;
		get_futex_key_refs(key);
		up_read(&mm->mmap_sem);
		return 0;
	}
	up_read(&mm->mmap_sem);
private:
	key->private.mm = mm;
	key->private.address = address;
	get_futex_key_refs(key);
	return 0;
}

/* Wake up to nr waiters on key whose bitset shares a bit with bitset. Interrupts off. */
static int __futex_wake(const union futex_key *key, int nr, u32 bitset)
{
	struct futex_q *q, *n;
	struct list_head *head = hash_futex(key);
	int ret = 0;

	list_for_each_entry_safe(q, n, head, list) {
		if (!match_futex(&q->key, key) || !(q->bitset & bitset))
			continue;
		if (ret >= nr)
			break;
		list_del_init(&q->list);
		q->woken = 1;
		wake_up_process(q->task);
		ret++;
	}
	return ret;
}

static long futex_wake(u32 __user *uaddr, int fshared, int nr, u32 bitset)
{
	union futex_key key;
	unsigned long flags;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, fshared, &key);
	if (ret)
		return ret;
	local_irq_save(flags);
	ret = __futex_wake(&key, nr, bitset);
	local_irq_restore(flags);
	drop_futex_key_refs(&key);
	return ret;
}

/* mm_release(): one waiter on a dead thread's clear_child_tid (pthread_join). */
long futex_wake_tid(u32 __user *uaddr);
long futex_wake_tid(u32 __user *uaddr)
{
	return futex_wake(uaddr, 1, 1, FUTEX_BITSET_MATCH_ANY);
}

/* timeout: jiffies, MAX_SCHEDULE_TIMEOUT for none. */
static long futex_wait(u32 __user *uaddr, int fshared, u32 val, long timeout, u32 bitset)
{
	struct futex_q q;
	unsigned long flags;
	u32 uval;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, fshared, &q.key);
	if (ret)
		return ret;
	q.task = current;
	q.bitset = bitset;
	q.woken = 0;
	local_irq_save(flags);
	list_add_tail(&q.list, hash_futex(&q.key));
	__set_current_state(TASK_INTERRUPTIBLE);
	local_irq_restore(flags);

	/* Queued first: a wake from now on is not lost. */
	ret = get_user(uval, uaddr);
	if (!ret && uval != val)
		ret = -EAGAIN;
	if (!ret && !q.woken && !signal_pending(current))
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);

	local_irq_save(flags);
	if (!q.woken)
		list_del(&q.list);
	local_irq_restore(flags);
	drop_futex_key_refs(&q.key);	/* the key it was queued on last (a requeue moves it) */
	if (ret)
		return ret;
	if (q.woken)
		return 0;
	if (!timeout)
		return -ETIMEDOUT;
	/* A signal: restarted if there is no timeout to keep, else -EINTR. */
	return timeout == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

static long futex_requeue(u32 __user *uaddr, u32 __user *uaddr2, int fshared, int nr_wake,
			  int nr_requeue, const u32 *cmpval)
{
	union futex_key key1, key2;
	struct futex_q *q, *n;
	struct list_head *head1, *head2;
	unsigned long flags;
	u32 curval;
	int ret, woken = 0, moved = 0, i;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr, fshared, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, fshared, &key2);
	if (ret)
		goto out_key1;
	if (cmpval) {
		ret = get_user(curval, uaddr);
		if (!ret && curval != *cmpval)
			ret = -EAGAIN;
		if (ret)
			goto out;
	}
	head1 = hash_futex(&key1);
	head2 = hash_futex(&key2);
	local_irq_save(flags);
	list_for_each_entry_safe(q, n, head1, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (woken < nr_wake) {
			list_del_init(&q->list);
			q->woken = 1;
			wake_up_process(q->task);
			woken++;
		} else if (moved < nr_requeue) {
			/* The waiter drops key1's reference when it wakes: it holds key2's. */
			list_del(&q->list);
			q->key = key2;
			get_futex_key_refs(&key2);
			list_add_tail(&q->list, head2);
			moved++;
		} else {
			break;
		}
	}
	local_irq_restore(flags);
	for (i = 0; i < moved; i++)	/* the moved waiters' references on key1 */
		drop_futex_key_refs(&key1);
	ret = woken + moved;
out:
	drop_futex_key_refs(&key2);
out_key1:
	drop_futex_key_refs(&key1);
	return ret;
}

long timespec_to_jiffies_round_up(long long sec, long nsec);

long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 __user *uaddr2,
	      u32 val2, u32 val3);
long do_futex(u32 __user *uaddr, int op, u32 val, long timeout, u32 __user *uaddr2,
	      u32 val2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK, fshared = !(op & FUTEX_PRIVATE_FLAG);

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, fshared, val, timeout, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, fshared, val, timeout, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, fshared, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, fshared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, fshared, (int)val, (int)val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, fshared, (int)val, (int)val2, &val3);
	}
	return -ENOSYS;
}

void getnstimeofday(struct timespec *ts);
void do_posix_clock_monotonic_gettime(struct timespec *ts);

/*
 * The timeout of a wait: relative for FUTEX_WAIT, absolute for
 * FUTEX_WAIT_BITSET (against CLOCK_MONOTONIC, or CLOCK_REALTIME).
 * jiffies, or -errno.
 */
static long futex_timeout(int op, long long sec, long nsec)
{
	struct timespec now;
	long long ns;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if ((op & FUTEX_CMD_MASK) == FUTEX_WAIT_BITSET) {
		if (op & FUTEX_CLOCK_REALTIME)
			getnstimeofday(&now);
		else
			do_posix_clock_monotonic_gettime(&now);
		ns = (sec - now.tv_sec) * NSEC_PER_SEC + (nsec - now.tv_nsec);
		if (ns <= 0)
			return 0;
		sec = ns / NSEC_PER_SEC;
		nsec = ns % NSEC_PER_SEC;
	}
	return timespec_to_jiffies_round_up(sec, nsec);
}

static int futex_has_timeout(int op)
{
	int cmd = op & FUTEX_CMD_MASK;

	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
}

/* futex (i386 number 240): a 32-bit timespec; for the requeues utime is val2. */
long sys_futex_time32(u32 __user *uaddr, int op, u32 val, struct timespec __user *utime,
		      u32 __user *uaddr2, u32 val3)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;
	struct timespec ts;

	if (futex_has_timeout(op) && utime) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		timeout = futex_timeout(op, ts.tv_sec, ts.tv_nsec);
		if (timeout < 0)
			return timeout;
		if (!timeout)
			timeout = 0;
	}
	return do_futex(uaddr, op, val, timeout, uaddr2, (u32)(unsigned long)utime, val3);
}

/* futex_time64: the same with a 64-bit timespec. */
long sys_futex(u32 __user *uaddr, int op, u32 val, struct __kernel_timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;
	struct __kernel_timespec ts;

	if (futex_has_timeout(op) && utime) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		timeout = futex_timeout(op, ts.tv_sec, (long)ts.tv_nsec);
		if (timeout < 0)
			return timeout;
	}
	return do_futex(uaddr, op, val, timeout, uaddr2, (u32)(unsigned long)utime, val3);
}
