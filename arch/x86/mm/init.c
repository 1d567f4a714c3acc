/*
 * The kernel's page tables and the boot-time memory set-up (ULK 2.5.5,
 * 8.1; Linux's arch/i386/kernel/setup.c and arch/i386/mm/init.c):
 *
 *   setup_memory()  max_pfn, max_low_pfn, highstart_pfn from the e820
 *                   map; the bootmem allocator and what it must never
 *                   hand out
 *   paging_init()   swapper_pg_dir: the direct map of low memory (4 MB
 *                   pages where possible), page tables for the pkmap
 *                   window and the fixmap; CR3 switched to it; the zones
 *   mem_init()      every free page frame to the buddy system
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <bootmem.h>
#include <gfp.h>
#include <highmem.h>
#include <init.h>
#include <mm.h>
#include <asm/dma.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __section(".bss..page_aligned") __aligned(PAGE_SIZE);
pte_t *pkmap_page_table;

unsigned long __supported_pte_mask;
unsigned long mmu_cr4_features;
unsigned long __VMALLOC_RESERVE = VMALLOC_END - PAGE_OFFSET - DEFAULT_MAXMEM;
unsigned long max_pfn, max_low_pfn, min_low_pfn;
unsigned long highstart_pfn, highend_pfn;
unsigned long num_physpages;
void *high_memory;

extern char _text[], _etext[], _sdata[], _edata[], __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[], __boot_start[], __boot_end[];

#define MAX_PFN_NO_PAE	(1UL << (32 - PAGE_SHIFT))	/* 4 GB */
/*
 * The least RAM Mneme boots with (README, "Minimum RAM"): the image and
 * its boot-time tables take about 1.7 MB, and every self-test suite must
 * pass in what is left. QEMU gives 3 MB of usable RAM from -m 3648K up
 * (it keeps 128 KB under the top, and 640 KB .. 1 MB is no RAM).
 */
#define MIN_RAM_KB		3072
/*
 * Low memory boot allocates beyond the page tables and mem_map before
 * the modules are freed (slab caches, the first tasks: about 50 KB),
 * with room to spare.
 */
#define BOOT_MARGIN_KB		128

static int disable_pse;
static u64 mem_limit;

static int __init parse_nopse(char *val)
{
	disable_pse = 1;
	return 0;
}
early_param("nopse", parse_nopse);

/*
 * vmalloc=<size>: the vmalloc reserve; a larger one lowers MAXMEM. At
 * least 16 MB, and at most what leaves 32 MB of low memory (then
 * find_max_low_pfn() may still cut it, if mem_map would not fit).
 */
#define MIN_VMALLOC_RESERVE	(16UL << 20)
#define MAX_VMALLOC_RESERVE	(VMALLOC_END - PAGE_OFFSET - (32UL << 20))

static int __init parse_vmalloc(char *val)
{
	unsigned long long size;
	int err = val ? parse_size(val, &size) : -EINVAL;

	if (err) {
		printk(KERN_WARNING "vmalloc=%s: not a size (say vmalloc=256M); ignored\n",
		       val ? val : "");
		return err;
	}
	if (size < MIN_VMALLOC_RESERVE || size > MAX_VMALLOC_RESERVE) {
		printk(KERN_WARNING "vmalloc=%s: the vmalloc reserve must be %luM .. %luM; ignored\n",
		       val, MIN_VMALLOC_RESERVE >> 20, MAX_VMALLOC_RESERVE >> 20);
		return -ERANGE;
	}
	__VMALLOC_RESERVE = (unsigned long)size;
	return 0;
}
early_param("vmalloc", parse_vmalloc);

/*
 * mem=<size>: use no RAM above size (Linux's "user-defined physical RAM
 * map"). Below the minimum RAM, boot then refuses (setup_memory()).
 */
static int __init parse_mem(char *val)
{
	unsigned long long size;
	int err = val ? parse_size(val, &size) : -EINVAL;

	if (err) {
		printk(KERN_WARNING "mem=%s: not a size (say mem=64M); ignored\n", val ? val : "");
		return err;
	}
	if (!size) {
		printk(KERN_WARNING "mem=0 would leave no memory at all; ignored\n");
		return -EINVAL;
	}
	mem_limit = size;
	return 0;
}
early_param("mem", parse_mem);

