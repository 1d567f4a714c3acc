/*
 * poll, ppoll, select and pselect6 (Linux's fs/select.c, reduced): one
 * pass asks every file's ->poll() for its ready mask and, the first
 * time, has it register the caller on the wait queues that may change
 * it (poll_wait -> __pollwait); if nothing is ready the caller sleeps
 * until one of them wakes it, the timeout ends or a signal comes, and
 * asks again. The task is TASK_INTERRUPTIBLE before each pass, so a
 * wake-up between a pass and schedule() is not lost. A file without
 * ->poll() (a RAM file, /dev/null, /proc) is always ready.
 */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <jiffies.h>
#include <poll.h>
#include <resource.h>
#include <sched.h>
#include <signal.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <time.h>
#include <vmalloc.h>
#include <asm/uaccess.h>

/* One wait-queue registration of the caller. */
struct poll_table_entry {
	struct file *filp;
	wait_queue_t wait;
	wait_queue_head_t *wait_address;
};

#define POLL_ENTRIES_PER_PAGE	((PAGE_SIZE - sizeof(void *)) / sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;
	struct poll_table_entry entries[];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;		/* -ENOMEM: an entry could not be made */
};

static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_page *page = pwq->table;
	struct poll_table_entry *entry;

	if (!page || page->nr >= POLL_ENTRIES_PER_PAGE - 1) {
		struct poll_table_page *new = kmalloc(PAGE_SIZE, GFP_KERNEL);

		if (!new) {
			pwq->error = -ENOMEM;
			return;
		}
		new->nr = 0;
		new->next = page;
		pwq->table = page = new;
	}
	entry = &page->entries[page->nr++];
	get_file(filp);
	entry->filp = filp;
	entry->wait_address = wait_address;
	entry->wait.flags = 0;
	entry->wait.task = current;
	entry->wait.func = default_wake_function;
	INIT_LIST_HEAD(&entry->wait.task_list);
	add_wait_queue(wait_address, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt.qproc = __pollwait;
	pwq->table = NULL;
	pwq->error = 0;
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *page = pwq->table, *next;
	unsigned int i;

	for (; page; page = next) {
		next = page->next;
		for (i = 0; i < page->nr; i++) {
			remove_wait_queue(page->entries[i].wait_address, &page->entries[i].wait);
			fput(page->entries[i].filp);
		}
		kfree(page);
	}
}

/* A file's ready mask (wait registered through pt if not NULL). */
static unsigned int file_poll(struct file *file, poll_table *pt)
{
	return file->f_op && file->f_op->poll ? file->f_op->poll(file, pt) : DEFAULT_POLLMASK;
}

/* Sleep until woken or the timeout (jiffies) ends; what is left of it. */
static long poll_schedule(long timeout)
{
	if (signal_pending(current)) {
		__set_current_state(TASK_RUNNING);
		return timeout;
	}
	return schedule_timeout(timeout);
}

/* poll over fds[0..nfds): the number with events, or -EINTR. */
static int do_poll(struct pollfd *fds, unsigned int nfds, long timeout)
{
	struct poll_wqueues table;
	poll_table *pt;
	unsigned int i;
	int count;

	poll_initwait(&table);
	pt = &table.pt;
	if (!timeout)
		pt = NULL;
	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (i = 0; i < nfds; i++) {
			struct file *file;
			unsigned int mask = 0;

			if (fds[i].fd >= 0) {
				file = fget(fds[i].fd);
				mask = POLLNVAL;
				if (file) {
					mask = file_poll(file, pt);
					/* Asked for or not, errors and hang-ups are reported. */
					mask &= (unsigned short)fds[i].events | POLLERR | POLLHUP;
					fput(file);
				}
			}
			fds[i].revents = mask;
			if (mask) {
				count++;
				pt = NULL;	/* no more registrations: we will not sleep */
			}
		}
		pt = NULL;
		if (count || !timeout || table.error)
			break;
		if (signal_pending(current)) {
			count = -EINTR;
			break;
		}
		timeout = poll_schedule(timeout);
	}
	__set_current_state(TASK_RUNNING);
	poll_freewait(&table);
	return count ? count : table.error;
}

#define POLL_STACK_FDS	32

