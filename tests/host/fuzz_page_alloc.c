/*
 * libFuzzer target for the page allocator (mm/page_alloc.c, mm/mm_init.c):
 * the input is a machine and up to 64 operations on it, run against the
 * model of page_alloc_host.h. After every step the counters are checked
 * (pa_check_counts(): nr_free against free_pages, free + per-CPU +
 * allocated = all, per zone), and every 32nd step and at the end of the
 * input everything (pa_check(): zone_check() on every zone, every free
 * block aligned, in its zone and counted, no page in two places or
 * lost, no two free buddies of one order).
 *
 * Speed (about 2,000-3,000 inputs per second of CPU; make test wants
 * 1,000): each layout is booted once and restored for every input
 * (pa_boot_cached()); inputs are at most 129 bytes (-max_len is set by
 * default: FUZZ_DEFAULT_MAX_LEN); the checks are left out of coverage
 * (PA_FN, PA_NOCOV, fuzz_nocov.txt).
 *
 *   byte 0        bits 0-1 the layout, bit 2 real watermarks (else none),
 *                 bit 3 per-CPU lists off at the start
 *   then pairs    (op, arg):
 *     op & 15 < 7   alloc: order arg & 15 (11..15: arg % 3), zone modifier
 *                   op bits 4-5 (none, DMA, HIGHMEM, both), op bit 6 cold,
 *                   op bit 7 __GFP_ZERO (orders 0-4); arg bit 4 GFP_KERNEL,
 *                   bit 5 __GFP_HIGH, bit 6 __GFP_NOFAULT, bit 7 through
 *                   __get_free_pages() when the block can be low
 *     7 .. 9        free block arg % live: op bits 4-5 pick __free_pages(),
 *                   free_pages(addr), free_cold_page() after the last
 *                   put, or an extra get_page() first (the free must wait)
 *     10            a bad page, kind arg & 7 (block or page: op >> 4, arg >> 3):
 *                   double free, too large an order, a page from the middle
 *                   of a block, a reserved page, a mapped or flagged block;
 *                   each must be reported exactly once and change nothing;
 *                   or a free page corrupted (a flag, a mapping, a mapcount),
 *                   to be reported once, and fixed, when it is allocated
 *     11            drain_local_pages() (every list of every order empty after)
 *     12            per-CPU lists on/off (set_percpu_pagelists() drains)
 *     13            fail_page_alloc: interval arg & 7, times (arg >> 3 & 3) - 1
 *     14            free arg % 8 + 1 random blocks
 *     15            allocate like an alloc op until it fails (at most 64)
 *
 * With no watermarks the result of each allocation is predicted: the
 * zone (the first in the zone list with a free block big enough, or,
 * failing that, the first whose free and per-CPU pages hold one once
 * drained), the pfn (for orders up to PCP_MAX_ORDER the head of the
 * per-CPU list of that order, hot or cold for order 0, if it has one;
 * else the head of the smallest non-empty free list, as __rmqueue()
 * takes it, the first block a refill moves) and failure (none of
 * them). nr_bad_page_reports must always equal the bad pages the input
 * made. With real watermarks a failure must be justified: every zone
 * of the list below its watermark for this request. __GFP_ZERO blocks
 * must be zero; every live page carries a signature byte that must be
 * intact when it is freed (so zeroing or handing out a live page is
 * seen). At the end everything is freed and drained: the free lists
 * must be exactly what boot left.
 *
 * FUZZ_PAGE_ALLOC_TRACE=1 prints every operation and its result and
 * makes every check a full one, so that a replay stops at the step that
 * broke something (build/host/fuzz_page_alloc <input file>).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_args.h"
#include "page_alloc_host.h"

#define MAX_OPS		64	/* steps per input, a fill or burst counting each of its own */
#define MAX_LEN		(1 + 2 * MAX_OPS)	/* -max_len: the bytes the decoding reads */
#define FILL_MAX	64
#define FULL_CHECK_EVERY 32	/* pa_check() every 32 checks (every one with TRACE) */
#define ZERO_MAX_ORDER	1	/* kernel/string.c's byte-loop memset is slow here; */
				/* test_page_alloc zeroes up to order 10 */