int page_is_ram(unsigned long pfn)
{
	u64 addr = (u64)pfn << PAGE_SHIFT;
	u32 i;

	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];

		if (e->type == E820_RAM && addr >= e->addr && addr + PAGE_SIZE <= e->addr + e->size)
			return 1;
	}
	return 0;
}

/* Calls fn(start, end) for each run of whole RAM page frames clipped to [lo, hi). */
static unsigned long for_each_ram_range(unsigned long lo, unsigned long hi,
					unsigned long (*fn)(unsigned long, unsigned long))
{
	unsigned long total = 0;
	u32 i;

	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];
		u64 s = (e->addr + PAGE_SIZE - 1) >> PAGE_SHIFT;
		u64 t = (e->addr + e->size) >> PAGE_SHIFT;

		if (e->type != E820_RAM)
			continue;
		if (s < lo)
			s = lo;
		if (t > hi)
			t = hi;
		if (s < t)
			total += fn ? fn(s, t) : t - s;
	}
	return total;
}

/* mem=: cut RAM above the limit out of the map. */
void __init e820_apply_mem_limit(void)
{
	u32 i;

	if (!mem_limit)
		return;
	for (i = 0; i < e820.nr_map; i++) {
		struct e820entry *e = &e820.map[i];

		if (e->type != E820_RAM || e->addr + e->size <= mem_limit)
			continue;
		e->size = e->addr >= mem_limit ? 0 : mem_limit - e->addr;
	}
	sanitize_e820_map(e820.map, E820MAX, &e820.nr_map);
	if (mem_limit >> 20)
		printk(KERN_INFO "user-defined physical RAM map (mem=%lluM):\n", mem_limit >> 20);
	else
		printk(KERN_INFO "user-defined physical RAM map (mem=%lluK):\n", mem_limit >> 10);
	e820_print_map(&e820, "user");
}

static void __init find_max_pfn(void)
{
	u32 i;

	max_pfn = 0;
	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];
		u64 end = (e->addr + e->size) >> PAGE_SHIFT;

		if (e->type != E820_RAM)
			continue;
		if (end > MAX_PFN_NO_PAE) {
			printk(KERN_WARNING "Ignoring RAM above 4 GB: Mneme does not use PAE\n");
			end = MAX_PFN_NO_PAE;
		}
		if (end > max_pfn)
			max_pfn = end;
	}
}

/*
 * Low memory ends at MAXMEM; what lies above is high memory (ULK 8.1.6).
 * Low memory must also hold mem_map, 32 bytes for every page frame of
 * the machine, and still serve the kernel: where vmalloc= leaves less
 * than LOWMEM_PER_MEMMAP times mem_map (3 GB with vmalloc=983M: 32 MB
 * of low memory, 24 MB of it mem_map), the reserve is cut down with a
 * warning, as Linux clamps its own highmem and lowmem limits.
 */
#define LOWMEM_PER_MEMMAP	4

static void __init find_max_low_pfn(void)
{
	unsigned long memmap_pages = PFN_UP(max_pfn * sizeof(struct page));
	unsigned long want = min(max_pfn, ALIGN(LOWMEM_PER_MEMMAP * memmap_pages, PTRS_PER_PTE));

	if (MAXMEM_PFN < want) {
		unsigned long asked = __VMALLOC_RESERVE;

		__VMALLOC_RESERVE = VMALLOC_END - PAGE_OFFSET - PFN_PHYS(want);
		printk(KERN_WARNING "vmalloc=%luM leaves %luMB of low memory, and mem_map for this "
		       "machine's %luMB takes %luMB of it: vmalloc reserve cut to %luM, for %luMB "
		       "of low memory\n", asked >> 20,
		       (VMALLOC_END - PAGE_OFFSET - asked) >> 20, max_pfn >> (20 - PAGE_SHIFT),
		       memmap_pages >> (20 - PAGE_SHIFT), __VMALLOC_RESERVE >> 20,
		       want >> (20 - PAGE_SHIFT));
	}
	max_low_pfn = max_pfn;
	highstart_pfn = highend_pfn = max_pfn;
	if (max_low_pfn > MAXMEM_PFN) {
		max_low_pfn = MAXMEM_PFN;
		highstart_pfn = max_low_pfn;
		printk(KERN_NOTICE "%luMB HIGHMEM available.\n",
		       (highend_pfn - highstart_pfn) >> (20 - PAGE_SHIFT));
	}
	printk(KERN_NOTICE "%luMB LOWMEM available.\n", max_low_pfn >> (20 - PAGE_SHIFT));
}

