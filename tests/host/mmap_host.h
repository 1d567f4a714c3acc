/*
 * The host side of the address-space tests (test_mmap, fuzz_mmap): the
 * real mm/mmap.c, mm/mprotect.c and mm/mremap.c over an mm without
 * memory (tests/host/shim/mmap_shim.c has the stubs and these hmm_*
 * functions), and a page-by-page reference model of a window of the
 * address space.
 *
 * The window is [HMM_W0, HMM_WEND): HMM_NP pages. Everything else of
 * user space is fenced off with PROT_NONE regions, so every placement
 * the kernel chooses (top-down from mmap_base = HMM_WEND) lands in the
 * window or fails, and the model predicts which.
 */
#ifndef _HOST_MMAP_HOST_H
#define _HOST_MMAP_HOST_H

#include <stdio.h>
#include <string.h>

#define HMM_PAGE	4096UL
#define HMM_NP		256UL
#define HMM_W0		0x10000000UL
#define HMM_WEND	(HMM_W0 + HMM_NP * HMM_PAGE)
#define HMM_TASK_SIZE	0xC0000000UL
#define HMM_MIN_ADDR	HMM_PAGE

/* include/mman.h */
#define HMM_PROT_READ	1
#define HMM_PROT_WRITE	2
#define HMM_PROT_EXEC	4
#define HMM_MAP_PRIVATE	0x02
#define HMM_MAP_FIXED	0x10
#define HMM_MAP_ANON	0x20
#define HMM_MAP_NORESERVE 0x4000
#define HMM_MREMAP_MAYMOVE 1
#define HMM_MREMAP_FIXED 2
#define HMM_MREMAP_DONTUNMAP 4

/* include/errno.h */
#define HMM_EINVAL	22
#define HMM_ENOMEM	12
#define HMM_EFAULT	14

void hmm_setup(unsigned long mmap_base, int legacy, unsigned long ram_pages);
int hmm_teardown(void);
void hmm_set_rlimit(int which, unsigned long cur);
void hmm_set_brk(unsigned long start);
long hmm_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags);
long hmm_munmap(unsigned long addr, unsigned long len);
long hmm_mprotect(unsigned long addr, unsigned long len, unsigned long prot);
long hmm_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long hmm_brk(unsigned long brk);
const char *hmm_validate(void);
unsigned long hmm_total_vm(void);
int hmm_map_count(void);
int hmm_regions(unsigned long *start, unsigned long *end, unsigned long *flags, int max);
int hmm_find_vma(unsigned long addr, unsigned long *start, unsigned long *end);
extern long hmm_fail_vma_alloc;

/* The model: per page of the window, 0 = unmapped, else 0x8 | rwx. */
struct hmm_model {
	unsigned char page[HMM_NP];
	unsigned long brk, start_brk;
};

#define HMM_MAPPED	0x8
#define HMM_FENCE_PAGES	(((HMM_W0 - HMM_MIN_ADDR) + (HMM_TASK_SIZE - HMM_WEND)) / HMM_PAGE)

static inline unsigned long hmm_idx(unsigned long addr)
{
	return (addr - HMM_W0) / HMM_PAGE;
}

/* Start: the fences mapped, the model empty. 0 or -1. */
static inline int hmm_start(struct hmm_model *m, unsigned long brk)
{
	memset(m, 0, sizeof(*m));
	hmm_setup(HMM_WEND, 0, 1UL << 20);
	if (hmm_mmap(HMM_MIN_ADDR, HMM_W0 - HMM_MIN_ADDR, 0, HMM_MAP_PRIVATE | HMM_MAP_ANON |
		     HMM_MAP_FIXED) != (long)HMM_MIN_ADDR)
		return -1;
	if (hmm_mmap(HMM_WEND, HMM_TASK_SIZE - HMM_WEND, 0, HMM_MAP_PRIVATE | HMM_MAP_ANON |
		     HMM_MAP_FIXED) != (long)HMM_WEND)
		return -1;
	hmm_set_brk(brk);
	m->brk = m->start_brk = brk;
	return 0;
}

