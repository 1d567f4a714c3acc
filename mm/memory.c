/*
 * Demand paging and copy-on-write (ULK 9.4.2 - 9.4.4): what a page
 * fault does once do_page_fault() (arch/x86/mm/fault.c) has found the
 * region, and the page-table work of fork, munmap and exit.
 *
 *   handle_mm_fault()   the pte for the address (its page table made if
 *                       missing), then handle_pte_fault():
 *     pte none            file region: do_no_page() (vm_ops->nopage; a
 *                                      read first maps the cached pages
 *                                      around: do_fault_around())
 *                         anonymous:   do_anonymous_page() -- a read maps
 *                                      the zero page read-only, a write a
 *                                      new zeroed page
 *     present, write to a read-only pte:  do_wp_page() (copy-on-write)
 *   copy_page_range()   fork: ptes copied, private writable pages made
 *                       read-only in both (ULK 9.4.4)
 *   unmap_vmas(), zap_page_range()  ptes cleared, pages released
 *   unmap_mapping_range()  truncate: the ptes of every region mapping a
 *                       file beyond its new end (mapping->i_mmap)
 *   free_pgtables()     page tables nothing maps through any more
 *
 * Counts (ULK 8.1.1, 17.2): page->_count holds a reference per pte (and
 * per other user); page->_mapcount counts the ptes mapping it. The zero
 * page is a reserved page (the kernel image's empty_zero_page, as in
 * 2.6.11) and is neither counted nor in the RSS. An anonymous page's
 * mapping is its region's anon_vma with bit 0 set (PAGE_MAPPING_ANON),
 * its index the page's virtual page number.
 *
 * Locks: mmap_sem is held (read for faults, write for the rest);
 * page_table_lock guards the ptes and the rss counters. A page table is
 * reached through kmap_atomic (HIGHPTE: include/asm/pgalloc.h), so
 * nothing that may sleep -- a page allocation -- happens while one is
 * mapped: the fault paths unmap, allocate, remap and check that the pte
 * did not change meanwhile.
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <fs.h>
#include <pagemap.h>
#include <sched.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

/* The page every untouched anonymous page reads as (kernel image .bss: reserved, never freed). */
static char empty_zero_page_data[PAGE_SIZE] __aligned(PAGE_SIZE);
struct page *empty_zero_page;
unsigned long vm_pgfault, vm_pgmajfault;

void memory_init(void)
{
	if (!empty_zero_page)
		empty_zero_page = virt_to_page(empty_zero_page_data);
}

/*
 * A pte made writable only where the region allows writes (2.6's
 * maybe_mkwrite): get_user_pages() with force writes to a read-only
 * private region through a copy-on-write fault, whose new page must
 * stay read-only to the process.
 */
static inline pte_t maybe_mkwrite(pte_t pte, const struct vm_area_struct *vma)
{
	if (likely(vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite(pte);
	return pte;
}

/* A new anonymous page enters its first pte (ULK 17.2.1, page_add_anon_rmap). */
static void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			       unsigned long address)
{
	if (!vma->anon_vma)
		vma->anon_vma = &vma->vm_mm->anon_vma;
	if (atomic_inc_and_test(&page->_mapcount)) {
		page->mapping = (struct address_space *)((unsigned long)vma->anon_vma |
							 PAGE_MAPPING_ANON);
		page->index = address >> PAGE_SHIFT;
	}
}

/* One more pte maps a page already mapped (fork) or a file page. */
static void page_dup_rmap(struct page *page)
{
	atomic_inc(&page->_mapcount);
}

/* A pte stops mapping page; the last one takes an anonymous page's owner off. */
static void page_remove_rmap(struct page *page)
{
	BUG_ON(page_mapcount(page) <= 0);
	if (atomic_add_negative(-1, &page->_mapcount) && PageAnon(page))
		page->mapping = NULL;
}

static inline void add_mm_rss(struct mm_struct *mm, int anon, long n)
{
	if (anon)
		mm->anon_rss += n;
	else
		mm->file_rss += n;
	if (mm->anon_rss + mm->file_rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->anon_rss + mm->file_rss;
}

/* Is mm's page directory the one in CR3 (so its TLB entries need flushing)? */
static inline int mm_is_loaded(const struct mm_struct *mm)
{
	return (read_cr3() & PAGE_MASK) == __pa(mm->pgd);
}

static inline void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	if (mm_is_loaded(vma->vm_mm))
		__flush_tlb_single(addr);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm_is_loaded(mm))
		__flush_tlb();
}

