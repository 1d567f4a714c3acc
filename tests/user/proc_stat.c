/*
 * proc_stat.c - the /proc files ps, top, free and uptime read, in Linux
 * 6.1's formats: /proc/self/stat's 52 fields (ids, signal masks, memory
 * layout, times), /proc/meminfo's lines in order, /proc/uptime,
 * /proc/loadavg, /proc/stat; /proc lists processes, not threads or pid 0.
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <time.h>
#include "ktap.h"

static char buf[16384];
extern char __executable_start[], etext[], edata[];

static int slurp(const char *path)
{
	return read_file(path, buf, sizeof(buf));
}

/* The fields of /proc/self/stat after "(comm)", as numbers: f[3] is field 3 (state's letter). */
static unsigned long long f[53];
static int stat_fields(const char *path)
{
	char *p;
	int n = 3;

	if (slurp(path) <= 0 || !(p = strrchr(buf, ')')))
		return -1;
	p += 2;
	f[3] = (unsigned char)*p++;
	while (*p == ' ' && n < 52) {
		f[++n] = strtoull(p + 1, &p, 10);
	}
	return *p == '\n' ? n : -n;
}

static int tid_pipe[2], wait_pipe[2];
static void *sleeper(void *arg)
{
	long tid = syscall(SYS_gettid);
	char c;

	write(tid_pipe[1], &tid, sizeof(tid));
	read(wait_pipe[0], &c, 1);	/* never written: the thread waits */
	return arg;
}

static void on_usr1(int sig)
{
}

/* The names of /proc/meminfo's lines, a dozen to a diagnostic line. */
static void meminfo_names(void)
{
	char line[400] = "", *p = buf, *colon;
	size_t n = 0;
	int count = 0;

	slurp("/proc/meminfo");
	while ((colon = strchr(p, ':'))) {
		n += snprintf(line + n, sizeof(line) - n, " %.*s", (int)(colon - p), p);
		if (++count % 12 == 0) {
			diag("meminfo:%s", line);
			n = 0;
		}
		p = strchr(colon, '\n');
		if (!p)
			break;
		p++;
	}
	if (count % 12)
		diag("meminfo:%s", line);
}

