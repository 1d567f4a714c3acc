/*
 * libFuzzer target for mm/mmap.c, mm/mprotect.c and mm/mremap.c: random
 * mmap (fixed, hinted, anywhere), munmap, mprotect, brk and mremap
 * sequences in a window of an address space (tests/host/mmap_host.h),
 * each predicted page by page by the reference model, validate_mm()
 * and the model compared after every step. mremap's results are
 * checked against what it may change (the old and new ranges), then the
 * model takes the kernel's window; so are steps where an injected
 * vm_area_struct allocation failure fired (the address space must still
 * be valid). At the end exit_mmap() must give every region back.
 *
 * Each step is four bytes (op, a, b, c):
 *   op % 8 = 0  mmap MAP_FIXED at page a, 1 + b % 16 pages, prot c & 7
 *            1  mmap with a hint (c & 1; misaligned if c & 0x10) or none,
 *               1 + b % 24 pages (100 bytes short if c & 2), prot c >> 2
 *            2  munmap page a (misaligned if c & 1), b % 20 pages
 *            3  mprotect page a (misaligned if c & 0x80), b % 20 pages, prot c & 7
 *            4  brk to start_brk - 2 pages + (a << 8 | b) % 40 pages
 *            5  mremap page a (misaligned if c & 0x40), b % 8 -> (b >> 3) % 12
 *               pages, flags c & 3, new address page (a * 7 + c); c & 0x80 adds
 *               MREMAP_DONTUNMAP, c & 0x20 then makes the lengths equal
 *            6  arm the vm_area_struct allocation failure: the (1 + a % 4)th
 *            7  mmap MAP_FIXED at page a of up to 64 pages, prot c & 7
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_args.h"
#include "mmap_host.h"

FUZZ_DEFAULT_MAX_LEN(4 * 100)

static struct hmm_model m;
static unsigned int step;
static int trace;	/* FUZZ_MMAP_TRACE=1: each step on stderr */

__attribute__((noreturn)) static void die(const char *what, long r)
{
	fprintf(stderr, "fuzz_mmap: step %u: %s (result %ld)\n", step, what, r);
	abort();
}

static unsigned long page_at(unsigned int i)
{
	return HMM_W0 + (i % HMM_NP) * HMM_PAGE;
}

/* Pages from addr, at most n, not past the window. */
static unsigned long clip(unsigned long addr, unsigned long n)
{
	unsigned long room = (HMM_WEND - (addr & ~(HMM_PAGE - 1))) / HMM_PAGE;

	return (n < room ? n : room) * HMM_PAGE;
}

