/*
 * Architecture set-up at boot: take what the multiboot loader left
 * (command line, memory map, loader name) into kernel memory, record
 * what must survive (the information block, the module list, the
 * modules) before anything can overwrite it, and build the clean
 * memory map.
 */
#include <kernel.h>
#include <string.h>
#include <ctype.h>
#include <init.h>
#include <initrd.h>
#include <mm.h>
#include <multiboot.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>

struct multiboot_info boot_params;
unsigned long boot_params_phys;
char boot_loader_name[64];
char boot_image_path[128];

struct boot_module boot_modules[MAX_BOOT_MODULES];
unsigned int nr_boot_modules;

struct early_res early_res[MAX_EARLY_RES];
unsigned int nr_early_res;

/* The longest loader string read (a longer command line is cut, with a warning). */
#define BOOT_STRING_MAX		(16UL << 10)

/*
 * What the loader left beyond PROVISIONAL_MAP_SIZE (the 8 MB startup_32
 * mapped) is read through a window of
 * 4 KB pages (Linux's early_memremap()): the 4 MB where the pkmap
 * window will be, which only swapper_pg_dir maps, so in the provisional
 * page tables it is free. One mapping at a time.
 */
#define EARLY_MAP_BASE		PKMAP_BASE
static pte_t early_map_pte[PTRS_PER_PTE] __initdata __aligned(PAGE_SIZE);

/*
 * A kernel pointer to len bytes of the loader's data at phys, valid
 * until the next call (copy what you need). The data may lie anywhere
 * below 4 GB.
 */
static const void * __init boot_ptr(u64 phys, unsigned long len, const char *what)
{
	unsigned long offset = phys & ~PAGE_MASK, i;
	u64 base = phys - offset;

	if (phys + len > (1ULL << 32) || len > PGDIR_SIZE - PAGE_SIZE)
		panic("multiboot %s at %#llx+%#lx lies beyond 4 GB or is too large",
		      what, phys, len);
	if (phys + len <= PROVISIONAL_MAP_SIZE)
		return __va((unsigned long)phys);
	for (i = 0; i < PTRS_PER_PTE; i++)
		early_map_pte[i] = i * PAGE_SIZE < offset + len ?
			__pte((unsigned long)base + i * PAGE_SIZE + __PAGE_KERNEL_RO) : __pte(0);
	initial_page_table[pgd_index(EARLY_MAP_BASE)] = __pa(early_map_pte) | _KERNPG_TABLE;
	__flush_tlb();
	return (const void *)(EARLY_MAP_BASE + offset);
}

/*
 * Copy the loader's C string at phys into dst (size bytes, NUL
 * included). Returns its length, which is >= size if it was cut
 * (counted up to BOOT_STRING_MAX).
 */
static size_t __init copy_string(char *dst, size_t size, unsigned long phys, const char *what)
{
	size_t max = min_t(u64, BOOT_STRING_MAX, (1ULL << 32) - phys);
	const char *src = boot_ptr(phys, max, what);
	size_t n = strnlen(src, max);

	memcpy(dst, src, min(n, size - 1));
	dst[min(n, size - 1)] = '\0';
	return n;
}

void __init reserve_early(u64 start, u64 end, const char *name, bool initrd)
{
	struct early_res *r;

	if (start >= end)
		return;
	if (nr_early_res >= MAX_EARLY_RES)
		panic("reserve_early: more than %d boot-time reservations", MAX_EARLY_RES);
	r = &early_res[nr_early_res++];
	r->start = start;
	r->end = end;
	r->name = name;
	r->initrd = initrd;
}

const struct early_res *early_res_overlap(u64 start, u64 end)
{
	const struct early_res *best = NULL;
	unsigned int i;

	for (i = 0; i < nr_early_res; i++) {
		const struct early_res *r = &early_res[i];

		if (r->start < end && start < r->end && (!best || r->start < best->start))
			best = r;
	}
	return best;
}

