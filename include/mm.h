/*
 * Page frames: from addresses to descriptors and back, reference counts,
 * and the memory totals (ULK 8.1).
 */
#ifndef _MNEME_MM_H
#define _MNEME_MM_H

#include <types.h>
#include <bug.h>
#include <mm_types.h>
#include <page-flags.h>
#include <mmzone.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <err.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the last page frame of RAM */
extern unsigned long max_low_pfn;	/* one past the last low-memory page frame */
extern unsigned long min_low_pfn;	/* the first page frame after the kernel image */
extern unsigned long highstart_pfn, highend_pfn;
extern unsigned long num_physpages;	/* page frames of RAM */
extern unsigned long totalram_pages;	/* page frames the allocator manages */
extern unsigned long totalhigh_pages;
extern void *high_memory;		/* the end of the direct map */

/* A number of pages in KB, for reports ("%luk", "... kB"): Linux's K(). */
#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* The most pages mm has had resident (VmHWM, ru_maxrss): the mark or now, if above it. */
static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	unsigned long rss = mm->anon_rss + mm->file_rss;

	return rss > mm->hiwater_rss ? rss : mm->hiwater_rss;
}

/* The zone of a page is kept in the top bits of its flags. */
#define ZONES_PGSHIFT	(BITS_PER_LONG - ZONES_SHIFT)

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return zone_table[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(~0UL << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline int pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define virt_addr_valid(kaddr)	((unsigned long)(kaddr) >= PAGE_OFFSET && \
				 pfn_valid(__pa(kaddr) >> PAGE_SHIFT) && \
				 (unsigned long)(kaddr) < (unsigned long)high_memory)
#define page_to_phys(page)	((unsigned long)page_to_pfn(page) << PAGE_SHIFT)

/*
 * The kernel virtual address of a page: its direct-map address for low
 * memory; for high memory, where it is mapped by kmap(), or NULL.
 */
void *page_address(const struct page *page);
#define lowmem_page_address(page) __va(page_to_pfn(page) << PAGE_SHIFT)

/*
 * Reference counts (ULK: _count is -1 for a free page). page_count()
 * is the number of users; the last put_page() frees the page.
 */
static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count) + 1;
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v - 1);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_count);
}

/* Drop a reference; true if it was the last one. */
static inline int put_page_testzero(struct page *page)
{
	BUG_ON(page_count(page) == 0);
	return atomic_add_negative(-1, &page->_count);
}

void put_page(struct page *page);

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline int page_mapped(const struct page *page)
{
	return atomic_read(&page->_mapcount) >= 0;
}

/* An anonymous page's mapping is its anon_vma with bit 0 set (ULK 17.2.1). */
#define PAGE_MAPPING_ANON	1UL