static long poll_user(struct pollfd __user *ufds, unsigned int nfds, long timeout)
{
	struct pollfd stack_fds[POLL_STACK_FDS], *fds = stack_fds;
	unsigned long size;
	long ret;
	unsigned int i;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	size = (unsigned long)nfds * sizeof(struct pollfd);
	if (nfds > POLL_STACK_FDS) {
		/* Up to RLIMIT_NOFILE's ceiling (nr_open, 8 MB of pollfds): vmalloc, not contiguous pages. */
		fds = vmalloc(size);
		if (!fds)
			return -ENOMEM;
	}
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, size))
		goto out;
	ret = do_poll(fds, nfds, timeout);
	if (ret == -EINTR)
		ret = -ERESTARTNOHAND;	/* restarted if no handler ran (Linux's restart_block) */
	/* revents go back even after an interruption, as Linux's. */
	for (i = 0; i < nfds; i++)
		if (__put_user(fds[i].revents, &ufds[i].revents) && ret >= 0)
			ret = -EFAULT;
out:
	if (fds != stack_fds)
		vfree(fds);
	return ret;
}

/* A timeout in jiffies from seconds and nanoseconds: -EINVAL if negative or out of range. */
static long timeout_from_ts(long long sec, long long nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return timespec_to_jiffies_round_up(sec, (long)nsec);
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (timeout_msecs >= 0)
		timeout = msecs_to_jiffies(timeout_msecs) + (timeout_msecs ? 1 : 0);
	return poll_user(ufds, nfds, timeout);
}

/*
 * The signal mask of ppoll/pselect6 for the duration of the call: the
 * old one is put back on return, or after the handler if the call was
 * interrupted (TIF_RESTORE_SIGMASK, as sigsuspend does).
 */
static int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t mask;
	unsigned long flags;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	sigdelsetmask(&mask, sigmask(SIGKILL) | sigmask(SIGSTOP));
	local_irq_save(flags);
	current->saved_sigmask = current->blocked;
	current->blocked = mask;
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
	return 1;
}

static void restore_user_sigmask(int set, long ret)
{
	unsigned long flags;

	if (!set)
		return;
	if (ret == -ERESTARTNOHAND || ret == -EINTR) {
		set_thread_flag(TIF_RESTORE_SIGMASK);
		return;
	}
	local_irq_save(flags);
	current->blocked = current->saved_sigmask;
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
}

static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, long timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize)
{
	int set;
	long ret;

	if (timeout < 0)
		return timeout;
	set = set_user_sigmask(sigmask, sigsetsize);
	if (set < 0)
		return set;
	ret = poll_user(ufds, nfds, timeout);
	if (ret == -ERESTARTNOHAND)
		ret = -EINTR;	/* ppoll is never restarted: its mask and timeout are the caller's */
	restore_user_sigmask(set, ret);
	return ret;
}

/* A timeout in jiffies from a user timespec (NULL: none), or -errno. */
static long timeout_time32(struct timespec __user *tsp)
{
	struct timespec ts;

	if (!tsp)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return timeout_from_ts(ts.tv_sec, ts.tv_nsec);
}

static long timeout_time64(struct __kernel_timespec __user *tsp)
{
	struct __kernel_timespec ts;

	if (!tsp)
		return MAX_SCHEDULE_TIMEOUT;
	if (copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return timeout_from_ts(ts.tv_sec, ts.tv_nsec);
}

long sys_ppoll_time32(struct pollfd __user *ufds, unsigned int nfds,
		      struct timespec __user *tsp, const sigset_t __user *sigmask, size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, timeout_time32(tsp), sigmask, sigsetsize);
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct __kernel_timespec __user *tsp, const sigset_t __user *sigmask,
	       size_t sigsetsize)
{
	return do_ppoll(ufds, nfds, timeout_time64(tsp), sigmask, sigsetsize);
}

/*
 * select: the three fd_set bitmaps (n bits, in longs) become one poll
 * pass over the descriptors set in any of them; a descriptor that is
 * not open is -EBADF, as Linux's max_select_fd() finds.
 */
#define FDS_BYTES(n)	(((n) + 31) / 32 * 4)
#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

