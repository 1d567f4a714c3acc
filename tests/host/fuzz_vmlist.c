/*
 * libFuzzer target for mm/vmlist.c: insertions and removals of vm_struct
 * areas in fake address ranges (nothing is mapped), each predicted by
 * vmlist_host.h's model (first fit with a guard page, nothing wrapping
 * past the top of the address space), vmlist checked against the model
 * after every step; find_vm_area() and vmalloc_describe_address() against
 * a model of the live areas and of the 16 most recently freed.
 *
 *   byte 0        the ranges, byte 0 % 4: low (two overlapping ranges of
 *                 a few hundred pages), the top of the address space
 *                 (ranges ending at ~0UL), the whole address space, or
 *                 small ranges at odd addresses
 *   then steps of four bytes (op, a, b, c):
 *     op & 7 = 0..2  insert: size from a and b (op bit 3: huge, near ~0UL),
 *                    alignment c & 7, range (op >> 4) & 1; op bit 7: through
 *                    __get_vm_area() (a kmalloc'ed vm_struct, page aligned)
 *               3,4  remove live area a % n (__remove_vm_area() or, b odd,
 *                    remove_vm_area_nomap())
 *               5    remove an address that starts no area: NULL
 *               6    find_vm_area() and vmalloc_describe_address() of an
 *                    address near an area, live or freed
 *               7    remove a burst of a % 8 + 1 areas
 *
 * At the end every area is removed: vmlist empty, every kmalloc'ed
 * vm_struct freed (the slab machine's pages all back).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "slab_host.h"
#include "vmlist_host.h"

static const struct pa_layout machine = {
	.name = "vmlist-fuzz",
	.zones_size = { 0x800, 0, 0 },
	.reserved = { { 0, 1 } },
};

#define MAX_AREAS	256
#define MAX_STEPS	400
#define HISTORY		16	/* mm/vmlist.c's VM_HISTORY */

struct farea {
	struct vm_struct *v;
	int kmalloced;
};

static struct vm_model m;
static struct vm_struct pool[MAX_AREAS];
static int pool_used[MAX_AREAS];
static struct farea live[MAX_AREAS];
static unsigned int nlive, step;
static unsigned long caller_seq;
static struct { unsigned long addr, size, caller; } hist[HISTORY];	/* newest last */
static unsigned int nhist;
static const char *step_name;

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_vmlist: step %u (%s): ", step, step_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void check(void)
{
	const char *err = vm_model_check(&m);

	if (err)
		die("%s", err);
}

/* Two ranges per machine kind. */
static void ranges(unsigned int kind, unsigned int which, unsigned long *lo, unsigned long *hi)
{
	const unsigned long top = ~0UL, base = 0x40000000UL;

	switch (kind) {
	case 0:
		*lo = which ? base + 37 * VM_PAGE + 5 : base;
		*hi = *lo + 300 * VM_PAGE;
		break;
	case 1:
		*lo = which ? top - 40 * VM_PAGE - 77 : top - 64 * VM_PAGE + 1;
		*hi = which ? top - 3 : top;
		break;
	case 2:
		*lo = which ? VM_PAGE : 0;
		*hi = top;
		break;
	default:
		*lo = which ? base + 3 : base + 8 * VM_PAGE - 1;
		*hi = *lo + (which ? 9 : 23) * VM_PAGE + 11;
		break;
	}
}

static unsigned long decode_size(uint8_t op, uint8_t a, uint8_t b)
{
	if (op & 8)	/* huge: near the top of unsigned long */
		return ~0UL - ((unsigned long)a << (b % 48)) - b;
	if (a & 0x80)	/* (never 0: no caller asks for an empty area) */
		return (unsigned long)(a & 0x7f) * VM_PAGE * (b % 5 + 1) + b + 1;
	return (unsigned long)(a % 8) * VM_PAGE + b * 16 + 1;
}

static void remember(const struct vm_struct *v)
{
	if (nhist == HISTORY) {
		memmove(hist, hist + 1, sizeof(hist[0]) * (HISTORY - 1));
		nhist--;
	}
	hist[nhist].addr = (unsigned long)v->addr;
	hist[nhist].size = v->size;
	hist[nhist].caller = (unsigned long)v->caller;
	nhist++;
}

