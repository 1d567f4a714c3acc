/*
 * Signal delivery on i386 (Linux 2.6's arch/i386/kernel/signal.c; ULK
 * 11.3): the work on the way back to user mode, the frames, sigreturn.
 *
 * resume_userspace (arch/x86/entry.asm) calls do_notify_resume(),
 * interrupts on, whenever one of the current task's _TIF_WORK_MASK
 * flags is set, and checks the flags again afterwards, interrupts off,
 * until none is left:
 *
 *   TIF_SIGPENDING       do_signal(): the next signal to act on; for a
 *                        handler a frame is built on the user stack (or
 *                        the sigaltstack) and the registers are set so
 *                        the iret enters the handler
 *   TIF_RESTORE_SIGMASK  sigsuspend() is over: its saved mask back
 *   TIF_NOTIFY_RESUME    something asked to run before user mode
 *
 * A system call a signal interrupted returned -ERESTART*: with no
 * handler to run, or SA_RESTART with -ERESTARTSYS, or -ERESTARTNOINTR,
 * it is made again (eax = orig_eax, eip back over the 2-byte int 0x80);
 * otherwise the handler runs and the call returns -EINTR.
 *
 * The handler returns into the frame's pretcode: the sa_restorer (musl,
 * glibc: SA_RESTORER always) or the retcode in the frame, which calls
 * sigreturn/rt_sigreturn. They restore the registers from the frame,
 * keeping only what user mode may choose: cs and ss get RPL 3 (a kernel
 * selector then fails the iret, a fault of the task), eflags only the
 * arithmetic and AC/DF/TF bits (no IOPL, no IF, no VM); a frame that
 * cannot be read is SIGSEGV.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <asm/i387.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/sigcontext.h>
#include <asm/thread_info.h>
#include <asm/uaccess.h>
#include <asm/unistd.h>

unsigned long nr_notify_resume;
unsigned long nr_signal_frames;		/* handlers entered, for tests */

#define _BLOCKABLE	(~(sigmask(SIGKILL) | sigmask(SIGSTOP)))

/* ---- The FPU state in a frame (Linux 2.6's arch/i386/kernel/i387.c). ---- */

/* fxsave's abridged tag (a bit per register) to fnsave's full one (2 bits per register). */
static unsigned long twd_fxsr_to_i387(const struct i387_fxsave_struct *fxsave)
{
	unsigned long tos = (fxsave->swd >> 11) & 7, twd = fxsave->twd, tag, ret = 0xffff0000u;
	const struct _fpxreg *st;
	int i;

	for (i = 0; i < 8; i++, twd >>= 1) {
		if (!(twd & 1)) {
			tag = 3;				/* empty */
		} else {
			st = (const struct _fpxreg *)((const char *)fxsave->st_space +
						      ((i - tos) & 7) * 16);
			switch (st->exponent & 0x7fff) {
			case 0x7fff:
				tag = 2;			/* special */
				break;
			case 0x0000:
				tag = (!st->significand[0] && !st->significand[1] &&
				       !st->significand[2] && !st->significand[3]) ? 1 : 2;
				break;
			default:
				tag = (st->significand[3] & 0x8000) ? 0 : 2;	/* valid */
				break;
			}
		}
		ret |= tag << (2 * i);
	}
	return ret;
}

static unsigned short twd_i387_to_fxsr(unsigned short twd)
{
	unsigned int tmp = ~twd;

	tmp = (tmp | (tmp >> 1)) & 0x5555;	/* 0V0V0V0V0V0V0V0V */
	tmp = (tmp | (tmp >> 1)) & 0x3333;	/* 00VV00VV00VV00VV */
	tmp = (tmp | (tmp >> 2)) & 0x0f0f;	/* 0000VVVV0000VVVV */
	tmp = (tmp | (tmp >> 4)) & 0x00ff;	/* 00000000VVVVVVVV */
	return tmp;
}

