/*
 * CPU state: control registers, CPUID features, TLB helpers, the TSS.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <types.h>
#include <compiler.h>
#include <extable.h>
#include <asm/desc.h>

/*
 * The highest address + 1 that a "user" pointer may name (Linux's
 * addr_limit, read by access_ok()): USER_DS (PAGE_OFFSET) for what
 * user space passes in, KERNEL_DS (everything) while kernel code hands
 * its own buffers to a function that takes user pointers (set_fs(),
 * include/asm/uaccess.h).
 */
typedef struct {
	unsigned long seg;
} mm_segment_t;

/* CR0 */
#define X86_CR0_PE	0x00000001	/* protection enable */
#define X86_CR0_MP	0x00000002	/* wait/fwait honour TS too */
#define X86_CR0_EM	0x00000004	/* no FPU: every FPU instruction traps (#NM) */
#define X86_CR0_TS	0x00000008	/* task switched: the next FPU instruction traps (#NM) */
#define X86_CR0_NE	0x00000020	/* FPU errors as exception 16, not IRQ 13 */
#define X86_CR0_WP	0x00010000	/* supervisor writes honour R/W */
#define X86_CR0_AM	0x00040000	/* EFLAGS.AC may enable alignment checks in user mode */
#define X86_CR0_PG	0x80000000	/* paging */
/* CR4 */
#define X86_CR4_PSE	0x00000010	/* 4 MB pages */
#define X86_CR4_PAE	0x00000020
#define X86_CR4_PGE	0x00000080	/* global pages */
#define X86_CR4_OSFXSR	0x00000200	/* the OS saves SSE state with fxsave: SSE enabled */
#define X86_CR4_OSXMMEXCPT 0x00000400	/* SIMD FP exceptions as #XM, not #UD */
#define X86_CR4_SMEP	0x00100000
#define X86_CR4_SMAP	0x00200000
/* EFLAGS */
#define X86_EFLAGS_CF	0x00000001
#define X86_EFLAGS_FIXED 0x00000002	/* bit 1: always set */
#define X86_EFLAGS_PF	0x00000004
#define X86_EFLAGS_AF	0x00000010
#define X86_EFLAGS_ZF	0x00000040
#define X86_EFLAGS_SF	0x00000080
#define X86_EFLAGS_TF	0x00000100
#define X86_EFLAGS_IF	0x00000200
#define X86_EFLAGS_DF	0x00000400
#define X86_EFLAGS_OF	0x00000800
#define X86_EFLAGS_IOPL	0x00003000
#define X86_EFLAGS_NT	0x00004000
#define X86_EFLAGS_AC	0x00040000
#define X86_EFLAGS_ID	0x00200000

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n :: "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

/*
 * CR4 came with the Pentium (and the late i486s that have CPUID): on an
 * i486 without it, "mov %cr4" is an invalid opcode. Reports that merely
 * show CR4 read it through the exception table (so: after trap_init()),
 * and get 0 where there is none.
 */
static inline unsigned long read_cr4_safe(void)
{
	unsigned long v = 0;

	__asm__ __volatile__(
		"1:	mov %%cr4, %0\n"
		"2:\n"
		"	.section .fixup, \"ax\"\n"
		"3:	xorl %0, %0\n"
		"	jmp 2b\n"
		"	.previous\n"
		_ASM_EXTABLE(1b, 3b)
		: "+r"(v));
	return v;
}

static inline void cpuid_count(u32 op, u32 count, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
			     : "0"(op), "2"(count));
}

