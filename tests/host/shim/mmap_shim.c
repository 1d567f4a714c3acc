/*
 * What mm/mmap.c, mm/mprotect.c and mm/mremap.c need from the rest of
 * the kernel, for the host (built like kernel code), and the small API
 * tests/host/mmap_host.h gives the host side (hmm_*): an address space
 * with no memory behind it. The region code under test is real; what
 * it calls for pages and page tables is a stub here, since no page is
 * ever touched (the page-table walkers see an all-empty directory):
 *
 *   vm_area_alloc/free  a pool of vm_area_structs, with a failure knob
 *                       (hmm_fail_vma_alloc: fail the Nth allocation)
 *   unmap_vmas, zap_page_range, free_pgtables, make_pages_present,
 *   follow_page, flush_tlb_mm   nothing to do without pages
 *   copy_from_user      refuses (sys_old_mmap is not exercised)
 *   shmem_zero_setup    refuses (-ENOMEM): no shared anonymous mappings
 *
 * TASK_SIZE is PAGE_OFFSET, which the host shim points at the tests'
 * arena; hmm_setup() sets it to i386's 0xC0000000 (no arena is used).
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/uaccess.h>
#include <shmem_fs.h>
#include "host_shim.h"

#define HMM_POOL	4096

static struct vm_area_struct hmm_pool[HMM_POOL];
static struct vm_area_struct *hmm_free_list;
static int hmm_pool_ready;
unsigned long nr_vm_area_structs;
long hmm_fail_vma_alloc;	/* > 0: the allocation that brings it to 0 fails */
static struct mm_struct hmm_mm;
static pgd_t hmm_pgd[PTRS_PER_PGD] __aligned(PAGE_SIZE);

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int i;

	if (!hmm_pool_ready) {
		for (i = 0; i < HMM_POOL; i++) {
			hmm_pool[i].vm_next = hmm_free_list;
			hmm_free_list = &hmm_pool[i];
		}
		hmm_pool_ready = 1;
	}
	if (hmm_fail_vma_alloc > 0 && --hmm_fail_vma_alloc == 0)
		return NULL;
	vma = hmm_free_list;
	if (!vma)
		return NULL;
	hmm_free_list = vma->vm_next;
	memset(vma, 0, sizeof(*vma));
	vma->vm_mm = mm;
	RB_CLEAR_NODE(&vma->vm_rb);
	nr_vm_area_structs++;
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	BUG_ON(vma < hmm_pool || vma >= hmm_pool + HMM_POOL);
	memset(vma, 0x6b, sizeof(*vma));	/* poison: a use after free shows */
	vma->vm_next = hmm_free_list;
	hmm_free_list = vma;
	nr_vm_area_structs--;
}

unsigned long unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	(void)vma;
	return (end - start) >> PAGE_SHIFT;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long address, unsigned long size)
{
	(void)vma;
	(void)address;
	(void)size;
}

void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	(void)mm;
	(void)start;
	(void)end;
}

int make_pages_present(unsigned long addr, unsigned long end)
{
	(void)addr;
	(void)end;
	return 0;
}

struct page *follow_page(struct mm_struct *mm, unsigned long address, int write)
{
	(void)mm;
	(void)address;
	(void)write;
	return NULL;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	(void)vma;
	return -ENOMEM;
}

void flush_tlb_mm(struct mm_struct *mm)
{
	(void)mm;
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	(void)to;
	(void)from;
	return n;
}

/* ---- the host side's API (tests/host/mmap_host.h) ---- */

