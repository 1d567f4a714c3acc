/*
 * Time as user space sees it (linux/time.h, linux/time_types.h,
 * linux/resource.h): checked against Linux's UAPI headers by
 * tests/uapi/. kernel/time.c keeps the clocks.
 */
#ifndef _MNEME_TIME_H
#define _MNEME_TIME_H

#include <types.h>

struct timespec {
	long tv_sec;
	long tv_nsec;
};

/* The 64-bit-time twin (clock_gettime64 and friends): struct __kernel_timespec. */
struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

struct timeval {
	long tv_sec;
	long tv_usec;
};

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

struct tms {
	long tms_utime;
	long tms_stime;
	long tms_cutime;
	long tms_cstime;
};

/* getrusage(), wait4(): times and counters; Mneme fills the times and the context switches. */
struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss;
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;
	long ru_majflt;
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};

/* sysinfo() (linux/sysinfo.h). */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define TIMER_ABSTIME			0x01

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_USEC	1000L
#define USEC_PER_SEC	1000000L

struct task_struct;
/* kernel/time.c */
void jiffies_to_timeval(unsigned long j, struct timeval *tv);
void getnstimeofday(struct timespec *ts);
long get_seconds(void);
void do_posix_clock_monotonic_gettime(struct timespec *ts);
void time_init_rtc(void);
/* jiffies for a relative time, rounded up (a sleep never ends early), capped. */
long timespec_to_jiffies_round_up(long long sec, long nsec);
/* ITIMER_REAL's timer function: SIGALRM to the group, rearmed for an interval. */
void it_real_fn(unsigned long data);

#endif