static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

/*
 * Give *pgd a page table if it has none: a zeroed page from
 * GFP_HIGHUSER (may sleep, so no page table may be mapped). 0, or
 * -ENOMEM.
 */
static int __pte_alloc(struct mm_struct *mm, pgd_t *pgd)
{
	struct page *new = alloc_page(GFP_HIGHUSER | __GFP_ZERO);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pgd_none(*pgd)) {
		pgd_populate_pfn(pgd, page_to_pfn(new));
		mm->nr_ptes++;
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		__free_page(new);
	return 0;
}

/*
 * The anonymous-page fault (ULK 9.4.2.2, "Handling a faulty address
 * inside the address space": do_anonymous_page). Entered with the pte
 * mapped and page_table_lock held; returns with both released.
 */
static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
			     pte_t *page_table, pgd_t *pgd, int write_access,
			     unsigned long addr)
{
	struct page *page;
	pte_t entry;

	if (!write_access) {
		/* Read: the zero page, read-only, so a later write comes to do_wp_page. */
		entry = pte_wrprotect(pfn_pte(page_to_pfn(ZERO_PAGE(addr)), vma->vm_page_prot));
		set_pte(page_table, entry);
		pte_unmap(page_table);
		spin_unlock(&mm->page_table_lock);
		return VM_FAULT_MINOR;
	}
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);

	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;

	spin_lock(&mm->page_table_lock);
	page_table = pte_offset_map(pgd, addr);
	if (!pte_none(*page_table)) {
		/* Someone else mapped it meanwhile. */
		pte_unmap(page_table);
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return VM_FAULT_MINOR;
	}
	add_mm_rss(mm, 1, 1);
	entry = pfn_pte(page_to_pfn(page), vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	set_pte(page_table, entry);
	page_add_anon_rmap(page, vma, addr);
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);
	return VM_FAULT_MINOR;
}

/*
 * A page of a file region enters a pte on a read fault (Linux's
 * do_set_pte): the pte holds the page-cache reference the caller passes
 * on, and the page counts as mapped and in the file RSS, as do_no_page()
 * counts it. page_table_lock held, the pte none.
 */
void do_set_pte(struct vm_area_struct *vma, unsigned long address, struct page *page,
		pte_t *pte)
{
	set_pte(pte, pfn_pte(page_to_pfn(page), vma->vm_page_prot));
	add_mm_rss(vma->vm_mm, 0, 1);
	page_dup_rmap(page);
}

/*
 * Fault-around (Linux 6.1's do_fault_around; post-2.6): a read fault of a
 * file region also maps the pages of its 64 KB-aligned window that are
 * already uptodate in the page cache (vm_ops->map_pages), within the
 * region and the faulting pte's page table, so a sequential reader takes
 * one fault per window rather than per page. Entered with pte (address's
 * entry) mapped and page_table_lock held. Did it map address itself?
 */
static int do_fault_around(struct vm_area_struct *vma, unsigned long address, pte_t *pte)
{
	unsigned long pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	unsigned long start = max(address & ~(FAULT_AROUND_PAGES * PAGE_SIZE - 1), vma->vm_start);
	unsigned long off = (address - start) >> PAGE_SHIFT;
	unsigned long start_pgoff = pgoff - off;
	unsigned long end_pgoff = start_pgoff - pte_index(start) + PTRS_PER_PTE - 1;

	end_pgoff = min(end_pgoff, ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff - 1);
	end_pgoff = min(end_pgoff, start_pgoff + FAULT_AROUND_PAGES - 1);
	vma->vm_ops->map_pages(vma, start, pte - off, start_pgoff, end_pgoff);
	return !pte_none(*pte);
}

