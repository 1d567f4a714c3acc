/*
 * The work done on the way back to user mode (Linux's
 * do_notify_resume(), arch/i386/kernel/signal.c). resume_userspace
 * (arch/x86/entry.asm) calls it, interrupts on, whenever one of the
 * current task's _TIF_WORK_MASK flags is set, and checks the flags
 * again afterwards, interrupts off, until none is left.
 *
 *   TIF_SIGPENDING     a signal to deliver: wave 2's do_signal(regs)
 *                      builds its frame on the user stack here
 *   TIF_NOTIFY_RESUME  something asked to run before the task sees user
 *                      mode again
 *
 * For now neither has anything behind it: the flags are cleared, so
 * the loop ends, and counted, so tests can see the call happen.
 */
#include <sched.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>

unsigned long nr_notify_resume;

void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags);
void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags)
{
	(void)regs;
	nr_notify_resume++;
	if (test_thread_flag(TIF_MEMDIE))
		do_exit(SIGKILL);	/* the OOM killer's victim (mm/oom_kill.c) */
	if (thread_info_flags & _TIF_SIGPENDING)
		clear_thread_flag(TIF_SIGPENDING);	/* wave 2: do_signal(regs) */
	if (thread_info_flags & _TIF_NOTIFY_RESUME)
		clear_thread_flag(TIF_NOTIFY_RESUME);
}
