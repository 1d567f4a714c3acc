/*
 * The boundary between kernel code built for the host and the host
 * side (harness, tests, fuzzers). Included from both worlds, so it uses
 * nothing but C types: no kernel headers, no libc headers.
 *
 *   kernel side (shim/kernel_shim.c, built like kernel code):
 *     printk/vprintk format with the kernel's own vsnprintf and hand the
 *     text to host_printk_emit(); warn_slowpath() counts warnings;
 *     dump_stack() prints one line; add_taint() sets tainted_mask;
 *     open_softirq() records the action so a test can run it;
 *     __preempt_count (in_interrupt(), in_atomic()) is a plain variable
 *     a test may set; panic() prints and BUG()s (EXPECT_BUG catches it);
 *     might_sleep() reports are counted in nr_might_sleep_warnings;
 *     schedule() lets time pass (jiffies and the timer softirq) until
 *     the one task is woken; delayed work runs from its timer.
 *     mm_shim.c: the direct map over the tests' arena, bootmem,
 *     kmap_atomic() and the rest mm/page_alloc.c needs.
 *   host side (hostlib.c, built against libc):
 *     host_printk_emit() keeps the log; host_bug() handles BUG();
 *     host_bootmem_alloc() is __alloc_bootmem()'s memory.
 */
#ifndef _HOST_SHIM_H
#define _HOST_SHIM_H

/* Host side. */
void host_printk_emit(const char *text, unsigned long len);
__attribute__((noreturn)) void host_bug(const char *file, int line);
/* Boot memory (mem_map): zeroed, aligned; all of it freed by host_bootmem_release(). */
void *host_bootmem_alloc(unsigned long size, unsigned long align);
void host_bootmem_release(void);
/* Keep the blocks allocated since the last release for good (never released or reused). */
void host_bootmem_keep(void);

/* Kernel side. */
#define HOST_NR_SOFTIRQS	8	/* >= NR_SOFTIRQS (checked in kernel_shim.c) */
extern void (*host_softirq_vec[HOST_NR_SOFTIRQS])(void);
extern unsigned long host_softirq_pending;
void host_run_softirqs(void);	/* run (and clear) every raised softirq */
extern unsigned int host_warn_count;	/* WARN()s hit so far */
/* shim/mm_shim.c: the pages held in kmap_atomic() slots (NULL: free). */
#define HOST_KM_TYPE_NR		16	/* >= KM_TYPE_NR (checked in mm_shim.c) */
struct page;
extern struct page *host_kmap_slot[HOST_KM_TYPE_NR];

#endif