/*
 * A page from the region's backing object (ULK 9.4.2.1 do_no_page, 16.2.4
 * for files): vm_ops->nopage() returns it with a reference. A private
 * region written at once gets its own copy straight away. Entered with
 * the pte mapped and page_table_lock held; returns with both released.
 */
static int do_no_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, int write_access, pte_t *page_table, pgd_t *pgd)
{
	struct page *new_page;
	int ret = VM_FAULT_MINOR, anon = 0;
	pte_t entry;

	if (!write_access && vma->vm_ops->map_pages &&
	    do_fault_around(vma, address, page_table)) {
		pte_unmap(page_table);
		spin_unlock(&mm->page_table_lock);
		return VM_FAULT_MINOR;
	}
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);

	new_page = vma->vm_ops->nopage(vma, address & PAGE_MASK, &ret);
	if (new_page == NOPAGE_SIGBUS)
		return VM_FAULT_SIGBUS;
	if (new_page == NOPAGE_OOM)
		return VM_FAULT_OOM;

	if (write_access && !(vma->vm_flags & VM_SHARED)) {
		struct page *page = alloc_page(GFP_HIGHUSER);

		if (!page) {
			put_page(new_page);
			return VM_FAULT_OOM;
		}
		copy_highpage(page, new_page);
		put_page(new_page);
		new_page = page;
		anon = 1;
	}

	spin_lock(&mm->page_table_lock);
	page_table = pte_offset_map(pgd, address);
	if (!pte_none(*page_table)) {
		pte_unmap(page_table);
		spin_unlock(&mm->page_table_lock);
		put_page(new_page);
		return VM_FAULT_MINOR;
	}
	entry = pfn_pte(page_to_pfn(new_page), vma->vm_page_prot);
	if (write_access)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	set_pte(page_table, entry);
	add_mm_rss(mm, anon, 1);
	if (anon)
		page_add_anon_rmap(new_page, vma, address);
	else
		page_dup_rmap(new_page);
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);
	return ret;
}

/*
 * Copy-on-write (ULK 9.4.4, do_wp_page): a write to a present read-only
 * pte of a writable region. An anonymous page that only this pte maps
 * and nobody else holds is simply made writable; otherwise the page (or
 * the zero page) is copied into a new one through the KM_USER0/KM_USER1
 * slots, and the old page loses this mapping. Entered with the pte
 * mapped and page_table_lock held; returns with both released.
 * noinline: a breakpoint there is README's copy-on-write walkthrough.
 */
static noinline int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *page_table, pgd_t *pgd, pte_t pte)
{
	struct page *old_page = pfn_to_page(pte_pfn(pte)), *new_page;
	int zero = PageReserved(old_page);
	pte_t entry;

	if (!zero && PageAnon(old_page) && page_mapcount(old_page) == 1 &&
	    page_count(old_page) == 1) {
		/* Reuse: the page is this pte's alone. */
		entry = maybe_mkwrite(pte_mkyoung(pte_mkdirty(pte)), vma);
		set_pte(page_table, entry);
		flush_tlb_page(vma, address);
		pte_unmap(page_table);
		spin_unlock(&mm->page_table_lock);
		return VM_FAULT_MINOR;
	}
	if (!zero)
		get_page(old_page);	/* keep it while the lock is dropped */
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);

	new_page = alloc_page(GFP_HIGHUSER | (zero ? __GFP_ZERO : 0));
	if (!new_page) {
		if (!zero)
			put_page(old_page);
		return VM_FAULT_OOM;
	}
	if (!zero)
		copy_highpage(new_page, old_page);

	spin_lock(&mm->page_table_lock);
	page_table = pte_offset_map(pgd, address);
	if (pte_val(*page_table) == pte_val(pte)) {
		if (!zero) {
			page_remove_rmap(old_page);
			add_mm_rss(mm, PageAnon(old_page), -1);
			put_page(old_page);	/* the pte's reference */
		}
		add_mm_rss(mm, 1, 1);
		entry = maybe_mkwrite(pte_mkyoung(pte_mkdirty(pfn_pte(page_to_pfn(new_page),
								       vma->vm_page_prot))), vma);
		set_pte(page_table, entry);
		flush_tlb_page(vma, address);
		page_add_anon_rmap(new_page, vma, address);
		new_page = NULL;
	}
	pte_unmap(page_table);
	spin_unlock(&mm->page_table_lock);
	if (new_page)
		put_page(new_page);	/* the pte changed meanwhile: not needed */
	if (!zero)
		put_page(old_page);	/* our own reference */
	return VM_FAULT_MINOR;
}

