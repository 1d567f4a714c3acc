/*
 * Architecture set-up at boot: take what the multiboot loader left
 * (command line, memory map, loader name) into kernel memory before
 * anything can overwrite it, and build the clean memory map.
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <bootmem.h>
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

/* startup_32 maps the first 8 MB: what the loader gave must lie there. */
#define BOOT_MAPPED_LIMIT	(8UL << 20)
#define KERNEL_PGD_PTRS_BOOT	(BOOT_MAPPED_LIMIT >> PGDIR_SHIFT)

static const void * __init boot_ptr(unsigned long phys, unsigned long len, const char *what)
{
	if (phys >= BOOT_MAPPED_LIMIT || len > BOOT_MAPPED_LIMIT - phys)
		panic("multiboot %s at %#lx+%#lx lies beyond the first %lu MB mapped at boot",
		      what, phys, len, BOOT_MAPPED_LIMIT >> 20);
	return __va(phys);
}

static void __init copy_string(char *dst, size_t size, unsigned long phys, const char *what)
{
	const char *src = boot_ptr(phys, 1, what);
	size_t max = min_t(unsigned long, size - 1, BOOT_MAPPED_LIMIT - phys - 1);
	size_t n = strnlen(src, max);

	memcpy(dst, src, n);
	dst[n] = '\0';
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

/* The memory map from multiboot: the full e820 map, else mem_lower/mem_upper. */
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
}

/*
 * GRUB and QEMU both start the multiboot command line with the path of
 * the image ("/boot/mneme.elf ktest"). Take that word off, so that the
 * kernel's command line is the parameters alone.
 */
static void __init split_image_path(char *cmdline)
{
	char *p = cmdline, *rest;
	size_t len;

	while (*p && *p != ' ')
		p++;
	len = p - cmdline;
	if (!len || (!memchr(cmdline, '/', len) &&
		     (len < 4 || strncmp(p - 4, ".elf", 4))))
		return;
	strlcpy(boot_image_path, cmdline, min_t(size_t, len + 1, sizeof(boot_image_path)));
	rest = skip_spaces(p);
	memmove(cmdline, rest, strlen(rest) + 1);
}

/*
 * Drop the identity mapping of the first 8 MB that startup_32 needed
 * to turn paging on: from here on the kernel runs only at PAGE_OFFSET,
 * and a NULL or other low address faults as it must.
 */
void __init zap_low_mappings(void)
{
	unsigned int i;

	for (i = 0; i < KERNEL_PGD_PTRS_BOOT; i++)
		initial_page_table[i] = 0;
	__flush_tlb();
}

/*
 * Unmap the page below the init stack in the provisional page tables
 * (pg0 maps physical 0-8 MB, at both of its aliases).
 */
void __init protect_init_stack(void)
{
	unsigned long pfn = __pa(init_stack_guard) >> PAGE_SHIFT;

	pg0[pfn] = 0;
	__flush_tlb_single((unsigned long)init_stack_guard);
	__flush_tlb_single(__pa(init_stack_guard));
}

/*
 * What the loader left that must survive: the information block, its
 * command line and memory map, the module list and the modules.
 */
static void __init reserve_multiboot(void)
{
	const struct multiboot_info *mbi = &boot_params;

	reserve_bootmem(boot_params_phys, sizeof(*mbi));
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		reserve_bootmem(mbi->mmap_addr, mbi->mmap_length);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		reserve_bootmem(mbi->cmdline, strlen(boot_command_line) + PAGE_SIZE / 16);
	if ((mbi->flags & MULTIBOOT_INFO_MODS) && mbi->mods_count) {
		const struct multiboot_mod_list *mod =
			boot_ptr(mbi->mods_addr, mbi->mods_count * sizeof(*mod), "module list");
		u32 i;

		reserve_bootmem(mbi->mods_addr, mbi->mods_count * sizeof(*mod));
		for (i = 0; i < mbi->mods_count; i++)
			reserve_bootmem(mod[i].mod_start, mod[i].mod_end - mod[i].mod_start);
	}
}

/*
 * Everything the architecture sets up at boot, in order: the loader's
 * data copied, early parameters (mem=, vmalloc=, nopse, loglevel ...),
 * the memory map, bootmem, the kernel page tables and the zones.
 */
void __init setup_arch(unsigned long magic, unsigned long mbi_phys)
{
	zap_low_mappings();
	protect_init_stack();
	boot_params_phys = mbi_phys;
	memcpy(&boot_params, boot_ptr(mbi_phys, sizeof(boot_params), "information"),
	       sizeof(boot_params));
	if (boot_params.flags & MULTIBOOT_INFO_CMDLINE)
		copy_string(boot_command_line, sizeof(boot_command_line),
			    boot_params.cmdline, "command line");
	split_image_path(boot_command_line);
	if (boot_params.flags & MULTIBOOT_INFO_BOOT_LOADER_NAME)
		copy_string(boot_loader_name, sizeof(boot_loader_name),
			    boot_params.boot_loader_name, "loader name");
	else
		strlcpy(boot_loader_name, "an unnamed loader", sizeof(boot_loader_name));
	printk(KERN_INFO "Booted by %s from %s (multiboot magic %#lx, info at %#lx)\n",
	       boot_loader_name, boot_image_path[0] ? boot_image_path : "(no path)",
	       magic, mbi_phys);
	parse_early_param();
	printk(KERN_NOTICE "Kernel command line: %s\n", boot_command_line);
	setup_memory_map();
	setup_memory();
	reserve_multiboot();
	paging_init();
}