static inline void cpuid(u32 op, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	cpuid_count(op, 0, eax, ebx, ecx, edx);
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

/* sti takes effect after the next instruction, so no interrupt is lost between them. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline unsigned long read_eflags(void)
{
	unsigned long f;
	__asm__ __volatile__("pushfl; popl %0" : "=r"(f));
	return f;
}

/*
 * CR4 as paging_init() set it, PSE and PGE included where the CPU has
 * them (Linux's mmu_cr4_features); 0 on a CPU with neither, where CR4 is
 * never touched at all.
 */
extern unsigned long mmu_cr4_features;

/*
 * Turn bits of CR4 on, and remember them in mmu_cr4_features, which is
 * what __flush_tlb_global() writes back (Linux's set_in_cr4()).
 */
static inline void set_in_cr4(unsigned long mask)
{
	mmu_cr4_features |= mask;
	write_cr4(read_cr4() | mask);
}

/* CR0.TS: clear it to let the FPU run, set it to trap the next FPU instruction. */
static inline void clts(void)
{
	__asm__ __volatile__("clts" ::: "memory");
}

static inline void stts(void)
{
	write_cr0(read_cr0() | X86_CR0_TS);
}

/*
 * TLB: reload CR3 (non-global entries), toggle PGE (all), invlpg (one
 * page; an i486 instruction, hence the i486 minimum).
 */
static inline void __flush_tlb(void)
{
	write_cr3(read_cr3());
}

static inline void __flush_tlb_global(void)
{
	unsigned long cr4 = mmu_cr4_features;

	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		__flush_tlb();
	}
}

static inline void __flush_tlb_single(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}

/*
 * CPU features (cpufeature.h in Linux): bit numbers into the
 * x86_capability words, word 0 = CPUID 1 EDX, word 1 = CPUID 7 EBX,
 * word 2 = CPUID 1 ECX, word 3 = CPUID 0x80000001 EDX.
 */
#define X86_FEATURE_FPU		(0 * 32 + 0)
#define X86_FEATURE_PSE		(0 * 32 + 3)
#define X86_FEATURE_TSC		(0 * 32 + 4)
#define X86_FEATURE_MSR		(0 * 32 + 5)
#define X86_FEATURE_PAE		(0 * 32 + 6)
#define X86_FEATURE_APIC	(0 * 32 + 9)
#define X86_FEATURE_SEP		(0 * 32 + 11)
#define X86_FEATURE_PGE		(0 * 32 + 13)
#define X86_FEATURE_CMOV	(0 * 32 + 15)
#define X86_FEATURE_PAT		(0 * 32 + 16)
#define X86_FEATURE_PSE36	(0 * 32 + 17)
#define X86_FEATURE_CLFLUSH	(0 * 32 + 19)
#define X86_FEATURE_FXSR	(0 * 32 + 24)
#define X86_FEATURE_SSE		(0 * 32 + 25)
#define X86_FEATURE_SSE2	(0 * 32 + 26)
#define X86_FEATURE_SMEP	(1 * 32 + 7)
#define X86_FEATURE_SMAP	(1 * 32 + 20)
#define X86_FEATURE_HYPERVISOR	(2 * 32 + 31)
#define X86_FEATURE_NX		(3 * 32 + 20)
#define NCAPINTS		4

struct cpuinfo_x86 {
	u8 x86;			/* family */
	u8 x86_model;
	u8 x86_mask;		/* stepping */
	int cpuid_level;
	u32 x86_capability[NCAPINTS];
	char x86_vendor_id[16];
	char x86_model_id[64];
};

extern struct cpuinfo_x86 boot_cpu_data;

static inline int cpu_has(const struct cpuinfo_x86 *c, int bit)
{
	return (c->x86_capability[bit / 32] >> (bit % 32)) & 1;
}
#define boot_cpu_has(bit)	cpu_has(&boot_cpu_data, bit)
#define cpu_has_pse		boot_cpu_has(X86_FEATURE_PSE)
#define cpu_has_pge		boot_cpu_has(X86_FEATURE_PGE)
#define cpu_has_tsc		boot_cpu_has(X86_FEATURE_TSC)
#define cpu_has_fpu		boot_cpu_has(X86_FEATURE_FPU)
#define cpu_has_fxsr		boot_cpu_has(X86_FEATURE_FXSR)
#define cpu_has_xmm		boot_cpu_has(X86_FEATURE_SSE)

void cpu_detect(void);
void print_cpu_info(void);

