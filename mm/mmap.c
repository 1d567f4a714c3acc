/*
 * Memory regions (ULK 9.3): finding, creating, merging, splitting and
 * removing the vm_area_structs of an address space, and the system
 * calls built on them (mmap2, munmap, brk; mprotect and mremap are in
 * mm/mprotect.c and mm/mremap.c).
 *
 * An mm's regions are on a list sorted by address and in a red-black
 * tree keyed by vm_end (ULK figure 9-2): find_vma(addr), the first
 * region ending above addr, walks the tree. Every change keeps both in
 * step through __vma_link()/__vma_unlink(), and validate_mm() checks
 * them (after every change when the boot parameter vm_debug is given).
 *
 * The caller holds mmap_sem for writing for every change here.
 */
#include <kernel.h>
#include <errno.h>
#include <init.h>
#include <string.h>
#include <mm.h>
#include <fs.h>
#include <mman.h>
#include <shmem_fs.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/uaccess.h>

/* protection_map: vm_flags' low four bits -> pte protection (include/asm/pgtable.h). */
pgprot_t protection_map[16] = {
	__P000, __P001, __P010, __P011, __P100, __P101, __P110, __P111,
	__S000, __S001, __S010, __S011, __S100, __S101, __S110, __S111
};

/* Linux's vm.max_map_count default. */
#define MAX_MAP_COUNT	65530

int vm_debug;

static int __init setup_vm_debug(char *val)
{
	(void)val;
	vm_debug = 1;
	return 0;
}
__setup("vm_debug", setup_vm_debug);

static void vm_debug_check(struct mm_struct *mm, const char *after)
{
	const char *why;

	if (!vm_debug)
		return;
	why = validate_mm_why(mm);
	if (why) {
		printk(KERN_EMERG "validate_mm after %s: %s\n", after, why);
		BUG();
	}
}

/*
 * The whole mm against its invariants (Linux's validate_mm): the list
 * sorted, regions page aligned, non-empty and non-overlapping, each
 * region's vm_mm this mm; the tree a valid red-black tree holding the
 * same regions in the same order; map_count, total_vm, stack_vm and
 * locked_vm equal to what the regions add up to; mmap_cache one of them.
 * NULL if all hold, else the first broken one.
 */
const char *validate_mm_why(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long total = 0, stack = 0, locked = 0, nodes;
	struct rb_node *rb;
	int count = 0, cache_seen = !mm->mmap_cache;
	const char *err;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		unsigned long pages = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

		if (++count > mm->map_count + 1)
			return "the list is longer than map_count (a loop?)";
		if (vma->vm_mm != mm)
			return "a region's vm_mm is another mm";
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK)
			return "a region is not page aligned";
		if (vma->vm_start >= vma->vm_end)
			return "a region is empty or reversed";
		if (vma->vm_end > TASK_SIZE)
			return "a region reaches into kernel space";
		if (prev && prev->vm_end > vma->vm_start)
			return "regions overlap or are out of order";
		if (vma == mm->mmap_cache)
			cache_seen = 1;
		total += pages;
		if (vma->vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
			stack += pages;
		if (vma->vm_flags & VM_LOCKED)
			locked += pages;
	}
	if (count != mm->map_count)
		return "map_count differs from the list";
	err = rb_check(&mm->mm_rb, &nodes, NULL);
	if (err)
		return err;
	if (nodes != (unsigned long)count)
		return "the tree and the list hold different numbers of regions";
	for (vma = mm->mmap, rb = rb_first(&mm->mm_rb); vma; vma = vma->vm_next, rb = rb_next(rb))
		if (rb != &vma->vm_rb)
			return "the tree's order differs from the list's";
	if (total != mm->total_vm)
		return "total_vm differs from the regions' pages";
	if (stack != mm->stack_vm)
		return "stack_vm differs from the stack regions' pages";
	if (locked != mm->locked_vm)
		return "locked_vm differs from the locked regions' pages";
	if (!cache_seen)
		return "mmap_cache is not one of the mm's regions";
	return NULL;
}

bool validate_mm(struct mm_struct *mm)
{
	return validate_mm_why(mm) == NULL;
}

