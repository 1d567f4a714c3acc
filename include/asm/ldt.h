/*
 * struct user_desc: what set_thread_area() and get_thread_area() take
 * from and give to user space (Linux's UAPI asm/ldt.h, i386). One TLS
 * segment descriptor in a form user space can fill in; fill_ldt()
 * (include/asm/desc.h) turns it into the GDT's two words. The layout,
 * bitfields included, is checked against Linux's own header by
 * tests/uapi/.
 */
#ifndef _ASM_LDT_H
#define _ASM_LDT_H

struct user_desc {
	unsigned int entry_number;	/* GDT index 6..8, or -1: "pick a free one" */
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1;
	unsigned int contents:2;	/* 0 data, 1 expand-down data, 2 code */
	unsigned int read_exec_only:1;
	unsigned int limit_in_pages:1;
	unsigned int seg_not_present:1;
	unsigned int useable:1;
};

#endif
