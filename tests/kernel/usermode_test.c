/*
 * User mode (ULK 4.6, 10.3; arch/x86/entry.asm, process.c, traps.c,
 * i387.c, tls.c): programs in ring 3 -- tests/kernel/user_blob.asm,
 * copied into a hand-made address space (test_uspace.h) -- making
 * system calls through int 0x80, computing with the FPU while the timer
 * switches them, using TLS through %gs, spinning until the timer
 * preempts them, and faulting, which must kill them, not the kernel.
 * Also the int 0x80 entry from kernel mode, set_thread_area()'s
 * checks, and copy_thread() making a user child (fork's part).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <ktest.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <utsname.h>
#include <asm/desc.h>
#include <asm/i387.h>
#include <asm/ldt.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/tls.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <asm/unistd.h>
#include <version.h>
#include "test_uspace.h"

/* The data page's offsets and the programs (tests/kernel/user_blob.asm). */
extern const char D_STOP[], D_HAS_SSE[], D_COUNT[], D_GETPID[], D_GETTID[], D_YIELD[],
	D_REGS_KEPT[], D_NI[], D_NI_BIG[], D_UNAME[], D_UNAME_BAD[], D_TLS_RET[], D_MARK[],
	D_CHILD[], D_FPU_CW[], D_FPU_MXCSR[], D_FPU_SEEN[], D_FPU_BAD[], D_DESC[], D_GETDESC[],
	D_UNAME_BUF[], D_SCRATCH[], FPU_SEEN_ENOUGH[];
extern const char ut_syscalls[], ut_spin[], ut_tls[], ut_fpu[], ut_fpu_state[],
	ut_divide_error[], ut_divide_error_ip[], ut_invalid_op[], ut_invalid_op_ip[],
	ut_hlt[], ut_hlt_ip[], ut_int81[], ut_int81_ip[], ut_int3[], ut_int3_ip[],
	ut_into[], ut_into_ip[], ut_bound[], ut_bound_ip[], ut_x87_divide[],
	ut_sse_divide[], ut_sse_divide_ip[], ut_tls_ds[], ut_tls_ss[],
	ut_tls_ss_ip[], ut_tls_gs[], ut_child[];

extern unsigned long ni_syscall_reported[];
extern unsigned long nr_notify_resume;

#define UT_COMM		"utest"
#define D_WORD(off, i)	(UT(off) + (i) * 4)	/* the i-th word of an array at D_xxx */
#define D_MARK_OF(i, w)	(UT(D_MARK) + (i) * 16 + (w) * 4)	/* D_MARK[i]'s word w */

/* The user address of something in the blob. */
static unsigned long ut_addr(const char *sym)
{
	return UT(UT_CODE) + (sym - ut_blob_start);
}

/* The program's exit status, as wait() would report it (exit(n): n << 8; a signal: its number). */
static int run_and_wait(struct ktest *t, struct test_uspace *us, const char *prog, int idx,
			int *pid)
{
	int code = -1, p = test_user_task(t, us, prog, idx, UT_COMM);

	if (pid)
		*pid = p;
	if (p < 0) {
		KTEST_FAIL(t, "cannot start a user task: %d", p);
		return -1;
	}
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, p, &code), 0);
	return code;
}

/* A user_desc in the data page: a flat 4 GB data segment at base, entry -1 ("any free"). */
static void ut_set_desc(struct test_uspace *us, int i, unsigned long base)
{
	struct user_desc *d = (void *)((char *)us->data + UT(D_DESC) + 0x20 * i);

	memset(d, 0, sizeof(*d));
	d->entry_number = -1;
	d->base_addr = base;
	d->limit = 0xfffff;
	d->seg_32bit = 1;
	d->limit_in_pages = 1;
	d->useable = 1;
}

/*
 * int 0x80 from kernel mode (as a kernel thread may make a system call):
 * the frame has no esp/ss, the way back is straight to the caller, and
 * every register but eax comes back as it went.
 */