/*
 * The first region that ends above addr -- the one containing addr, or
 * the next one above it -- or NULL (ULK 9.3.3.1). The last result is
 * cached in mmap_cache: most lookups repeat it.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;
	struct rb_node *rb_node;

	if (vma && vma->vm_end > addr && vma->vm_start <= addr)
		return vma;
	vma = NULL;
	rb_node = mm->mm_rb.rb_node;
	while (rb_node) {
		struct vm_area_struct *tmp = rb_entry(rb_node, struct vm_area_struct, vm_rb);

		if (tmp->vm_end > addr) {
			vma = tmp;
			if (tmp->vm_start <= addr)
				break;
			rb_node = rb_node->rb_left;
		} else {
			rb_node = rb_node->rb_right;
		}
	}
	if (vma)
		mm->mmap_cache = vma;
	return vma;
}

/* find_vma(), and in *pprev the region before it (the last region if it is NULL). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct rb_node *rb = vma ? rb_prev(&vma->vm_rb) : rb_last(&mm->mm_rb);

	*pprev = rb ? rb_entry(rb, struct vm_area_struct, vm_rb) : NULL;
	return vma;
}

/*
 * A region of a file joins (leaves) the file's list of regions,
 * mapping->i_mmap, that truncate walks (Linux's __vma_link_file and
 * unlink_file_vma). Every region with a vm_file is on it from the
 * moment it is linked into its mm to the moment it is freed.
 */
static void __vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = vma->vm_file->f_mapping;
	spin_lock(&mapping->i_mmap_lock);
	list_add_tail(&vma->shared, &mapping->i_mmap);
	spin_unlock(&mapping->i_mmap_lock);
}

static void unlink_file_vma(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = vma->vm_file->f_mapping;
	spin_lock(&mapping->i_mmap_lock);
	list_del(&vma->shared);
	spin_unlock(&mapping->i_mmap_lock);
}

/*
 * vma into the tree (keyed by vm_end), into the list after prev (NULL:
 * first) and, for a file, onto the file's i_mmap.
 */
void vma_link_rb_list(struct mm_struct *mm, struct vm_area_struct *vma,
		      struct vm_area_struct *prev)
{
	struct rb_node **p = &mm->mm_rb.rb_node, *parent = NULL;

	while (*p) {
		parent = *p;
		p = vma->vm_end <= rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start ?
			&parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, p);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	if (prev) {
		vma->vm_next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		vma->vm_next = mm->mmap;
		mm->mmap = vma;
	}
	mm->map_count++;
	__vma_link_file(vma);
}

/* vma out of the list (prev: the region before it) and the tree. */
static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev)
{
	if (prev)
		prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	RB_CLEAR_NODE(&vma->vm_rb);
	mm->map_count--;
	if (mm->mmap_cache == vma)
		mm->mmap_cache = prev;
}

/*
 * The region's pages in the mm's counters (Linux's vm_stat_account and
 * the total_vm/locked_vm updates around it).
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long pages)
{
	mm->total_vm += pages;
	if (flags & (VM_GROWSDOWN | VM_GROWSUP))
		mm->stack_vm += pages;
	if (flags & VM_LOCKED)
		mm->locked_vm += pages;
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* Would npages more keep mm within RLIMIT_AS? */
int may_expand_vm(struct mm_struct *mm, unsigned long npages)
{
	unsigned long lim = rlimit(RLIMIT_AS) >> PAGE_SHIFT;

	return mm->total_vm + npages <= lim;
}

/*
 * The overcommit heuristic (Linux's OVERCOMMIT_GUESS as 6.1 has it): a
 * single request larger than all of RAM plus swap is refused; anything
 * smaller is allowed and left to the OOM killer. 0 or -ENOMEM.
 */
int __vm_enough_memory(unsigned long pages)
{
	return pages > totalram_pages /* + total_swap_pages: no swap yet */ ? -ENOMEM : 0;
}

/* A private writable (or shared anonymous) region is charged unless MAP_NORESERVE. */
static inline int accountable_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/*
 * Can a region [addr, end) with these properties extend prev (at its
 * end) or next (at its start)? The same flags, file and operations, an
 * anon_vma that is compatible (one per mm here) and, for a file, a
 * contiguous offset.
 */
static int is_mergeable_vma(struct vm_area_struct *vma, struct file *file,
			    unsigned long vm_flags)
{
	return vma->vm_flags == vm_flags && vma->vm_file == file &&
	       !(vm_flags & VM_SHARED && !file) &&
	       (!vma->vm_ops || !vma->vm_ops->close);
}

