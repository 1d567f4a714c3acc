/* Error numbers: Linux's values (asm-generic/errno-base.h), returned negated. */
#ifndef _MNEME_ERRNO_H
#define _MNEME_ERRNO_H

#define EPERM		 1
#define ENOENT		 2
#define ESRCH		 3
#define EINTR		 4
#define EIO		 5
#define ENXIO		 6
#define E2BIG		 7
#define ENOEXEC		 8
#define EBADF		 9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

/*
 * The kernel's own (never seen by user space, Linux's linux/errno.h):
 * a system call interrupted by a signal returns one of these, and the
 * signal code (arch/x86/signal.c) turns it into a restart or -EINTR.
 */
#define ERESTARTSYS	512	/* restart if the handler has SA_RESTART, else -EINTR */
#define ERESTARTNOINTR	513	/* always restart */
#define ERESTARTNOHAND	514	/* restart if no handler ran, else -EINTR */
#define ENOIOCTLCMD	515	/* not this layer's ioctl: the next one tries it */
#define ERESTART_RESTARTBLOCK 516 /* restart through restart_syscall() if no handler ran */

#endif