static void __init print_e820_problems(unsigned int problems)
{
	if (problems & E820_PARSE_TRUNCATED)
		printk(KERN_WARNING "e820: the multiboot memory map is truncated or malformed; "
		       "using the entries before the damage\n");
	if (problems & E820_PARSE_OVERFLOW)
		printk(KERN_WARNING "e820: more than %d memory map entries; the rest are ignored\n",
		       E820MAX);
	if (problems & E820_PARSE_CLIPPED)
		printk(KERN_WARNING "e820: ranges beyond the physical address space were clipped\n");
}

/* The memory map from multiboot (the full e820 map, else mem_lower/mem_upper), then mem=. */
void __init setup_memory_map(void)
{
	const struct multiboot_info *mbi = &boot_params;
	u32 before;
	int dropped;

	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		const void *mmap = boot_ptr(mbi->mmap_addr, mbi->mmap_length, "memory map");

		print_e820_problems(e820_from_multiboot(&e820, mmap, mbi->mmap_length));
	} else if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		printk(KERN_NOTICE "e820: no memory map from the loader; using mem_lower/mem_upper\n");
		e820.nr_map = 0;
		e820_add_region(&e820, 0, (u64)mbi->mem_lower << 10, E820_RAM);
		e820_add_region(&e820, 1ULL << 20, (u64)mbi->mem_upper << 10, E820_RAM);
	} else {
		panic("the boot loader gave no memory information (multiboot flags %#x)",
		      mbi->flags);
	}

	before = e820.nr_map;
	dropped = sanitize_e820_map(e820.map, E820MAX, &e820.nr_map);
	if (dropped)
		printk(KERN_WARNING "e820: memory map too fragmented: %d ranges dropped\n", dropped);
	printk(KERN_INFO "BIOS-provided physical RAM map:\n");
	e820_print_map(&e820, "BIOS-e820");
	if (before != e820.nr_map)
		printk(KERN_INFO "e820: sanitized %u entries into %u\n", before, e820.nr_map);
	e820_apply_mem_limit();
}

/* Printable: the bytes of s (n at most) with anything not ASCII as '?'. */
static void __init printable(char *dst, size_t size, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < size && i < n && s[i]; i++)
		dst[i] = isprint(s[i]) ? s[i] : '?';
	dst[i] = '\0';
}

/*
 * The kernel's command line from the loader's: GRUB and QEMU both start
 * it with the path of the image ("/boot/mneme.elf ktest"); that word is
 * taken off, so that the command line is the parameters alone. What
 * does not fit in COMMAND_LINE_SIZE is dropped from a parameter
 * boundary on (never half a parameter: "mem=1234M" cut to "mem=12"
 * would be obeyed), with a warning naming where. Returns the length
 * of the loader's string, to reserve it.
 */
static size_t __init setup_command_line(unsigned long phys)
{
	size_t max = min_t(u64, BOOT_STRING_MAX, (1ULL << 32) - phys);
	const char *src = boot_ptr(phys, max, "command line");
	size_t len = strnlen(src, max), path_len, start = 0, keep, total;
	char dropped[48];

	for (path_len = 0; path_len < len && src[path_len] && src[path_len] != ' '; path_len++)
		;
	if (path_len && (memchr(src, '/', path_len) ||
			 (path_len >= 4 && !strncmp(src + path_len - 4, ".elf", 4)))) {
		strlcpy(boot_image_path, src, min_t(size_t, path_len + 1, sizeof(boot_image_path)));
		start = path_len;
		while (start < len && isspace(src[start]))
			start++;
	}
	total = len - start;
	keep = total;
	if (total > COMMAND_LINE_SIZE - 1) {
		/* Cut before the parameter that crosses the limit. */
		keep = COMMAND_LINE_SIZE - 1;
		if (!isspace(src[start + keep]))
			while (keep && !isspace(src[start + keep - 1]))
				keep--;
	}
	memcpy(boot_command_line, src + start, keep);
	boot_command_line[keep] = '\0';
	if (keep < total) {
		strim(boot_command_line);
		printable(dropped, sizeof(dropped), src + start + keep, total - keep);
		printk(KERN_WARNING "Kernel command line too long: %zu%s bytes, at most %d kept; "
		       "dropped from byte %zu on: \"%s%s\"\n", total,
		       len >= BOOT_STRING_MAX ? " or more" : "", COMMAND_LINE_SIZE - 1, keep,
		       dropped, total - keep > sizeof(dropped) - 1 ? "..." : "");
	}
	return len;
}

