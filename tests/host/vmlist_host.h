/*
 * A model of mm/vmlist.c's address-space bookkeeping (test_vmlist,
 * fuzz_vmlist): the areas on vmlist as [start, end) ranges, the guard
 * page included, and where first fit must put the next one.
 *
 * First fit, stated without the kernel's loop: the lowest address a,
 * aligned, at or above start, such that [a, a + PAGE_ALIGN(size) +
 * PAGE_SIZE) overlaps no area and ends by end. It can only be start
 * aligned up, or the end of an area aligned up, so those candidates are
 * all tried. The arithmetic is done in 128 bits: an area that would
 * wrap past the top of the address space does not fit, ever.
 *
 * vm_model_check() walks vmlist: sorted, no two areas (guards
 * included) overlapping, none wrapping, exactly the model's areas.
 */
#ifndef _HOST_VMLIST_HOST_H
#define _HOST_VMLIST_HOST_H

#include <stdio.h>
#include <string.h>
#include "include/vmalloc.h"
#include "include/spinlock.h"
#include "mm/internal.h"

extern spinlock_t vmlist_lock;

#define VM_MODEL_MAX	512
#define VM_PAGE		4096UL

typedef unsigned __int128 vm_u128;

struct vm_model {
	unsigned long start[VM_MODEL_MAX], end[VM_MODEL_MAX];	/* sorted by start; end includes the guard */
	unsigned int n;
};

static char vm_msg[256];

__attribute__((format(printf, 1, 2)))
static inline const char *vm_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vm_msg, sizeof(vm_msg), fmt, ap);
	va_end(ap);
	return vm_msg;
}

static inline vm_u128 vm_align_up(vm_u128 x, unsigned long a)
{
	return (x + a - 1) / a * a;
}

/* The bytes an area of size takes, guard page included (may exceed the address space). */
static inline vm_u128 vm_total(unsigned long size)
{
	return vm_align_up(size, VM_PAGE) + VM_PAGE;
}

static inline int vm_model_free_at(const struct vm_model *m, vm_u128 a, vm_u128 total)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (a < m->end[i] && m->start[i] < a + total)
			return 0;
	return 1;
}

/* Where first fit puts (size, align) in [start, end): 1 and *addr, or 0 if nowhere. */
static inline int vm_model_first_fit(const struct vm_model *m, unsigned long size,
				     unsigned long align, unsigned long start, unsigned long end,
				     unsigned long *addr)
{
	vm_u128 total, best = 0, a;
	int found = 0;
	unsigned int i;

	if (!size || !align || (align & (align - 1)))
		return 0;	/* refused: nothing to map, or no alignment */
	total = vm_total(size);
	for (i = 0; i <= m->n; i++) {
		a = vm_align_up(i < m->n ? (vm_u128)m->end[i] : (vm_u128)start, align);
		if (a < start || a + total > end || !vm_model_free_at(m, a, total))
			continue;
		if (!found || a < best)
			best = a;
		found = 1;
	}
	if (found)
		*addr = (unsigned long)best;
	return found;
}

static inline void vm_model_add(struct vm_model *m, unsigned long start, unsigned long end)
{
	unsigned int i = m->n;

	while (i && m->start[i - 1] > start) {
		m->start[i] = m->start[i - 1];
		m->end[i] = m->end[i - 1];
		i--;
	}
	m->start[i] = start;
	m->end[i] = end;
	m->n++;
}

/* Remove the area starting at start; its index or -1. */
static inline int vm_model_del(struct vm_model *m, unsigned long start)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		if (m->start[i] != start)
			continue;
		memmove(&m->start[i], &m->start[i + 1], (m->n - i - 1) * sizeof(m->start[0]));
		memmove(&m->end[i], &m->end[i + 1], (m->n - i - 1) * sizeof(m->end[0]));
		m->n--;
		return i;
	}
	return -1;
}

/* vmlist against the model. */
static inline const char *vm_model_check(const struct vm_model *m)
{
	const struct vm_struct *v;
	unsigned int i = 0;
	vm_u128 prev_end = 0;

	for (v = vmlist; v; v = v->next, i++) {
		unsigned long s = (unsigned long)v->addr;

		if (i >= m->n)
			return vm_err("vmlist has more than the model's %u areas (%#lx)", m->n, s);
		if ((vm_u128)s + v->size > (vm_u128)~0UL)
			return vm_err("area %#lx+%#lx wraps past the top", s, v->size);
		if (i && s < prev_end)
			return vm_err("area %#lx overlaps the previous one (ending %#lx) or is out of order",
				      s, (unsigned long)prev_end);
		if (v->size < 2 * VM_PAGE || v->size % VM_PAGE)
			return vm_err("area %#lx has size %#lx", s, v->size);
		if (s != m->start[i] || s + v->size != m->end[i])
			return vm_err("area %u is %#lx-%#lx, the model says %#lx-%#lx", i, s,
				      s + v->size, m->start[i], m->end[i]);
		prev_end = (vm_u128)s + v->size;
	}
	if (i != m->n)
		return vm_err("vmlist has %u areas, the model %u", i, m->n);
	return NULL;
}

/* __insert_vm_area() and __remove_vm_area() with the lock taken, as their callers do. */
static inline struct vm_struct *vm_insert(struct vm_struct *area, unsigned long size,
					  unsigned long align, unsigned long start, unsigned long end)
{
	struct vm_struct *r;

	spin_lock(&vmlist_lock);
	r = __insert_vm_area(area, size, align, start, end);
	spin_unlock(&vmlist_lock);
	return r;
}

static inline struct vm_struct *vm_remove(const void *addr)
{
	struct vm_struct *r;

	spin_lock(&vmlist_lock);
	r = __remove_vm_area(addr);
	spin_unlock(&vmlist_lock);
	return r;
}

#endif