/*
 * Dispatch on the pte (ULK 9.4.2, handle_pte_fault). Entered with the
 * pte mapped and page_table_lock held; returns with both released.
 */
static int handle_pte_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			    unsigned long address, int write_access, pte_t *pte, pgd_t *pgd)
{
	pte_t entry = *pte;

	if (!pte_present(entry)) {
		if (pte_none(entry)) {
			if (vma->vm_ops && vma->vm_ops->nopage)
				return do_no_page(mm, vma, address, write_access, pte, pgd);
			return do_anonymous_page(mm, vma, pte, pgd, write_access, address);
		}
		/* A swapped-out page (do_swap_page) will be read back here: no swap yet. */
		printk(KERN_ERR "handle_pte_fault: %s[%d]: non-present pte %08lx at %08lx\n",
		       current->comm, current->pid, pte_val(entry), address);
		pte_unmap(pte);
		spin_unlock(&mm->page_table_lock);
		return VM_FAULT_SIGBUS;
	}
	if (write_access) {
		if (!pte_write(entry))
			return do_wp_page(mm, vma, address, pte, pgd, entry);
		entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	set_pte(pte, entry);
	flush_tlb_page(vma, address);
	pte_unmap(pte);
	spin_unlock(&mm->page_table_lock);
	return VM_FAULT_MINOR;
}

/*
 * Resolve a fault at address inside vma (ULK 9.4.2, handle_mm_fault):
 * the page table is made if missing, then handle_pte_fault(). Returns
 * VM_FAULT_MINOR or _MAJOR, VM_FAULT_SIGBUS or VM_FAULT_OOM. mmap_sem
 * is held for reading at least.
 */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long address,
		    int write_access)
{
	pgd_t *pgd = pgd_offset(mm, address);
	pte_t *pte;

	if (unlikely(pgd_none(*pgd)) && __pte_alloc(mm, pgd))
		return VM_FAULT_OOM;
	spin_lock(&mm->page_table_lock);
	pte = pte_offset_map(pgd, address);
	return handle_pte_fault(mm, vma, address, write_access, pte, pgd);
}