static long kernel_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static void restore_fs(void *old)
{
	set_fs(*(mm_segment_t *)old);
}

static void test_int80_from_kernel(struct ktest *t)
{
	static mm_segment_t old_fs;
	unsigned long b = 0x11111111, c = 0x22222222, d = 0x33333333, si = 0x44444444,
		      di = 0x55555555;
	struct new_utsname name, want;
	long ret;

	KTEST_EXPECT_EQ(t, kernel_syscall3(__NR_getpid, 0, 0, 0), (long)current->pid);
	KTEST_EXPECT_EQ(t, kernel_syscall3(__NR_gettid, 0, 0, 0), (long)current->pid);
	__asm__ __volatile__("int $0x80"
			     : "=a"(ret), "+b"(b), "+c"(c), "+d"(d), "+S"(si), "+D"(di)
			     : "0"((long)__NR_sched_yield) : "memory");
	KTEST_EXPECT_EQ(t, ret, 0L);
	KTEST_EXPECT_TRUE(t, b == 0x11111111 && c == 0x22222222 && d == 0x33333333 &&
			  si == 0x44444444 && di == 0x55555555);
	KTEST_EXPECT_EQ(t, kernel_syscall3(NR_syscalls, 0, 0, 0), (long)-ENOSYS);
	KTEST_EXPECT_EQ(t, kernel_syscall3(-1, 0, 0, 0), (long)-ENOSYS);

	/* A kernel buffer needs KERNEL_DS; under USER_DS it is refused. */
	KTEST_EXPECT_EQ(t, kernel_syscall3(__NR_uname, (long)&name, 0, 0), (long)-EFAULT);
	old_fs = get_fs();
	set_fs(KERNEL_DS);
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, restore_fs, &old_fs), 0);
	KTEST_EXPECT_EQ(t, kernel_syscall3(__NR_uname, (long)&name, 0, 0), 0L);
	get_utsname(&want);
	KTEST_EXPECT_EQ(t, memcmp(&name, &want, sizeof(name)), 0);
	KTEST_EXPECT_STREQ(t, name.sysname, "Linux");
	KTEST_EXPECT_STREQ(t, name.release, UTS_RELEASE);
}

/*
 * The system-call table: Linux's numbers, the functions defined wired,
 * the rest -ENOSYS (kernel/sys_ni.c); numbers past the end too.
 */
static void test_sys_call_table(struct ktest *t)
{
	extern long (*const sys_call_table[NR_syscalls])(void);

	KTEST_EXPECT_EQ(t, __NR_exit, 1);
	KTEST_EXPECT_EQ(t, __NR_getpid, 20);
	KTEST_EXPECT_EQ(t, __NR_set_thread_area, 243);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_getpid], (void *)sys_getpid);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_uname], (void *)sys_newuname);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_exit_group], (void *)sys_exit_group);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_vm86old], (void *)sys_ni_syscall);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_restart_syscall], (void *)sys_restart_syscall);
	KTEST_EXPECT_PTR_EQ(t, (void *)sys_call_table[__NR_vm86], (void *)sys_ni_syscall);
}

/*
 * System calls from user mode: getpid and gettid, every argument
 * register kept, -ENOSYS with one line per number (not a second time),
 * uname into a user buffer and -EFAULT for a kernel address, exit(42).
 */