static unsigned long __init free_bootmem_range(unsigned long s, unsigned long t)
{
	free_bootmem(PFN_PHYS(s), PFN_PHYS(t - s));
	return t - s;
}

/*
 * 0 if [start, end) is clear of page 0, the legacy hole, the kernel
 * image and the early reservations; else where the first one in the
 * way ends, the next place to try.
 */
static u64 __init early_area_busy_until(u64 start, u64 end)
{
	const struct early_res *r = early_res_overlap(start, end);

	if (start < PAGE_SIZE)
		return PAGE_SIZE;
	if (start < ISA_END_ADDRESS && end > ISA_START_ADDRESS)
		return ISA_END_ADDRESS;
	if (start < PFN_PHYS(min_low_pfn) && end > __pa(_text))
		return PFN_PHYS(min_low_pfn);
	return r ? r->end : 0;
}

/*
 * The lowest page-aligned run of size bytes of RAM in [lo, hi) that
 * nothing above holds (Linux's find_e820_area); 0 if there is none.
 */
static unsigned long __init find_early_area(u64 lo, u64 hi, unsigned long size)
{
	u32 i;

	for (i = 0; i < e820.nr_map; i++) {
		const struct e820entry *e = &e820.map[i];
		u64 addr = max(ALIGN(e->addr, (u64)PAGE_SIZE), lo);
		u64 end = min(e->addr + e->size, hi);

		if (e->type != E820_RAM)
			continue;
		while (addr + size <= end) {
			u64 busy = early_area_busy_until(addr, addr + size);

			if (!busy)
				return (unsigned long)addr;
			addr = ALIGN(busy, (u64)PAGE_SIZE);
		}
	}
	return 0;
}

static void __init reserve_early_in_bootmem(void)
{
	unsigned int i;

	for (i = 0; i < nr_early_res; i++) {
		const struct early_res *r = &early_res[i];

		if (r->start < PFN_PHYS(max_low_pfn))
			reserve_bootmem(r->start, min(r->end, (u64)PFN_PHYS(max_low_pfn)) - r->start);
	}
}

static int in_kernel_image(unsigned long pfn)
{
	return pfn < PFN_UP((unsigned long)__boot_end);
}

/* Does kernel_physical_mapping_init() map the 4 MB chunk at pfn with one PSE entry? */
static int direct_map_chunk_pse(unsigned long pfn)
{
	return cpu_has_pse && !disable_pse && pfn + PTRS_PER_PTE <= max_low_pfn &&
	       !in_kernel_image(pfn);
}

/* The page tables the direct map needs. */
static unsigned long __init direct_map_page_tables(void)
{
	unsigned long pfn, n = 0;

	for (pfn = 0; pfn < max_low_pfn; pfn += PTRS_PER_PTE)
		n += !direct_map_chunk_pse(pfn);
	return n;
}

/* Low memory bootmem still has free (before any allocation). */
static unsigned long __init free_low_pages(void)
{
	return max_low_pfn - bootmem_reserved_pages(0, max_low_pfn);
}

/*
 * The boot memory allocator: its bitmap right after the kernel image
 * (or, if the loader's data lies there, the first free place in the
 * PROVISIONAL_MAP_SIZE mapped so far), covering low memory; RAM freed;
 * reserved again: page 0 (BIOS data), 640 KB .. 1 MB (ISA_START_ADDRESS
 * .. ISA_END_ADDRESS: video memory and BIOS), the kernel image, the
 * bitmap, and the early reservations -- the multiboot data and modules
 * (ULK 8.1.1: the "reserved" page frames).
 */
