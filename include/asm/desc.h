/*
 * Segment and gate descriptors (ULK 2.2.2, 4.4.1).
 *
 * A segment descriptor, as two 32-bit words:
 *
 *   b: base 31..24 | G D 0 AVL | limit 19..16 | P DPL S type | base 23..16
 *   a: base 15..0                             | limit 15..0
 *
 * A gate (interrupt, trap or task) in the IDT:
 *
 *   b: offset 31..16                          | P DPL 0 type | 0
 *   a: segment selector                       | offset 15..0
 */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <types.h>
#include <compiler.h>
#include <asm/ldt.h>
#include <asm/segment.h>

struct desc_struct {
	u32 a, b;
};

struct desc_ptr {
	u16 size;
	unsigned long address;
} __packed;

/* Descriptor "flags" as Linux writes them: G D 0 AVL 0000 P DPL S type. */
#define DESC_KERNEL_CODE	0xc09a	/* 4 KB granular, 32-bit, ring 0, exec/read */
#define DESC_KERNEL_DATA	0xc092	/* ring 0, read/write */
#define DESC_USER_CODE		0xc0fa	/* ring 3, exec/read */
#define DESC_USER_DATA		0xc0f2	/* ring 3, read/write */
#define DESC_TSS		0x0089	/* available 32-bit TSS, byte granular */

#define GDT_ENTRY_INIT(flags, base, limit) {				\
	.a = ((limit) & 0xffff) | (((base) & 0xffff) << 16),		\
	.b = (((base) & 0xff0000) >> 16) | (((flags) & 0xf0ff) << 8) |	\
	     ((limit) & 0xf0000) | ((base) & 0xff000000),		\
}

/* Gate types (the "type" field, with P set). */
#define GATE_INTERRUPT	0x8e	/* clears IF on entry */
#define GATE_TRAP	0x8f	/* leaves IF alone */
#define GATE_TASK	0x85
#define GATE_DPL3	0x60	/* reachable by int n from user mode */

extern struct desc_struct gdt_table[GDT_ENTRIES];
extern struct desc_struct idt_table[256];
extern struct desc_ptr gdt_descr;

static inline void pack_gate(struct desc_struct *d, unsigned int type,
			     unsigned long offset, unsigned int sel)
{
	d->a = (sel << 16) | (offset & 0xffff);
	d->b = (offset & 0xffff0000) | (type << 8);
}

static inline void set_tss_desc(struct desc_struct *d, const void *tss, unsigned int size)
{
	unsigned long base = (unsigned long)tss;
	struct desc_struct t = GDT_ENTRY_INIT(DESC_TSS, base, size - 1);

	*d = t;
}

static inline void load_idt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lidt %0" :: "m"(*p));
}

static inline void load_tr(unsigned int sel)
{
	__asm__ __volatile__("ltr %w0" :: "q"(sel));
}

/*
 * TLS descriptors (set_thread_area(), ULK 3.3.3 and Linux's
 * asm/desc.h): a struct user_desc becomes a data segment descriptor
 * of DPL 3, with the accessed bit already set so the CPU never writes
 * the GDT. What user space asks for with all fields clear but
 * entry_number (LDT_zero, what many programs mean by "no segment") or
 * with the canonical empty encoding (LDT_empty) is the null
 * descriptor: the entry is free.
 */
#define DESC_TYPE_ACCESSED	0x1
#define DESC_TYPE_WRITABLE	0x2
#define DESC_S			(1u << 12)	/* code or data, not a system segment */
#define DESC_DPL3		(3u << 13)
#define DESC_P			(1u << 15)
#define DESC_AVL		(1u << 20)
#define DESC_D			(1u << 22)	/* 32-bit */
#define DESC_G			(1u << 23)	/* limit in 4 KB pages */

static inline void fill_ldt(struct desc_struct *desc, const struct user_desc *info)
{
	desc->a = ((info->base_addr & 0x0000ffff) << 16) | (info->limit & 0x0ffff);
	desc->b = (info->base_addr & 0xff000000) | ((info->base_addr & 0x00ff0000) >> 16) |
		  (info->limit & 0xf0000) |
		  (((info->read_exec_only ^ 1u) * DESC_TYPE_WRITABLE |
		    info->contents << 2 | DESC_TYPE_ACCESSED) << 8) |
		  DESC_S | DESC_DPL3 | (info->seg_not_present ^ 1u) * DESC_P |
		  info->useable * DESC_AVL | info->seg_32bit * DESC_D |
		  info->limit_in_pages * DESC_G;
}

static inline int LDT_empty(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       info->seg_not_present && !info->useable;
}

static inline int LDT_zero(const struct user_desc *info)
{
	return !info->base_addr && !info->limit && !info->contents &&
	       !info->read_exec_only && !info->seg_32bit && !info->limit_in_pages &&
	       !info->seg_not_present && !info->useable;
}

static inline int desc_empty(const struct desc_struct *desc)
{
	return !(desc->a | desc->b);
}

static inline unsigned long get_desc_base(const struct desc_struct *desc)
{
	return (desc->a >> 16) | ((desc->b & 0xff) << 16) | (desc->b & 0xff000000);
}

static inline unsigned long get_desc_limit(const struct desc_struct *desc)
{
	return (desc->a & 0xffff) | (desc->b & 0xf0000);
}

void set_intr_gate(unsigned int n, void *addr);
void set_trap_gate(unsigned int n, void *addr);
void set_system_gate(unsigned int n, void *addr);
void set_task_gate(unsigned int n, unsigned int gdt_entry);

void cpu_init(void);

#endif