static void test_syscalls_from_user(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	struct new_utsname want;
	char line[128];
	int pid, code;

	KTEST_ASSERT_NOT_NULL(t, us);
	ni_syscall_reported[__NR_vm86old / BITS_PER_LONG] &= ~(1UL << (__NR_vm86old % BITS_PER_LONG));
	ni_syscall_reported[NR_syscalls / BITS_PER_LONG] &= ~(1UL << (NR_syscalls % BITS_PER_LONG));
	ktest_capture_start();
	code = run_and_wait(t, us, ut_syscalls, 0, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, 42 << 8);
	KTEST_EXPECT_EQ(t, (int)ut_data(us, D_GETPID), pid);
	KTEST_EXPECT_EQ(t, (int)ut_data(us, D_GETTID), pid);
	KTEST_EXPECT_EQ(t, (long)ut_data(us, D_YIELD), 0L);
	KTEST_EXPECT_EQ(t, ut_data(us, D_REGS_KEPT), 1u);
	KTEST_EXPECT_EQ(t, (long)ut_data(us, D_NI), (long)-ENOSYS);
	KTEST_EXPECT_EQ(t, (long)ut_data(us, D_NI_BIG), (long)-ENOSYS);
	KTEST_EXPECT_EQ(t, (long)ut_data(us, D_UNAME), 0L);
	KTEST_EXPECT_EQ(t, (long)ut_data(us, D_UNAME_BAD), (long)-EFAULT);
	get_utsname(&want);
	KTEST_EXPECT_EQ(t, memcmp((char *)us->data + UT(D_UNAME_BUF), &want, sizeof(want)), 0);
	snprintf(line, sizeof(line), UT_COMM "[%d]: system call %d (vm86old) is not implemented: "
		 "-ENOSYS", pid, __NR_vm86old);
	KTEST_EXPECT_EQ(t, ktest_captured(line), 1u);
	snprintf(line, sizeof(line), UT_COMM "[%d]: system call 100000 does not exist: -ENOSYS", pid);
	KTEST_EXPECT_EQ(t, ktest_captured(line), 1u);

	/* Once per number: a second run is quiet. */
	ktest_capture_start();
	code = run_and_wait(t, us, ut_syscalls, 0, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, 42 << 8);
	KTEST_EXPECT_EQ(t, ktest_captured("is not implemented"), 0u);
	KTEST_EXPECT_EQ(t, ktest_captured("does not exist"), 0u);
}

/*
 * Where the gdb check stops the kernel (tests/gdb/check_tasks.py): the
 * spinning task usermode_checkpoint.pid has just been preempted in user
 * mode, somewhere in [eip_lo, eip_hi) with its stack pointer at esp.
 */
struct usermode_checkpoint {
	int pid;
	unsigned long eip_lo, eip_hi, esp;
};
struct usermode_checkpoint usermode_checkpoint;

void usermode_test_checkpoint(void);
noinline void usermode_test_checkpoint(void)
{
	barrier();
}

/*
 * A user busy loop does not hang the machine: the timer preempts it on
 * its way back to user mode, and this thread, asleep meanwhile, runs
 * again. Work flagged for its return to user mode (TIF_NOTIFY_RESUME)
 * is done there. It never used the FPU: it has no FPU state.
 */
static void test_timer_preempts_user_busy_loop(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	struct task_struct *p;
	unsigned long notified;
	u32 count;
	int pid, code = -1;

	KTEST_ASSERT_NOT_NULL(t, us);
	pid = test_user_task(t, us, ut_spin, 0, "spin");
	KTEST_ASSERT_GT(t, pid, 0);
	msleep(1);			/* back only once the spinning task is preempted */
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	count = ut_data(us, D_WORD(D_COUNT, 0));
	KTEST_EXPECT_GT(t, count, 0u);
	KTEST_EXPECT_EQ(t, p->state, (long)TASK_RUNNING);
	KTEST_EXPECT_GT(t, p->nivcsw, 0UL);
	KTEST_EXPECT_FALSE(t, p->flags & (PF_KTHREAD | PF_USED_MATH));
	KTEST_EXPECT_TRUE(t, user_mode(task_pt_regs(p)));
	usermode_checkpoint = (struct usermode_checkpoint){
		.pid = pid, .eip_lo = ut_addr(ut_spin), .eip_hi = ut_addr(ut_tls),
		.esp = ut_stack_top(0),
	};
	usermode_test_checkpoint();

	notified = nr_notify_resume;
	set_tsk_thread_flag(p, TIF_NOTIFY_RESUME);
	msleep(1);
	KTEST_EXPECT_FALSE(t, test_tsk_thread_flag(p, TIF_NOTIFY_RESUME));
	KTEST_EXPECT_GT(t, nr_notify_resume, notified);
	KTEST_EXPECT_GT(t, ut_data(us, D_WORD(D_COUNT, 0)), count);

	ut_data(us, D_STOP) = 1;
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	KTEST_EXPECT_EQ(t, code, 0);
}

