/*
 * exec (ULK 20.4): a program's image is built from a linux_binprm,
 * which holds what exec has gathered before the old image is given up:
 * the file, its first bytes, and the argument and environment strings
 * copied out of the old address space.
 *
 * The strings sit in kernel pages in the order they will have at the
 * top of the new stack (the Linux 2.6 layout, top down):
 *
 *      STACK_TOP  ->  +-------------------------+
 *                     | 0 (a null word)         |
 *                     | the file name (AT_EXECFN)|
 *                     | envp strings            |
 *                     | argv strings            |  <- p (user address)
 *                     +-------------------------+
 *                     | AT_PLATFORM, AT_RANDOM, |
 *                     | auxv, envp[], argv[],   |
 *                     | argc                    |  <- the new esp
 *
 * bprm->p counts down from the top as strings are added, in bytes
 * below STACK_TOP; pages[i] holds the page i pages below the top.
 */
#ifndef _MNEME_BINFMTS_H
#define _MNEME_BINFMTS_H

#include <types.h>
#include <list.h>
#include <compiler.h>

struct file;
struct page;
struct pt_regs;
struct mm_struct;

/* The first bytes a format sees (Linux 6.1's: a "#!" line may be this long). */
#define BINPRM_BUF_SIZE	256
/* One string's longest (Linux's MAX_ARG_STRLEN, 32 pages, with its NUL). */
#define MAX_ARG_STRLEN	(32 * 4096)
#define MAX_ARG_STRINGS	0x7FFFFFFF

struct linux_binprm {
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	struct page **pages;		/* the strings, one page per entry, top down */
	unsigned int nr_pages;
	unsigned long p;		/* bytes used below STACK_TOP */
	unsigned long limit;		/* the most p may be: RLIMIT_STACK / 4 */
	int argc, envc;
	struct file *file;
	const char *filename;		/* as given to execve() */
	char *interp;			/* the script's name a #! interpreter gets (NULL: filename) */
	struct file *interpreter;	/* a format's rewrite: exec this file next (binfmt_script) */
	unsigned long exec;		/* AT_EXECFN: its copy's user address */
	struct mm_struct *mm;		/* the new address space, being built */
	struct mm_struct *old_mm;	/* the one exec came from (NULL: a kernel thread) */
	struct mm_struct *old_active_mm; /* and the one in CR3 then */
};

/* A format exec knows (Linux's linux_binfmt): binfmt_elf, #! scripts. */
struct linux_binfmt {
	struct list_head lh;
	const char *name;
	int (*load_binary)(struct linux_binprm *bprm, struct pt_regs *regs);
};

void register_binfmt(struct linux_binfmt *fmt);
int do_execve(const char *filename, const char __user *const __user *argv,
	      const char __user *const __user *envp, struct pt_regs *regs);
int kernel_execve(const char *filename, const char *const argv[], const char *const envp[]);
int copy_strings_kernel(int argc, const char *const *argv, struct linux_binprm *bprm);
int bprm_use_new_mm(struct linux_binprm *bprm);
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top, int executable_stack);
int flush_old_exec(struct linux_binprm *bprm);
struct file *open_exec(const char *name);
int remove_arg_zero(struct linux_binprm *bprm);
int bprm_change_interp(const char *interp, struct linux_binprm *bprm);
void binfmt_elf_init(void);
void binfmt_script_init(void);

#endif