/* The fnsave-format head of _fpstate from an fxsave image. */
static int convert_fxsr_to_user(struct _fpstate __user *buf,
				const struct i387_fxsave_struct *fxsave)
{
	unsigned long env[7];
	int i;

	env[0] = (unsigned long)fxsave->cwd | 0xffff0000ul;
	env[1] = (unsigned long)fxsave->swd | 0xffff0000ul;
	env[2] = twd_fxsr_to_i387(fxsave);
	env[3] = fxsave->fip;
	env[4] = fxsave->fcs | ((unsigned long)fxsave->fop << 16);
	env[5] = fxsave->foo;
	env[6] = fxsave->fos;
	if (copy_to_user(buf, env, sizeof(env)))
		return 1;
	for (i = 0; i < 8; i++)
		if (copy_to_user(&buf->_st[i], (const char *)fxsave->st_space + i * 16,
				 sizeof(struct _fpreg)))
			return 1;
	return 0;
}

static int convert_fxsr_from_user(struct i387_fxsave_struct *fxsave,
				  const struct _fpstate __user *buf)
{
	unsigned long env[7];
	int i;

	if (copy_from_user(env, buf, sizeof(env)))
		return 1;
	fxsave->cwd = (unsigned short)env[0];
	fxsave->swd = (unsigned short)env[1];
	fxsave->twd = twd_i387_to_fxsr((unsigned short)env[2]);
	fxsave->fip = env[3];
	fxsave->fop = (unsigned short)(env[4] >> 16);
	fxsave->fcs = env[4] & 0xffff;
	fxsave->foo = env[5];
	fxsave->fos = env[6];
	for (i = 0; i < 8; i++)
		if (copy_from_user((char *)fxsave->st_space + i * 16, &buf->_st[i],
				   sizeof(struct _fpreg)))
			return 1;
	return 0;
}

/*
 * The task's FPU state into buf: 1 saved, 0 the task never used the FPU
 * (nothing saved: sigcontext.fpstate NULL), -1 a fault. The handler
 * starts with a fresh FPU (clear_used_math(): the next FPU instruction
 * gets the initial state), as in Linux.
 */
static int save_i387(struct _fpstate __user *buf)
{
	struct task_struct *tsk = current;

	if (!used_math())
		return 0;
	unlazy_fpu(tsk);
	clear_fpu(tsk);
	clear_used_math();
	if (cpu_has_fxsr) {
		if (convert_fxsr_to_user(buf, &tsk->thread.i387.fxsave) ||
		    put_user(tsk->thread.i387.fxsave.swd, &buf->status) ||
		    put_user((u16)X86_FXSR_MAGIC, &buf->magic) ||
		    copy_to_user(&buf->_fxsr_env[0], &tsk->thread.i387.fxsave,
				 sizeof(struct i387_fxsave_struct)))
			return -1;
		return 1;
	}
	tsk->thread.i387.fsave.status = tsk->thread.i387.fsave.swd;
	if (copy_to_user(buf, &tsk->thread.i387.fsave, sizeof(struct i387_fsave_struct)) ||
	    put_user((u16)0xffff, &buf->magic))
		return -1;
	return 1;
}

/* The FPU state back from a frame; reserved MXCSR bits cleared (fxrstor would fault). */
static int restore_i387(const struct _fpstate __user *buf)
{
	struct task_struct *tsk = current;
	int err;

	clear_fpu(tsk);
	if (cpu_has_fxsr) {
		err = copy_from_user(&tsk->thread.i387.fxsave, &buf->_fxsr_env[0],
				     sizeof(struct i387_fxsave_struct)) != 0;
		tsk->thread.i387.fxsave.mxcsr &= mxcsr_feature_mask;
		if (!err)
			err = convert_fxsr_from_user(&tsk->thread.i387.fxsave, buf);
	} else {
		err = copy_from_user(&tsk->thread.i387.fsave, buf,
				     sizeof(struct i387_fsave_struct)) != 0;
	}
	set_used_math();
	return err;
}

/* ---- sigcontext. ---- */

#define FIX_EFLAGS	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
			 X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
			 X86_EFLAGS_CF)

