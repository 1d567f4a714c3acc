/*
 * System calls about the task and the system that need nothing else
 * (Linux's kernel/sys.c): ids (pid, tgid, parent, process group,
 * session, user and group ids), uname, resource limits, getrusage,
 * sysinfo, reboot.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <syscalls.h>
#include <sched.h>
#include <utsname.h>
#include <version.h>
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <asm/reboot.h>
#include <jiffies.h>
#include <mm.h>
#include <kernel_stat.h>
#include <signal.h>
#include <time.h>

/* The process id is the thread group's (its leader's pid); gettid() the thread's own. */
long sys_getpid(void)
{
	return current->tgid;
}

long sys_gettid(void)
{
	return current->pid;
}

/*
 * uname(). Mneme answers as Linux does, deliberately: the programs it
 * runs are unmodified Linux binaries, and C libraries and programs
 * look at these strings (sysname "Linux" is what they expect; glibc
 * refuses to start on a release older than it supports). So:
 *   sysname     "Linux"
 *   nodename    "(none)", Linux's default before sethostname()
 *   release     "<major>.<minor>.0-mneme": the Linux system-call ABI
 *               Mneme implements, that of the UAPI headers its numbers
 *               come from (linux-libc-dev; the Makefile reads their
 *               linux/version.h), not the book's 2.6.11, whose ABI
 *               lacks calls musl uses (statx, clock_gettime64 ...)
 *   version     "#1 Mneme <build>"
 *   machine     "i486", "i586" or "i686" from the CPU's family, as
 *               Linux 6.1 sets it (families above 6 report i686)
 *   domainname  "(none)"
 * A program's output that includes the release or version differs
 * between kernels anyway; the user-program suite prints neither.
 */
void get_utsname(struct new_utsname *name)
{
	unsigned int family = boot_cpu_data.x86 > 6 ? 6 : boot_cpu_data.x86;

	memset(name, 0, sizeof(*name));
	strlcpy(name->sysname, "Linux", sizeof(name->sysname));
	strlcpy(name->nodename, "(none)", sizeof(name->nodename));
	strlcpy(name->release, UTS_RELEASE, sizeof(name->release));
	strlcpy(name->version, "#1 Mneme " MNEME_VERSION, sizeof(name->version));
	snprintf(name->machine, sizeof(name->machine), "i%u86", family < 4 ? 4 : family);
	strlcpy(name->domainname, "(none)", sizeof(name->domainname));
}

long sys_newuname(struct new_utsname __user *name)
{
	struct new_utsname tmp;

	get_utsname(&tmp);
	if (copy_to_user(name, &tmp, sizeof(tmp)))
		return -EFAULT;
	return 0;
}

/* ---- The parent, process groups and sessions (ULK 1.6.4, 3.2.2). ---- */

long sys_getppid(void)
{
	return current->group_leader->parent->tgid;
}

static struct task_struct *find_process(int pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current->group_leader;

	if (!p || !p->pid || p->state == EXIT_DEAD || p->state == TASK_DEAD)
		return NULL;
	return p->group_leader;
}

long sys_getpgid(int pid)
{
	struct task_struct *p = find_process(pid);

	return p ? p->signal->pgrp : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->signal->pgrp;
}

long sys_getsid(int pid)
{
	struct task_struct *p = find_process(pid);

	return p ? p->signal->session : -ESRCH;
}

/* Whether some process is in process group pgrp of session sid. */
static int pgrp_in_session(int pgrp, int sid)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && p->signal->pgrp == pgrp && p->signal->session == sid)
			return 1;
	return 0;
}

/*
 * setpgid(pid, pgid) with Linux's checks: pid is the caller or one of
 * its children (-ESRCH), in its session (-EPERM), not a session leader
 * (-EPERM); a child that has exec'd may not be moved (-EACCES); the
 * group must exist in the session unless it is pid's own (-EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *p, *leader = current->group_leader;

	if (!pid)
		pid = leader->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_process(pid);
	if (!p)
		return -ESRCH;
	if (p == leader) {
		/* ourselves */
	} else if (p->parent == leader || p->parent->group_leader == leader) {
		if (p->signal->session != leader->signal->session)
			return -EPERM;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;
	} else {
		return -ESRCH;
	}
	if (p->signal->leader)
		return -EPERM;
	if (pgid != p->pid && !pgrp_in_session(pgid, leader->signal->session))
		return -EPERM;
	p->signal->pgrp = pgid;
	return 0;
}

