/*
 * Thread-local storage through the GDT (Linux's arch/x86/kernel/tls.c;
 * ULK 3.3.3 lists load_TLS among __switch_to()'s steps).
 *
 * GDT entries 6, 7 and 8 belong to the running task: each task keeps
 * its three descriptors in thread.tls_array and __switch_to() copies
 * them into the GDT (load_TLS()). A threads library points one at its
 * thread block and loads the selector into %gs -- musl does
 * set_thread_area() with entry_number -1 and then "movl $0x33, %gs"
 * (entry 6), so %gs:0 is the thread pointer.
 *
 * The checks are Linux 6.1's (tls_desc_okay()), stricter than 2.6.11's:
 * only 32-bit, present data segments; a descriptor user space cannot
 * misuse is one fewer way to fault in the kernel's iret.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <syscalls.h>
#include <sched.h>
#include <asm/desc.h>
#include <asm/tls.h>
#include <asm/uaccess.h>

/* The task's TLS descriptors into the GDT (on every switch, and when they change). */
void load_TLS(const struct thread_struct *t)
{
	unsigned int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_table[GDT_ENTRY_TLS_MIN + i] = t->tls_array[i];
}

static bool tls_desc_okay(const struct user_desc *info)
{
	/* "No segment": the canonical empty encoding, or all zeroes (what programs use). */
	if (LDT_empty(info) || LDT_zero(info))
		return true;
	/* 16-bit segments would leak the high half of the kernel's esp (Linux's espfix). */
	if (!info->seg_32bit)
		return false;
	/* Only data segments: contents 2 is code. */
	if (info->contents > 1)
		return false;
	/* To remove an entry, ask for an empty one; a non-present DPL-3 one only invites faults. */
	if (info->seg_not_present)
		return false;
	return true;
}

/* The first free TLS entry of the task: its GDT index, or -ESRCH (Linux's get_free_idx()). */
static int get_free_idx(const struct task_struct *p)
{
	int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (desc_empty(&p->thread.tls_array[i]))
			return i + GDT_ENTRY_TLS_MIN;
	return -ESRCH;
}

static void set_tls_desc(struct task_struct *p, int idx, const struct user_desc *info)
{
	struct desc_struct *desc = &p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];

	if (LDT_empty(info) || LDT_zero(info))
		desc->a = desc->b = 0;
	else
		fill_ldt(desc, info);
	/* The running task's GDT entries now; another task's at its next switch. */
	if (p == current)
		load_TLS(&p->thread);
}

/*
 * Set TLS entry idx (-1: the one in *u_info, which may itself be -1:
 * any free one, written back into u_info->entry_number when
 * can_allocate) of task p. For set_thread_area() and clone's
 * CLONE_SETTLS. 0 or -EFAULT, -EINVAL, -ESRCH (none free).
 */
int do_set_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info,
		       int can_allocate)
{
	struct user_desc info;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	if (idx == -1)
		idx = info.entry_number;
	if (idx == -1 && can_allocate) {
		idx = get_free_idx(p);
		if (idx < 0)
			return idx;
		if (put_user(idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	set_tls_desc(p, idx, &info);
	return 0;
}

long sys_set_thread_area(struct user_desc __user *u_info)
{
	return do_set_thread_area(current, -1, u_info, 1);
}

/* A descriptor back in user_desc form (Linux's fill_user_desc()). */
static void fill_user_desc(struct user_desc *info, int idx, const struct desc_struct *desc)
{
	unsigned int type = (desc->b >> 8) & 0xf;

	memset(info, 0, sizeof(*info));
	info->entry_number = idx;
	info->base_addr = get_desc_base(desc);
	info->limit = get_desc_limit(desc);
	info->seg_32bit = !!(desc->b & DESC_D);
	info->contents = type >> 2;
	info->read_exec_only = !(type & DESC_TYPE_WRITABLE);
	info->limit_in_pages = !!(desc->b & DESC_G);
	info->seg_not_present = !(desc->b & DESC_P);
	info->useable = !!(desc->b & DESC_AVL);
}

int do_get_thread_area(struct task_struct *p, int idx, struct user_desc __user *u_info)
{
	struct user_desc info;

	if (idx == -1 && get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_user_desc(&info, idx, &p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN]);
	if (copy_to_user(u_info, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

long sys_get_thread_area(struct user_desc __user *u_info)
{
	return do_get_thread_area(current, -1, u_info);
}