static int restore_sigcontext(struct pt_regs *regs, struct sigcontext __user *usc, long *peax)
{
	struct _fpstate __user *buf;
	struct sigcontext sc;
	int err = 0;

	/* Whatever restart was pending is off: the frame decides. */
	current->restart_block.fn = do_no_restart_syscall;
	if (copy_from_user(&sc, usc, sizeof(sc)))
		return 1;
	loadsegment(gs, sc.gs);
	loadsegment(fs, sc.fs);
	regs->xes = sc.es;
	regs->xds = sc.ds;
	regs->edi = sc.edi;
	regs->esi = sc.esi;
	regs->ebp = sc.ebp;
	regs->esp = sc.esp;
	regs->ebx = sc.ebx;
	regs->edx = sc.edx;
	regs->ecx = sc.ecx;
	regs->eip = sc.eip;
	regs->xcs = sc.cs | USER_RPL;	/* never a kernel privilege level */
	regs->xss = sc.ss | USER_RPL;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) | (sc.eflags & FIX_EFLAGS);
	regs->orig_eax = -1;		/* no system call to restart */
	buf = sc.fpstate;
	if (buf) {
		if (!access_ok(VERIFY_READ, buf, sizeof(*buf)))
			return 1;
		err |= restore_i387(buf);
	} else if (used_math()) {
		clear_fpu(current);
		clear_used_math();
	}
	*peax = sc.eax;
	return err;
}

static int setup_sigcontext(struct sigcontext __user *usc, struct _fpstate __user *fpstate,
			    struct pt_regs *regs, unsigned long mask)
{
	struct sigcontext sc;
	unsigned long seg;
	int tmp;

	memset(&sc, 0, sizeof(sc));
	savesegment(gs, seg);
	sc.gs = seg;
	savesegment(fs, seg);
	sc.fs = seg;
	sc.es = regs->xes;
	sc.ds = regs->xds;
	sc.edi = regs->edi;
	sc.esi = regs->esi;
	sc.ebp = regs->ebp;
	sc.esp = regs->esp;
	sc.ebx = regs->ebx;
	sc.edx = regs->edx;
	sc.ecx = regs->ecx;
	sc.eax = regs->eax;
	sc.trapno = current->thread.trap_no;
	sc.err = current->thread.error_code;
	sc.eip = regs->eip;
	sc.cs = regs->xcs;
	sc.eflags = regs->eflags;
	sc.esp_at_signal = regs->esp;
	sc.ss = regs->xss;
	tmp = save_i387(fpstate);
	if (tmp < 0)
		return 1;
	sc.fpstate = tmp ? fpstate : NULL;
	sc.oldmask = mask;
	sc.cr2 = current->thread.cr2;
	return copy_to_user(usc, &sc, sizeof(sc)) != 0;
}

/*
 * Where the frame goes: below the user stack pointer, or at the top of
 * the sigaltstack for SA_ONSTACK when not already on it; aligned so that
 * esp + 4 is a multiple of 16 at the handler's entry (the i386 ABI, as
 * Linux 6.1 does).
 */
static void __user *get_sigframe(const struct k_sigaction *ka, struct pt_regs *regs,
				 size_t frame_size)
{
	unsigned long esp = regs->esp;

	if ((ka->sa.sa_flags & SA_ONSTACK) && sas_ss_flags(esp) == 0)
		esp = current->sas_ss_sp + current->sas_ss_size;
	esp -= frame_size;
	esp = ((esp + 4) & -16ul) - 4;
	return (void __user *)esp;
}

static void enter_handler(struct pt_regs *regs, const struct k_sigaction *ka, void __user *frame)
{
	regs->esp = (unsigned long)frame;
	regs->eip = (unsigned long)ka->sa.sa_handler;
	regs->xds = __USER_DS;
	regs->xes = __USER_DS;
	regs->xss = __USER_DS;
	regs->xcs = __USER_CS;
	regs->eflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_DF);
	nr_signal_frames++;
}

