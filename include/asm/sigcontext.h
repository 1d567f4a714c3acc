/*
 * What a signal handler finds on its stack on i386 (Linux's
 * asm/sigcontext.h, asm/ucontext.h and arch/x86 signal frames; ULK
 * 11.3.3). The layouts user space sees -- sigcontext, _fpstate,
 * ucontext -- are checked against Linux's UAPI headers by tests/uapi/;
 * the frames themselves are built by arch/x86/signal.c and compared
 * byte for byte by the signal suite.
 *
 * The frames are Linux 2.6's, as the book describes them: the FPU
 * state (_fpstate) inside the frame, after the sigcontext (sigframe)
 * or the ucontext (rt_sigframe); sigcontext.fpstate points at it.
 * (Linux 6.1 places the FPU state below the frame instead, at the
 * same pointer: a handler reads it through sc.fpstate either way.)
 */
#ifndef _ASM_SIGCONTEXT_H
#define _ASM_SIGCONTEXT_H

#include <types.h>
#include <signal.h>

struct _fpreg {
	u16 significand[4];
	u16 exponent;
};

struct _fpxreg {
	u16 significand[4];
	u16 exponent;
	u16 padding[3];
};

struct _xmmreg {
	u32 element[4];
};

#define X86_FXSR_MAGIC	0x0000	/* _fpstate.magic: the fxsave image follows */

/*
 * The FPU state in a signal frame: fnsave's image, then fxsave's where
 * the CPU has it. (Linux's name on i386 is _fpstate_32, _fpstate its alias.)
 */
#define _fpstate _fpstate_32
struct _fpstate_32 {
	u32 cw;
	u32 sw;
	u32 tag;
	u32 ipoff;
	u32 cssel;
	u32 dataoff;
	u32 datasel;
	struct _fpreg _st[8];
	u16 status;
	u16 magic;		/* 0xffff: fnsave data only; 0: fxsave's follows */
	u32 _fxsr_env[6];	/* the fxsave image from here (512 bytes) */
	u32 mxcsr;
	u32 reserved;
	struct _fpxreg _fxsr_st[8];
	struct _xmmreg _xmm[8];
	u32 padding1[44];
	u32 padding2[12];
};

struct sigcontext {
	u16 gs, __gsh;
	u16 fs, __fsh;
	u16 es, __esh;
	u16 ds, __dsh;
	u32 edi;
	u32 esi;
	u32 ebp;
	u32 esp;
	u32 ebx;
	u32 edx;
	u32 ecx;
	u32 eax;
	u32 trapno;
	u32 err;
	u32 eip;
	u16 cs, __csh;
	u32 eflags;
	u32 esp_at_signal;
	u16 ss, __ssh;
	struct _fpstate __user *fpstate;
	u32 oldmask;
	u32 cr2;
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset_t uc_sigmask;
};

/* The frame of a handler without SA_SIGINFO: handler(sig). */
struct sigframe {
	char __user *pretcode;		/* the handler returns here: sa_restorer or retcode */
	int sig;
	struct sigcontext sc;
	struct _fpstate fpstate;
	unsigned long extramask[_NSIG_WORDS - 1];
	char retcode[8];		/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
};

/* With SA_SIGINFO: handler(sig, &info, &uc). */
struct rt_sigframe {
	char __user *pretcode;
	int sig;
	struct siginfo __user *pinfo;
	void __user *puc;
	struct siginfo info;
	struct ucontext uc;
	struct _fpstate fpstate;
	char retcode[8];		/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
};

#endif