/* Is [addr, addr + len) inside the window and all unmapped in the model? */
static inline int hmm_free(const struct hmm_model *m, unsigned long addr, unsigned long len)
{
	unsigned long i;

	if (addr < HMM_W0 || addr + len > HMM_WEND || addr + len < addr)
		return 0;
	for (i = hmm_idx(addr); i < hmm_idx(addr + len); i++)
		if (m->page[i])
			return 0;
	return 1;
}

static inline void hmm_set(struct hmm_model *m, unsigned long addr, unsigned long len,
			   unsigned char v)
{
	unsigned long i;

	for (i = hmm_idx(addr); i < hmm_idx(addr + len); i++)
		m->page[i] = v;
}

/* The model's top-down placement: the highest free range of len in the window, or 0. */
static inline unsigned long hmm_topdown(const struct hmm_model *m, unsigned long len)
{
	unsigned long a;

	if (len > HMM_WEND - HMM_W0)
		return 0;
	for (a = HMM_WEND - len; ; a -= HMM_PAGE) {
		if (hmm_free(m, a, len))
			return a;
		if (a == HMM_W0)
			return 0;
	}
}

/*
 * The kernel's regions against the model: fences intact, every window
 * page mapped as the model says with the same rights, total_vm right,
 * validate_mm() happy. NULL or what is wrong (in a static buffer).
 */
static inline const char *hmm_compare(const struct hmm_model *m)
{
	static unsigned long s[2 * HMM_NP + 8], e[2 * HMM_NP + 8], f[2 * HMM_NP + 8];
	static char why[160];
	unsigned char seen[HMM_NP];
	unsigned long covered = HMM_MIN_ADDR, pages = 0, i;
	const char *err = hmm_validate();
	int n, k;

	if (err)
		return err;
	n = hmm_regions(s, e, f, (int)(sizeof(s) / sizeof(s[0])));
	if (n > (int)(sizeof(s) / sizeof(s[0])))
		return "more regions than the window can hold";
	memset(seen, 0, sizeof(seen));
	for (k = 0; k < n; k++) {
		unsigned long a;

		/* Fences: from HMM_MIN_ADDR to W0 and from WEND to TASK_SIZE, without gaps. */
		if (s[k] < HMM_W0 && s[k] != covered)
			return "the lower fence has a gap";
		if (e[k] <= HMM_W0)
			covered = e[k];
		for (a = s[k] < HMM_W0 ? HMM_W0 : s[k]; a < e[k] && a < HMM_WEND; a += HMM_PAGE)
			seen[hmm_idx(a)] = HMM_MAPPED | (f[k] & 7);
		if (e[k] > HMM_WEND && k + 1 < n)
			return "a region above the upper fence's start";
	}
	if (!n || e[n - 1] != HMM_TASK_SIZE || s[0] != HMM_MIN_ADDR)
		return "the fences do not reach the ends of user space";
	for (i = 0; i < HMM_NP; i++) {
		if (seen[i] != m->page[i]) {
			snprintf(why, sizeof(why), "page %#lx: kernel %#x, model %#x",
				 HMM_W0 + i * HMM_PAGE, seen[i], m->page[i]);
			return why;
		}
		pages += m->page[i] != 0;
	}
	if (hmm_total_vm() != HMM_FENCE_PAGES + pages) {
		snprintf(why, sizeof(why), "total_vm %lu, model %lu", hmm_total_vm(),
			 HMM_FENCE_PAGES + pages);
		return why;
	}
	return NULL;
}

/* Take the kernel's window as the model's (after an operation the model does not predict). */
static inline void hmm_resync(struct hmm_model *m)
{
	static unsigned long s[2 * HMM_NP + 8], e[2 * HMM_NP + 8], f[2 * HMM_NP + 8];
	int n = hmm_regions(s, e, f, (int)(sizeof(s) / sizeof(s[0]))), k;

	memset(m->page, 0, sizeof(m->page));
	for (k = 0; k < n && k < (int)(sizeof(s) / sizeof(s[0])); k++) {
		unsigned long a;

		for (a = s[k] < HMM_W0 ? HMM_W0 : s[k]; a < e[k] && a < HMM_WEND; a += HMM_PAGE)
			m->page[hmm_idx(a)] = HMM_MAPPED | (f[k] & 7);
	}
}