/* A new session and process group led by the caller; -EPERM if a group has its id already. */
long sys_setsid(void)
{
	struct task_struct *leader = current->group_leader;
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (thread_group_leader(p) && p->signal->pgrp == leader->pid)
			return -EPERM;
	leader->signal->leader = 1;
	leader->signal->pgrp = leader->pid;
	leader->signal->session = leader->pid;
	leader->signal->tty = NULL;	/* a new session has no terminal yet */
	return leader->pid;
}

/*
 * ---- User and group ids (ULK 20.1.2; Linux 6.1's rules). ----
 * A task has real, effective, saved and file-system ids (the fs id
 * follows the effective one). Root -- a task with CAP_SETUID, which is
 * euid 0 here -- may set any; anyone else may only move among the ids
 * it has. A new real uid moves the task to that user's user_struct
 * (kernel/user.c), where RLIMIT_NPROC counts it. -1 means "unchanged"
 * where Linux says so; setuid(-1) is -EINVAL.
 */
long sys_getuid(void) { return current->uid; }
long sys_geteuid(void) { return current->euid; }
long sys_getgid(void) { return current->gid; }
long sys_getegid(void) { return current->egid; }

/* The 16-bit calls show an id above 65535 as the overflow id, 65534 (Linux's high2lowuid). */
static long low2(unsigned int id)
{
	return id > 65535 ? 65534 : id;
}

long sys_getuid16(void) { return low2(current->uid); }
long sys_geteuid16(void) { return low2(current->euid); }
long sys_getgid16(void) { return low2(current->gid); }
long sys_getegid16(void) { return low2(current->egid); }

#define NOID	((unsigned int)-1)
enum { ID_R, ID_E, ID_S };

/* set[ug]id(id): root sets all three, anyone else only the effective id, to its real or saved one. */
static long new_ids_set(const unsigned int cur[3], unsigned int id, int priv, unsigned int new[3])
{
	if (id == NOID)
		return -EINVAL;
	new[ID_R] = cur[ID_R];
	new[ID_S] = cur[ID_S];
	if (priv)
		new[ID_R] = new[ID_S] = id;
	else if (id != cur[ID_R] && id != cur[ID_S])
		return -EPERM;
	new[ID_E] = id;
	return 0;
}

/*
 * setre[ug]id(r, e): the real id to the real or effective one, the
 * effective to any of the three; the saved id follows the effective one
 * when the real one is set or the effective one moves off the real one.
 */
static long new_ids_setre(const unsigned int cur[3], unsigned int r, unsigned int e, int priv,
			  unsigned int new[3])
{
	memcpy(new, cur, 3 * sizeof(*new));
	if (r != NOID) {
		if (r != cur[ID_R] && r != cur[ID_E] && !priv)
			return -EPERM;
		new[ID_R] = r;
	}
	if (e != NOID) {
		if (e != cur[ID_R] && e != cur[ID_E] && e != cur[ID_S] && !priv)
			return -EPERM;
		new[ID_E] = e;
	}
	if (r != NOID || (e != NOID && e != cur[ID_R]))
		new[ID_S] = new[ID_E];
	return 0;
}

/* setres[ug]id(r, e, s): each to any of the three current ids (root: anything). */
static long new_ids_setres(const unsigned int cur[3], const unsigned int want[3], int priv,
			   unsigned int new[3])
{
	int i;

	for (i = 0; i < 3; i++) {
		if (want[i] != NOID && !priv && want[i] != cur[ID_R] && want[i] != cur[ID_E] &&
		    want[i] != cur[ID_S])
			return -EPERM;
		new[i] = want[i] == NOID ? cur[i] : want[i];
	}
	return 0;
}

/*
 * The new uids take effect. A new real uid first gets its user_struct
 * (Linux's set_user(): -EAGAIN without memory, nothing changed), and
 * the task's RLIMIT_NPROC count moves there from the old user.
 */
static long commit_uids(const unsigned int new[3])
{
	struct task_struct *t = current;

	if (new[ID_R] != t->uid) {
		struct user_struct *user = alloc_uid(new[ID_R]), *old = t->user;

		if (!user)
			return -EAGAIN;
		atomic_inc(&user->processes);
		atomic_dec(&old->processes);
		t->user = user;
		free_uid(old);
		t->uid = new[ID_R];
	}
	t->euid = t->fsuid = new[ID_E];
	t->suid = new[ID_S];
	return 0;
}

static long commit_gids(const unsigned int new[3])
{
	struct task_struct *t = current;

	t->gid = new[ID_R];
	t->egid = t->fsgid = new[ID_E];
	t->sgid = new[ID_S];
	return 0;
}

#define CUR_UIDS(t)	{ (t)->uid, (t)->euid, (t)->suid }
#define CUR_GIDS(t)	{ (t)->gid, (t)->egid, (t)->sgid }