/*
 * Small machines (a full check walks every page, so every page costs).
 * "small": all three zones, BIOS page, holes, HIGHMEM from an unaligned
 * pfn to an unaligned end. "nohigh": no HIGHMEM (GFP_HIGHUSER's class
 * zone empty), and the only zone big enough for per-CPU batches of more
 * than one page (8192 pages: batch 3, so refills and drains move several). "tight": tiny zones that run out quickly. "small-dma": no
 * ZONE_NORMAL at all (GFP_KERNEL falls straight to DMA), a hole in DMA.
 */
static const struct pa_layout layouts[4] = {
	{
		.name = "small",
		.zones_size = { 0x800, 0x7fe, 0x405 },	/* 0 .. 0x800 .. 0xffe .. 0x1403 */
		.holes = { { 0x9f, 0x100 }, { 0xc03, 0xc11 } },
		.reserved = { { 0, 1 }, { 0x100, 0x180 }, { 0x1400, 0x1401 } },
	},
	{
		.name = "nohigh",
		.zones_size = { 0x400, 0x2000, 0 },	/* NORMAL's per-CPU batch: 3 */
		.reserved = { { 0, 1 } },
	},
	{
		.name = "tight",
		.zones_size = { 0x402, 0x3fe, 0x403 },
		.holes = { { 0x400, 0x402 } },
		.reserved = { { 0x7ff, 0x800 } },
	},
	{
		.name = "small-dma",
		.zones_size = { 0x1000, 0x0, 0x7fe },
		.holes = { { 0x7f0, 0x830 } },
	},
};

static unsigned int step;
static const char *step_name;
static unsigned long expected_reports;		/* nr_bad_page_reports as it must be */
/* Free pages made bad on purpose: 1 while free, 2 once the allocator retired it. */
static unsigned char corrupted[PA_MAX_PFN];
static unsigned int nr_corrupted_free;
static int zero_watermarks, trace = -1;

#define TRACE(...) do { if (trace) fprintf(stderr, __VA_ARGS__); } while (0)

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_page_alloc: layout %s, step %u (%s): ", pa.layout->name, step,
		step_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n--- printk log (end) ---\n%s\n", host_printk_log() +
		(strlen(host_printk_log()) > 4000 ? strlen(host_printk_log()) - 4000 : 0));
	abort();
}

FUZZ_DEFAULT_MAX_LEN(MAX_LEN)

/*
 * After every step: the counters (pa_check_counts()), the kmap slots,
 * the bad page reports. Every FULL_CHECK_EVERY-th time, and at the end
 * of the input, everything (pa_check(): zone_check() and the walk of
 * every list and page). With FUZZ_PAGE_ALLOC_TRACE every check is a
 * full one, so a replay stops at the step that broke something.
 */
static unsigned int nchecks;	/* this input's */

static PA_NOCOV void check_now(int full)
{
	const char *err;
	unsigned int i;

	err = full ? pa_check() : pa_check_counts();
	if (err)
		die("%s", err);
	for (i = 0; i < HOST_KM_TYPE_NR; i++)
		if (host_kmap_slot[i])
			die("kmap_atomic slot %u left mapped", i);
	if (nr_bad_page_reports != expected_reports)
		die("%lu bad page reports, expected %lu", nr_bad_page_reports, expected_reports);
}

static void check(void)
{
	check_now(trace || ++nchecks % FULL_CHECK_EVERY == 0);
}

/* The zones a request may use, best first (ULK 8.1.5), as the model sees it. */
static int zone_list(gfp_t gfp, int *zones)
{
	int n = 0, zi;

	for (zi = MAX_NR_ZONES - 1; zi >= 0; zi--)
		if (pa_gfp_allows(gfp, zi) && pa_zone(zi)->present_pages)
			zones[n++] = zi;
	return n;
}

/* A page of RAM the model does not hold is free (in a free block or on a per-CPU list). */
static int model_free(unsigned long pfn)
{
	return pa.kind[pfn] == PA_RAM && !pa.owned[pfn] && corrupted[pfn] != 2;	/* 2: retired */
}