/* mremap: what may change is the old range and the new one; the rest must not. */
static long do_mremap_step(uint8_t a, uint8_t b, uint8_t c, int armed)
{
	unsigned long addr = page_at(a) + ((c & 0x40) ? 1 : 0);
	unsigned long old_len = clip(addr, b % 8), new_len, new_addr = page_at(a * 7u + c);
	unsigned long flags = (c & 3) | ((c & 0x80) ? HMM_MREMAP_DONTUNMAP : 0), i;
	int dontunmap = !!(flags & HMM_MREMAP_DONTUNMAP);
	struct hmm_model pre = m;
	unsigned char pre_prot;
	long r;

	new_len = clip(flags & HMM_MREMAP_FIXED ? new_addr : addr, (b >> 3) % 12);
	if (dontunmap && (c & 0x20)) {
		/* The one length it accepts, inside the window at both ends. */
		old_len = clip(new_addr, old_len / HMM_PAGE);
		new_len = old_len;
	}
	pre_prot = addr < HMM_WEND ? m.page[hmm_idx(addr & ~(HMM_PAGE - 1))] : 0;
	r = hmm_mremap(addr, old_len, new_len, flags, new_addr);
	if (armed && hmm_fail_vma_alloc == 0)
		return r;	/* an injected failure fired inside: the caller checks validity only */
	if ((addr & (HMM_PAGE - 1)) || !new_len || (flags & 3) == HMM_MREMAP_FIXED ||
	    (dontunmap && (!(flags & HMM_MREMAP_MAYMOVE) || old_len != new_len))) {
		if (r != -HMM_EINVAL)
			die("mremap: expected -EINVAL", r);
		return r;
	}
	hmm_resync(&m);
	for (i = 0; i < HMM_NP; i++) {
		unsigned long p = HMM_W0 + i * HMM_PAGE;
		int in_old = p >= addr && p < addr + old_len;
		int in_new_fixed = (flags & HMM_MREMAP_FIXED) && p >= new_addr &&
				   p < new_addr + new_len;
		int in_tail = p >= addr + new_len && p < addr + old_len;

		if (r >= 0) {
			int in_result = p >= (unsigned long)r && p < (unsigned long)r + new_len;

			if (in_result && (unsigned long)r == addr && p < addr + old_len) {
				/* shrunk in place: what stays is untouched (it may span regions) */
				if (m.page[i] != pre.page[i])
					die("mremap: a page kept in place changed", r);
			} else if (in_result) {
				/* moved or grown: all of it one region, with the old rights */
				if (m.page[i] != pre_prot)
					die("mremap: the new range lost the region's rights", r);
			} else if (in_old && dontunmap) {
				if (m.page[i] != pre.page[i])
					die("mremap: MREMAP_DONTUNMAP changed the old range", r);
			} else if (in_old || in_new_fixed) {
				if (m.page[i])
					die("mremap: the old range is still mapped", r);
			} else if (m.page[i] != pre.page[i]) {
				die("mremap: a page outside both ranges changed", r);
			}
		} else if (!in_new_fixed && !in_tail && m.page[i] != pre.page[i]) {
			die("mremap failed but changed a page it may not", r);
		}
	}
	if (r >= 0 && !pre_prot)
		die("mremap succeeded on an unmapped address", r);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	step = 0;
	trace = getenv("FUZZ_MMAP_TRACE") != NULL;
	if (hmm_start(&m, HMM_W0 + 64 * HMM_PAGE))
		die("cannot set the fences up", 0);
	for (i = 0; i + 3 < size; i += 4, step++) {
		uint8_t op = data[i], a = data[i + 1], b = data[i + 2], c = data[i + 3];
		int ok = 1, armed = hmm_fail_vma_alloc > 0, fired;

		if (trace)
			fprintf(stderr, "step %u: op %u a %u b %u c %#x\n", step, op % 8, a, b, c);
		const char *err;
		long r = 0;

		switch (op % 8) {
		case 0:
			r = hmm_do_mmap(&m, page_at(a), clip(page_at(a), 1 + b % 16), c & 7, 1, &ok);
			break;
		case 1: {
			unsigned long hint = (c & 1) ? page_at(a) + ((c & 0x10) ? 123 : 0) : 0;
			unsigned long len = (1 + b % 24) * HMM_PAGE - ((c & 2) ? 100 : 0);

			if (hint)
				len = clip(hint, len / HMM_PAGE + 1) < len ? clip(hint, 24) : len;
			r = hmm_do_mmap(&m, hint, len, (c >> 2) & 7, 0, &ok);
			break;
		}
		case 2: {
			unsigned long addr = page_at(a) + (c & 1);

			r = hmm_do_munmap(&m, addr, clip(addr, b % 20), &ok);
			break;
		}
		case 3: {
			unsigned long addr = page_at(a) + ((c & 0x80) ? 2 : 0);

			r = hmm_do_mprotect(&m, addr, clip(addr, b % 20), c & 7, &ok);
			break;
		}
		case 4:
			r = hmm_do_brk(&m, m.start_brk - 2 * HMM_PAGE +
					   (((unsigned long)a << 8 | b) % (40 * HMM_PAGE)), &ok);
			break;
		case 5:
			r = do_mremap_step(a, b, c, armed);
			break;
		case 6:
			hmm_fail_vma_alloc = 1 + a % 4;
			break;
		case 7:
			r = hmm_do_mmap(&m, page_at(a), clip(page_at(a), 1 + b % 64), c & 7, 1, &ok);
			break;
		}
		fired = armed && hmm_fail_vma_alloc == 0;
		if (fired) {
			/* An allocation failed inside the step: valid, whatever it managed. */
			err = hmm_validate();
			if (err)
				die(err, r);
			hmm_resync(&m);
			continue;
		}
		if (!ok)
			die("the result differs from the model's", r);
		err = hmm_compare(&m);
		if (err)
			die(err, r);
	}
	hmm_fail_vma_alloc = 0;
	if (!hmm_teardown())
		die("exit_mmap left regions allocated", 0);
	return 0;
}