static inline int PageAnon(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline void reset_page_mapcount(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/* Buddy system: the order of a free block, stored in its first page. */
static inline unsigned long page_order(const struct page *page)
{
	return page->private;
}

unsigned long nr_free_pages(void);
unsigned long nr_free_highpages(void);
unsigned long nr_free_buffer_pages(void);

/* Counters of the allocator's self-checks (mm/page_alloc.c). */
extern unsigned long nr_bad_page_reports;

/* Whole-structure checkers, for debug assertions and tests. */
bool zone_check(struct zone *zone);

/*
 * Boot. The architecture (arch/x86/mm/init.c) builds the page tables
 * and the zones in paging_init(), then hands free memory over in
 * mem_init(); mm/ gives it these steps:
 *
 *   free_area_init_node()     mem_map and the zones (zholes_size: the
 *                             frames of each zone that are not RAM)
 *   build_all_zonelists()     each gfp zone modifier's fallback list
 *   free_pages_range(s, e)    page frames [s, e) to the buddy system;
 *                             returns how many (mm/page_alloc.c)
 *   init_per_zone_pages_min() the watermarks, from min_free_kbytes
 *   min_free_kbytes_for(kb)   what min_free_kbytes will be for kb of low
 *                             memory (setup_memory() checks boot fits)
 */
void free_area_init_node(const unsigned long *zones_size, const unsigned long *zholes_size);
void build_all_zonelists(void);
unsigned long free_pages_range(unsigned long start_pfn, unsigned long end_pfn);
void init_per_zone_pages_min(void);
unsigned long min_free_kbytes_for(unsigned long lowmem_kbytes);
void paging_init(void);
void mem_init(void);

/*
 * Process address spaces (ULK chapter 9). mm_struct and vm_area_struct
 * are in include/mm_types.h; the VMA code is mm/mmap.c, the page-fault
 * code mm/memory.c and arch/x86/mm/fault.c, the descriptors' life
 * (mm_alloc, copy_mm, exit_mm ...) mm/mm_struct.c.
 *
 * vm_flags (ULK table 9-5): what the region allows now (VM_READ ..
 * VM_SHARED) and what mprotect() may ever allow (VM_MAY*), then its
 * kind. The low four bits index protection_map[].
 */
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080
#define VM_GROWSDOWN	0x00000100	/* a stack: grows down on faults below it */
#define VM_GROWSUP	0x00000200
#define VM_PFNMAP	0x00000400	/* remap_pfn_range(): frames without struct page counts */
#define VM_DENYWRITE	0x00000800	/* maps an executable being run */
#define VM_EXECUTABLE	0x00001000
#define VM_LOCKED	0x00002000	/* mlock(): pages kept resident */
#define VM_IO		0x00004000
#define VM_SEQ_READ	0x00008000	/* madvise(MADV_SEQUENTIAL) */
#define VM_RAND_READ	0x00010000	/* madvise(MADV_RANDOM) */
#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000	/* mremap() may not grow it */
#define VM_RESERVED	0x00080000
#define VM_ACCOUNT	0x00100000	/* counted in the committed memory */
#define VM_NORESERVE	0x00200000

#define VM_STACK_FLAGS	(VM_GROWSDOWN | VM_READ | VM_WRITE | VM_EXEC | \
			 VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT)

extern pgprot_t protection_map[16];
static inline pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

/*
 * A region's backing (ULK 9.4.2, 16.2): open/close when a region is
 * duplicated or split / removed; nopage(vma, address, &type) returns
 * the page to map at address with a reference taken for the caller,
 * and sets *type to VM_FAULT_MINOR or VM_FAULT_MAJOR (read from disk);
 * NOPAGE_SIGBUS beyond the end of the file, NOPAGE_OOM without memory.
 * map_pages(vma, start, pte, start_pgoff, end_pgoff) is fault-around
 * (Linux 3.15+, not 2.6): on a read fault, map the object's pages of
 * [start_pgoff, end_pgoff] that are already there and uptodate, start
 * being start_pgoff's address and pte its entry, all in one page table,
 * mapped, page_table_lock held; do_set_pte() maps each page.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	struct page *(*nopage)(struct vm_area_struct *vma, unsigned long address, int *type);
	void (*map_pages)(struct vm_area_struct *vma, unsigned long start, pte_t *pte,
			  unsigned long start_pgoff, unsigned long end_pgoff);
};

#define NOPAGE_SIGBUS	((struct page *)0)
#define NOPAGE_OOM	((struct page *)-1)

/* handle_mm_fault()'s results (2.6.11's values). */
#define VM_FAULT_OOM	(-1)
#define VM_FAULT_SIGBUS	0
#define VM_FAULT_MINOR	1
#define VM_FAULT_MAJOR	2

/*
 * The user layout (i386, no randomisation; ULK 20.1.5, figure 20-?):
 * the stack at the top of user space, TASK_SIZE; mmap areas top-down
 * below the stack's gap (mmap_base = TASK_SIZE - the stack rlimit,
 * clamped to [128 MB, 5/6 of user space]), or bottom-up from
 * TASK_UNMAPPED_BASE when the stack rlimit is unlimited (the legacy
 * layout, as Linux's legacy_va_layout()).
 */
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE / 3)
#define STACK_TOP		TASK_SIZE
#define MIN_GAP			(128UL << 20)
#define MAX_GAP			(TASK_SIZE / 6 * 5)
/* The lowest address mmap may give (Linux's mmap_min_addr: the zero page stays unmapped). */
#define mmap_min_addr		PAGE_SIZE
/* The guard gap a stack keeps below it when it grows (ULK, the 2.6 rule, plus 6.1's gap). */
#define stack_guard_gap		(256UL << PAGE_SHIFT)

