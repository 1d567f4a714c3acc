/*
 * System calls about the task and the system that need nothing else
 * (Linux's kernel/sys.c): getpid, gettid, uname.
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

/*
 * Until there are thread groups (wave 2: tgid) a task's process id is
 * its own id: getpid() and gettid() agree, as for any single-threaded
 * Linux process.
 */
long sys_getpid(void)
{
	return current->pid;
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