static long do_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		      unsigned long __user *exp, long timeout)
{
	unsigned long *bits, *in, *out, *ex, *rin, *rout, *rex;
	struct pollfd *fds;
	unsigned int nfds = 0, i, bytes;
	long ret;
	int fd;

	if (n < 0)
		return -EINVAL;
	/* Bits past the descriptor table are ignored (Linux's max_fds). */
	if (n > NR_OPEN_DEFAULT)
		n = NR_OPEN_DEFAULT;
	bytes = FDS_BYTES(n);
	bits = kzalloc(6 * bytes + sizeof(long), GFP_KERNEL);
	fds = kmalloc((n ? n : 1) * sizeof(*fds), GFP_KERNEL);
	ret = -ENOMEM;
	if (!bits || !fds)
		goto out;
	in = bits;
	out = in + bytes / sizeof(long);
	ex = out + bytes / sizeof(long);
	rin = ex + bytes / sizeof(long);
	rout = rin + bytes / sizeof(long);
	rex = rout + bytes / sizeof(long);
	ret = -EFAULT;
	if ((inp && copy_from_user(in, inp, bytes)) || (outp && copy_from_user(out, outp, bytes)) ||
	    (exp && copy_from_user(ex, exp, bytes)))
		goto out;
	for (fd = 0; fd < n; fd++) {
		short events = 0;
		struct file *file;

		if (test_bit(fd, in))
			events |= POLLIN_SET;
		if (test_bit(fd, out))
			events |= POLLOUT_SET;
		if (test_bit(fd, ex))
			events |= POLLEX_SET;
		if (!events)
			continue;
		file = fget(fd);
		ret = -EBADF;
		if (!file)
			goto out;
		fput(file);
		fds[nfds].fd = fd;
		fds[nfds].events = events;
		nfds++;
	}
	ret = do_poll(fds, nfds, timeout);
	if (ret < 0)
		goto out;
	ret = 0;
	for (i = 0; i < nfds; i++) {
		unsigned int m = fds[i].revents;
		int fd = fds[i].fd;

		if ((m & POLLIN_SET) && test_bit(fd, in)) {
			__set_bit(fd, rin);
			ret++;
		}
		if ((m & POLLOUT_SET) && test_bit(fd, out)) {
			__set_bit(fd, rout);
			ret++;
		}
		if ((m & POLLEX_SET) && test_bit(fd, ex)) {
			__set_bit(fd, rex);
			ret++;
		}
	}
	if ((inp && copy_to_user(inp, rin, bytes)) || (outp && copy_to_user(outp, rout, bytes)) ||
	    (exp && copy_to_user(exp, rex, bytes)))
		ret = -EFAULT;
out:
	kfree(fds);
	kfree(bits);
	return ret;
}

/* _newselect: a struct timeval, written back with what is left (Linux does). */
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp)
{
	struct timeval tv;
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	unsigned long start = jiffies;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* Linux folds whole seconds out of a large tv_usec. */
		timeout = timeout_from_ts(tv.tv_sec + tv.tv_usec / USEC_PER_SEC,
					  (tv.tv_usec % USEC_PER_SEC) * NSEC_PER_USEC);
		if (timeout < 0)
			return timeout;
	}
	ret = do_select(n, inp, outp, exp, timeout);
	if (tvp && timeout != MAX_SCHEDULE_TIMEOUT) {
		long left = timeout - (long)(jiffies - start);

		jiffies_to_timeval(left > 0 ? left : 0, &tv);
		if (copy_to_user(tvp, &tv, sizeof(tv)) && ret >= 0)
			ret = -EFAULT;
	}
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

/* pselect6's sixth argument: the mask's address and size, together. */
struct sigset_argpack {
	sigset_t __user *p;
	size_t size;
};

static long do_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
			unsigned long __user *exp, long timeout, void __user *sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	int set = 0;
	long ret;

	if (timeout < 0)
		return timeout;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	if (pack.p) {
		set = set_user_sigmask(pack.p, pack.size);
		if (set < 0)
			return set;
	}
	ret = do_select(n, inp, outp, exp, timeout);
	restore_user_sigmask(set, ret);
	return ret;
}

long sys_pselect6_time32(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct timespec __user *tsp, void __user *sig)
{
	return do_pselect6(n, inp, outp, exp, timeout_time32(tsp), sig);
}

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct __kernel_timespec __user *tsp, void __user *sig)
{
	return do_pselect6(n, inp, outp, exp, timeout_time64(tsp), sig);
}