/* The hardware task-state segment (Intel SDM vol. 3, figure 7-2). */
struct tss_struct {
	u16 back_link, __blh;
	u32 esp0;
	u16 ss0, __ss0h;
	u32 esp1;
	u16 ss1, __ss1h;
	u32 esp2;
	u16 ss2, __ss2h;
	u32 cr3;
	u32 eip;
	u32 eflags;
	u32 eax, ecx, edx, ebx;
	u32 esp, ebp, esi, edi;
	u16 es, __esh;
	u16 cs, __csh;
	u16 ss, __ssh;
	u16 ds, __dsh;
	u16 fs, __fsh;
	u16 gs, __gsh;
	u16 ldt, __ldth;
	u16 trace, io_bitmap_base;
} __packed;

extern struct tss_struct init_tss;

/*
 * A task's FPU registers while it is switched out (ULK 3.3.4, "Saving
 * and Loading the FPU, MMX, and XMM Registers"): the 108-byte image of
 * fnsave on CPUs without FXSR (the i486, the Pentium), the 512-byte one
 * of fxsave (with the SSE registers) on the others. The fnsave image's
 * first 108 bytes are the layout of the signal frame's struct
 * _fpstate (checked by tests/uapi/).
 */
struct i387_fsave_struct {
	long cwd;		/* control word (upper half 0xffff after fnsave) */
	long swd;		/* status word */
	long twd;		/* tag word */
	long fip;		/* last instruction pointer */
	long fcs;
	long foo;		/* last operand pointer */
	long fos;
	long st_space[20];	/* 8 registers of 10 bytes = 80 bytes */
	long status;		/* software status (Linux: the saved swd for signals) */
};

struct i387_fxsave_struct {
	unsigned short cwd;
	unsigned short swd;
	unsigned short twd;	/* abridged: one bit per register, 1 = valid */
	unsigned short fop;
	long fip;
	long fcs;
	long foo;
	long fos;
	long mxcsr;		/* SSE control and status */
	long mxcsr_mask;	/* the MXCSR bits this CPU supports (0: 0xffbf) */
	long st_space[32];	/* 8 registers in 16 bytes each = 128 bytes */
	long xmm_space[32];	/* 8 XMM registers of 16 bytes = 128 bytes */
	long padding[56];
} __aligned(16);

union i387_union {
	struct i387_fsave_struct fsave;
	struct i387_fxsave_struct fxsave;
};

/*
 * What the CPU state of a task is beyond its kernel stack (Linux's
 * struct thread_struct, ULK 3.2.2 "hardware context"): the rest is in
 * the pt_regs at the top of the kernel stack (user mode) and the frame
 * __switch_to_asm pushed (kernel mode).
 */
struct thread_struct {
	struct desc_struct tls_array[GDT_ENTRY_TLS_ENTRIES];	/* GDT entries 6..8 of this task */
	unsigned long esp0;	/* top of the kernel stack: TSS.esp0 while running */
	unsigned long esp;	/* saved by __switch_to_asm */
	unsigned long fs;	/* the user's %fs and %gs while switched out */
	unsigned long gs;
	unsigned long trap_no;	/* the last trap taken in user mode, its error code */
	unsigned long error_code; /* (for the signal frame's sigcontext) */
	unsigned long cr2;	/* the last user page fault's address (sigcontext.cr2) */
	mm_segment_t addr_limit; /* what access_ok() lets a user pointer name */
	union i387_union i387;	/* FPU state while not in the FPU (include/asm/i387.h) */
};

/*
 * The registers a task had in user mode: the frame its first entry to
 * the kernel pushed at the top of its kernel stack (TSS.esp0 points
 * there), or the one copy_thread()/start_thread() filled in for the
 * return to user mode (Linux's task_pt_regs()).
 */
#define task_pt_regs(tsk)	((struct pt_regs *)((unsigned long)(tsk)->stack + THREAD_SIZE) - 1)
#define current_pt_regs()	task_pt_regs(current)

/* Kernel stacks: THREAD_SIZE bytes, aligned to their size (ULK 3.2.2.1). */
#define THREAD_SIZE	8192

union thread_union {
	unsigned long stack[THREAD_SIZE / sizeof(unsigned long)];
};

/* boot/head.asm: the init stack, and the unmapped page below it. */
extern union thread_union init_thread_union;
extern char init_stack_guard[];
void protect_init_stack(void);
void zap_low_mappings(void);

#endif