static int can_vma_merge_after(struct vm_area_struct *prev, unsigned long vm_flags,
			       struct file *file, unsigned long pgoff)
{
	return is_mergeable_vma(prev, file, vm_flags) &&
	       (!file || prev->vm_pgoff + ((prev->vm_end - prev->vm_start) >> PAGE_SHIFT) == pgoff);
}

static int can_vma_merge_before(struct vm_area_struct *next, unsigned long vm_flags,
				struct file *file, unsigned long pgoff, unsigned long pglen)
{
	return is_mergeable_vma(next, file, vm_flags) &&
	       (!file || next->vm_pgoff == pgoff + pglen);
}

static void remove_vma(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
}

/*
 * A new range [addr, end), which no region covers, right after prev
 * (NULL: below every region), with the given properties: if it can
 * extend prev, next or both (bridging the hole between them), do so and
 * return the grown region; else NULL and the caller makes a new region
 * (ULK 9.3.4, vma_merge). The counters are the caller's (the new range
 * is accounted by whoever maps it).
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;

	(void)anon_vma;		/* one anon_vma per mm: always compatible */
	if (prev && prev->vm_end == addr && can_vma_merge_after(prev, vm_flags, file, pgoff)) {
		if (next && end == next->vm_start &&
		    can_vma_merge_before(next, vm_flags, file, pgoff, pglen)) {
			/* prev, the new range and next become one region. */
			prev->vm_end = next->vm_end;
			if (next->anon_vma)
				prev->anon_vma = next->anon_vma;
			__vma_unlink(mm, next, prev);
			remove_vma(next);
		} else {
			prev->vm_end = end;
		}
		return prev;
	}
	if (next && end == next->vm_start &&
	    can_vma_merge_before(next, vm_flags, file, pgoff, pglen)) {
		next->vm_start = addr;
		next->vm_pgoff = pgoff;
		return next;
	}
	return NULL;
}

/*
 * vma's bounds changed in place (the tree order cannot change: regions
 * do not overlap). Then, if its properties allow, it absorbs its
 * neighbours (used after mprotect, mlock and madvise change flags).
 */
void vma_adjust(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff)
{
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
}

/*
 * Split vma at addr (ULK 9.3.5, split_vma): a new region takes the part
 * below addr (new_below) or above it. 0, or -ENOMEM.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below)
{
	struct vm_area_struct *new, *prev;
	unsigned long pgoff_delta = (addr - vma->vm_start) >> PAGE_SHIFT;

	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	new = vm_area_alloc(mm);
	if (!new)
		return -ENOMEM;
	*new = *vma;
	new->vm_next = NULL;
	RB_CLEAR_NODE(&new->vm_rb);
	if (new_below) {
		new->vm_end = addr;
		vma->vm_start = addr;
		vma->vm_pgoff += pgoff_delta;
		/* new goes before vma: after vma's predecessor */
		find_vma_prev(mm, new->vm_start, &prev);
		vma_link_rb_list(mm, new, prev);
	} else {
		new->vm_start = addr;
		new->vm_pgoff += pgoff_delta;
		vma->vm_end = addr;
		vma_link_rb_list(mm, new, vma);
	}
	if (new->vm_file)
		get_file(new->vm_file);
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return 0;
}

