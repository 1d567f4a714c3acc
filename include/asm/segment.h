/*
 * The GDT layout of Linux 2.6 on i386 (ULK figure 2-6). One GDT, 32
 * entries of 8 bytes:
 *
 *   0      null                       12  kernel code  __KERNEL_CS 0x60
 *   1-5    reserved                   13  kernel data  __KERNEL_DS 0x68
 *   6-8    TLS (set_thread_area)      14  user code    __USER_CS   0x73
 *   9-11   reserved                   15  user data    __USER_DS   0x7b
 *                                     16  TSS                      0x80
 *                                     17  LDT (unused)
 *                                     18-30 reserved (PnP BIOS, APM ...)
 *                                     31  double-fault TSS         0xf8
 *
 * A selector is (index << 3) | TI | RPL; user selectors carry RPL 3.
 * All code and data segments are flat: base 0, limit 4 GB. Paging, not
 * segmentation, separates user from kernel.
 */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H

#define GDT_ENTRY_TLS_MIN		6
#define GDT_ENTRY_TLS_ENTRIES		3
#define GDT_ENTRY_KERNEL_CS		12
#define GDT_ENTRY_KERNEL_DS		13
#define GDT_ENTRY_DEFAULT_USER_CS	14
#define GDT_ENTRY_DEFAULT_USER_DS	15
#define GDT_ENTRY_TSS			16
#define GDT_ENTRY_LDT			17
#define GDT_ENTRY_DOUBLEFAULT_TSS	31
#define GDT_ENTRIES			32

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_DEFAULT_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_DEFAULT_USER_DS * 8 + 3)
#define __TSS		(GDT_ENTRY_TSS * 8)
#define __DOUBLEFAULT_TSS (GDT_ENTRY_DOUBLEFAULT_TSS * 8)

#define SEGMENT_RPL_MASK	0x3
#define USER_RPL		0x3

#endif
