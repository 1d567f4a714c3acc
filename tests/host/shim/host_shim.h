/*
 * The boundary between kernel code built for the host and the host
 * side (harness, tests, fuzzers). Included from both worlds, so it uses
 * nothing but C types: no kernel headers, no libc headers.
 *
 *   kernel side (shim/kernel_shim.c, built like kernel code):
 *     printk/vprintk format with the kernel's own vsnprintf and hand the
 *     text to host_printk_emit(); warn_slowpath() counts warnings;
 *     open_softirq() records the action so a test can run it.
 *   host side (hostlib.c, built against libc):
 *     host_printk_emit() keeps the log; host_bug() handles BUG().
 */
#ifndef _HOST_SHIM_H
#define _HOST_SHIM_H

/* Host side. */
void host_printk_emit(const char *text, unsigned long len);
__attribute__((noreturn)) void host_bug(const char *file, int line);

/* Kernel side. */
#define HOST_NR_SOFTIRQS	8	/* >= NR_SOFTIRQS (checked in kernel_shim.c) */
extern void (*host_softirq_vec[HOST_NR_SOFTIRQS])(void);
extern unsigned long host_softirq_pending;
void host_run_softirqs(void);	/* run (and clear) every raised softirq */
extern unsigned int host_warn_count;	/* WARN()s hit so far */

#endif