/*
 * Link a region made by the caller (exec's stack and binary, tests)
 * into mm, accounted. -ENOMEM if it overlaps a region.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev, *next;

	next = find_vma_prev(mm, vma->vm_start, &prev);
	if (next && next->vm_start < vma->vm_end)
		return -ENOMEM;
	if (vma->vm_start >= vma->vm_end || vma->vm_end > TASK_SIZE)
		return -EINVAL;
	vma->vm_mm = mm;
	vma_link_rb_list(mm, vma, prev);
	vm_stat_account(mm, vma->vm_flags, (vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
	vm_debug_check(mm, "insert_vm_struct");
	return 0;
}

/*
 * Where a new mapping of len bytes goes (ULK 9.3.3.4 and Linux's x86
 * top-down allocator): MAP_FIXED takes addr as it is; a hint is taken if
 * the range is free; otherwise the highest free range below mmap_base
 * (top-down), or, in the legacy layout or when top-down finds nothing,
 * the lowest one from TASK_UNMAPPED_BASE up. Page aligned, or -ENOMEM
 * (-EINVAL for an unaligned MAP_FIXED address).
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	(void)file;
	(void)pgoff;
	if (len > TASK_SIZE - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		return addr;
	}
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (addr >= mmap_min_addr && TASK_SIZE - len >= addr &&
		    (!vma || addr + len <= vma->vm_start))
			return addr;
	}
	if (!mm->legacy_layout && mm->mmap_base >= len + mmap_min_addr) {
		addr = mm->mmap_base - len;
		for (;;) {
			vma = find_vma(mm, addr);
			if (!vma || addr + len <= vma->vm_start)
				return addr;
			if (vma->vm_start < len + mmap_min_addr)
				break;
			addr = vma->vm_start - len;
		}
	}
	/* Bottom-up. */
	addr = TASK_UNMAPPED_BASE;
	for (vma = find_vma(mm, addr); ; vma = vma->vm_next) {
		if (TASK_SIZE - len < addr)
			return -ENOMEM;
		if (!vma || addr + len <= vma->vm_start)
			return addr;
		addr = vma->vm_end;
	}
}

/* The PROT_* and MAP_* bits as VM_* bits (Linux's calc_vm_prot_bits/calc_vm_flag_bits). */
static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = 0;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (flags & MAP_DENYWRITE)
		vm_flags |= VM_DENYWRITE;
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	return vm_flags;
}

/*
 * Map [addr, addr + len) with vm_flags (mmap_region): whatever was
 * there is unmapped first (MAP_FIXED), the range charged, merged into a
 * neighbour or given a new region. Returns addr or -errno.
 */
static unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
				 unsigned long flags, unsigned long vm_flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long npages = len >> PAGE_SHIFT;
	int error;

	if (!may_expand_vm(mm, npages)) {
		/* What MAP_FIXED would unmap is given back first: count only the growth. */
		unsigned long overlap = 0;

		if (flags & MAP_FIXED)
			for (vma = find_vma(mm, addr); vma && vma->vm_start < addr + len;
			     vma = vma->vm_next)
				overlap += (min(vma->vm_end, addr + len) -
					    max(vma->vm_start, addr)) >> PAGE_SHIFT;
		if (!may_expand_vm(mm, npages - overlap))
			return -ENOMEM;
	}
	if (find_vma_intersection(mm, addr, addr + len)) {
		error = do_munmap(mm, addr, len);
		if (error)
			return error;
	}
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;
	if (accountable_mapping(vm_flags) || (vm_flags & VM_SHARED && !file)) {
		if (__vm_enough_memory(npages))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}

	find_vma_prev(mm, addr, &prev);
	if (!file && !(vm_flags & VM_SHARED) &&
	    vma_merge(mm, prev, addr, addr + len, vm_flags, NULL, NULL, pgoff))
		goto out;

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	if (file) {
		/* The file's own mmap sets vm_ops (generic_file_mmap: filemap_nopage). */
		vma->vm_file = get_file(file);
		error = file->f_op->mmap(file, vma);
		if (error) {
			vma->vm_file = NULL;
			fput(file);
			vm_area_free(vma);
			return error;
		}
	} else if (vm_flags & VM_SHARED) {
		/* Shared anonymous memory: an object to find its pages in again (mm/shmem.c). */
		error = shmem_zero_setup(vma);
		if (error) {
			vm_area_free(vma);
			return error;
		}
	}
	vma_link_rb_list(mm, vma, prev);
out:
	vm_stat_account(mm, vm_flags, npages);
	vm_debug_check(mm, "mmap_region");
	return addr;
}

/*
 * The heart of mmap (ULK 9.3.4, do_mmap_pgoff): check the request as
 * Linux 6.1 does, find the place, build the region. For a file, pgoff is
 * the offset in pages. mmap_sem held for writing. Returns the address,
 * or -errno (tell them apart with IS_ERR_VALUE).
 */
