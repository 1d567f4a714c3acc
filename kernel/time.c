/*
 * Time for user space (Linux's kernel/time.c, kernel/itimer.c,
 * kernel/hrtimer.c's nanosleep, reduced to the tick): the clocks,
 * sleeping, the ITIMER_REAL timer, times().
 *
 * Every clock counts jiffies (HZ = 1000: a millisecond resolution,
 * which clock_getres() reports):
 *   CLOCK_MONOTONIC, _RAW, _COARSE, CLOCK_BOOTTIME  time since boot
 *   CLOCK_REALTIME, _COARSE  the CMOS real-time clock read at the first
 *        use (UTC, as QEMU's RTC keeps it by default), plus time since
 *   CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID  the ticks charged
 *        to the process's threads / to the thread (arch/x86/time.c)
 * Sleeps end on the first tick at or after their end (never early).
 * A sleep a signal interrupts returns -EINTR with the time left after a
 * handler ran, and is restarted for the rest (restart_syscall) if none
 * ran, as Linux does. ITIMER_VIRTUAL and ITIMER_PROF are not
 * implemented: -EINVAL.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <jiffies.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <time.h>
#include <timer.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

#define NSEC_PER_JIFFY	(NSEC_PER_SEC / HZ)

static long long boot_realtime;		/* seconds since the epoch at jiffies == INITIAL_JIFFIES */
static int rtc_done;

/* ---- The CMOS real-time clock (MC146818: ports 0x70/0x71). ---- */

static unsigned int cmos_read(unsigned int reg)
{
	outb(reg, 0x70);
	return inb(0x71);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to year-mon-day (Linux's mktime64()). */
static long long mktime64(unsigned int year, unsigned int mon, unsigned int day,
			  unsigned int hour, unsigned int min, unsigned int sec)
{
	if (0 >= (int)(mon -= 2)) {	/* March first: February's leap day last */
		mon += 12;
		year -= 1;
	}
	return ((((long long)(year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day) +
		  year * 365 - 719499) * 24 + hour) * 60 + min) * 60 + sec;
}

/* The RTC's time, read twice until stable and not during an update (UIP). */
static long long read_persistent_clock(void)
{
	unsigned int sec, min, hour, day, mon, year, regb, century = 20;
	int tries = 3;

	do {
		while (cmos_read(0x0a) & 0x80)		/* update in progress */
			cpu_relax();
		sec = cmos_read(0x00);
		min = cmos_read(0x02);
		hour = cmos_read(0x04);
		day = cmos_read(0x07);
		mon = cmos_read(0x08);
		year = cmos_read(0x09);
	} while (sec != cmos_read(0x00) && --tries);
	regb = cmos_read(0x0b);
	if (!(regb & 0x04)) {			/* BCD */
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour & 0x7f) | (hour & 0x80);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
	}
	if (!(regb & 0x02) && (hour & 0x80))	/* 12-hour clock, PM */
		hour = ((hour & 0x7f) % 12) + 12;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return 0;			/* no sane RTC: the epoch */
	return mktime64(century * 100 + year, mon, day, hour, min, sec);
}

void time_init_rtc(void)
{
	unsigned long flags;
	long long now;

	local_irq_save(flags);
	if (!rtc_done) {
		now = read_persistent_clock();
		boot_realtime = now - (long long)(get_jiffies_64() - INITIAL_JIFFIES) / HZ;
		rtc_done = 1;
	}
	local_irq_restore(flags);
}

/* ---- The clocks. ---- */

static void jiffies_to_ts(u64 j, struct timespec *ts)
{
	ts->tv_sec = (long)(j / HZ);
	ts->tv_nsec = (long)(j % HZ) * NSEC_PER_JIFFY;
}

void jiffies_to_timeval(unsigned long j, struct timeval *tv)
{
	tv->tv_sec = j / HZ;
	tv->tv_usec = (j % HZ) * (USEC_PER_SEC / HZ);
}

void do_posix_clock_monotonic_gettime(struct timespec *ts)
{
	jiffies_to_ts(get_jiffies_64() - INITIAL_JIFFIES, ts);
}

void getnstimeofday(struct timespec *ts)
{
	if (!rtc_done)
		time_init_rtc();
	do_posix_clock_monotonic_gettime(ts);
	ts->tv_sec += (long)boot_realtime;
}

/*
 * The wall clock's seconds (2.6's get_seconds(), xtime.tv_sec): what
 * file time stamps take on every read and write, so the 64-bit division
 * of getnstimeofday() is kept for the day jiffies since boot outgrow 32
 * bits (49 days at HZ 1000).
 */
long get_seconds(void)
{
	u64 j;

	if (!rtc_done)
		time_init_rtc();
	j = get_jiffies_64() - INITIAL_JIFFIES;
	if (j >> 32) {
		struct timespec ts;

		getnstimeofday(&ts);
		return ts.tv_sec;
	}
	return (long)boot_realtime + (long)((unsigned long)j / HZ);
}

/* jiffies for a relative time, rounded up (a sleep never ends early), capped. */
long timespec_to_jiffies_round_up(long long sec, long nsec)
{
	unsigned long long j;

	/* Capped at a quarter of the jiffies range: expiries stay comparable with jiffies. */
	if (sec >= (long long)(MAX_SCHEDULE_TIMEOUT / 2 / HZ) - 1)
		return MAX_SCHEDULE_TIMEOUT / 2;
	j = (unsigned long long)sec * HZ + (nsec + NSEC_PER_JIFFY - 1) / NSEC_PER_JIFFY;
	return (long)j;
}

static unsigned long process_cputime(struct task_struct *tsk)
{
	struct task_struct *t = tsk;
	unsigned long sum = tsk->signal->utime + tsk->signal->stime;

	do {
		sum += t->utime + t->stime;
		t = next_thread(t);
	} while (t != tsk);
	return sum;
}

static int do_clock_gettime(int which, struct timespec *ts)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		getnstimeofday(ts);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		do_posix_clock_monotonic_gettime(ts);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		jiffies_to_ts(process_cputime(current), ts);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		jiffies_to_ts(current->utime + current->stime, ts);
		return 0;
	}
	return -EINVAL;
}

