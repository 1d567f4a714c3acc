/*
 * The ELF loader (ULK 20.4, Linux's fs/binfmt_elf.c load_elf_binary):
 * static i386 executables, ET_EXEC at their link address and static PIE
 * (ET_DYN without an interpreter) where get_unmapped_area() puts them.
 *
 *   1. the header and program headers checked (fs/elf_check.c): -ENOEXEC
 *      for anything that is not a loadable i386 image, -EIO for a table
 *      the file does not hold;
 *   2. the new mm built (fs/exec.c: the task runs on it meanwhile):
 *      every PT_LOAD a private file mapping of the executable
 *      (do_mmap_pgoff: pages come from the page cache on first touch,
 *      copied on write), the rest of its last page cleared and the bss
 *      beyond it anonymous (do_brk); the stack region with the strings
 *      (setup_arg_pages), then argc, argv[], envp[] and the auxiliary
 *      vector on it (create_elf_tables);
 *   3. only then the old image given up (flush_old_exec) and the
 *      registers set (ELF_PLAT_INIT, start_thread): the program starts
 *      at e_entry with esp at argc and the general registers zero, as
 *      the i386 ABI says.
 * No address randomisation: the same program on the same arguments gets
 * the same addresses every time (AT_RANDOM's bytes still differ).
 */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <highmem.h>
#include <jiffies.h>
#include <mm.h>
#include <mman.h>
#include <printk.h>
#include <random.h>
#include <resource.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

/* The initial stack region below the strings (Linux's stack_expand). */
#define STACK_EXPAND	(128UL << 10)
#define ELF_PAGESTART(v)	((v) & PAGE_MASK)
#define ELF_PAGEOFFSET(v)	((v) & ~PAGE_MASK)

/*
 * The stack region: from below the strings (and STACK_EXPAND more, at
 * most the stack rlimit) to STACK_TOP, growing down; the strings
 * copied to the top of it.
 */
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top, int executable_stack)
{
	struct mm_struct *mm = current->mm;
	unsigned long rlim = rlimit(RLIMIT_STACK);
	unsigned long base = ELF_PAGESTART(stack_top - bprm->p);
	unsigned long size = stack_top - base + STACK_EXPAND;
	unsigned long prot = PROT_READ | PROT_WRITE | (executable_stack ? PROT_EXEC : 0);
	unsigned long addr, i, used;

	/* As Linux: no bigger than the stack rlimit, never smaller than the strings. */
	if (size > (rlim & PAGE_MASK))
		size = max_t(unsigned long, rlim & PAGE_MASK, stack_top - base);
	addr = do_mmap_pgoff(NULL, stack_top - size, size, prot,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	/* The strings, page by page from the top (bprm->pages[0] is the top page). */
	used = bprm->p;
	for (i = 0; used; i++) {
		unsigned long chunk = min_t(unsigned long, used, PAGE_SIZE);
		unsigned long uaddr = stack_top - i * PAGE_SIZE - chunk;
		struct page *page = bprm->pages[i];
		char *kaddr;
		unsigned long left;

		kaddr = kmap(page);
		left = copy_to_user((void __user *)uaddr, kaddr + PAGE_SIZE - chunk, chunk);
		kunmap(page);
		if (left)
			return -EFAULT;
		used -= chunk;
	}
	mm->start_stack = stack_top - bprm->p;
	mm->arg_start = stack_top - bprm->p;
	return 0;
}

/* Walk n strings from *p in the new image's stack; NULL when one is not there. */
static int put_string_pointers(unsigned long __user *sp, unsigned long *p, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		long len;

		if (put_user(*p, sp + i))
			return -EFAULT;
		len = strnlen_user((const char __user *)*p, MAX_ARG_STRLEN);
		if (!len || len > MAX_ARG_STRLEN)
			return -EFAULT;
		*p += len;
	}
	return put_user(0UL, sp + n) ? -EFAULT : 0;
}

/*
 * argc, argv[], envp[] and the auxiliary vector at the new esp (Linux
 * 6.1's create_elf_tables(): the same entries in the same order, less
 * those of the vDSO Mneme does not have), with the platform string and
 * AT_RANDOM's 16 bytes just below the strings.
 */
