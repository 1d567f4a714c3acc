/*
 * exec (fs/exec.c, fs/binfmt_elf.c; ULK 20.4) on real files of the RAM
 * file system: a complete ELF executable (tests/kernel/exec_blob.asm)
 * written to a file and run in a new thread, which becomes a user
 * process and exits with argc + 40 when its mappings, bss, stack and
 * auxiliary vector are right; then the same file spoiled one way at a
 * time, each refused with Linux's errno, the caller untouched and
 * nothing leaked (the suite's leak checks).
 */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fault_inject.h>
#include <fs.h>
#include <ktest.h>
#include <mm.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>
#include <vmalloc.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

extern const char exec_elf_start[], exec_elf_end[];
#define EXEC_ELF_SIZE	((size_t)(exec_elf_end - exec_elf_start))
#define EXEC_DIR	"/exec-test"

/* Write a file of the RAM file system from kernel memory. 0 or -errno. */
static int write_file(const char *path, const void *data, size_t len, int mode)
{
	struct file *f = filp_open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	mm_segment_t old_fs = get_fs();
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	set_fs(KERNEL_DS);
	n = vfs_write(f, (const char __user *)data, len, &pos);
	set_fs(old_fs);
	filp_close(f);
	if (n < 0)
		return n;
	return n == (ssize_t)len ? 0 : -EIO;
}

/*
 * unlink or rmdir for the cleanup, which must not fail under the
 * fault-injection boots (the path is copied with kmalloc): injection is
 * held off while it runs, then put back as it was.
 */
static void remove_path(long (*fn)(const char __user *), const char *path)
{
	unsigned long slab = fail_slab.interval, pages = fail_page_alloc.interval;
	mm_segment_t old_fs = get_fs();

	fail_slab.interval = fail_page_alloc.interval = 0;
	set_fs(KERNEL_DS);
	fn((const char __user *)path);
	set_fs(old_fs);
	fail_slab.interval = slab;
	fail_page_alloc.interval = pages;
}

static void remove_file(void *path)
{
	remove_path(sys_unlink, path);
}

/* A copy of the executable at path (removed when the test ends), spoiled by fix. */
static int make_exec(struct ktest *t, const char *path, size_t len,
		     void (*fix)(unsigned char *img), int mode)
{
	unsigned char *img = ktest_kmalloc(t, EXEC_ELF_SIZE + 64, GFP_KERNEL);
	int r;

	if (!img)
		return -ENOMEM;
	memset(img, 0, EXEC_ELF_SIZE + 64);
	memcpy(img, exec_elf_start, EXEC_ELF_SIZE);
	if (fix)
		fix(img);
	/* Removed at the end even if writing it fails half-way (fault injection). */
	r = ktest_add_action_or_reset(t, remove_file, (void *)path);
	if (r)
		return r;
	return write_file(path, img, len, mode);
}

struct exec_run {
	const char *path;
	const char *const *argv;
	int result;		/* kernel_execve()'s, when it failed */
	struct mm_struct *mm_after;
	struct mm_struct *active_after;
	struct mm_struct *active_before;
};

/* The thread: exec; on success it returns into the new program. */
static int exec_thread(void *arg)
{
	struct exec_run *run = arg;
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };

	run->active_before = current->active_mm;
	run->result = kernel_execve(run->path, run->argv, envp);
	if (run->result == 0)
		return 0;	/* to user mode: the program's exit status comes back */
	run->mm_after = current->mm;
	run->active_after = current->active_mm;
	return 1000 + (-run->result);	/* an exit code no program gives */
}

/* Run path with argv in a new thread; its exit code (the program's, or 1000 + errno). */
static int run_exec(struct exec_run *run)
{
	int pid = kernel_thread(exec_thread, run, CLONE_KERNEL);
	int code = -1;

	if (pid < 0)
		return pid;
	if (kernel_wait(pid, &code) < 0)
		return -1;
	leave_lazy_mm();
	return code;
}

static const char *const argv2[] = { "prog", "one", NULL };

static int exec_suite_init(struct ktest_suite *suite)
{
	mm_segment_t old_fs = get_fs();
	long r;

	set_fs(KERNEL_DS);
	r = sys_mkdir((const char __user *)EXEC_DIR, 0755);
	set_fs(old_fs);
	return r && r != -EEXIST;
}

static void exec_suite_exit(struct ktest_suite *suite)
{
	remove_path(sys_rmdir, EXEC_DIR);
}

static void test_runs_a_static_executable(struct ktest *t)
{
	struct exec_run run = { .path = EXEC_DIR "/ok", .argv = argv2 };
	int code;

	KTEST_ASSERT_EQ(t, make_exec(t, run.path, EXEC_ELF_SIZE, NULL, 0755), 0);
	code = run_exec(&run);
	/* exit(argc + 40 + bss word): the status word wait reports, exit code in bits 8..15. */
	KTEST_EXPECT_EQ(t, run.result, 0);
	KTEST_EXPECT_EQ(t, (code >> 8) & 0xff, 42);
	KTEST_EXPECT_EQ(t, code & 0x7f, 0);
}

static void test_argc_reaches_the_program(struct ktest *t)
{
	static const char *const argv5[] = { "a", "b", "c", "d", "e", NULL };
	struct exec_run run = { .path = EXEC_DIR "/ok5", .argv = argv5 };

	KTEST_ASSERT_EQ(t, make_exec(t, run.path, EXEC_ELF_SIZE, NULL, 0755), 0);
	KTEST_EXPECT_EQ(t, (run_exec(&run) >> 8) & 0xff, 45);
}

