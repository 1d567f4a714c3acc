/* TLS entries in the GDT (arch/x86/tls.c; set_thread_area(), clone's CLONE_SETTLS). */
#ifndef _ASM_TLS_H
#define _ASM_TLS_H

#include <compiler.h>

struct task_struct;
struct thread_struct;
struct user_desc;

/* Copy the task's three TLS descriptors into GDT entries 6..8. */
void load_TLS(const struct thread_struct *t);
/*
 * Set (or clear) TLS entry idx of p from *u_info; idx -1: the entry
 * u_info names, and -1 there picks a free one (written back) when
 * can_allocate. 0, -EFAULT, -EINVAL, -ESRCH.
 */
int do_set_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info,
		       int can_allocate);
int do_get_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info);

#endif