/*
 * fork (ULK 9.4.4, copy_page_range): the ptes of vma copied from src to
 * dst. In a private writable region (VM_MAYWRITE without VM_SHARED) both
 * copies are write-protected, so the first write on either side copies
 * (do_wp_page); shared regions keep sharing. Each page gains a reference
 * and a mapping. The parent's TLB is flushed (its ptes changed).
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	int cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
	unsigned long addr = vma->vm_start, end = vma->vm_end, next;

	for (; addr < end; addr = next) {
		pgd_t *src_pgd = pgd_offset(src, addr), *dst_pgd = pgd_offset(dst, addr);
		pte_t *src_pte, *dst_pte;
		unsigned long a;

		next = (addr + PGDIR_SIZE) & PGDIR_MASK;
		if (next > end || next == 0)
			next = end;
		if (pgd_none(*src_pgd))
			continue;
		if (pgd_none(*dst_pgd) && __pte_alloc(dst, dst_pgd))
			return -ENOMEM;
		spin_lock(&src->page_table_lock);
		dst_pte = pte_offset_map(dst_pgd, addr);
		src_pte = pte_offset_map_nested(src_pgd, addr);
		for (a = addr; a < next; a += PAGE_SIZE, src_pte++, dst_pte++) {
			pte_t pte = *src_pte;
			struct page *page;

			if (pte_none(pte))
				continue;
			if (!pte_present(pte))
				continue;	/* swap entries: none yet */
			page = pfn_to_page(pte_pfn(pte));
			if (cow && pte_write(pte)) {
				set_pte(src_pte, pte_wrprotect(pte));
				pte = pte_wrprotect(pte);
			}
			if (vma->vm_flags & VM_SHARED)
				pte = pte_mkclean(pte);
			pte = pte_mkold(pte);
			if (!PageReserved(page)) {
				get_page(page);
				page_dup_rmap(page);
				add_mm_rss(dst, PageAnon(page), 1);
			}
			set_pte(dst_pte, pte);
		}
		pte_unmap_nested(src_pte - 1);
		pte_unmap(dst_pte - 1);
		spin_unlock(&src->page_table_lock);
	}
	if (cow)
		flush_tlb_mm(src);
	return 0;
}

/*
 * What a zap leaves alone (Linux's zap_details): with even_cows clear,
 * the private copy-on-write (anonymous) pages of a file region stay --
 * unmap_mapping_range() for hole punching; truncate takes them too.
 */
struct zap_details {
	int even_cows;
};

/* Clear the ptes of [addr, end) (inside one page table) and release their pages. */
static void zap_pte_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr,
			  unsigned long end, const struct zap_details *details)
{
	pte_t *pte = pte_offset_map(pgd, addr), *first = pte;

	for (; addr < end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = *pte;
		struct page *page;

		if (pte_none(ptent))
			continue;
		page = pte_present(ptent) ? pfn_to_page(pte_pfn(ptent)) : NULL;
		if (page && details && !details->even_cows && PageAnon(page))
			continue;
		pte_clear(pte);
		if (!page || PageReserved(page))
			continue;	/* no page, or the zero page */
		add_mm_rss(mm, PageAnon(page), -1);
		page_remove_rmap(page);
		put_page(page);
	}
	pte_unmap(first);
}

static void __zap_page_range(struct vm_area_struct *vma, unsigned long address,
			     unsigned long size, const struct zap_details *details)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = address + size, next;

	spin_lock(&mm->page_table_lock);
	for (; address < end; address = next) {
		pgd_t *pgd = pgd_offset(mm, address);

		next = (address + PGDIR_SIZE) & PGDIR_MASK;
		if (next > end || next == 0)
			next = end;
		if (!pgd_none(*pgd))
			zap_pte_range(mm, pgd, address, next, details);
	}
	spin_unlock(&mm->page_table_lock);
	flush_tlb_mm(mm);
}

/* The ptes of [address, address + size) of vma cleared, their pages released. */
void zap_page_range(struct vm_area_struct *vma, unsigned long address, unsigned long size)
{
	__zap_page_range(vma, address, size, NULL);
}

/*
 * Linux's unmap_mapping_range() (ULK 17's i_mmap walk, here a list):
 * for every region mapping the file, the part of the hole
 * [holebegin, holebegin + holelen) it maps -- in pages of the file,
 * against the region's [vm_pgoff, vm_pgoff + its pages) -- is zapped.
 * holelen 0 means "to the end of the file". Caller: truncate, with the
 * inode's i_sem held.
 */
void unmap_mapping_range(struct address_space *mapping, loff_t const holebegin,
			 loff_t const holelen, int even_cows)
{
	struct zap_details details = { .even_cows = even_cows };
	unsigned long first = (unsigned long)(holebegin >> PAGE_SHIFT), last = ~0UL;
	struct vm_area_struct *vma;

	if (holelen) {
		unsigned long long l = first + ((holelen + PAGE_SIZE - 1) >> PAGE_SHIFT) - 1;

		if (l < last)
			last = (unsigned long)l;
	}
	spin_lock(&mapping->i_mmap_lock);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		unsigned long vba = vma->vm_pgoff;
		unsigned long vea = vba + ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT) - 1;
		unsigned long zba, zea;

		if (vea < first || vba > last)
			continue;
		zba = max(first, vba);
		zea = min(last, vea);
		__zap_page_range(vma, vma->vm_start + ((zba - vba) << PAGE_SHIFT),
				 (zea - zba + 1) << PAGE_SHIFT, &details);
	}
	spin_unlock(&mapping->i_mmap_lock);
}