static void __init setup_bootmem_allocator(void)
{
	unsigned long bootmap_size = bootmem_bootmap_bytes(max_low_pfn);
	unsigned long bootmap, need, have, lowmem_kb;
	u64 limit = min((u64)PFN_PHYS(max_low_pfn), (u64)PROVISIONAL_MAP_SIZE);

	min_low_pfn = PFN_UP((unsigned long)__boot_end);
	bootmap = find_early_area(PFN_PHYS(min_low_pfn), limit, bootmap_size);
	if (!bootmap)
		bootmap = find_early_area(0, limit, bootmap_size);
	if (!bootmap)
		panic("no room in the first %lu MB for the boot memory bitmap (%lu bytes): the "
		      "multiboot modules fill it", PROVISIONAL_MAP_SIZE >> 20, bootmap_size);
	bootmap_size = init_bootmem(PFN_DOWN(bootmap), max_low_pfn);
	for_each_ram_range(0, max_low_pfn, free_bootmem_range);
	reserve_bootmem(bootmap, bootmap_size);
	reserve_bootmem(__pa(_text), (unsigned long)__boot_end - __pa(_text));
	reserve_bootmem(0, PAGE_SIZE);
	reserve_bootmem(ISA_START_ADDRESS, ISA_END_ADDRESS - ISA_START_ADDRESS);
	reserve_early_in_bootmem();
	/*
	 * What boot needs from low memory before the buddy system exists:
	 * the page tables of the direct map and of pkmap and the fixmap,
	 * mem_map for every page frame; then the page allocator must stay
	 * above the low watermark (5/4 of min_free_kbytes) while the rest of
	 * boot allocates.
	 */
	lowmem_kb = K(for_each_ram_range(0, max_low_pfn, NULL));
	need = direct_map_page_tables() + 2 + PFN_UP(max_pfn * sizeof(struct page)) +
	       ((min_free_kbytes_for(lowmem_kb) * 5 / 4 + BOOT_MARGIN_KB) >> (PAGE_SHIFT - 10));
	have = free_low_pages();
	if (have < need)
		panic("only %lu KB of low memory is free at boot%s; Mneme needs %lu KB for its page "
		      "tables, mem_map and boot", K(have),
		      nr_boot_modules ? " (the multiboot modules hold the rest)" : "",
		      K(need));
	/* Until paging_init(), only what startup_32 mapped is reachable. */
	bootmem_limit = PROVISIONAL_MAP_SIZE;
}

void __init setup_memory(void)
{
	find_max_pfn();
	num_physpages = for_each_ram_range(0, max_pfn, NULL);
	if (num_physpages < MIN_RAM_KB >> (PAGE_SHIFT - 10))
		panic("Mneme needs at least %u KB of RAM; this machine has %lu KB%s",
		      MIN_RAM_KB, K(num_physpages),
		      mem_limit ? " below the mem= limit" : "");
	find_max_low_pfn();
	high_memory = (char *)__va(PFN_PHYS(max_low_pfn) - 1) + 1;
	setup_bootmem_allocator();
}

static int is_kernel_readonly(unsigned long pfn)
{
	unsigned long addr = PFN_PHYS(pfn);

	return (addr >= __pa(_text) && addr < __pa(_etext)) ||
	       (addr >= __pa(__start_rodata) && addr < __pa(__end_rodata));
}

/*
 * The direct map: low memory at PAGE_OFFSET. Each 4 MB is one PSE
 * directory entry when the CPU has PSE (and "nopse" was not given),
 * except the 4 MB chunks of the kernel image and a partial last chunk,
 * which get page tables: there the kernel's text and read-only data are
 * mapped read-only, and the page below the init stack not at all.
 *
 * The page tables come from bootmem, which can only hand out what the
 * live (provisional) page tables map: PROVISIONAL_MAP_SIZE at first. The
 * multiboot modules may fill it, so each chunk beyond it is
 * also mapped in the provisional directory as soon as it is built, and
 * bootmem may then use it: the map grows from the memory it has mapped.
 */
