/*
 * proc_status_all.c - /proc/self/status line by line as Linux 6.1 has
 * it: the names in order, Umask, the four uids and gids (a child after
 * setresuid/setresgid), the signal masks, the capabilities of root and of
 * anyone else, Threads, the NS ids, one CPU.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include "ktap.h"

static char buf[8192];

static int slurp(const char *path)
{
	return read_file(path, buf, sizeof(buf));
}

/* The value of field name ("Uid"), up to the end of its line, in val. */
static const char *field(const char *name, char *val, size_t size)
{
	char key[40];
	const char *p;
	size_t n;

	snprintf(key, sizeof(key), "\n%s:\t", name);
	p = !strncmp(buf, key + 1, strlen(key + 1)) ? buf - 1 : strstr(buf, key);
	val[0] = 0;
	if (!p)
		return val;
	p += strlen(key);
	n = strcspn(p, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(val, p, n);
	val[n] = 0;
	return val;
}

static void line_names(void)
{
	char line[400] = "";
	const char *p = buf, *colon;
	int count = 0;

	while ((colon = strchr(p, ':'))) {
		size_t n = strlen(line);

		snprintf(line + n, sizeof(line) - n, " %.*s", (int)(colon - p), p);
		if (++count % 10 == 0) {
			diag("status:%s", line);
			line[0] = 0;
		}
		p = strchr(colon, '\n');
		if (!p)
			break;
		p++;
	}
	if (line[0])
		diag("status:%s", line);
}

static void on_usr1(int sig)
{
}

static void *sleeper(void *arg)
{
	pause();
	return arg;
}

int main(void)
{
	char v[128];
	sigset_t set;
	pthread_t th;
	pid_t pid;

	plan(13);
	umask(027);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, 40);
	sigprocmask(SIG_BLOCK, &set, NULL);
	slurp("/proc/self/status");
	line_names();
	ok(!strcmp(field("Umask", v, sizeof(v)), "0027"), "Umask 0027");
	ok(!strcmp(field("Uid", v, sizeof(v)), "0\t0\t0\t0") && !strcmp(field("Gid", v, sizeof(v)), "0\t0\t0\t0"),
	   "Uid and Gid: root's four");
	ok(!strcmp(field("SigBlk", v, sizeof(v)), "0000008000000001"), "SigBlk: SIGHUP and signal 40");
	ok(!strcmp(field("SigIgn", v, sizeof(v)), "0000000000000800") &&
	   !strcmp(field("SigCgt", v, sizeof(v)), "0000000000000200"), "SigIgn SIGUSR2, SigCgt SIGUSR1");
	ok(!strcmp(field("SigPnd", v, sizeof(v)), "0000000000000000") &&
	   !strcmp(field("ShdPnd", v, sizeof(v)), "0000000000000000"), "nothing pending");
	raise(SIGHUP);
	slurp("/proc/self/status");
	ok(!strcmp(field("SigPnd", v, sizeof(v)), "0000000000000001") && !strncmp(field("SigQ", v, sizeof(v)), "1/", 2),
	   "a blocked SIGHUP raised: pending for the thread, one queued");
	kill(getpid(), SIGHUP);
	slurp("/proc/self/status");
	ok(!strcmp(field("ShdPnd", v, sizeof(v)), "0000000000000001") && !strncmp(field("SigQ", v, sizeof(v)), "2/", 2),
	   "and one killed: pending for the process, two queued");
	ok(!strcmp(field("CapEff", v, sizeof(v)), "000001ffffffffff") &&
	   !strcmp(field("CapBnd", v, sizeof(v)), "000001ffffffffff"), "root's capabilities");
	ok(atoi(field("NSpid", v, sizeof(v))) == getpid() && atoi(field("NStgid", v, sizeof(v))) == getpid(),
	   "NSpid and NStgid are the pid");
	ok(!strcmp(field("Cpus_allowed_list", v, sizeof(v)), "0"), "one CPU");

	pid = fork();
	if (pid == 0) {
		int bad = 0;

		setresgid(65534, 65533, 65532);
		setresuid(65534, 65533, 65532);
		slurp("/proc/self/status");
		bad |= strcmp(field("Uid", v, sizeof(v)), "65534\t65533\t65532\t65533");
		bad |= strcmp(field("Gid", v, sizeof(v)), "65534\t65533\t65532\t65533") << 1;
		bad |= strcmp(field("CapEff", v, sizeof(v)), "0000000000000000") << 2;
		_exit(bad ? 1 : 0);
	}
	want_status(pid, "exit 0", "a child's uids and gids after setresuid, no capabilities");
	pthread_create(&th, NULL, sleeper, NULL);
	usleep(10000);
	slurp("/proc/self/status");
	ok_eq(atoi(field("Threads", v, sizeof(v))), 2, "Threads: 2 with a thread");
	slurp("/proc/1/status");
	ok(!strcmp(field("PPid", v, sizeof(v)), "0") && !strcmp(field("TracerPid", v, sizeof(v)), "0"),
	   "init's status: PPid 0, no tracer");
	return done();
}