static int create_elf_tables(struct linux_binprm *bprm, const struct elfhdr *eh,
			     unsigned long load_bias, unsigned long phdr_addr,
			     unsigned long *sp_out)
{
	struct mm_struct *mm = current->mm;
	unsigned long p = (STACK_TOP - bprm->p) & ~15UL;
	unsigned long auxv[2 * 20], *a = auxv;
	unsigned long sp, u_platform, u_random, items, strings;
	char platform[8];
	u8 random[16];
	int n_aux, err;
	unsigned int family = boot_cpu_data.x86 > 6 ? 6 : boot_cpu_data.x86;

	snprintf(platform, sizeof(platform), "i%u86", family < 4 ? 4 : family);
	p -= strlen(platform) + 1;
	u_platform = p;
	if (copy_to_user((void __user *)u_platform, platform, strlen(platform) + 1))
		return -EFAULT;
	get_random_bytes(random, sizeof(random));
	p -= sizeof(random);
	u_random = p;
	if (copy_to_user((void __user *)u_random, random, sizeof(random)))
		return -EFAULT;

#define NEW_AUX_ENT(id, val) do { *a++ = (id); *a++ = (val); } while (0)
	NEW_AUX_ENT(AT_HWCAP, boot_cpu_data.x86_capability[0]);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, USER_HZ);
	NEW_AUX_ENT(AT_PHDR, load_bias + phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(struct elf_phdr));
	NEW_AUX_ENT(AT_PHNUM, eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, load_bias + eh->e_entry);
	NEW_AUX_ENT(AT_UID, current->uid);
	NEW_AUX_ENT(AT_EUID, current->euid);
	NEW_AUX_ENT(AT_GID, current->gid);
	NEW_AUX_ENT(AT_EGID, current->egid);
	NEW_AUX_ENT(AT_SECURE, 0);
	NEW_AUX_ENT(AT_RANDOM, u_random);
	NEW_AUX_ENT(AT_EXECFN, bprm->exec);
	NEW_AUX_ENT(AT_PLATFORM, u_platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	n_aux = a - auxv;

	/* argc, argv[argc + 1], envp[envc + 1], auxv: esp 16-byte aligned. */
	items = 1 + (bprm->argc + 1) + (bprm->envc + 1) + n_aux;
	sp = (p - items * sizeof(unsigned long)) & ~15UL;
	if (put_user((unsigned long)bprm->argc, (unsigned long __user *)sp))
		return -EFAULT;
	strings = STACK_TOP - bprm->p;
	mm->arg_start = strings;
	err = put_string_pointers((unsigned long __user *)sp + 1, &strings, bprm->argc);
	if (err)
		return err;
	mm->arg_end = mm->env_start = strings;
	err = put_string_pointers((unsigned long __user *)sp + 2 + bprm->argc, &strings, bprm->envc);
	if (err)
		return err;
	mm->env_end = strings;
	if (copy_to_user((unsigned long __user *)sp + 3 + bprm->argc + bprm->envc, auxv,
			 n_aux * sizeof(unsigned long)))
		return -EFAULT;
	/* Linux's start_stack (/proc/<pid>/stat's startstack): where argc is. */
	mm->start_stack = sp;
	*sp_out = sp;
	return 0;
}

static unsigned long elf_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/*
 * One PT_LOAD: the file's bytes mapped privately, the end of the last
 * file page cleared where the segment goes on (bss), the bss pages past
 * it anonymous. Returns 0 or -errno; *end the segment's end.
 */