/* A task's first FPU state is Linux's: fninit's, MXCSR 0x1f80. */
static void test_fpu_initial_state(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	u32 *env;

	KTEST_ASSERT_NOT_NULL(t, us);
	ut_data(us, D_HAS_SSE) = cpu_has_xmm;
	KTEST_EXPECT_EQ(t, run_and_wait(t, us, ut_fpu_state, 0, NULL), 0);
	env = &ut_data(us, D_SCRATCH) + 0x100 / 4;
	KTEST_EXPECT_EQ(t, env[0] & 0xffff, 0x037fu);	/* control word */
	KTEST_EXPECT_EQ(t, env[1] & 0xffff, 0u);		/* status word */
	KTEST_EXPECT_EQ(t, env[2] & 0xffff, 0xffffu);	/* tag word: all empty */
	if (cpu_has_xmm)
		KTEST_EXPECT_EQ(t, env[8], (u32)MXCSR_DEFAULT);
}

/*
 * Two tasks with different FPU states (control words, stack registers,
 * and with SSE MXCSR and XMM registers), switched by the timer while
 * each checks its own: lazy switching must save and load each one's.
 * fxsave on CPUs with FXSR, fnsave on the others (make test boots both).
 */
static void test_fpu_two_tasks_interleaved(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	int pid[2], code[2] = { -1, -1 }, i;

	KTEST_ASSERT_NOT_NULL(t, us);
	ut_data(us, D_HAS_SSE) = cpu_has_xmm;
	ut_data(us, D_WORD(D_FPU_CW, 0)) = 0x037f;	/* fninit's: round to nearest */
	ut_data(us, D_WORD(D_FPU_CW, 1)) = 0x0f7f;	/* round toward zero */
	ut_data(us, D_WORD(D_FPU_MXCSR, 0)) = 0x1f80;
	ut_data(us, D_WORD(D_FPU_MXCSR, 1)) = 0x3f80;	/* round down */
	for (i = 0; i < 2; i++) {
		pid[i] = test_user_task(t, us, ut_fpu, i, "fpu");
		KTEST_ASSERT_GT(t, pid[i], 0);
	}
	for (i = 0; i < 2; i++) {
		KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid[i], &code[i]), 0);
		KTEST_EXPECT_EQ(t, code[i], 0);
		KTEST_EXPECT_GE(t, ut_data(us, D_WORD(D_FPU_SEEN, i)), UT(FPU_SEEN_ENOUGH));
		KTEST_EXPECT_EQ(t, ut_data(us, D_WORD(D_FPU_BAD, i)), 0u);
	}
	printk(KERN_INFO "    # switches seen: %u and %u, FPU saved with %s\n",
	       ut_data(us, D_WORD(D_FPU_SEEN, 0)), ut_data(us, D_WORD(D_FPU_SEEN, 1)),
	       cpu_has_fxsr ? "fxsave" : "fnsave");
}

/*
 * TLS: two tasks take a TLS entry each with set_thread_area(-1) -- both
 * get entry 6, with different bases -- and read their own block
 * through %gs between yields to each other: the GDT entries and %gs go
 * with the task.
 */