extern struct mm_struct init_mm;

/* do_mmap_pgoff() and friends return an address or -errno: IS_ERR_VALUE() (include/err.h). */

/* mm/mm_struct.c */
void proc_caches_init(void);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
void __mmdrop(struct mm_struct *mm);
static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}
/* Another user of an mm held only by mm_count (a /proc file's), unless its last one is gone. */
static inline int mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}
struct task_struct;
struct mm_struct *get_task_mm(struct task_struct *task);
int copy_mm(unsigned long clone_flags, struct task_struct *tsk);
void exit_mm(struct task_struct *tsk);
void leave_lazy_mm(void);
int exec_mmap(struct mm_struct *mm);
void mm_init_layout(struct mm_struct *mm);
extern unsigned long nr_mm_structs, nr_vm_area_structs;
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);

/* mm/mmap.c */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The first region that overlaps [start, end), or NULL. */
static inline struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
		unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
unsigned long do_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
unsigned long do_brk(unsigned long addr, unsigned long len);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, unsigned long pgoff);
void vma_adjust(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
void exit_mmap(struct mm_struct *mm);
bool validate_mm(struct mm_struct *mm);
const char *validate_mm_why(struct mm_struct *mm);
extern int vm_debug;
int may_expand_vm(struct mm_struct *mm, unsigned long npages);
int __vm_enough_memory(unsigned long pages);
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long pages);
void vma_link_rb_list(struct mm_struct *mm, struct vm_area_struct *vma,
		      struct vm_area_struct *prev);

/* mm/memory.c */
extern struct page *empty_zero_page;
#define ZERO_PAGE(vaddr)	(empty_zero_page)
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long address,
		    int write_access);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
void zap_page_range(struct vm_area_struct *vma, unsigned long address, unsigned long size);
unsigned long unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);
int make_pages_present(unsigned long addr, unsigned long end);
struct page *follow_page(struct mm_struct *mm, unsigned long address, int write);
/* Fault-around's window: 64 KB, Linux's default fault_around_bytes. */
#define FAULT_AROUND_PAGES	16
void do_set_pte(struct vm_area_struct *vma, unsigned long address, struct page *page,
		pte_t *pte);
void memory_init(void);
/* Faults served, as Linux's vmstat pgfault and pgmajfault. */
extern unsigned long vm_pgfault, vm_pgmajfault;
pgd_t *pgd_alloc(struct mm_struct *mm);
/* Flush mm's TLB entries if its page directory is the loaded one (one CPU). */
void flush_tlb_mm(struct mm_struct *mm);
void pgd_free(pgd_t *pgd);

/* mm/mremap.c */
unsigned long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);

/* mm/mprotect.c */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags);

/*
 * mm/gup.c: the pages of any address space, faulted in and referenced
 * (2.6's get_user_pages; mmap_sem held for reading).
 */
struct task_struct;
int get_user_pages(struct task_struct *tsk, struct mm_struct *mm, unsigned long start,
		   int len, int write, int force, struct page **pages,
		   struct vm_area_struct **vmas);
struct vm_area_struct *find_extend_vma(struct mm_struct *mm, unsigned long addr);

/* kernel/ptrace.c: another address space's memory (/proc/<pid>/cmdline, environ, mem). */
#define FOLL_WRITE	0x01	/* write to it (6.1's gup_flags) */
#define FOLL_FORCE	0x10	/* as ptrace: also where the process may not (a private copy) */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      int write);

/*
 * mm/oom_kill.c: out_of_memory() picks the task with the largest RSS
 * (page tables included; PID 1 only if nobody else has memory), prints
 * Linux's "Out of memory: Killed process" line and kills it with SIGKILL
 * (TIF_MEMDIE marks it meanwhile). Returns the victim, or NULL if there
 * was none.
 */
struct task_struct *out_of_memory(void);
struct task_struct *oom_select_victim(void);
extern unsigned long nr_oom_kills;

#endif