long sys_setuid(unsigned int uid)
{
	unsigned int cur[3] = CUR_UIDS(current), new[3];
	long err = new_ids_set(cur, uid, capable(CAP_SETUID), new);

	return err ? err : commit_uids(new);
}

long sys_setgid(unsigned int gid)
{
	unsigned int cur[3] = CUR_GIDS(current), new[3];
	long err = new_ids_set(cur, gid, capable(CAP_SETGID), new);

	return err ? err : commit_gids(new);
}

long sys_setreuid(unsigned int ruid, unsigned int euid)
{
	unsigned int cur[3] = CUR_UIDS(current), new[3];
	long err = new_ids_setre(cur, ruid, euid, capable(CAP_SETUID), new);

	return err ? err : commit_uids(new);
}

long sys_setregid(unsigned int rgid, unsigned int egid)
{
	unsigned int cur[3] = CUR_GIDS(current), new[3];
	long err = new_ids_setre(cur, rgid, egid, capable(CAP_SETGID), new);

	return err ? err : commit_gids(new);
}

long sys_setresuid(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int cur[3] = CUR_UIDS(current), want[3] = { r, e, s }, new[3];
	long err = new_ids_setres(cur, want, capable(CAP_SETUID), new);

	return err ? err : commit_uids(new);
}

long sys_setresgid(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int cur[3] = CUR_GIDS(current), want[3] = { r, e, s }, new[3];
	long err = new_ids_setres(cur, want, capable(CAP_SETGID), new);

	return err ? err : commit_gids(new);
}

static long getres(unsigned int r, unsigned int e, unsigned int s, unsigned int __user *ur,
		   unsigned int __user *ue, unsigned int __user *us)
{
	if (put_user(r, ur) || put_user(e, ue) || put_user(s, us))
		return -EFAULT;
	return 0;
}

long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	return getres(current->uid, current->euid, current->suid, r, e, s);
}

long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s)
{
	return getres(current->gid, current->egid, current->sgid, r, e, s);
}

/* No supplementary groups. */
long sys_getgroups(int gidsetsize, unsigned int __user *grouplist)
{
	(void)grouplist;
	if (gidsetsize < 0)
		return -EINVAL;
	return 0;
}

long sys_setgroups(int gidsetsize, unsigned int __user *grouplist)
{
	(void)grouplist;
	if (gidsetsize < 0 || gidsetsize > 65536)
		return -EINVAL;
	return gidsetsize ? -EPERM : 0;
}

/* ---- Resource limits. ---- */

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->signal->rlim[resource];
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