static int setup_frame(int sig, const struct k_sigaction *ka, const sigset_t *set,
		       struct pt_regs *regs)
{
	struct sigframe __user *frame = get_sigframe(ka, regs, sizeof(*frame));
	void __user *restorer;
	int err = 0;

	if (!access_ok(VERIFY_WRITE, frame, sizeof(*frame)))
		return -EFAULT;
	err |= put_user(sig, &frame->sig);
	err |= setup_sigcontext(&frame->sc, &frame->fpstate, regs, set->sig[0]);
	err |= copy_to_user(frame->extramask, &set->sig[1], sizeof(frame->extramask)) != 0;
	restorer = frame->retcode;
	if (ka->sa.sa_flags & SA_RESTORER)
		restorer = ka->sa.sa_restorer;
	err |= put_user(restorer, &frame->pretcode);
	/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 (kept for gdb's frame detection) */
	err |= put_user((u16)0xb858, (u16 __user *)(frame->retcode + 0));
	err |= put_user((u32)__NR_sigreturn, (u32 __user *)(frame->retcode + 2));
	err |= put_user((u16)0x80cd, (u16 __user *)(frame->retcode + 6));
	if (err)
		return -EFAULT;
	enter_handler(regs, ka, frame);
	regs->eax = sig;
	regs->edx = 0;
	regs->ecx = 0;
	return 0;
}

static int setup_rt_frame(int sig, const struct k_sigaction *ka, const siginfo_t *info,
			  const sigset_t *set, struct pt_regs *regs)
{
	struct rt_sigframe __user *frame = get_sigframe(ka, regs, sizeof(*frame));
	void __user *restorer;
	int err = 0;

	if (!access_ok(VERIFY_WRITE, frame, sizeof(*frame)))
		return -EFAULT;
	err |= put_user(sig, &frame->sig);
	err |= put_user(&frame->info, &frame->pinfo);
	err |= put_user(&frame->uc, &frame->puc);
	err |= copy_to_user(&frame->info, info, sizeof(*info)) != 0;
	err |= put_user(0UL, &frame->uc.uc_flags);
	err |= put_user(NULL, &frame->uc.uc_link);
	err |= put_user((void __user *)current->sas_ss_sp, &frame->uc.uc_stack.ss_sp);
	err |= put_user(sas_ss_flags(regs->esp), &frame->uc.uc_stack.ss_flags);
	err |= put_user(current->sas_ss_size, &frame->uc.uc_stack.ss_size);
	err |= setup_sigcontext(&frame->uc.uc_mcontext, &frame->fpstate, regs, set->sig[0]);
	err |= copy_to_user(&frame->uc.uc_sigmask, set, sizeof(*set)) != 0;
	restorer = frame->retcode;
	if (ka->sa.sa_flags & SA_RESTORER)
		restorer = ka->sa.sa_restorer;
	err |= put_user(restorer, &frame->pretcode);
	/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
	err |= put_user((u8)0xb8, (u8 __user *)(frame->retcode + 0));
	err |= put_user((u32)__NR_rt_sigreturn, (u32 __user *)(frame->retcode + 1));
	err |= put_user((u16)0x80cd, (u16 __user *)(frame->retcode + 5));
	err |= put_user((u8)0, (u8 __user *)(frame->retcode + 7));
	if (err)
		return -EFAULT;
	enter_handler(regs, ka, frame);
	regs->eax = sig;
	regs->edx = (unsigned long)&frame->info;
	regs->ecx = (unsigned long)&frame->uc;
	return 0;
}

/* Run the handler of sig (ULK 11.3.3, handle_signal()). */
static void handle_signal(int sig, const siginfo_t *info, const struct k_sigaction *ka,
			  const sigset_t *oldset, struct pt_regs *regs)
{
	unsigned long flags;
	int ret;

	/* An interrupted system call: -EINTR, or made again after the handler. */
	if (regs->orig_eax >= 0) {
		switch (regs->eax) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->eax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ka->sa.sa_flags & SA_RESTART)) {
				regs->eax = -EINTR;
				break;
			}
			/* fall through */
		case -ERESTARTNOINTR:
			regs->eax = regs->orig_eax;
			regs->eip -= 2;
			break;
		}
	}
	if (ka->sa.sa_flags & SA_SIGINFO)
		ret = setup_rt_frame(sig, ka, info, oldset, regs);
	else
		ret = setup_frame(sig, ka, oldset, regs);
	if (ret) {
		force_sigsegv(sig, current);
		return;
	}
	local_irq_save(flags);
	sigorsets(&current->blocked, &current->blocked, &ka->sa.sa_mask);
	if (!(ka->sa.sa_flags & SA_NODEFER))
		sigaddset(&current->blocked, sig);
	recalc_sigpending_tsk(current);
	local_irq_restore(flags);
}