/*
 * Drop the identity mapping of PROVISIONAL_MAP_SIZE that startup_32 needed
 * to turn paging on: from here on the kernel runs only at PAGE_OFFSET,
 * and a NULL or other low address faults as it must.
 */
void __init zap_low_mappings(void)
{
	unsigned int i;

	for (i = 0; i < PROVISIONAL_PGD_PTRS; i++)
		initial_page_table[i] = 0;
	__flush_tlb();
}

/*
 * Unmap the page below the init stack in the provisional page tables
 * (pg0 maps physical 0 .. PROVISIONAL_MAP_SIZE, at both of its aliases).
 */
void __init protect_init_stack(void)
{
	unsigned long pfn = __pa(init_stack_guard) >> PAGE_SHIFT;

	pg0[pfn] = 0;
	__flush_tlb_single((unsigned long)init_stack_guard);
	__flush_tlb_single(__pa(init_stack_guard));
}

extern char _text[], __boot_end[];

/*
 * Why module i cannot be kept, or NULL: a loader may hand out a module
 * that ends before it starts, lies outside the RAM in use (mem= or the
 * memory map leave it out), or overlaps the kernel or another module.
 */
static const char * __init bad_module(const struct multiboot_mod_list *mod)
{
	u64 start = mod->mod_start, end = mod->mod_end;
	const struct early_res *r;

	if (end < start)
		return "it ends before it starts";
	if (start == end)
		return NULL;
	if (!e820_all_mapped(&e820, start, end, E820_RAM))
		return "it lies outside the RAM in use (see the memory map and mem=)";
	if (start < (unsigned long)__boot_end && __pa(_text) < end)
		return "it overlaps the kernel image";
	r = early_res_overlap(start, end);
	if (r)
		return r->initrd ? "it overlaps an earlier module" : "it overlaps the multiboot data";
	return NULL;
}

/* The modules: each kept one recorded in boot_modules[] and reserved. */
static void __init reserve_modules(const struct multiboot_info *mbi)
{
	u64 list = mbi->mods_addr;
	unsigned long kept = 0;		/* page frames the kept modules touch */
	u32 i, count = mbi->mods_count;

	if (count > 16 * MAX_BOOT_MODULES) {
		printk(KERN_WARNING "multiboot: the loader claims %u modules; reading the first %d\n",
		       count, 16 * MAX_BOOT_MODULES);
		count = 16 * MAX_BOOT_MODULES;
	}
	reserve_early(list, list + (u64)count * sizeof(struct multiboot_mod_list),
		      "multiboot module list", false);
	for (i = 0; i < count; i++) {
		struct multiboot_mod_list mod;
		struct boot_module *m = &boot_modules[nr_boot_modules];
		const char *why;
		char name[sizeof(m->name)];
		size_t len = 0;

		memcpy(&mod, boot_ptr(list + (u64)i * sizeof(mod), sizeof(mod), "module list"),
		       sizeof(mod));
		name[0] = '\0';
		if (mod.cmdline)
			len = copy_string(name, sizeof(name), mod.cmdline, "module string");
		if (nr_boot_modules == MAX_BOOT_MODULES) {
			printk(KERN_WARNING "multiboot: more than %d modules; module %u \"%s\" and the "
			       "rest are ignored\n", MAX_BOOT_MODULES, i + 1, name);
			break;
		}
		why = bad_module(&mod);
		if (why) {
			printk(KERN_WARNING "multiboot: module %u \"%s\" at [mem 0x%08x-0x%08x] is "
			       "ignored: %s\n", i + 1, name, mod.mod_start,
			       mod.mod_end - (mod.mod_end > mod.mod_start), why);
			continue;
		}
		if (mod.cmdline)
			reserve_early(mod.cmdline, (u64)mod.cmdline + len + 1, "module string", false);
		m->start = mod.mod_start;
		m->end = mod.mod_end;
		m->nr = i + 1;
		strlcpy(m->name, name, sizeof(m->name));
		nr_boot_modules++;
		kept += m->end > m->start ? PFN_UP(m->end) - PFN_DOWN(m->start) : 0;
		reserve_early(m->start, m->end, "multiboot module", true);
		printk(KERN_INFO "multiboot: module %u \"%s\" at [mem 0x%08lx-0x%08lx], %lu bytes, "
		       "reserved\n", m->nr, m->name, m->start,
		       m->end > m->start ? m->end - 1 : m->start, m->end - m->start);
	}
	if (nr_boot_modules)
		printk(KERN_INFO "multiboot: %u module%s, %luk reserved until the end of boot\n",
		       nr_boot_modules, nr_boot_modules == 1 ? "" : "s", K(kept));
}