/* The old getrlimit (number 76): limits above 0x7fffffff shown as 0x7fffffff. */
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->signal->rlim[resource];
	if (r.rlim_cur > 0x7fffffff)
		r.rlim_cur = 0x7fffffff;
	if (r.rlim_max > 0x7fffffff)
		r.rlim_max = 0x7fffffff;
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * The new limit of tsk (Linux's do_prlimit()): cur above max is
 * -EINVAL; only root (CAP_SYS_RESOURCE) may raise max (-EPERM);
 * RLIMIT_NOFILE no higher than nr_open (1048576, -EPERM).
 */
static int do_prlimit(struct task_struct *tsk, unsigned int resource,
		      const struct rlimit *new_rlim, struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &tsk->signal->rlim[resource];
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > 1048576)
			return -EPERM;
		/* Only a privileged task raises a hard limit. */
		if (new_rlim->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit r;

	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

static unsigned long rlim64_to_rlim(unsigned long long v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

static unsigned long long rlim_to_rlim64(unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim)
{
	struct rlimit64 n64, o64;
	struct rlimit n, o;
	struct task_struct *tsk;
	int ret;

	if (new_rlim) {
		if (copy_from_user(&n64, new_rlim, sizeof(n64)))
			return -EFAULT;
		n.rlim_cur = rlim64_to_rlim(n64.rlim_cur);
		n.rlim_max = rlim64_to_rlim(n64.rlim_max);
	}
	tsk = find_process(pid);
	if (!tsk)
		return -ESRCH;
	ret = do_prlimit(tsk, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	if (ret)
		return ret;
	if (old_rlim) {
		o64.rlim_cur = rlim_to_rlim64(o.rlim_cur);
		o64.rlim_max = rlim_to_rlim64(o.rlim_max);
		if (copy_to_user(old_rlim, &o64, sizeof(o64)))
			return -EFAULT;
	}
	return 0;
}

/* ---- getrusage(), sysinfo(). ---- */

/*
 * getrusage(): times, faults and context switches of the process, the
 * thread or the reaped children; ru_maxrss the largest resident set in
 * kB -- an exited address space's kept in the signal_struct, the live
 * one's high-water mark (Linux's getrusage()).
 */
long sys_getrusage(int who, struct rusage __user *ru)
{
	struct signal_struct *sig = current->signal;
	struct rusage r;
	struct task_struct *t = current;
	unsigned long ut = 0, st = 0, maxrss = 0;

	memset(&r, 0, sizeof(r));
	switch (who) {
	case RUSAGE_SELF:
		ut = sig->utime;
		st = sig->stime;
		r.ru_minflt = sig->min_flt;
		r.ru_majflt = sig->maj_flt;
		do {
			ut += t->utime;
			st += t->stime;
			r.ru_minflt += t->min_flt;
			r.ru_majflt += t->maj_flt;
			r.ru_nvcsw += t->nvcsw;
			r.ru_nivcsw += t->nivcsw;
			t = next_thread(t);
		} while (t != current);
		maxrss = sig->maxrss;
		break;
	case RUSAGE_THREAD:
		ut = current->utime;
		st = current->stime;
		r.ru_minflt = current->min_flt;
		r.ru_majflt = current->maj_flt;
		r.ru_nvcsw = current->nvcsw;
		r.ru_nivcsw = current->nivcsw;
		maxrss = sig->maxrss;
		break;
	case RUSAGE_CHILDREN:
		ut = sig->cutime;
		st = sig->cstime;
		r.ru_minflt = sig->cmin_flt;
		r.ru_majflt = sig->cmaj_flt;
		maxrss = sig->cmaxrss;
		break;
	default:
		return -EINVAL;
	}
	if (who != RUSAGE_CHILDREN && current->mm)
		maxrss = max(maxrss, get_mm_hiwater_rss(current->mm));
	r.ru_maxrss = K(maxrss);
	jiffies_to_timeval(ut, &r.ru_utime);
	jiffies_to_timeval(st, &r.ru_stime);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}


long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo val;

	memset(&val, 0, sizeof(val));
	val.uptime = (long)((get_jiffies_64() - INITIAL_JIFFIES + HZ - 1) / HZ);
	val.totalram = totalram_pages;
	val.freeram = nr_free_pages();
	val.totalhigh = totalhigh_pages;
	val.procs = nr_threads > 0xffff ? 0xffff : nr_threads;
	/* SI_LOAD_SHIFT (16) bits of fraction where avenrun has FSHIFT. */
	val.loads[0] = avenrun[0] << (16 - FSHIFT);
	val.loads[1] = avenrun[1] << (16 - FSHIFT);
	val.loads[2] = avenrun[2] << (16 - FSHIFT);
	val.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

/*
 * ---- reboot(). ----
 * Linux's magic numbers, then the command: POWER_OFF, HALT and RESTART
 * leave QEMU (isa-debug-exit) with "done"; the Ctrl-Alt-Del switches
 * are accepted; anything else -EINVAL.
 */
#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc

long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	/* Each leaves QEMU with 41: a program ended the run, its KTAP is the verdict. */
	case LINUX_REBOOT_CMD_RESTART:
		printk(KERN_EMERG "reboot: Restarting system\n");
		machine_exit(QEMU_EXIT_POWEROFF);
	case LINUX_REBOOT_CMD_HALT:
		printk(KERN_EMERG "reboot: System halted\n");
		machine_exit(QEMU_EXIT_POWEROFF);
	case LINUX_REBOOT_CMD_POWER_OFF:
		printk(KERN_EMERG "reboot: Power down\n");
		machine_exit(QEMU_EXIT_POWEROFF);
	}
	return -EINVAL;
}

/*
 * prctl(): the calling thread's name (PR_SET_NAME, PR_GET_NAME: comm,
 * 16 bytes with its NUL, as ps and /proc/<pid>/stat show it); any other
 * option is -EINVAL, Linux's answer to an option it does not know.
 */
#define PR_SET_NAME	15
#define PR_GET_NAME	16

long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5)
{
	char comm[TASK_COMM_LEN];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1);
		if (n < 0)
			return n;
		comm[n] = 0;
		strlcpy(current->comm, comm, sizeof(current->comm));
		return 0;
	case PR_GET_NAME:
		memset(comm, 0, sizeof(comm));	/* no stack bytes after the NUL */
		strlcpy(comm, current->comm, sizeof(comm));
		if (copy_to_user((char __user *)arg2, comm, sizeof(comm)))
			return -EFAULT;
		return 0;
	}
	return -EINVAL;
}