unsigned long do_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags, ret;

	if (!len)
		return -EINVAL;
	if (!(flags & MAP_FIXED) && addr < mmap_min_addr)
		addr = addr ? PAGE_ALIGN(mmap_min_addr) : 0;	/* a low hint is rounded up */
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;

	vm_flags = calc_vm_flags(prot, flags) | mm->def_flags |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (file) {
		/* Linux's checks of the file against the mapping (ULK 16.2.2). */
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
				return -EACCES;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			if (!(file->f_mode & FMODE_WRITE))
				vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
			break;
		case MAP_PRIVATE:
			break;
		default:
			return -EINVAL;
		}
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
				return -EINVAL;
			pgoff = 0;
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			pgoff = addr >> PAGE_SHIFT;
			break;
		default:
			return -EINVAL;
		}
	}

	ret = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	addr = ret;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	if (!file && (flags & MAP_TYPE) == MAP_PRIVATE)
		pgoff = addr >> PAGE_SHIFT;

	ret = mmap_region(file, addr, len, flags, vm_flags, pgoff);
	if (IS_ERR_VALUE(ret))
		return ret;
	if ((flags & MAP_POPULATE) || (vm_flags & VM_LOCKED))
		make_pages_present(addr, addr + len);
	return addr;
}

/*
 * The regions from vma (prev: the one before) up to end leave the list
 * and the tree; they stay chained through vm_next, NULL-terminated, for
 * unmap_region() and remove_vma_list() (ULK 9.3.5).
 */
static void detach_vmas_to_be_unmapped(struct mm_struct *mm, struct vm_area_struct *vma,
				       struct vm_area_struct *prev, unsigned long end)
{
	struct vm_area_struct **insertion_point = prev ? &prev->vm_next : &mm->mmap;
	struct vm_area_struct *tail = NULL;

	do {
		rb_erase(&vma->vm_rb, &mm->mm_rb);
		RB_CLEAR_NODE(&vma->vm_rb);
		mm->map_count--;
		tail = vma;
		vma = vma->vm_next;
	} while (vma && vma->vm_start < end);
	*insertion_point = vma;
	tail->vm_next = NULL;
	mm->mmap_cache = NULL;
}

/* The detached regions' pages and then the page tables nothing else uses. */
static void unmap_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long start, unsigned long end)
{
	unmap_vmas(vma, start, end);
	free_pgtables(mm, start, end);
}

static void remove_vma_list(struct mm_struct *mm, struct vm_area_struct *vma)
{
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;

		vm_stat_account(mm, vma->vm_flags, -(long)((vma->vm_end - vma->vm_start) >> PAGE_SHIFT));
		remove_vma(vma);
		vma = next;
	}
}

/*
 * Unmap [start, start + len) (ULK 9.3.5, do_munmap): the regions at its
 * ends split, those inside detached, their pages and page tables freed.
 * 0 (also when nothing was mapped there), -EINVAL, or -ENOMEM when a
 * split needs a region that cannot be had.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *prev, *last;
	unsigned long end;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (len == 0)
		return -EINVAL;
	vma = find_vma_prev(mm, start, &prev);
	if (!vma)
		return 0;
	end = start + len;
	if (vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		/* Linux: a split of the first and last would exceed the limit. */
		if (end < vma->vm_end && mm->map_count >= MAX_MAP_COUNT)
			return -ENOMEM;
		if (split_vma(mm, vma, start, 0))
			return -ENOMEM;
		prev = vma;
	}
	last = find_vma(mm, end);
	if (last && end > last->vm_start && split_vma(mm, last, end, 1))
		return -ENOMEM;
	vma = prev ? prev->vm_next : mm->mmap;

	detach_vmas_to_be_unmapped(mm, vma, prev, end);
	unmap_region(mm, vma, start, end);
	remove_vma_list(mm, vma);
	vm_debug_check(mm, "do_munmap");
	return 0;
}

/*
 * The heap's growth (ULK 9.5, do_brk): an anonymous private region at
 * [addr, addr + len), merged with the one below when it can be.
 * Returns addr or -errno.
 */
unsigned long do_brk(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long flags, npages;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;
	if (addr + len > TASK_SIZE || addr + len < addr || (addr & ~PAGE_MASK))
		return -EINVAL;
	npages = len >> PAGE_SHIFT;
	/* VM_DATA_DEFAULT_FLAGS: not executable (no READ_IMPLIES_EXEC personality). */
	flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
		mm->def_flags | VM_ACCOUNT;
	if (find_vma_intersection(mm, addr, addr + len))
		return -ENOMEM;
	if (!may_expand_vm(mm, npages))
		return -ENOMEM;
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	if (__vm_enough_memory(npages))
		return -ENOMEM;

	find_vma_prev(mm, addr, &prev);
	if (!vma_merge(mm, prev, addr, addr + len, flags, NULL, NULL, addr >> PAGE_SHIFT)) {
		vma = vm_area_alloc(mm);
		if (!vma)
			return -ENOMEM;
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_pgoff = addr >> PAGE_SHIFT;
		vma->vm_flags = flags;
		vma->vm_page_prot = vm_get_page_prot(flags);
		vma_link_rb_list(mm, vma, prev);
	}
	vm_stat_account(mm, flags, npages);
	vm_debug_check(mm, "do_brk");
	if (flags & VM_LOCKED)
		make_pages_present(addr, addr + len);
	return addr;
}