/* A fresh empty mm as current's: the given layout, the default rlimits. */
void hmm_setup(unsigned long mmap_base, int legacy, unsigned long ram_pages);
void hmm_setup(unsigned long mmap_base, int legacy, unsigned long ram_pages)
{
	static const struct rlimit init_rlim[RLIM_NLIMITS] = INIT_RLIMITS_INITIALIZER;

	/* TASK_SIZE is PAGE_OFFSET, the arena's start on the host (shim/asm/page.h): no arena here. */
	host_direct_map = 0xC0000000UL;
	static struct signal_struct hmm_signal;

	if (!current->signal)
		current->signal = &hmm_signal;
	memcpy(current->signal->rlim, init_rlim, sizeof(init_rlim));
	memset(&hmm_mm, 0, sizeof(hmm_mm));
	memset(hmm_pgd, 0, sizeof(hmm_pgd));
	hmm_mm.mm_rb = RB_ROOT;
	atomic_set(&hmm_mm.mm_users, 1);
	atomic_set(&hmm_mm.mm_count, 1);
	init_rwsem(&hmm_mm.mmap_sem);
	spin_lock_init(&hmm_mm.page_table_lock);
	hmm_mm.pgd = hmm_pgd;
	hmm_mm.mmap_base = mmap_base;
	hmm_mm.legacy_layout = legacy;
	hmm_mm.anon_vma.mm = &hmm_mm;
	current->mm = &hmm_mm;
	current->active_mm = &hmm_mm;
	totalram_pages = ram_pages;
	hmm_fail_vma_alloc = 0;
}

/* Every region freed (exit_mmap); the pool must be whole again. */
int hmm_teardown(void);
int hmm_teardown(void)
{
	exit_mmap(&hmm_mm);
	current->mm = NULL;
	return nr_vm_area_structs == 0;
}

void hmm_set_rlimit(int which, unsigned long cur);
void hmm_set_rlimit(int which, unsigned long cur)
{
	current->signal->rlim[which].rlim_cur = cur;
}

void hmm_set_brk(unsigned long start);
void hmm_set_brk(unsigned long start)
{
	hmm_mm.start_brk = hmm_mm.brk = start;
}

long hmm_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags);
long hmm_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
{
	return sys_mmap_pgoff(addr, len, prot, flags, (unsigned long)-1, 0);
}

long hmm_munmap(unsigned long addr, unsigned long len);
long hmm_munmap(unsigned long addr, unsigned long len)
{
	return sys_munmap(addr, len);
}

long hmm_mprotect(unsigned long addr, unsigned long len, unsigned long prot);
long hmm_mprotect(unsigned long addr, unsigned long len, unsigned long prot)
{
	return sys_mprotect(addr, len, prot);
}

long hmm_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long hmm_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	return sys_mremap(addr, old_len, new_len, flags, new_addr);
}

long hmm_brk(unsigned long brk);
long hmm_brk(unsigned long brk)
{
	return sys_brk(brk);
}

/* validate_mm()'s verdict (NULL: valid). */
const char *hmm_validate(void);
const char *hmm_validate(void)
{
	return validate_mm_why(&hmm_mm);
}

unsigned long hmm_total_vm(void);
unsigned long hmm_total_vm(void)
{
	return hmm_mm.total_vm;
}

int hmm_map_count(void);
int hmm_map_count(void)
{
	return hmm_mm.map_count;
}

/* The regions in order: up to max of them into start/end/flags; returns how many there are. */
int hmm_regions(unsigned long *start, unsigned long *end, unsigned long *flags, int max);
int hmm_regions(unsigned long *start, unsigned long *end, unsigned long *flags, int max)
{
	struct vm_area_struct *vma;
	int n = 0;

	for (vma = hmm_mm.mmap; vma; vma = vma->vm_next, n++)
		if (n < max) {
			start[n] = vma->vm_start;
			end[n] = vma->vm_end;
			flags[n] = vma->vm_flags;
		}
	return n;
}

/* find_vma(addr)'s region bounds, or 0 without one. */
int hmm_find_vma(unsigned long addr, unsigned long *start, unsigned long *end);
int hmm_find_vma(unsigned long addr, unsigned long *start, unsigned long *end)
{
	struct vm_area_struct *vma = find_vma(&hmm_mm, addr);

	if (!vma)
		return 0;
	*start = vma->vm_start;
	*end = vma->vm_end;
	return 1;
}