static void test_tls_switched_with_the_task(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	int pid[2], code, i;

	KTEST_ASSERT_NOT_NULL(t, us);
	for (i = 0; i < 2; i++) {
		ut_set_desc(us, i, UT(UT_TLS) + 0x800 * i);
		*(u32 *)(us->tls + 0x800 * i) = 0xa11ce000 + i;
	}
	for (i = 0; i < 2; i++) {
		pid[i] = test_user_task(t, us, ut_tls, i, "tls");
		KTEST_ASSERT_GT(t, pid[i], 0);
	}
	for (i = 0; i < 2; i++) {
		code = -1;
		KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid[i], &code), 0);
		KTEST_EXPECT_EQ(t, code, 0);
		KTEST_EXPECT_EQ(t, (long)ut_data(us, D_WORD(D_TLS_RET, i)), 0L);
		/* entry_number written back: the first free entry, 6 */
		KTEST_EXPECT_EQ(t, ut_data(us, UT(D_DESC) + 0x20 * i), (u32)GDT_ENTRY_TLS_MIN);
	}
}

/* This thread's TLS entries back to empty, in its thread_struct and the GDT. */
static void clear_tls(void *unused)
{
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	load_TLS(&current->thread);
}

/*
 * set_thread_area()/get_thread_area() called directly (KERNEL_DS, a
 * kernel buffer): Linux's checks and errors, the descriptor it makes,
 * the free-entry search.
 */
static void test_set_thread_area_checks(struct ktest *t)
{
	static mm_segment_t old_fs;
	struct user_desc d, got;
	int i;

	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, clear_tls, NULL), 0);
	/* Under USER_DS a kernel pointer is refused before anything is read. */
	memset(&d, 0, sizeof(d));
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EFAULT);
	KTEST_EXPECT_EQ(t, sys_get_thread_area(&d), (long)-EFAULT);
	old_fs = get_fs();
	set_fs(KERNEL_DS);
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, restore_fs, &old_fs), 0);

	memset(&d, 0, sizeof(d));
	d.base_addr = 0x12345678;
	d.limit = 0xfffff;
	d.seg_32bit = 1;
	d.limit_in_pages = 1;
	d.useable = 1;
	d.entry_number = 5;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EINVAL);
	d.entry_number = 9;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EINVAL);
	d.entry_number = 7;
	d.seg_32bit = 0;			/* 16-bit */
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EINVAL);
	d.seg_32bit = 1;
	d.contents = 2;				/* code */
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EINVAL);
	d.contents = 0;
	d.seg_not_present = 1;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-EINVAL);
	d.seg_not_present = 0;

	/* Entry 7 as asked: the descriptor in the GDT at once, and read back. */
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), 0L);
	KTEST_EXPECT_EQ(t, gdt_table[7].a, 0x5678ffffu);
	KTEST_EXPECT_EQ(t, gdt_table[7].b, 0x12dff334u);	/* present, DPL 3, RW data, accessed */
	memset(&got, 0xff, sizeof(got));
	got.entry_number = 7;
	KTEST_EXPECT_EQ(t, sys_get_thread_area(&got), 0L);
	KTEST_EXPECT_EQ(t, memcmp(&got, &d, sizeof(d)), 0);
	got.entry_number = -1;
	KTEST_EXPECT_EQ(t, sys_get_thread_area(&got), (long)-EINVAL);

	/* -1: the first free entry, written back; when none is left, -ESRCH. */
	for (i = 0; i < 2; i++) {
		d.entry_number = -1;
		KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), 0L);
		KTEST_EXPECT_EQ(t, d.entry_number, (unsigned int)(i ? 8 : 6));
	}
	d.entry_number = -1;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), (long)-ESRCH);

	/* All zeroes but the entry ("no segment"): the entry is empty again. */
	memset(&d, 0, sizeof(d));
	d.entry_number = 6;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), 0L);
	KTEST_EXPECT_EQ(t, gdt_table[6].a | gdt_table[6].b, 0u);
	got.entry_number = 6;
	KTEST_EXPECT_EQ(t, sys_get_thread_area(&got), 0L);
	KTEST_EXPECT_TRUE(t, LDT_empty(&got));
	d.entry_number = -1;
	d.limit = 0xfff;
	d.seg_32bit = 1;
	KTEST_EXPECT_EQ(t, sys_set_thread_area(&d), 0L);
	KTEST_EXPECT_EQ(t, d.entry_number, 6u);
}