/*
 * What the loader left that must survive: the information block, its
 * command line and loader name, the memory map, the module list, each
 * module's string and each module. Recorded (reserve_early) before the
 * boot memory allocator exists, so that its bitmap, the page tables and
 * mem_map are placed around them (QEMU puts the module list and the
 * modules right after the kernel image).
 */
static void __init reserve_multiboot(size_t cmdline_len, size_t loader_name_len)
{
	const struct multiboot_info *mbi = &boot_params;

	reserve_early(boot_params_phys, (u64)boot_params_phys + sizeof(*mbi), "multiboot info",
		      false);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		reserve_early(mbi->cmdline, (u64)mbi->cmdline + cmdline_len + 1, "command line",
			      false);
	if (mbi->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		reserve_early(mbi->boot_loader_name,
			      (u64)mbi->boot_loader_name + loader_name_len + 1, "loader name", false);
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		reserve_early(mbi->mmap_addr, (u64)mbi->mmap_addr + mbi->mmap_length,
			      "multiboot memory map", false);
	if ((mbi->flags & MULTIBOOT_INFO_MODS) && mbi->mods_count)
		reserve_modules(mbi);
}

/*
 * Everything the architecture sets up at boot, in order: the loader's
 * data copied, early parameters (mem=, vmalloc=, nopse, loglevel ...),
 * the memory map, the reservations, bootmem, the kernel page tables and
 * the zones.
 */
void __init setup_arch(unsigned long magic, unsigned long mbi_phys)
{
	size_t cmdline_len = 0, loader_name_len = 0;

	zap_low_mappings();
	protect_init_stack();
	boot_params_phys = mbi_phys;
	memcpy(&boot_params, boot_ptr(mbi_phys, sizeof(boot_params), "information"),
	       sizeof(boot_params));
	if (boot_params.flags & MULTIBOOT_INFO_CMDLINE)
		cmdline_len = setup_command_line(boot_params.cmdline);
	if (boot_params.flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		loader_name_len = copy_string(boot_loader_name, sizeof(boot_loader_name),
					      boot_params.boot_loader_name, "loader name");
	else
		strlcpy(boot_loader_name, "an unnamed loader", sizeof(boot_loader_name));
	printk(KERN_INFO "Booted by %s from %s (multiboot magic %#lx, info at %#lx)\n",
	       boot_loader_name, boot_image_path[0] ? boot_image_path : "(no path)",
	       magic, mbi_phys);
	parse_early_param();
	printk(KERN_NOTICE "Kernel command line: %s\n", boot_command_line);
	setup_memory_map();
	reserve_multiboot(cmdline_len, loader_name_len);
	setup_memory();
	paging_init();
}
