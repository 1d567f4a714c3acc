/*
 * Low-level task flags (Linux's asm/thread_info.h). Linux 2.6 keeps
 * them in the thread_info at the bottom of the kernel stack; here, as
 * in Linux since 4.9 (CONFIG_THREAD_INFO_IN_TASK), thread_info is a
 * member of task_struct.
 *
 *   flags    work to do before returning to user mode: the entry code
 *            (arch/x86/entry.asm, resume_userspace) tests _TIF_WORK_MASK
 *            with interrupts off and calls do_notify_resume() until none
 *            is left. Set from anywhere, interrupts included: the
 *            helpers in include/sched.h use single read-modify-write
 *            instructions.
 *   status   TS_USEDFPU: the task's FPU state is in the FPU now (CR0.TS
 *            clear), so __switch_to() must save it (include/asm/i387.h)
 *
 * need_resched is not among the flags: Mneme's scheduler keeps one
 * global need_resched_flag (one CPU), which the entry code tests too.
 */
#ifndef _ASM_THREAD_INFO_H
#define _ASM_THREAD_INFO_H

struct thread_info {
	unsigned long flags;
	unsigned long status;
};

#define TIF_NOTIFY_RESUME	1	/* callback before returning to user */
#define TIF_SIGPENDING		2	/* a signal is pending: do_signal() */
#define TIF_RESTORE_SIGMASK	9	/* sigsuspend(): saved_sigmask back after the handler (Linux's bit) */
#define TIF_MEMDIE		17	/* the OOM killer's victim, SIGKILL sent: not chosen again (2.6's bit) */

#define _TIF_NOTIFY_RESUME	(1UL << TIF_NOTIFY_RESUME)
#define _TIF_SIGPENDING		(1UL << TIF_SIGPENDING)
#define _TIF_RESTORE_SIGMASK	(1UL << TIF_RESTORE_SIGMASK)
/* What resume_userspace must deal with before the iret. */
#define _TIF_WORK_MASK		(_TIF_NOTIFY_RESUME | _TIF_SIGPENDING | _TIF_RESTORE_SIGMASK)

#define TS_USEDFPU		0x0001	/* the FPU holds this task's state */

#endif