struct user_fault {
	const char *prog, *ip;
	int sig;
	const char *what;		/* the report after "traps: comm[pid] " */
	unsigned long error_code;
};

/*
 * Faults in user mode kill the task with the signal Linux sends, after
 * the line Linux 6.1 prints; the kernel goes on (no oops).
 */
static void test_user_faults_kill_the_task(struct ktest *t)
{
	static const struct user_fault faults[] = {
		{ ut_divide_error, ut_divide_error_ip, SIGFPE, "trap divide error", 0 },
		{ ut_invalid_op, ut_invalid_op_ip, SIGILL, "trap invalid opcode", 0 },
		{ ut_hlt, ut_hlt_ip, SIGSEGV, "general protection fault", 0 },
		{ ut_int81, ut_int81_ip, SIGSEGV, "general protection fault", 0x81 * 8 + 2 },
		{ ut_int3, ut_int3_ip, SIGTRAP, "trap int3", 0 },
		{ ut_into, ut_into_ip, SIGSEGV, "trap overflow", 0 },
		{ ut_bound, ut_bound_ip, SIGSEGV, "trap bounds", 0 },
	};
	struct test_uspace *us = test_uspace_create(t);
	int oopses = die_counter;
	unsigned int i;

	KTEST_ASSERT_NOT_NULL(t, us);
	for (i = 0; i < ARRAY_SIZE(faults); i++) {
		const struct user_fault *f = &faults[i];
		char line[128];
		int pid, code;

		ut_data(us, D_MARK_OF(0, 0)) = 0;
		ktest_capture_start();
		code = run_and_wait(t, us, f->prog, 0, &pid);
		ktest_capture_stop();
		KTEST_EXPECT_EQ(t, code, f->sig);
		KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 0)), 1u);
		snprintf(line, sizeof(line), "traps: " UT_COMM "[%d] %s ip:%lx sp:%lx error:%lx",
			 pid, f->what, ut_addr(f->ip), ut_stack_top(0), f->error_code);
		if (!KTEST_EXPECT_EQ(t, ktest_captured(line), 1u))
			printk(KERN_INFO "    # expected: %s\n", line);
	}
	KTEST_EXPECT_EQ(t, die_counter, oopses);
}

extern char simd_coprocessor_error[];

/* Vector 19 back to a kernel-only trap gate, as trap_init() set it. */
static void close_xm_gate(void *unused)
{
	set_trap_gate(X86_TRAP_XF, simd_coprocessor_error);
}

/*
 * Unmasked floating-point exceptions: x87 (#MF, delivered at the next
 * FPU instruction) and SSE (#XM) kill the task with SIGFPE, without a
 * report (as Linux); where there is no SSE, the SSE instruction is
 * invalid: SIGILL. QEMU's TCG never raises #XM: the program then raises
 * vector 19 with int 19 (its gate opened to user mode for the test),
 * and the handler must find the unmasked exception in the saved MXCSR.
 */