int main(int argc, char **argv)
{
	unsigned long long before_utime, mem_total = 0, a, b;
	sigset_t set;
	struct sysinfo si;
	int n, i, found_self = 0, found_zero = 0, found_tid = 0;
	unsigned long up, idle, cs, l1, l5, l15;
	unsigned int running, total;
	char tail;
	int lastpid;
	long tid;
	pthread_t th;
	DIR *d;
	struct dirent *de;
	volatile unsigned long spin = 0;
	pid_t pid;

	plan(24);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	n = stat_fields("/proc/self/stat");
	ok_eq(n, 52, "/proc/self/stat has 52 fields");
	ok(f[4] == (unsigned)getppid() && f[5] == (unsigned)getpgrp() && f[6] == (unsigned)getsid(0),
	   "ppid, pgrp and session are ours");
	ok(f[3] == 'R' && f[20] == 1 && f[38] == SIGCHLD && f[52] == 0,
	   "running, one thread, exit signal SIGCHLD, exit code 0");
	ok(f[32] == 1UL << (SIGHUP - 1) && f[33] == 1UL << (SIGUSR2 - 1) && f[34] == 1UL << (SIGUSR1 - 1),
	   "blocked, ignored and caught signals");
	ok(f[26] <= (unsigned long)__executable_start + 0x1000 && f[27] >= (unsigned long)etext - 16 &&
	   f[27] <= (unsigned long)etext + 0x1000, "startcode and endcode bound the text");
	ok(f[45] <= (unsigned long)edata && f[46] >= (unsigned long)edata - 16 &&
	   f[47] >= f[46] && f[47] <= (unsigned long)sbrk(0), "start_data, end_data, start_brk");
	ok(f[48] == (unsigned long)argv[0] && f[49] == (unsigned long)argv[argc - 1] +
	   strlen(argv[argc - 1]) + 1 && f[50] == f[49], "arg_start, arg_end, env_start");
	ok(f[28] > f[48] - 0x100000 && f[28] < f[48], "startstack just below the strings");
	ok(f[23] > 0 && f[24] > 0 && f[24] * 4096 <= f[23], "vsize and rss");
	ok(f[25] == 0xffffffffULL, "rsslim RLIM_INFINITY");
	before_utime = f[14];
	sysinfo(&si);
	ok(f[22] <= (unsigned long long)si.uptime * 100 + 100, "start time in ticks since boot");
	for (i = 0; i < 200000000 && stat_fields("/proc/self/stat") == 52 && f[14] < before_utime + 2; i++)
		spin += i;
	ok(f[14] >= before_utime + 2, "utime grows as we run");

	/* /proc/uptime, /proc/loadavg, /proc/stat. */
	slurp("/proc/uptime");
	ok(sscanf(buf, "%lu.%2lu %lu.%2lu%c", &up, &cs, &idle, &cs, &tail) == 5 && tail == '\n' &&
	   up + 1 >= (unsigned long)si.uptime, "/proc/uptime: seconds up and idle");
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	slurp("/proc/loadavg");
	ok(sscanf(buf, "%lu.%2lu %lu.%2lu %lu.%2lu %u/%u %d%c", &l1, &cs, &l5, &cs, &l15, &cs,
		  &running, &total, &lastpid, &tail) == 10 && tail == '\n' && running >= 1 &&
	   total >= running && lastpid == pid, "/proc/loadavg: loads, running/total, last pid");
	slurp("/proc/stat");
	n = sscanf(buf, "cpu  %llu %*u %llu %*u %*u %*u %*u %*u %*u %*u\ncpu0 %*u", &a, &b);
	ok(n == 2, "/proc/stat: the cpu and cpu0 lines");
	{
		static const char *const keys[] = { "\nintr ", "\nctxt ", "\nbtime ", "\nprocesses ",
						    "\nprocs_running ", "\nprocs_blocked ", "\nsoftirq " };
		const char *p = buf;
		int in_order = 1;

		for (i = 0; i < 7; i++) {
			const char *q = strstr(p, keys[i]);

			in_order &= q != NULL;
			if (q)
				p = q + 1;
		}
		ok(in_order, "intr, ctxt, btime, processes, procs_running, procs_blocked, softirq");
	}
	{
		char *bt = strstr(buf, "\nbtime "), *pr = strstr(buf, "\nprocesses ");
		unsigned long btime = bt ? strtoul(bt + 7, NULL, 10) : 0;
		unsigned long procs = pr ? strtoul(pr + 11, NULL, 10) : 0, procs2;
		long boot = (long)time(NULL) - (long)si.uptime;

		ok(btime && (long)btime <= boot + 2 && (long)btime >= boot - 2,
		   "btime: the boot, in seconds since the epoch");
		pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		slurp("/proc/stat");
		pr = strstr(buf, "\nprocesses ");
		procs2 = pr ? strtoul(pr + 11, NULL, 10) : 0;
		ok(procs && procs2 == procs + 1, "processes counts a fork");
	}

	/* /proc/meminfo: Linux 6.1's lines, in its order; MemTotal is sysinfo's. */
	meminfo_names();
	slurp("/proc/meminfo");
	sscanf(buf, "MemTotal: %llu kB", &mem_total);
	ok(mem_total == (unsigned long long)si.totalram * si.mem_unit / 1024, "MemTotal is sysinfo's totalram");
	{
		unsigned long long free_kb = 0, avail = 0;
		char *p = strstr(buf, "\nMemFree:"), *q = strstr(buf, "\nMemAvailable:");

		if (p && q) {
			free_kb = strtoull(p + 9, NULL, 10);
			avail = strtoull(q + 14, NULL, 10);
		}
		ok(free_kb > 0 && free_kb < mem_total && avail > 0 && avail <= mem_total,
		   "MemFree and MemAvailable within MemTotal");
	}

	/* /proc lists processes: not pid 0, not a thread other than a leader. */
	pipe(tid_pipe);
	pipe(wait_pipe);
	pthread_create(&th, NULL, sleeper, NULL);
	read(tid_pipe[0], &tid, sizeof(tid));
	d = opendir("/proc");
	while (d && (de = readdir(d))) {
		found_self |= atoi(de->d_name) == getpid();
		found_zero |= !strcmp(de->d_name, "0");
		found_tid |= atoi(de->d_name) == tid;
	}
	if (d)
		closedir(d);
	ok(found_self && !found_zero, "/proc lists us, not pid 0");
	ok(!found_tid, "nor our thread");
	n = stat_fields("/proc/self/stat");
	ok(n == 52 && f[20] == 2, "num_threads counts the thread");
	snprintf(buf, sizeof(buf), "/proc/%ld/stat", tid);
	n = stat_fields(buf);
	ok(n == 52 && f[3] == 'S', "the thread's own stat, by its tid: sleeping");
	return done();
}