static void do_insert(unsigned int kind, uint8_t op, uint8_t a, uint8_t b, uint8_t c)
{
	static const unsigned long aligns[8] = { 1, VM_PAGE, VM_PAGE, 2 * VM_PAGE, 16 * VM_PAGE,
						 64 * VM_PAGE, 1UL << 20, 8 };
	unsigned long size = decode_size(op, a, b), align = aligns[c & 7], lo, hi, want = 0;
	int via_get = op & 0x80, fits;
	struct vm_struct *v;
	unsigned int i;

	if (nlive == MAX_AREAS)
		return;
	ranges(kind, (op >> 4) & 1, &lo, &hi);
	if (via_get) {
		align = VM_PAGE;
		if (!size || size > hi - lo)
			fits = 0;
		else
			fits = vm_model_first_fit(&m, size, align, lo, hi, &want);
		v = __get_vm_area(size, VM_ALLOC, lo, hi, (void *)++caller_seq);
	} else {
		fits = vm_model_first_fit(&m, size, align, lo, hi, &want);
		for (i = 0; pool_used[i]; i++)
			;
		v = &pool[i];
		memset(v, 0, sizeof(*v));
		v->caller = (void *)++caller_seq;
		v = vm_insert(v, size, align, lo, hi);
		if (v)
			pool_used[i] = 1;
	}
	if (!fits) {
		if (v)
			die("size %#lx align %#lx in [%#lx, %#lx): placed at %#lx+%#lx, no room in the model",
			    size, align, lo, hi, (unsigned long)v->addr, v->size);
		return;
	}
	if (!v)
		die("size %#lx align %#lx in [%#lx, %#lx): NULL, the model fits it at %#lx", size,
		    align, lo, hi, want);
	if ((unsigned long)v->addr != want || v->size != vm_total(size))
		die("size %#lx align %#lx in [%#lx, %#lx): at %#lx+%#lx, the model says %#lx+%#lx", size,
		    align, lo, hi, (unsigned long)v->addr, v->size, want, (unsigned long)vm_total(size));
	if (via_get && (v->flags != VM_ALLOC || (unsigned long)v->caller != caller_seq))
		die("__get_vm_area() lost the flags or the caller");
	vm_model_add(&m, want, want + v->size);
	live[nlive++] = (struct farea){ v, via_get };
}

static void do_remove(unsigned int i, int nomap)
{
	struct farea f = live[i];
	unsigned long addr = (unsigned long)f.v->addr;
	struct vm_struct *r = nomap ? remove_vm_area_nomap(f.v->addr) : vm_remove(f.v->addr);

	if (r != f.v)
		die("removing the area at %#lx gave %p, not %p", addr, (void *)r, (void *)f.v);
	if (find_vm_area((void *)addr))
		die("area %#lx still found after its removal", addr);
	remember(r);
	vm_model_del(&m, addr);
	live[i] = live[--nlive];
	if (f.kmalloced)
		kfree(r);
	else
		pool_used[r - pool] = 0;
}

/* An address that starts no live area: inside one, its guard page, or in a gap. */
static void do_remove_unknown(uint8_t a, uint8_t b)
{
	unsigned long addr;
	unsigned int i;

	if (nlive) {
		const struct vm_struct *v = live[a % nlive].v;

		addr = (unsigned long)v->addr + 1 + (b * 977UL) % (v->size - 1);
	} else {
		addr = 0x40000000UL + b * VM_PAGE;
	}
	for (i = 0; i < nlive; i++)
		if ((unsigned long)live[i].v->addr == addr)
			return;
	if (vm_remove((void *)addr) || remove_vm_area_nomap((void *)addr))
		die("removing %#lx, which starts no area, returned an area", addr);
}