/*
 * brk(2) (ULK 9.5, sys_brk): move the end of the heap. Below start_brk,
 * beyond RLIMIT_DATA (the heap plus the data segment), or into the next
 * mapping's guard page, nothing changes. Returns the (new or unchanged)
 * break: user space compares.
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, rlim;
	struct vm_area_struct *next;

	if (!mm)
		return -ENOMEM;
	down_write(&mm->mmap_sem);
	if (brk < mm->start_brk)
		goto out;
	rlim = rlimit(RLIMIT_DATA);
	if (rlim < RLIM_INFINITY &&
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) > rlim)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto set_brk;
	if (brk <= mm->brk) {
		if (!do_munmap(mm, newbrk, oldbrk - newbrk))
			goto set_brk;
		goto out;
	}
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > next->vm_start)
		goto out;
	if (do_brk(oldbrk, newbrk - oldbrk) != oldbrk)
		goto out;
set_brk:
	mm->brk = brk;
out:
	brk = mm->brk;
	up_write(&mm->mmap_sem);
	return brk;
}

/*
 * Grow the stack region vma down to address (ULK 9.4.1, expand_stack):
 * within RLIMIT_STACK and RLIMIT_AS, and keeping stack_guard_gap above
 * the region below. 0 or -ENOMEM. mmap_sem held (for reading is enough
 * in Linux; here faults hold it so too, and the kernel is not preemptible).
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev;
	unsigned long grow, size;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	address &= PAGE_MASK;
	if (address >= vma->vm_start)
		return 0;
	if (address < mmap_min_addr)
		return -EPERM;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	size = vma->vm_end - address;
	if (size > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (!may_expand_vm(mm, grow))
		return -ENOMEM;
	find_vma_prev(mm, vma->vm_start, &prev);
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) &&
	    (address < stack_guard_gap || prev->vm_end > address - stack_guard_gap))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && __vm_enough_memory(grow))
		return -ENOMEM;
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	vm_stat_account(mm, vma->vm_flags, grow);
	vm_debug_check(mm, "expand_stack");
	return 0;
}

/* The last user is gone (ULK 9.5, exit_mmap): every page, region and page table freed. */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap;

	unmap_vmas(vma, 0, TASK_SIZE);
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
	remove_vma_list(mm, vma);
	free_pgtables(mm, 0, TASK_SIZE);
	BUG_ON(mm->nr_ptes || mm->anon_rss || mm->file_rss);
}

/*
 * munmap(2). Linux 6.1's errors: -EINVAL for an unaligned start, a zero
 * length or a range reaching past TASK_SIZE.
 */
long sys_munmap(unsigned long addr, size_t len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (!mm)
		return -EINVAL;
	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, addr, len);
	up_write(&mm->mmap_sem);
	return ret;
}

/*
 * mmap2(2) (Linux's ksys_mmap_pgoff): pgoff in pages. A file mapping
 * takes a reference on the descriptor's file for as long as it lasts
 * (vm_file); the descriptor may be closed right after.
 */
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	unsigned long ret;

	if (!mm)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS)) {
		file = fget(fd);
		if (!file)
			return -EBADF;
	}
	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(file, addr, len, prot, flags, pgoff);
	up_write(&mm->mmap_sem);
	if (file)
		fput(file);
	return ret;
}

/* The old mmap (__NR_mmap on i386): the six arguments in a struct, the offset in bytes. */
struct mmap_arg_struct {
	unsigned long addr;
	unsigned long len;
	unsigned long prot;
	unsigned long flags;
	unsigned long fd;
	unsigned long offset;
};

long sys_old_mmap(struct mmap_arg_struct __user *arg)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return sys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}