static void __init kernel_physical_mapping_init(pgd_t *pgd_base)
{
	unsigned long guard_pfn = __pa(init_stack_guard) >> PAGE_SHIFT;
	unsigned long pfn;

	for (pfn = 0; pfn < max_low_pfn; pfn += PTRS_PER_PTE) {
		pgd_t *pgd = pgd_base + pgd_index(PAGE_OFFSET + PFN_PHYS(pfn));
		pte_t *pte;
		unsigned long i;

		if (direct_map_chunk_pse(pfn)) {
			set_pgd(pgd, __pgd(PFN_PHYS(pfn) | _PAGE_PSE | pgprot_val(PAGE_KERNEL)));
		} else {
			pte = alloc_bootmem_low_pages(PAGE_SIZE);
			for (i = 0; i < PTRS_PER_PTE && pfn + i < max_low_pfn; i++) {
				unsigned long p = pfn + i;

				if (p == guard_pfn)
					continue;
				set_pte(pte + i, pfn_pte(p, is_kernel_readonly(p) ?
							 PAGE_KERNEL_RO : PAGE_KERNEL));
			}
			set_pgd(pgd, __pgd(__pa(pte) | _KERNPG_TABLE));
		}
		if (PFN_PHYS(pfn) >= PROVISIONAL_MAP_SIZE) {
			initial_page_table[pgd - pgd_base] = pgd_val(*pgd);
			bootmem_limit = PFN_PHYS(min(pfn + PTRS_PER_PTE, max_low_pfn));
		}
	}
}

/* An empty page table for the 4 MB at vaddr, for mappings made later. */
static pte_t * __init one_page_table_init(pgd_t *pgd_base, unsigned long vaddr)
{
	pgd_t *pgd = pgd_base + pgd_index(vaddr);

	if (pgd_none(*pgd)) {
		pte_t *pte = alloc_bootmem_low_pages(PAGE_SIZE);

		set_pgd(pgd, __pgd(__pa(pte) | _KERNPG_TABLE));
	}
	return pgd_page_vaddr(*pgd);
}

static void __init pagetable_init(void)
{
	pgd_t *pgd_base = swapper_pg_dir;
	unsigned long vaddr;

	kernel_physical_mapping_init(pgd_base);
	for (vaddr = FIXADDR_START & PGDIR_MASK; vaddr && vaddr < FIXADDR_TOP; vaddr += PGDIR_SIZE)
		one_page_table_init(pgd_base, vaddr);
	pkmap_page_table = one_page_table_init(pgd_base, PKMAP_BASE) + pte_index(PKMAP_BASE);
}

static void __init zone_sizes_init(void)
{
	unsigned long zones_size[MAX_NR_ZONES] = { 0 }, zholes_size[MAX_NR_ZONES] = { 0 };
	unsigned long start[MAX_NR_ZONES], i;

	zones_size[ZONE_DMA] = min(max_low_pfn, MAX_DMA_PFN);
	zones_size[ZONE_NORMAL] = max_low_pfn - zones_size[ZONE_DMA];
	zones_size[ZONE_HIGHMEM] = highend_pfn - highstart_pfn;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		start[i] = i ? start[i - 1] + zones_size[i - 1] : 0;
		zholes_size[i] = zones_size[i] -
			for_each_ram_range(start[i], start[i] + zones_size[i], NULL);
	}
	printk(KERN_INFO "Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (!zones_size[i])
			printk(KERN_INFO "  %-8s empty\n", zone_names[i]);
		else
			printk(KERN_INFO "  %-8s [mem 0x%016lx-0x%016lx]\n", zone_names[i],
			       PFN_PHYS(start[i]), PFN_PHYS(start[i] + zones_size[i]) - 1);
	}
	free_area_init_node(zones_size, zholes_size);
}

/*
 * Switch from the provisional page tables to swapper_pg_dir, then
 * build mem_map and the zones (ULK 2.5.5).
 */
void __init paging_init(void)
{
	unsigned long cr4_bits = 0;

	if (cpu_has_pse && !disable_pse)
		cr4_bits |= X86_CR4_PSE;
	if (cpu_has_pge) {
		cr4_bits |= X86_CR4_PGE;
		__supported_pte_mask |= _PAGE_GLOBAL;
	}
	/* No CR4 access at all where neither exists: an i486 may have no CR4. */
	if (cr4_bits) {
		mmu_cr4_features = read_cr4() | cr4_bits;
		write_cr4(mmu_cr4_features);
	}
	pagetable_init();
	write_cr3(__pa(swapper_pg_dir));
	__flush_tlb_global();
	doublefault_set_cr3(__pa(swapper_pg_dir));
	bootmem_limit = ~0UL;
	printk(KERN_INFO "paging: direct map of %lu MB with %s pages%s; vmalloc %#lx-%#lx, "
	       "pkmap %#lx, fixmap %#lx\n", max_low_pfn >> (20 - PAGE_SHIFT),
	       cpu_has_pse && !disable_pse ? "4 MB" : "4 KB",
	       cpu_has_pge ? ", global" : "", VMALLOC_START, VMALLOC_END,
	       PKMAP_BASE, FIXADDR_START);
	kmap_init();
	zone_sizes_init();
}

