/*
 * Resource limits (Linux's asm-generic/resource.h): the numbers and
 * struct rlimit user space sees, and the defaults a task starts with
 * (INIT_RLIMITS). The memory code reads RLIMIT_AS, RLIMIT_DATA,
 * RLIMIT_STACK and RLIMIT_MEMLOCK from current->rlim.
 */
#ifndef _MNEME_RESOURCE_H
#define _MNEME_RESOURCE_H

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
};

#define _STK_LIM		(8UL * 1024 * 1024)	/* 8 MB of stack */
#define MLOCK_LIMIT		(8UL * 1024 * 1024)	/* Linux 6.1's default */

/* What init_task has and every task inherits (Linux's INIT_RLIMITS, the memory ones). */
#define INIT_RLIMITS_INITIALIZER {					\
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_STACK] = { _STK_LIM, RLIM_INFINITY },	\
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },	\
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_NPROC] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_NOFILE] = { 1024, 4096 },	\
	[RLIMIT_MEMLOCK] = { MLOCK_LIMIT, MLOCK_LIMIT },	\
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_SIGPENDING] = { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },	\
	[RLIMIT_NICE] = { 0, 0 },	\
	[RLIMIT_RTPRIO] = { 0, 0 },	\
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },	\
}

#endif