/*
 * Unmap [start, end) of every region of the list from vma on (a list
 * detached by do_munmap, or the whole mm at exit). Returns the pages
 * of address space covered.
 */
unsigned long unmap_vmas(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long covered = 0;

	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long s = max(start, vma->vm_start), e = min(end, vma->vm_end);

		if (s >= e)
			continue;
		zap_page_range(vma, s, e - s);
		covered += (e - s) >> PAGE_SHIFT;
	}
	return covered;
}

/* vm_debug: a page table about to be freed maps nothing (a zap missed a pte?). */
static void check_pte_table_empty(pgd_t *pgd, unsigned long addr)
{
	pte_t *pte = pte_offset_map(pgd, addr);
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(pte[i])) {
			printk(KERN_EMERG "free_pgtables: pte %08lx left at %08lx\n",
			       pte_val(pte[i]), addr + i * PAGE_SIZE);
			BUG();
		}
	pte_unmap(pte);
}

/*
 * Free the page tables of [start, end) that no region of mm reaches any
 * more (ULK 9.3.5, free_pgtables): a page table covers 4 MB, so one
 * partly under a remaining region stays. The tables must be empty
 * (their ptes zapped first); vm_debug checks it, as reading 1,024 ptes
 * would otherwise cost more than the rest of an munmap.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr = start & PGDIR_MASK;
	int freed = 0;

	if (end > TASK_SIZE)
		end = TASK_SIZE;
	for (; addr < end; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset(mm, addr);
		struct page *page;

		if (pgd_none(*pgd) || find_vma_intersection(mm, addr, addr + PGDIR_SIZE))
			continue;
		if (vm_debug)
			check_pte_table_empty(pgd, addr);
		page = pfn_to_page(pgd_pfn(*pgd));
		spin_lock(&mm->page_table_lock);
		pgd_clear(pgd);
		mm->nr_ptes--;
		spin_unlock(&mm->page_table_lock);
		__free_page(page);
		freed = 1;
		if (addr + PGDIR_SIZE < addr)
			break;
	}
	if (freed)
		flush_tlb_mm(mm);
}

/* The page mapped at address in mm (no reference taken), or NULL; with write, only if writable. */
struct page *follow_page(struct mm_struct *mm, unsigned long address, int write)
{
	pgd_t *pgd = pgd_offset(mm, address);
	struct page *page = NULL;
	pte_t *ptep, pte;

	if (pgd_none(*pgd))
		return NULL;
	ptep = pte_offset_map(pgd, address);
	pte = *ptep;
	pte_unmap(ptep);
	if (pte_present(pte) && (!write || pte_write(pte)))
		page = pfn_to_page(pte_pfn(pte));
	return page;
}

/*
 * Fault in every page of [addr, end) of current's mm (mlock,
 * MAP_POPULATE, shared anonymous regions): writes in writable regions.
 * 0, or -ENOMEM / -EFAULT.
 */
int make_pages_present(unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = current->mm;

	for (addr &= PAGE_MASK; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int write, ret;

		if (!vma || vma->vm_start > addr)
			return -EFAULT;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;
		write = (vma->vm_flags & VM_WRITE) != 0;
		if (follow_page(mm, addr, write))
			continue;
		ret = handle_mm_fault(mm, vma, addr, write);
		if (ret == VM_FAULT_OOM)
			return -ENOMEM;
		if (ret == VM_FAULT_SIGBUS)
			return -EFAULT;
		current->min_flt++;
	}
	return 0;
}