/* ULK 11.3: the next signal, its handler run or its default action taken. */
static void do_signal(struct pt_regs *regs)
{
	struct k_sigaction ka;
	siginfo_t info;
	sigset_t *oldset;
	int signr;

	if (!user_mode(regs))
		return;
	oldset = test_thread_flag(TIF_RESTORE_SIGMASK) ? &current->saved_sigmask :
							 &current->blocked;
	signr = get_signal_to_deliver(&info, &ka, regs);
	if (signr > 0) {
		handle_signal(signr, &info, &ka, oldset, regs);
		/* The mask sigsuspend() replaced is in the frame: sigreturn restores it. */
		clear_thread_flag(TIF_RESTORE_SIGMASK);
		return;
	}
	/* No handler: an interrupted system call is made again. */
	if (regs->orig_eax >= 0) {
		switch (regs->eax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->eax = regs->orig_eax;
			regs->eip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->eax = __NR_restart_syscall;
			regs->eip -= 2;
			break;
		}
	}
	if (test_thread_flag(TIF_RESTORE_SIGMASK)) {
		clear_thread_flag(TIF_RESTORE_SIGMASK);
		sigprocmask(SIG_SETMASK, &current->saved_sigmask, NULL);
	}
}

void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags);
void do_notify_resume(struct pt_regs *regs, unsigned long thread_info_flags)
{
	nr_notify_resume++;
	if (thread_info_flags & (_TIF_SIGPENDING | _TIF_RESTORE_SIGMASK)) {
		do_signal(regs);
	}
	if (thread_info_flags & _TIF_NOTIFY_RESUME)
		clear_thread_flag(TIF_NOTIFY_RESUME);
}

/* ---- sigreturn. ---- */

long sys_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	/* The handler's ret popped pretcode, the retcode's popl the signal number. */
	struct sigframe __user *frame = (struct sigframe __user *)(regs->esp - 8);
	sigset_t set;
	long eax;

	if (!access_ok(VERIFY_READ, frame, sizeof(*frame)))
		goto badframe;
	if (get_user(set.sig[0], &frame->sc.oldmask) ||
	    copy_from_user(&set.sig[1], frame->extramask, sizeof(frame->extramask)))
		goto badframe;
	set.sig[0] &= _BLOCKABLE;
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (restore_sigcontext(regs, &frame->sc, &eax))
		goto badframe;
	return eax;

badframe:
	force_sig(SIGSEGV, current);
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	/* The handler's ret popped pretcode. */
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)(regs->esp - 4);
	sigset_t set;
	long eax;

	if (!access_ok(VERIFY_READ, frame, sizeof(*frame)))
		goto badframe;
	if (copy_from_user(&set, &frame->uc.uc_sigmask, sizeof(set)))
		goto badframe;
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (restore_sigcontext(regs, &frame->uc.uc_mcontext, &eax))
		goto badframe;
	/* The sigaltstack as the frame says (what glibc's swapcontext relies on). */
	if (do_sigaltstack(&frame->uc.uc_stack, NULL, regs->esp) == -EFAULT)
		goto badframe;
	return eax;

badframe:
	force_sig(SIGSEGV, current);
	return 0;
}