static void test_fpu_exceptions_sigfpe(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	char line[128];
	int pid, code;

	KTEST_ASSERT_NOT_NULL(t, us);
	ktest_capture_start();
	code = run_and_wait(t, us, ut_x87_divide, 0, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, SIGFPE);
	KTEST_EXPECT_EQ(t, ktest_captured("traps:"), 0u);

	ut_data(us, UT(D_SCRATCH) + 8) = 0;
	set_system_gate(X86_TRAP_XF, simd_coprocessor_error);	/* int 19 from user mode */
	KTEST_ASSERT_EQ(t, ktest_add_action_or_reset(t, close_xm_gate, NULL), 0);
	ktest_capture_start();
	code = run_and_wait(t, us, ut_sse_divide, 0, &pid);
	ktest_capture_stop();
	if (cpu_has_xmm) {
		KTEST_EXPECT_EQ(t, code, SIGFPE);
		KTEST_EXPECT_EQ(t, ktest_captured("traps:"), 0u);
		/* Past the division: the CPU raised no #XM (QEMU's TCG), int 19 stood in. */
		if (ut_data(us, UT(D_SCRATCH) + 8)) {
			KTEST_EXPECT_TRUE(t, ut_data(us, UT(D_SCRATCH) + 8) & 0x4);	/* MXCSR.ZE */
			printk(KERN_INFO "    # this CPU raised no #XM (QEMU's TCG does not model "
			       "SIMD exceptions): the program's int 19 did\n");
		}
	} else {
		KTEST_EXPECT_EQ(t, code, SIGILL);
		snprintf(line, sizeof(line), "traps: " UT_COMM "[%d] trap invalid opcode ip:%lx",
			 pid, ut_addr(ut_sse_divide_ip));
		KTEST_EXPECT_EQ(t, ktest_captured(line), 1u);
	}
}

static int yield_until_stopped(void *arg)
{
	while (!READ_ONCE(*(int *)arg))
		schedule();
	return 0;
}

static void stop_yielding(void *arg)
{
	WRITE_ONCE(*(int *)arg, 1);
}

/*
 * A TLS entry a program still has in a segment register is emptied by
 * set_thread_area(): the kernel cannot load the selector again -- in
 * the return path (ds, es), in the iret (ss), in __switch_to() (gs) --
 * and must not oops for it. ds, es and gs get the null selector, which
 * the program finds there (its next access through them faults on a
 * real CPU, in user mode); a failed iret kills the task with SIGILL,
 * reported as Linux does.
 */
static void test_emptied_tls_segments_do_not_oops(struct ktest *t)
{
	static int stop;
	struct test_uspace *us = test_uspace_create(t);
	int oopses = die_counter, yielder, pid, code;
	char line[128];

	KTEST_ASSERT_NOT_NULL(t, us);
	ut_set_desc(us, 0, 0);
	code = run_and_wait(t, us, ut_tls_ds, 0, &pid);
	KTEST_EXPECT_EQ(t, code, 0);
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 0)), 2u);	/* back from the call */
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 1)) & 0xffff, 0u);	/* ds */
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 2)) & 0xffff, 0u);	/* es */

	ut_set_desc(us, 0, 0);
	ktest_capture_start();
	code = run_and_wait(t, us, ut_tls_ss, 0, &pid);
	ktest_capture_stop();
	KTEST_EXPECT_EQ(t, code, SIGILL);
	snprintf(line, sizeof(line), "traps: " UT_COMM "[%d] trap iret exception ip:%lx sp:%lx error:0",
		 pid, ut_addr(ut_tls_ss_ip), ut_stack_top(0));
	KTEST_EXPECT_EQ(t, ktest_captured(line), 1u);

	/* Someone to switch to, so that the program's yields do switch. */
	ut_set_desc(us, 0, 0);
	stop = 0;
	yielder = ktest_kernel_thread(t, yield_until_stopped, &stop, stop_yielding, &stop);
	KTEST_ASSERT_GT(t, yielder, 0);
	code = run_and_wait(t, us, ut_tls_gs, 0, &pid);
	stop = 1;
	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, yielder, NULL), 0);
	KTEST_EXPECT_EQ(t, code, 0);
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 0)), 2u);
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 3)) & 0xffff, (u32)TLS_SELECTOR(GDT_ENTRY_TLS_MIN));
	KTEST_EXPECT_EQ(t, ut_data(us, D_MARK_OF(0, 1)) & 0xffff, 0u);	/* gs after the switches */
	KTEST_EXPECT_EQ(t, die_counter, oopses);
}