/* Does zone zi hold a free aligned block of 2^order pages, counting per-CPU pages as free? */
static PA_NOCOV int free_block_after_drain(int zi, unsigned int order)
{
	unsigned long pfn, n = 1UL << order, k;

	for (pfn = (pa.zone_start[zi] + n - 1) & ~(n - 1); pfn + n <= pa.zone_end[zi]; pfn += n) {
		for (k = 0; k < n && model_free(pfn + k); k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

static unsigned char signature(unsigned long pfn)
{
	return (unsigned char)(pfn * 7 + 1) | 1;
}

static PA_NOCOV void sign_block(unsigned long pfn, unsigned int order)
{
	unsigned long k;

	for (k = 0; k < (1UL << order); k++)
		*(unsigned char *)pa_page_mem(pfn + k) = signature(pfn + k);
}

static PA_NOCOV void check_signature(unsigned long pfn, unsigned int order)
{
	unsigned long k;

	for (k = 0; k < (1UL << order); k++)
		if (*(unsigned char *)pa_page_mem(pfn + k) != signature(pfn + k))
			die("live pfn %#lx was written by the allocator", pfn + k);
}

static PA_NOCOV int all_zero(const unsigned char *p, unsigned long n)
{
	static const unsigned char zero[PAGE_SIZE];
	unsigned long off;

	for (off = 0; off < n; off += PAGE_SIZE)
		if (memcmp(p + off, zero, PAGE_SIZE))
			return 0;
	return 1;
}

static unsigned int decode_order(uint8_t arg)
{
	unsigned int order = arg & 15;

	return order < MAX_ORDER ? order : arg % 3;
}

static gfp_t decode_gfp(uint8_t op, uint8_t arg)
{
	gfp_t gfp = __GFP_NOWARN;

	gfp |= (op >> 4) & GFP_ZONEMASK;
	if (op & 0x40)
		gfp |= __GFP_COLD;
	if ((op & 0x80) && decode_order(arg) <= ZERO_MAX_ORDER)
		gfp |= __GFP_ZERO;
	if (arg & 0x10)
		gfp |= GFP_KERNEL;
	if (arg & 0x20)
		gfp |= __GFP_HIGH;
	if (arg & 0x40)
		gfp |= __GFP_NOFAULT;
	return gfp;
}

/* A block handed out is clean; a page made bad while free never is (do_alloc() saw it retired). */
static PA_NOCOV void check_handed_out(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;
		/* The first page of a multi-page block is marked PG_head while allocated. */
		unsigned long allowed = (i == 0 && order) ? (1UL << PG_head) : 0;

		if (corrupted[pfn + i])
			die("bad pfn %#lx handed out", pfn + i);
		if (page_mapped(p) || p->mapping ||
		    (p->flags & PAGE_FLAGS_CHECK_AT_FREE & ~allowed) || page_count(p) != !i)
			die("allocated pfn %#lx not clean: flags %#lx count %d mapcount %d mapping %p",
			    pfn + i, p->flags, page_count(p), page_mapcount(p), (void *)p->mapping);
	}
}

/* One allocation, predicted and checked. Returns whether it succeeded. */
static int do_alloc(gfp_t gfp, unsigned int order, int via_address)
{
	int zones[MAX_NR_ZONES], nz = zone_list(gfp, zones), i;
	int want_zone = -1, after_drain = 0;
	long want_pfn = -1;
	unsigned long injected = fail_page_alloc.failed, reports = nr_bad_page_reports, pfn;
	struct page *page;
	const char *err;
	int retired;

	/* Predict, from the state before the call. */
	for (i = 0; i < nz && want_zone < 0; i++) {
		/* Orders up to PCP_MAX_ORDER come from their per-CPU list first. */
		struct per_cpu_pages *pcp = order > PCP_MAX_ORDER ? NULL :
			&pa_zone(zones[i])->pageset[0].pcp[pcp_index(order, !!(gfp & __GFP_COLD))];

		if (pa_rmqueue_pfn(zones[i], order) < 0)
			continue;
		want_zone = zones[i];
		if (pcp && !percpu_pagelists_disabled && pcp->count)
			want_pfn = page_to_pfn(list_first_entry(&pcp->list, struct page, lru));
		else
			want_pfn = pa_rmqueue_pfn(zones[i], order);
	}
	for (i = 0; i < nz && want_zone < 0; i++)
		if (free_block_after_drain(zones[i], order)) {
			want_zone = zones[i];
			after_drain = 1;
		}

	if (via_address) {
		unsigned long addr = __get_free_pages(gfp, order);

		page = addr ? virt_to_page(addr) : NULL;
		if (page && page_address(page) != (void *)addr)
			die("__get_free_pages() returned %#lx, not page_address() of its page", addr);
	} else {
		page = alloc_pages(gfp, order);
	}

	/*
	 * Corrupted pages the allocator met were reported, once each, and
	 * retired: no prediction holds for this call then (the blocks the
	 * model expected may be gone).
	 */
	retired = nr_bad_page_reports != reports;
	if (retired)
		for (pfn = 0; pfn < pa.nr_pfns && nr_corrupted_free; pfn++)
			if (corrupted[pfn] == 1 && PageReserved(pfn_to_page(pfn))) {
				corrupted[pfn] = 2;
				nr_corrupted_free--;
				expected_reports++;
				TRACE("  step %u: pfn %#lx retired\n", step, pfn);
			}
	if (!page)
		TRACE("  step %u: order %u gfp %#x -> NULL%s\n", step, order, gfp,
		      fail_page_alloc.failed != injected ? " (injected)" : "");
	if (fail_page_alloc.failed != injected) {
		if (page)
			die("an injected failure returned a page");
		if (gfp & (__GFP_NOFAULT | __GFP_NOFAIL))
			die("fault injected into a __GFP_NOFAULT request");
		return 0;
	}
	if (!page) {
		if (retired)
			return 0;
		if (zero_watermarks && want_zone >= 0)
			die("order-%u gfp %#x failed; zone %s has a free block%s", order, gfp,
			    zone_names[want_zone], after_drain ? " once drained" : "");
		/* Only if no zone of the list may give it, even after the drain. */
		for (i = 0; i < nz; i++) {
			struct zone *z = pa_zone(zones[i]);

			if (zone_watermark_ok(z, order, z->pages_min, gfp_zone(gfp),
					      !(gfp & __GFP_WAIT), !!(gfp & __GFP_HIGH)))
				die("order-%u gfp %#x failed; zone %s is above its watermark",
				    order, gfp, z->name);
		}
		return 0;
	}
	pfn = page_to_pfn(page);
	TRACE("  step %u: order %u gfp %#x -> pfn %#lx (%s)\n", step, order, gfp, pfn,
	      zone_names[pa_zone_of(pfn)]);
	err = pa_model_add(page, order, gfp);
	if (err)
		die("%s", err);
	check_handed_out(page, order);
	if (zero_watermarks && !retired) {
		if (want_zone < 0)
			die("order-%u gfp %#x succeeded (pfn %#lx); the model had nothing", order, gfp, pfn);
		if (pa_zone_of(pfn) != want_zone)
			die("order-%u gfp %#x from zone %s, the model says %s", order, gfp,
			    zone_names[pa_zone_of(pfn)], zone_names[want_zone]);
		if (want_pfn >= 0 && (long)pfn != want_pfn)
			die("order-%u gfp %#x gave pfn %#lx, the model says %#lx", order, gfp, pfn,
			    want_pfn);
	}
	if ((gfp & __GFP_ZERO) && !all_zero(pa_page_mem(pfn), PAGE_SIZE << order))
		die("__GFP_ZERO block at pfn %#lx (order %u) is not zero", pfn, order);
	sign_block(pfn, order);
	return 1;
}

/* Free live block i one of four ways. */
static void do_free(unsigned int i, unsigned int how)
{
	struct pa_block b = pa.blocks[i];
	struct page *page = pfn_to_page(b.pfn);

	check_signature(b.pfn, b.order);
	TRACE("  step %u: free pfn %#lx order %u, way %u\n", step, b.pfn, b.order, how);
	switch (how) {
	case 1:		/* by address, if it has one */
		if (!PageHighmem(page)) {
			free_pages((unsigned long)page_address(page), b.order);
			break;
		}
		/* fall through */
	case 0:
		__free_pages(page, b.order);
		break;
	case 2:		/* a single page's last reference, then the cold list */
		if (b.order == 0) {
			if (!put_page_testzero(page))
				die("put_page_testzero() of a page with one user");
			free_cold_page(page);
		} else {
			__free_pages(page, b.order);
		}
		break;
	case 3:		/* two users: the first free must not free it */
		get_page(page);
		__free_pages(page, b.order);
		if (page_count(page) != 1)
			die("count %d after dropping one of two references", page_count(page));
		check();	/* still allocated, in the model */
		__free_pages(page, b.order);
		break;
	}
	pa_model_del(i);
}

/* A pfn from start on (wrapping) that satisfies want, or -1. */
static PA_NOCOV long find_pfn(unsigned long start, int (*want)(unsigned long pfn))
{
	unsigned long k;

	for (k = 0; k < pa.nr_pfns; k++) {
		unsigned long pfn = (start + k) % pa.nr_pfns;

		if (want(pfn))
			return pfn;
	}
	return -1;
}

static int not_ram(unsigned long pfn)
{
	return pa.kind[pfn] != PA_RAM;
}

static int free_and_clean(unsigned long pfn)
{
	return model_free(pfn) && !corrupted[pfn];
}

/* A bad free: exactly one report, and the block (if any) still allocated, unchanged. */
static void expect_one_report(const char *what, unsigned long pfn)
{
	expected_reports++;
	TRACE("  step %u: %s at pfn %#lx\n", step, what, pfn);
	if (nr_bad_page_reports != expected_reports)
		die("%s at pfn %#lx: %lu reports, expected %lu", what, pfn,
		    nr_bad_page_reports, expected_reports);
}

static void do_bad(uint8_t op, uint8_t arg)
{
	unsigned int i = pa.nr_blocks ? (op >> 4) % pa.nr_blocks : 0;
	struct pa_block b = pa.nr_blocks ? pa.blocks[i] : (struct pa_block){ 0, 0, 0 };
	struct page *head = pfn_to_page(b.pfn), *page;
	unsigned long n = 1UL << b.order;
	unsigned int order;
	long pfn;

	switch (arg & 7) {
	case 0:		/* double free */
		if (!pa.nr_blocks)
			return;
		do_free(i, 0);
		__free_pages(head, b.order);
		expect_one_report("double free", b.pfn);
		return;
	case 1:		/* too large an order (up to MAX_ORDER itself) */
		order = b.order + 1 + (arg >> 7);
		if (!pa.nr_blocks || order > MAX_ORDER)
			return;
		__free_pages(head, order);
		expect_one_report("freed with too large an order", b.pfn);
		break;
	case 2:		/* a page from the middle of a block */
		if (!pa.nr_blocks || n < 2)
			return;
		__free_pages(head + 1 + (arg >> 3) % (n - 1), (arg >> 6) & 1);
		expect_one_report("a page from the middle of a block", b.pfn);
		break;
	case 3:		/* a reserved page, or a hole */
		pfn = find_pfn(arg * 41, not_ram);
		if (pfn >= 0) {
			__free_pages(pfn_to_page(pfn), (arg >> 6) & 1);
			expect_one_report("a reserved page", pfn);
		}
		return;
	case 4:		/* a free page corrupted: reported when allocated */
	case 5:
		pfn = find_pfn(arg * 97 + op, free_and_clean);
		if (pfn < 0)
			return;
		page = pfn_to_page(pfn);
		switch ((arg >> 3) & 3) {
		case 0: SetPageDirty(page); break;
		case 1: page->flags |= 1UL << PG_lru; break;
		case 2: page->mapping = (struct address_space *)0x1000; break;
		case 3: atomic_set(&page->_mapcount, 0); break;
		}
		corrupted[pfn] = 1;
		nr_corrupted_free++;
		TRACE("  step %u: free pfn %#lx corrupted\n", step, pfn);
		return;
	case 6:		/* a page of the block still mapped, or with a mapping */
	case 7:		/* or with a flag set */
		if (!pa.nr_blocks)
			return;
		page = head + (arg >> 3) % n;
		if ((arg & 7) == 6 && (arg & 0x80))
			atomic_set(&page->_mapcount, 1);
		else if ((arg & 7) == 6)
			page->mapping = (struct address_space *)0x2000;
		else
			page->flags |= 1UL << ((arg & 0x80) ? PG_slab : PG_writeback);
		__free_pages(head, b.order);
		expect_one_report("a mapped or flagged page freed", page_to_pfn(page));
		reset_page_mapcount(page);
		page->mapping = NULL;
		page->flags &= ~((1UL << PG_slab) | (1UL << PG_writeback));
		break;
	}
	/* The block the bad free was about is still allocated, as it was. */
	if (page_count(head) != 1)
		die("a bad free left pfn %#lx with count %d", b.pfn, page_count(head));
	check_signature(b.pfn, b.order);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long pfn;
	size_t pos;

	if (trace < 0) {
		const char *env = getenv("FUZZ_PAGE_ALLOC_TRACE");

		trace = env && *env && strcmp(env, "0");
	}
	if (size < 1)
		return 0;
	TRACE("layout %s, %s watermarks, per-CPU lists %s\n", layouts[data[0] & 3].name,
	      data[0] & 4 ? "real" : "no", data[0] & 8 ? "off" : "on");
	step = 0;
	step_name = "boot";
	pa_boot_cached(&layouts[data[0] & 3]);	/* booted once, then restored */
	zero_watermarks = !(data[0] & 4);
	if (zero_watermarks)
		pa_zero_watermarks();
	if (data[0] & 8)
		set_percpu_pagelists(false);
	host_printk_clear();
	expected_reports = nr_bad_page_reports;
	memset(corrupted, 0, pa.nr_pfns);
	nchecks = 0;
	nr_corrupted_free = 0;

	for (pos = 1; pos + 1 < size && step < MAX_OPS; pos += 2) {
		uint8_t op = data[pos], arg = data[pos + 1];
		unsigned int k, n;

		step++;
		if ((op & 15) > 10)
			TRACE("  step %u: op %u arg %#x\n", step, op & 15, arg);
		switch (op & 15) {
		case 0 ... 6:
			step_name = "alloc";
			do_alloc(decode_gfp(op, arg), decode_order(arg),
				 (arg & 0x80) && !(op & (__GFP_HIGHMEM << 4)));
			break;
		case 7 ... 9:
			step_name = "free";
			if (pa.nr_blocks)
				do_free(arg % pa.nr_blocks, (op >> 4) & 3);
			break;
		case 10:
			step_name = "bad page";
			do_bad(op, arg);
			break;
		case 11:
			step_name = "drain_local_pages";
			drain_local_pages();
			for (k = 0; k < MAX_NR_ZONES; k++)
				if (pa_pcp_pages(k))
					die("zone %s: per-CPU pages left after the drain", zone_names[k]);
			break;
		case 12:
			step_name = "set_percpu_pagelists";
			set_percpu_pagelists(percpu_pagelists_disabled);
			break;
		case 13:
			step_name = "fault_attr_set";
			fault_attr_set(&fail_page_alloc, arg & 7, (long)((arg >> 3) & 3) - 1);
			break;
		case 14:
			step_name = "free burst";
			for (n = arg % 8 + 1; n && pa.nr_blocks && step < MAX_OPS; n--, step++) {
				do_free((arg * 31 + n) % pa.nr_blocks, n & 3);
				check();
			}
			break;
		case 15:
			step_name = "fill";
			for (n = 0; n < FILL_MAX && step < MAX_OPS; n++, step++) {
				if (!do_alloc(decode_gfp(op, arg), decode_order(arg), 0))
					break;
				check();
			}
			break;
		}
		check();
	}

	step_name = "free everything";
	fault_attr_set(&fail_page_alloc, 0, -1);
	while (pa.nr_blocks)
		do_free(pa.nr_blocks - 1, 0);
	for (pfn = 0; pfn < pa.nr_pfns; pfn++)
		if (corrupted[pfn] == 2)
			pa_unretire(pfn);	/* the corruption undone by hand: back */
	drain_local_pages();
	check_now(0);
	{
		const char *err = pa_check_boot_picture();	/* and pa_check() */

		if (err)
			die("%s", err);
	}
	return 0;
}