/* Each refusal: the errno, and the calling thread exactly as it was. */
static void expect_refused(struct ktest *t, const char *path, int err)
{
	struct exec_run run = { .path = path, .argv = argv2 };
	int code = run_exec(&run);

	KTEST_EXPECT_EQ(t, run.result, err);
	KTEST_EXPECT_EQ(t, code, 1000 - err);
	KTEST_EXPECT_NULL(t, run.mm_after);
	KTEST_EXPECT_PTR_EQ(t, run.active_after, run.active_before);
}

static void spoil_magic(unsigned char *img) { img[1] = 'e'; }
static void spoil_machine(unsigned char *img) { ((Elf32_Ehdr *)img)->e_machine = 62; }
static void spoil_class(unsigned char *img) { img[EI_CLASS] = 2; }
static void spoil_phoff(unsigned char *img) { ((Elf32_Ehdr *)img)->e_phoff = 0x10000; }
static void spoil_filesz(unsigned char *img)
{
	Elf32_Phdr *ph = (Elf32_Phdr *)(img + ((Elf32_Ehdr *)img)->e_phoff);

	ph[1].p_filesz = ph[1].p_memsz + 1;
}
static void spoil_kernel_addr(unsigned char *img)
{
	Elf32_Phdr *ph = (Elf32_Phdr *)(img + ((Elf32_Ehdr *)img)->e_phoff);

	ph[1].p_vaddr = 0xc0000000 + (ph[1].p_offset & 0xfff);
}
static void spoil_interp(unsigned char *img)
{
	Elf32_Phdr *ph = (Elf32_Phdr *)(img + ((Elf32_Ehdr *)img)->e_phoff);

	ph[2].p_type = PT_INTERP;
}

static void test_malformed_images_are_refused(struct ktest *t)
{
	static const struct {
		const char *path;
		void (*fix)(unsigned char *img);
		size_t len;
		int err;
	} cases[] = {
		{ EXEC_DIR "/magic", spoil_magic, 0, -ENOEXEC },
		{ EXEC_DIR "/machine", spoil_machine, 0, -ENOEXEC },
		{ EXEC_DIR "/class64", spoil_class, 0, -ENOEXEC },
		{ EXEC_DIR "/phoff", spoil_phoff, 0, -EIO },
		{ EXEC_DIR "/filesz", spoil_filesz, 0, -ENOEXEC },
		{ EXEC_DIR "/kaddr", spoil_kernel_addr, 0, -ENOEXEC },
		{ EXEC_DIR "/interp", spoil_interp, 0, -ENOEXEC },
		{ EXEC_DIR "/short", NULL, 40, -ENOEXEC },	/* half a header */
		{ EXEC_DIR "/phdrs-cut", NULL, 100, -EIO },	/* the table cut */
		{ EXEC_DIR "/empty", NULL, 1, -ENOEXEC },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len = cases[i].len ? cases[i].len : EXEC_ELF_SIZE;

		KTEST_ASSERT_EQ(t, make_exec(t, cases[i].path, len, cases[i].fix, 0755), 0);
		expect_refused(t, cases[i].path, cases[i].err);
	}
}

static void test_what_is_not_an_executable(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, make_exec(t, EXEC_DIR "/noexec", EXEC_ELF_SIZE, NULL, 0644), 0);
	expect_refused(t, EXEC_DIR "/noexec", -EACCES);
	expect_refused(t, EXEC_DIR, -EACCES);			/* a directory */
	expect_refused(t, EXEC_DIR "/missing", -ENOENT);
	expect_refused(t, EXEC_DIR "/missing/x", -ENOENT);
}

/* One argument longer than MAX_ARG_STRLEN: -E2BIG before anything is read. */
static void test_too_long_an_argument(struct ktest *t)
{
	char *big = ktest_vmalloc(t, MAX_ARG_STRLEN + 2);
	const char *argv[] = { "prog", big, NULL };
	struct exec_run run = { .path = EXEC_DIR "/ok", .argv = argv };

	KTEST_ASSERT_NOT_NULL(t, big);
	memset(big, 'x', MAX_ARG_STRLEN + 1);
	big[MAX_ARG_STRLEN + 1] = 0;
	KTEST_ASSERT_EQ(t, make_exec(t, run.path, EXEC_ELF_SIZE, NULL, 0755), 0);
	run_exec(&run);
	KTEST_EXPECT_EQ(t, run.result, -E2BIG);
	/* Exactly MAX_ARG_STRLEN with its NUL fits. */
	big[MAX_ARG_STRLEN - 1] = 0;
	KTEST_EXPECT_EQ(t, (run_exec(&run) >> 8) & 0xff, 42);
}

static struct ktest_case exec_cases[] = {
	KTEST_CASE(test_runs_a_static_executable),
	KTEST_CASE(test_argc_reaches_the_program),
	KTEST_CASE(test_malformed_images_are_refused),
	KTEST_CASE(test_what_is_not_an_executable),
	KTEST_CASE(test_too_long_an_argument),
	{}
};

static struct ktest_suite exec_suite = {
	.name = "exec",
	.suite_init = exec_suite_init,
	.suite_exit = exec_suite_exit,
	.test_cases = exec_cases,
};
ktest_register_suite(exec_suite);