long sys_clock_gettime32(int which, struct timespec __user *tp)
{
	struct timespec ts;
	int err = do_clock_gettime(which, &ts);

	if (err)
		return err;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime(int which, struct __kernel_timespec __user *tp)
{
	struct __kernel_timespec kts;
	struct timespec ts;
	int err = do_clock_gettime(which, &ts);

	if (err)
		return err;
	kts.tv_sec = ts.tv_sec;
	kts.tv_nsec = ts.tv_nsec;
	return copy_to_user(tp, &kts, sizeof(kts)) ? -EFAULT : 0;
}

static int clock_valid(int which)
{
	struct timespec ts;

	return do_clock_gettime(which, &ts) == 0;
}

long sys_clock_getres_time32(int which, struct timespec __user *tp)
{
	struct timespec ts = { 0, NSEC_PER_JIFFY };

	if (!clock_valid(which))
		return -EINVAL;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_clock_getres(int which, struct __kernel_timespec __user *tp)
{
	struct __kernel_timespec ts = { 0, NSEC_PER_JIFFY };

	if (!clock_valid(which))
		return -EINVAL;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(struct timeval __user *tv, struct timezone __user *tz)
{
	struct timespec ts;
	struct timeval t;
	struct timezone z = { 0, 0 };

	if (tv) {
		getnstimeofday(&ts);
		t.tv_sec = ts.tv_sec;
		t.tv_usec = ts.tv_nsec / NSEC_PER_USEC;
		if (copy_to_user(tv, &t, sizeof(t)))
			return -EFAULT;
	}
	if (tz && copy_to_user(tz, &z, sizeof(z)))
		return -EFAULT;
	return 0;
}

long sys_time32(long __user *tloc)
{
	struct timespec ts;

	getnstimeofday(&ts);
	if (tloc && put_user(ts.tv_sec, tloc))
		return -EFAULT;
	return ts.tv_sec;
}

/* ---- Sleeping. ---- */

struct sleep_rem {
	void __user *rmtp;
	int is64;
};

static int put_remaining(void __user *rmtp, int is64, long left)
{
	struct timespec ts;
	struct __kernel_timespec kts;

	if (!rmtp)
		return 0;
	if (left < 0)
		left = 0;
	jiffies_to_ts(left, &ts);
	if (is64) {
		kts.tv_sec = ts.tv_sec;
		kts.tv_nsec = ts.tv_nsec;
		return copy_to_user(rmtp, &kts, sizeof(kts)) ? -EFAULT : 0;
	}
	return copy_to_user(rmtp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * Sleep until jiffies reaches expires (interruptibly). 0 when it did;
 * -ERESTART_RESTARTBLOCK after writing the time left to rmtp when a
 * signal came (restart_block holds the rest: restart_syscall() goes on).
 */
static long do_nanosleep_until(unsigned long expires, void __user *rmtp, int is64, int abs);

static long nanosleep_restart(struct restart_block *restart)
{
	return do_nanosleep_until(restart->arg0, (void __user *)restart->arg1, restart->arg2,
				  restart->arg3);
}

static long do_nanosleep_until(unsigned long expires, void __user *rmtp, int is64, int abs)
{
	struct restart_block *restart;
	long left;

	for (;;) {
		left = (long)(expires - jiffies);
		if (left <= 0)
			return 0;
		if (signal_pending(current))
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(left);
	}
	/* An absolute sleep has nothing to report: it ends at the same time anyway. */
	if (!abs && put_remaining(rmtp, is64, left))
		return -EFAULT;
	restart = &current->restart_block;
	restart->fn = nanosleep_restart;
	restart->arg0 = expires;
	restart->arg1 = (unsigned long)rmtp;
	restart->arg2 = is64;
	restart->arg3 = abs;
	return -ERESTART_RESTARTBLOCK;
}

static long do_nanosleep(int which, int flags, long long sec, long nsec, void __user *rmtp,
			 int is64)
{
	struct timespec now;
	long long ns;
	long j;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (flags & TIMER_ABSTIME) {
		if (do_clock_gettime(which, &now))
			return -EINVAL;
		ns = (sec - now.tv_sec) * NSEC_PER_SEC + (nsec - now.tv_nsec);
		if (ns <= 0)
			return 0;
		j = timespec_to_jiffies_round_up(ns / NSEC_PER_SEC, ns % NSEC_PER_SEC);
	} else {
		j = timespec_to_jiffies_round_up(sec, nsec);
	}
	/* +1: the current tick is partly over, and a sleep must not end early. */
	return do_nanosleep_until(jiffies + j + 1, rmtp, is64, flags & TIMER_ABSTIME);
}

long sys_nanosleep_time32(struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	struct timespec ts;

	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	return do_nanosleep(CLOCK_MONOTONIC, 0, ts.tv_sec, ts.tv_nsec, rmtp, 0);
}

static int nanosleep_clock_ok(int which)
{
	return which == CLOCK_REALTIME || which == CLOCK_MONOTONIC || which == CLOCK_BOOTTIME;
}

/* clock_nanosleep returns the error instead of setting errno: the value itself. */
long sys_clock_nanosleep_time32(int which, int flags, struct timespec __user *rqtp,
				struct timespec __user *rmtp)
{
	struct timespec ts;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (!nanosleep_clock_ok(which))
		return clock_valid(which) ? -EOPNOTSUPP : -EINVAL;
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	return do_nanosleep(which, flags, ts.tv_sec, ts.tv_nsec, rmtp, 0);
}

long sys_clock_nanosleep(int which, int flags, struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	struct __kernel_timespec ts;

	if (which == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (!nanosleep_clock_ok(which))
		return clock_valid(which) ? -EOPNOTSUPP : -EINVAL;
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	return do_nanosleep(which, flags, ts.tv_sec, (long)ts.tv_nsec, rmtp, 1);
}

/* ---- ITIMER_REAL (ULK 6.6: the interval timer of the group, SIGALRM). ---- */

void it_real_fn(unsigned long data)
{
	struct signal_struct *sig = (struct signal_struct *)data;

	group_send_sig_info(SIGALRM, SEND_SIG_PRIV, sig->tsk);
	if (sig->it_real_incr)
		mod_timer(&sig->real_timer, jiffies + sig->it_real_incr);
}

static unsigned long timeval_to_jiffies_up(const struct timeval *tv)
{
	return timespec_to_jiffies_round_up(tv->tv_sec, tv->tv_usec * NSEC_PER_USEC);
}

static void get_it_real(struct itimerval *value)
{
	struct signal_struct *sig = current->signal;
	long left = 0;

	if (timer_pending(&sig->real_timer)) {
		left = (long)(sig->real_timer.expires - jiffies);
		if (left <= 0)
			left = 1;	/* due: it is not over yet */
	}
	jiffies_to_timeval(left, &value->it_value);
	jiffies_to_timeval(sig->it_real_incr, &value->it_interval);
}

static int do_getitimer(int which, struct itimerval *value)
{
	if (which != ITIMER_REAL)
		return -EINVAL;
	get_it_real(value);
	return 0;
}

static int timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < USEC_PER_SEC;
}

static int do_setitimer(int which, struct itimerval *value, struct itimerval *ovalue)
{
	struct signal_struct *sig = current->signal;
	unsigned long j;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (!timeval_valid(&value->it_value) || !timeval_valid(&value->it_interval))
		return -EINVAL;
	if (ovalue)
		get_it_real(ovalue);
	del_timer(&sig->real_timer);
	sig->it_real_incr = timeval_to_jiffies_up(&value->it_interval);
	j = timeval_to_jiffies_up(&value->it_value);
	if (j) {
		sig->tsk = current->group_leader;
		mod_timer(&sig->real_timer, jiffies + j + 1);
	}
	return 0;
}

long sys_getitimer(int which, struct itimerval __user *value)
{
	struct itimerval v;
	int err = do_getitimer(which, &v);

	if (err)
		return err;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue)
{
	struct itimerval v, ov;
	int err;

	if (value) {
		if (copy_from_user(&v, value, sizeof(v)))
			return -EFAULT;
	} else {
		memset(&v, 0, sizeof(v));	/* Linux: NULL disarms */
	}
	err = do_setitimer(which, &v, &ov);
	if (err)
		return err;
	if (ovalue && copy_to_user(ovalue, &ov, sizeof(ov)))
		return -EFAULT;
	return 0;
}

/* alarm(): ITIMER_REAL once; the seconds left of the previous one (rounded, at least 1). */
long sys_alarm(unsigned int seconds)
{
	struct itimerval it, old;
	long ret;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	do_setitimer(ITIMER_REAL, &it, &old);
	ret = old.it_value.tv_sec;
	if ((!ret && old.it_value.tv_usec) || old.it_value.tv_usec >= 500000)
		ret++;
	return ret;
}

/* ---- times(). ---- */


long sys_times(struct tms __user *tbuf)
{
	struct task_struct *t = current;
	unsigned long ut = current->signal->utime, st = current->signal->stime;
	struct tms tmp;

	if (tbuf) {
		do {
			ut += t->utime;
			st += t->stime;
			t = next_thread(t);
		} while (t != current);
		tmp.tms_utime = jiffies_to_clock_t(ut);
		tmp.tms_stime = jiffies_to_clock_t(st);
		tmp.tms_cutime = jiffies_to_clock_t(current->signal->cutime);
		tmp.tms_cstime = jiffies_to_clock_t(current->signal->cstime);
		if (copy_to_user(tbuf, &tmp, sizeof(tmp)))
			return -EFAULT;
	}
	return jiffies_to_clock_t(jiffies - INITIAL_JIFFIES);
}