static int elf_map_segment(struct file *file, const struct elf_phdr *p, unsigned long bias)
{
	unsigned long start = ELF_PAGESTART(bias + p->p_vaddr);
	unsigned long file_end = bias + p->p_vaddr + p->p_filesz;
	unsigned long mem_end = bias + p->p_vaddr + p->p_memsz;
	unsigned long prot = elf_prot(p->p_flags);
	unsigned long addr;

	if (p->p_filesz) {
		addr = do_mmap_pgoff(file, start, PAGE_ALIGN(file_end) - start, prot,
				     MAP_PRIVATE | MAP_FIXED,
				     (p->p_offset - ELF_PAGEOFFSET(p->p_vaddr)) >> PAGE_SHIFT);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
		/* Linux's padzero(): what follows the file's bytes in their page is bss. */
		if (p->p_memsz > p->p_filesz && ELF_PAGEOFFSET(file_end) && (prot & PROT_WRITE) &&
		    clear_user((void __user *)file_end, PAGE_SIZE - ELF_PAGEOFFSET(file_end)))
			return -EFAULT;
		start = PAGE_ALIGN(file_end);
	}
	if (PAGE_ALIGN(mem_end) > start) {
		addr = do_mmap_pgoff(NULL, start, PAGE_ALIGN(mem_end) - start, prot,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	return 0;
}

/*
 * Linux's ELF_PLAT_INIT for i386: the new program starts with eax..ebp
 * zero, not with what its caller's execve left there. The ABI gives
 * edx a meaning: a function for _start to register with atexit, 0 for
 * none. glibc's static start does register it, so the envp pointer an
 * execve passed in edx was called at exit (busybox's applets died
 * jumping into their heap).
 */
static void elf_plat_init(struct pt_regs *regs)
{
	regs->ebx = regs->ecx = regs->edx = 0;
	regs->esi = regs->edi = regs->ebp = 0;
	regs->eax = 0;
}

static int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs)
{
	const struct elfhdr *eh = (const struct elfhdr *)bprm->buf;
	struct file *file = bprm->file;
	struct elf_phdr *phdrs;
	struct elf_image img;
	struct mm_struct *mm;
	unsigned long size, bias = 0, sp, brk = 0, i;
	unsigned long start_code = ~0UL, end_code = 0, start_data = 0, end_data = 0;
	int r;

	r = elf_check_header(eh);
	if (r)
		return r;
	if (!file->f_op || !file->f_op->mmap)
		return -ENOEXEC;
	size = eh->e_phnum * sizeof(struct elf_phdr);
	phdrs = kmalloc(size, GFP_KERNEL);
	if (!phdrs)
		return -ENOMEM;
	r = kernel_read(file, eh->e_phoff, (char *)phdrs, size);
	if (r != (int)size) {
		r = r < 0 ? r : -EIO;
		goto out;
	}
	r = elf_check_phdrs(eh, phdrs, &img);
	if (r)
		goto out;
	if (img.interp) {
		printk(KERN_INFO "%s[%d]: %s is dynamically linked (PT_INTERP): Mneme runs static programs only\n",
		       current->comm, current->pid, bprm->filename);
		r = -ENOEXEC;
		goto out;
	}

	/* The new image, built in a new mm (fs/exec.c): the old one is untouched. */
	r = bprm_use_new_mm(bprm);
	if (r)
		goto out;
	mm = current->mm;
	if (eh->e_type == ET_DYN) {
		/* Static PIE: where a mapping of its whole span would go. */
		unsigned long base = get_unmapped_area(NULL, 0, img.hi - img.lo, 0, 0);

		if (IS_ERR_VALUE(base)) {
			r = (int)base;
			goto out;
		}
		bias = base - img.lo;
	}
	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf_phdr *p = &phdrs[i];
		unsigned long s, e;

		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		r = elf_map_segment(file, p, bias);
		if (r)
			goto out;
		s = bias + p->p_vaddr;
		e = s + p->p_memsz;
		if ((p->p_flags & PF_X) && s < start_code)
			start_code = s;
		if ((p->p_flags & PF_X) && s + p->p_filesz > end_code)
			end_code = s + p->p_filesz;
		if (!(p->p_flags & PF_X) && (p->p_flags & PF_W)) {
			if (!start_data || s < start_data)
				start_data = s;
			if (s + p->p_filesz > end_data)
				end_data = s + p->p_filesz;
		}
		if (e > brk)
			brk = e;
	}
	if (start_code == ~0UL)
		start_code = end_code = 0;
	mm->start_code = start_code;
	mm->end_code = end_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(brk);

	r = setup_arg_pages(bprm, STACK_TOP, img.exec_stack);
	if (r)
		goto out;
	r = create_elf_tables(bprm, eh, bias, img.phdr_addr, &sp);
	if (r)
		goto out;

	/* The point of no return: the old image goes. */
	r = flush_old_exec(bprm);
	if (r)
		goto out;
	elf_plat_init(regs);
	start_thread(regs, bias + eh->e_entry, sp);
	r = 0;
out:
	kfree(phdrs);
	return r;
}

static struct linux_binfmt elf_format = {
	.name = "elf",
	.load_binary = load_elf_binary,
};

void binfmt_elf_init(void)
{
	register_binfmt(&elf_format);
}