/*
 * One mmap/munmap/mprotect/brk step, predicted by the model, done by
 * the kernel, the model updated. Returns the kernel's result; *ok is
 * cleared if it differs from the prediction.
 */
static inline long hmm_do_mmap(struct hmm_model *m, unsigned long addr, unsigned long len,
			       unsigned long prot, int fixed, int *ok)
{
	unsigned long alen = (len + HMM_PAGE - 1) & ~(HMM_PAGE - 1), want;
	long r = hmm_mmap(addr, len, prot, HMM_MAP_PRIVATE | HMM_MAP_ANON |
			  (fixed ? HMM_MAP_FIXED : 0));

	if (!len)
		want = -HMM_EINVAL;
	else if (fixed)
		want = (addr & (HMM_PAGE - 1)) ? (unsigned long)-HMM_EINVAL : addr;
	else if (addr && hmm_free(m, (addr + HMM_PAGE - 1) & ~(HMM_PAGE - 1), alen))
		want = (addr + HMM_PAGE - 1) & ~(HMM_PAGE - 1);
	else
		want = hmm_topdown(m, alen) ?: (unsigned long)-HMM_ENOMEM;
	if ((unsigned long)r != want)
		*ok = 0;
	else if (r >= 0)
		hmm_set(m, want, alen, HMM_MAPPED | (prot & 7));
	return r;
}

static inline long hmm_do_munmap(struct hmm_model *m, unsigned long addr, unsigned long len,
				 int *ok)
{
	unsigned long alen = (len + HMM_PAGE - 1) & ~(HMM_PAGE - 1);
	long want = ((addr & (HMM_PAGE - 1)) || !alen) ? -HMM_EINVAL : 0;
	long r = hmm_munmap(addr, len);

	if (r != want)
		*ok = 0;
	else if (!r)
		hmm_set(m, addr, alen, 0);
	return r;
}

static inline long hmm_do_mprotect(struct hmm_model *m, unsigned long addr, unsigned long len,
				   unsigned long prot, int *ok)
{
	unsigned long alen = (len + HMM_PAGE - 1) & ~(HMM_PAGE - 1), a;
	long want, r = hmm_mprotect(addr, len, prot);

	if (addr & (HMM_PAGE - 1)) {
		want = -HMM_EINVAL;
	} else if (!len) {
		want = 0;
	} else {
		want = 0;
		for (a = addr; a < addr + alen; a += HMM_PAGE) {
			if (!m->page[hmm_idx(a)]) {
				want = -HMM_ENOMEM;
				break;
			}
		}
		/* Applied up to the hole, if there is one (Linux's walk). */
		if (r == want)
			for (a = addr; a < addr + alen && m->page[hmm_idx(a)]; a += HMM_PAGE)
				m->page[hmm_idx(a)] = HMM_MAPPED | (prot & 7);
	}
	if (r != want)
		*ok = 0;
	return r;
}

static inline long hmm_do_brk(struct hmm_model *m, unsigned long brk, int *ok)
{
	unsigned long newbrk = (brk + HMM_PAGE - 1) & ~(HMM_PAGE - 1);
	unsigned long oldbrk = (m->brk + HMM_PAGE - 1) & ~(HMM_PAGE - 1), want = m->brk, a;
	long r = hmm_brk(brk);

	if (brk < m->start_brk) {
		want = m->brk;
	} else if (newbrk == oldbrk) {
		want = brk;
	} else if (brk <= m->brk) {
		want = brk;
		hmm_set(m, newbrk, oldbrk - newbrk, 0);
	} else {
		/* The first mapped page at or above oldbrk must stay a page above newbrk. */
		for (a = oldbrk; a < HMM_WEND && !m->page[hmm_idx(a)]; a += HMM_PAGE)
			;
		if (newbrk + HMM_PAGE <= a) {
			want = brk;
			/* The heap: read and write, not exec (do_brk). */
			hmm_set(m, oldbrk, newbrk - oldbrk, HMM_MAPPED | HMM_PROT_READ | HMM_PROT_WRITE);
		}
	}
	if ((unsigned long)r != want)
		*ok = 0;
	else
		m->brk = want;
	return r;
}

#endif