static int never_runs(void *unused)
{
	return -1;
}

/*
 * copy_thread() for a user child, as fork and clone will call it: a new
 * task (not yet run) gets a copy of user registers, returns to user
 * mode through ret_from_fork with eax = 0 and the stack pointer given,
 * and CLONE_SETTLS sets its TLS entry from the user_desc at esi.
 */
static void test_copy_thread_user_child(struct ktest *t)
{
	struct test_uspace *us = test_uspace_create(t);
	struct task_struct *p;
	struct user_desc *d;
	struct pt_regs regs;
	int pid, code = -1;

	KTEST_ASSERT_NOT_NULL(t, us);
	ut_set_desc(us, 0, UT(UT_TLS));
	d = (void *)((char *)us->data + UT(D_DESC));
	d->entry_number = GDT_ENTRY_TLS_MIN;
	*(u32 *)us->tls = 0xc0ffee;
	test_uspace_activate(us);	/* copy_thread() reads the user_desc from here */

	memset(&regs, 0, sizeof(regs));
	regs.xds = regs.xes = regs.xss = __USER_DS;
	regs.xcs = __USER_CS;
	regs.eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs.eip = ut_addr(ut_child);
	regs.esp = ut_stack_top(0);
	regs.eax = __NR_clone;
	regs.ebx = 0x5a5a;
	regs.esi = UT(UT_DATA) + UT(D_DESC);
	regs.orig_eax = __NR_clone;

	pid = ktest_kernel_thread(t, never_runs, NULL, NULL, NULL);
	KTEST_ASSERT_GT(t, pid, 0);
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_EQ(t, copy_thread(CLONE_SETTLS, ut_stack_top(1) - 16, p, &regs), 0);
	p->flags &= ~PF_KTHREAD;
	strlcpy(p->comm, "child", sizeof(p->comm));
	KTEST_EXPECT_EQ(t, task_pt_regs(p)->eax, 0L);
	KTEST_EXPECT_EQ(t, task_pt_regs(p)->eip, regs.eip);
	KTEST_EXPECT_FALSE(t, desc_empty(&p->thread.tls_array[0]));

	KTEST_EXPECT_EQ(t, ktest_kernel_wait(t, pid, &code), 0);
	KTEST_EXPECT_EQ(t, code, 7 << 8);
	KTEST_EXPECT_EQ(t, ut_data(us, D_WORD(D_CHILD, 0)), 0u);		/* eax */
	KTEST_EXPECT_EQ(t, ut_data(us, D_WORD(D_CHILD, 1)), 0x5a5au);	/* ebx */
	KTEST_EXPECT_EQ(t, ut_data(us, D_WORD(D_CHILD, 2)), ut_stack_top(1) - 16);
	KTEST_EXPECT_EQ(t, ut_data(us, D_WORD(D_CHILD, 3)), 0xc0ffeeu);	/* %gs:0 */
}

static struct ktest_case usermode_cases[] = {
	KTEST_CASE(test_int80_from_kernel),
	KTEST_CASE(test_sys_call_table),
	KTEST_CASE(test_syscalls_from_user),
	KTEST_CASE(test_timer_preempts_user_busy_loop),
	KTEST_CASE(test_fpu_initial_state),
	KTEST_CASE(test_fpu_two_tasks_interleaved),
	KTEST_CASE(test_tls_switched_with_the_task),
	KTEST_CASE(test_set_thread_area_checks),
	KTEST_CASE(test_user_faults_kill_the_task),
	KTEST_CASE(test_fpu_exceptions_sigfpe),
	KTEST_CASE(test_emptied_tls_segments_do_not_oops),
	KTEST_CASE(test_copy_thread_user_child),
	{}
};

static struct ktest_suite usermode_suite = {
	.name = "usermode",
	.test_cases = usermode_cases,
};
ktest_register_suite(usermode_suite);