/* High memory [s, t) to the buddy system, less the early reservations (modules) in it. */
static unsigned long __init free_high_range(unsigned long s, unsigned long t)
{
	unsigned long n = 0;

	while (s < t) {
		const struct early_res *r = early_res_overlap((u64)s << PAGE_SHIFT,
							      (u64)t << PAGE_SHIFT);
		unsigned long e = r ? max(s, (unsigned long)(r->start >> PAGE_SHIFT)) : t;

		if (e > s)
			n += free_pages_range(s, e);
		s = r ? max(e, (unsigned long)PFN_UP(r->end)) : t;
	}
	return n;
}

/* Pages still reserved among the RAM of [lo, hi): the kernel image, tables, mem_map ... */
static unsigned long __init count_reserved(unsigned long s, unsigned long t)
{
	unsigned long n = 0;

	for (; s < t; s++)
		n += PageReserved(pfn_to_page(s));
	return n;
}

/* The end of boot-time memory: everything free goes to the buddy system. */
void __init mem_init(void)
{
	unsigned long reserved, codesize, datasize, initsize;

	build_all_zonelists();
	free_all_bootmem();
	for_each_ram_range(highstart_pfn, highend_pfn, free_high_range);
	init_per_zone_pages_min();
	drain_local_pages();

	reserved = for_each_ram_range(0, max_low_pfn, count_reserved);
	codesize = _etext - _text;
	datasize = _edata - __start_rodata;
	initsize = __init_end - __init_begin;
	printk(KERN_INFO "Memory: %luk/%luk available (%luk kernel code, %luk reserved, "
	       "%luk data, %luk init, %luk highmem)\n",
	       K(nr_free_pages()), K(num_physpages),
	       codesize >> 10, K(reserved), datasize >> 10,
	       initsize >> 10, K(totalhigh_pages));
}

/* A module's page that may go back: still reserved, and no other boot data kept in it. */
static bool __init initrd_page_freeable(unsigned long pfn)
{
	u64 a = (u64)pfn << PAGE_SHIFT;
	unsigned int i;

	if (pfn >= max_pfn || !PageReserved(pfn_to_page(pfn)))
		return false;
	for (i = 0; i < nr_early_res; i++)
		if (!early_res[i].initrd && early_res[i].start < a + PAGE_SIZE && a < early_res[i].end)
			return false;
	return true;
}

/*
 * The page frames of a multiboot module [start, end) back to the buddy
 * system (Linux's free_initrd_mem()), but not one it shares with boot
 * data still kept (a loader may put a string in a module's last page),
 * nor one already given back. Returns how many were freed.
 */
unsigned long __init free_initrd_mem(unsigned long start, unsigned long end)
{
	unsigned long pfn, run = PFN_DOWN(start), last = PFN_UP(end), freed = 0;

	for (pfn = run; pfn <= last; pfn++) {
		if (pfn < last && initrd_page_freeable(pfn))
			continue;
		if (pfn > run)
			freed += free_pages_range(run, pfn);
		run = pfn + 1;
	}
	return freed;
}

/*
 * Give the .init pages back, filled with int3 first: a stray call into
 * freed boot code traps at once instead of running whatever is there.
 */
void free_initmem(void)
{
	unsigned long addr;

	for (addr = (unsigned long)__init_begin; addr < (unsigned long)__init_end; addr += PAGE_SIZE)
		memset((void *)addr, 0xcc, PAGE_SIZE);
	free_pages_range(__pa(__init_begin) >> PAGE_SHIFT, __pa(__init_end) >> PAGE_SHIFT);
	printk(KERN_INFO "Freeing unused kernel memory: %luk freed\n",
	       (unsigned long)(__init_end - __init_begin) >> 10);
}