/* What vmalloc_describe_address() must say of addr, from the model. */
static void expect_description(unsigned long addr)
{
	char want[200], got[200];
	unsigned int i;
	int k;

	kernel_snprintf(want, sizeof(want), "in no vmalloc area");
	for (i = 0; i < nlive; i++) {
		const struct vm_struct *v = live[i].v;
		unsigned long s = (unsigned long)v->addr, e = s + v->size;

		if (addr >= s && addr < e) {
			kernel_snprintf(want, sizeof(want), "%s vmalloc area %#lx-%#lx (%lu bytes) "
					"allocated by 0x%lx",
					addr >= e - VM_PAGE ? "in the guard page after" : "inside", s,
					e - VM_PAGE - 1, v->size - VM_PAGE, (unsigned long)v->caller);
			goto compare;
		}
	}
	for (k = nhist - 1; k >= 0; k--) {
		if (addr >= hist[k].addr && addr < hist[k].addr + hist[k].size) {
			kernel_snprintf(want, sizeof(want), "in freed vmalloc area %#lx-%#lx (%lu bytes) "
					"that was allocated by 0x%lx", hist[k].addr,
					hist[k].addr + hist[k].size - VM_PAGE - 1, hist[k].size - VM_PAGE,
					hist[k].caller);
			break;
		}
	}
compare:
	vmalloc_describe_address(addr, got, sizeof(got));
	if (strcmp(want, got))
		die("describe %#lx: \"%s\", the model says \"%s\"", addr, got, want);
}

static void do_describe(uint8_t a, uint8_t b, uint8_t c)
{
	unsigned long base, size, addr;
	struct vm_struct *found;
	unsigned int i;

	if (nlive && !(c & 1)) {
		base = (unsigned long)live[a % nlive].v->addr;
		size = live[a % nlive].v->size;
	} else if (nhist) {
		base = hist[a % nhist].addr;
		size = hist[a % nhist].size;
	} else {
		return;
	}
	/* Around the area: its first byte, inside, its guard page, just before, just after. */
	switch (b % 5) {
	case 0: addr = base; break;
	case 1: addr = base + (c * 4099UL) % size; break;
	case 2: addr = base + size - 1 - (c % VM_PAGE); break;
	case 3: addr = base - 1 - c; break;
	default: addr = base + size + c; break;
	}
	expect_description(addr);
	found = find_vm_area((void *)addr);
	for (i = 0; i < nlive; i++)
		if ((unsigned long)live[i].v->addr == addr)
			break;
	if (found != (i < nlive ? live[i].v : NULL))
		die("find_vm_area(%#lx) = %p", addr, (void *)found);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int kind;
	size_t pos;

	if (size < 1)
		return 0;
	step = 0;
	step_name = "start";
	sh_boot(&machine);
	host_printk_clear();
	kind = data[0] % 4;
	m.n = 0;
	nhist = 0;
	if (vmlist)
		die("vmlist not empty at the start");
	/* The kernel's history still holds older inputs' areas: push them out. */
	{
		static struct vm_struct dummy;
		unsigned int k;

		for (k = 0; k < HISTORY; k++) {
			memset(&dummy, 0, sizeof(dummy));
			if (!vm_insert(&dummy, VM_PAGE, VM_PAGE, 0x1000, 0x3000) || vm_remove(dummy.addr) != &dummy)
				die("the history flush failed");
			remember(&dummy);
		}
	}
	for (pos = 1; pos + 3 < size && step < MAX_STEPS; pos += 4) {
		uint8_t op = data[pos], a = data[pos + 1], b = data[pos + 2], c = data[pos + 3];
		unsigned int n;

		step++;
		switch (op & 7) {
		case 0: case 1: case 2:
			step_name = "insert";
			do_insert(kind, op, a, b, c);
			break;
		case 3: case 4:
			step_name = "remove";
			if (nlive)
				do_remove(a % nlive, b & 1);
			break;
		case 5:
			step_name = "remove unknown";
			do_remove_unknown(a, b);
			break;
		case 6:
			step_name = "describe";
			do_describe(a, b, c);
			break;
		case 7:
			step_name = "remove burst";
			for (n = a % 8 + 1; n && nlive; n--)
				do_remove((b + n) % nlive, n & 1);
			break;
		}
		check();
	}
	step_name = "remove everything";
	while (nlive)
		do_remove(nlive - 1, 0);
	check();
	if (vmlist)
		die("vmlist not empty at the end");
	{
		const char *err = sh_leak_check();

		if (err)
			die("%s", err);
	}
	return 0;
}
