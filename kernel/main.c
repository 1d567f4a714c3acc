/*
 * start_kernel: the C entry point, called by startup_32 on the init
 * stack with paging on (ULK appendix A, "Modern age").
 */
#include <kernel.h>
#include <errno.h>
#include <init.h>
#include <initrd.h>
#include <radix-tree.h>
#include <fs.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>
#include <sched.h>
#include <asm/uaccess.h>
#include <syscalls.h>
#include <printk.h>
#include <ktest.h>
#include <bench.h>
#include <binfmts.h>
#include <extable.h>
#include <fault_inject.h>
#include <highmem.h>
#include <timer.h>
#include <version.h>
#include <vmstat.h>
#include <workqueue.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/serial.h>
#include <asm/setup.h>
#include <asm/traps.h>

const char linux_banner[] =
	"Mneme version " MNEME_VERSION " (" MNEME_COMPILER ")\n";

/* Set by start_kernel once boot is complete (the gdb check waits for it). */
int system_state_running;

static int __init set_loglevel(char *val)
{
	int level;

	if (!val || kstrtoint(val, 10, &level) || level < 0 || level > 15)
		return -EINVAL;
	console_loglevel = level;
	return 0;
}
early_param("loglevel", set_loglevel);

static int __init set_quiet(char *val)
{
	(void)val;
	console_loglevel = 4;
	return 0;
}
early_param("quiet", set_quiet);

static int __init set_debug(char *val)
{
	(void)val;
	console_loglevel = 10;
	return 0;
}
early_param("debug", set_debug);

static int __init set_printk_time(char *val)
{
	printk_time = !val || *val == '1' || *val == 'y' || *val == 'Y';
	return 0;
}
early_param("printk.time", set_printk_time);

/*
 * The first user process (Linux's init/main.c): "init=PATH" names it,
 * else /init of the initramfs. As Linux, it gets the command line's
 * words the kernel does not know: "name=value" ones in its environment
 * (a later one replacing an earlier of the same name), the others as
 * arguments, then every word after "--" as an argument; argv[0] is the
 * path. Dotted names (Linux's module parameters) are not passed.
 */
#define MAX_INIT_ARGS	32
#define MAX_INIT_ENVS	32
static const char *execute_command;
static const char *argv_init[MAX_INIT_ARGS + 2];
static const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=linux", NULL };
/* The strings, copied: the command line's parsing copy is freed with the init sections. */
static char init_strings[COMMAND_LINE_SIZE + 2 * (MAX_INIT_ARGS + MAX_INIT_ENVS)];
static unsigned int init_strings_used;

static int __init init_setup(char *val)
{
	if (!val || !*val)
		return -EINVAL;
	execute_command = init_store(val, NULL);
	return 0;
}
__setup("init", init_setup);

/* A copy of "param" or "param=val" in init_strings (NULL if it is full: cannot happen). */
const char *__init init_store(const char *param, const char *val)
{
	char *s = init_strings + init_strings_used;
	size_t room = sizeof(init_strings) - init_strings_used;
	int n = val ? snprintf(s, room, "%s=%s", param, val) : snprintf(s, room, "%s", param);

	if (n < 0 || (size_t)n >= room)
		return NULL;
	init_strings_used += n + 1;
	return s;
}

/* argv_init[] and envp_init[]: add one, or say why not. */
static void __init init_add(const char **list, unsigned int max, const char *what,
			    const char *param, const char *val)
{
	size_t name_len = strlen(param);
	unsigned int i;

	for (i = 0; list[i]; i++)
		if (val && !strncmp(list[i], param, name_len) && list[i][name_len] == '=')
			break;		/* the same variable: replaced */
	if (i >= max) {
		printk(KERN_WARNING "init: more than %u %s: \"%s%s%s\" dropped\n", max, what,
		       param, val ? "=" : "", val ? val : "");
		return;
	}
	if (!list[i])
		list[i + 1] = NULL;
	list[i] = init_store(param, val);
}

/* kernel/params.c: a parameter no one knows. 0: passed to init; 1: ignored. */
int __init init_unknown_param(const char *param, const char *val)
{
	if (strchr(param, '.'))
		return 1;
	if (val)
		init_add(envp_init, MAX_INIT_ENVS, "environment variables", param, val);
	else
		init_add(argv_init + 1, MAX_INIT_ARGS, "arguments", param, NULL);
	return 0;
}

/* The words after "--": more arguments, quotes removed, "a=b" whole. */
static void __init init_arguments(void)
{
	static char buf[COMMAND_LINE_SIZE] __initdata;
	char *args, *param, *val;
	int dashes = 0;

	strlcpy(buf, boot_command_line, sizeof(buf));
	args = skip_spaces(buf);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!dashes) {
			dashes = !strcmp(param, "--");
			continue;
		}
		init_add(argv_init + 1, MAX_INIT_ARGS, "arguments", param, val);
	}
}

/*
 * fds 0, 1 and 2 of init: /dev/console, as Linux's console_on_rootfs();
 * every process inherits them.
 */
static void console_on_rootfs(void)
{
	mm_segment_t old_fs = get_fs();
	long fd;

	set_fs(KERNEL_DS);
	fd = sys_open((const char __user *)"/dev/console", O_RDWR, 0);
	if (fd < 0) {
		printk(KERN_WARNING "Warning: unable to open an initial console (error %ld).\n", fd);
	} else {
		sys_dup(0);
		sys_dup(0);
	}
	set_fs(old_fs);
}

static int run_init_process(const char *path)
{
	argv_init[0] = path;
	return kernel_execve(path, argv_init, envp_init);
}

/*
 * Start the first user process in this thread, pid 1. Returns 0 when
 * the thread's registers hold the new program (init() then returns into
 * it), else -errno: nothing to run, or init= failed (said here).
 */
static int start_user_init(void)
{
	int r;

	init_leak_baseline();
	/* Its own descriptors, as Linux's init (no CLONE_FILES): they go when it exits. */
	r = unshare_files();
	if (r)
		return r;
	console_on_rootfs();
	if (execute_command) {
		r = run_init_process(execute_command);
		if (r)
			printk(KERN_ERR "Requested init %s failed (error %d).\n", execute_command, r);
		return r;
	}
	r = run_init_process("/init");
	if (r && r != -ENOENT)
		printk(KERN_ERR "Failed to execute /init (error %d)\n", r);
	return r;
}

/*
 * PID 1 has ended (kernel/exit.c): Linux panics ("Attempted to kill
 * init!"); Mneme reports how and leaves QEMU, so that a user program can
 * be a test: status 0 passes, anything else fails (include/asm/reboot.h),
 * and so does a leak (the leak check after init, kernel/init_leak_check.c).
 */
void init_exited(int code)
{
	bool clean = init_leak_check();

	if (code & 0x7f)
		printk(KERN_INFO "init killed by signal %d\n", code & 0x7f);
	else
		printk(KERN_INFO "init exited with status %d\n", (code >> 8) & 0xff);
	machine_exit(code || !clean ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}

/*
 * init, pid 1 (ULK appendix A): the first kernel thread. It runs what
 * the command line asks for -- the self-tests, the benchmarks -- and
 * then the first user process, which it becomes.
 */
static int init(void *unused)
{
	init_arguments();		/* before free_initmem(): it reads the command line */
	init_workqueues();		/* events/0 */
	cpucache_init();		/* the slab reaper, on events/0 */
	populate_rootfs();
	free_initmem();
	show_mem_at_boot();
	system_state_running = 1;
	printk(KERN_INFO "Mneme: boot complete\n");
	if (!ktest_enabled)
		init_leak_prepare();	/* the leak check after init's memory, not injected */
	fault_inject_arm_boot();	/* fail_page_alloc=, fail_slab=: from now on */
	if (ktest_enabled)
		ktest_run();
	if (bench_enabled)
		bench_run();
	if (!start_user_init())
		return 0;	/* ret_from_kernel_thread: to the program, in user mode */
	if (execute_command)
		machine_exit(QEMU_EXIT_FAIL);
	printk(KERN_INFO "Mneme: nothing more to run; idling (boot with \"ktest\" to run the self-tests)\n");
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
	return 0;
}

/* The boot thread starts init and becomes the idle task (Linux's rest_init). */
static __noreturn void rest_init(void)
{
	if (kernel_thread(init, NULL, CLONE_KERNEL) != 1)
		panic("rest_init: cannot start init");
	cpu_idle();
}

void start_kernel(unsigned long magic, unsigned long mbi_phys);
void start_kernel(unsigned long magic, unsigned long mbi_phys)
{
	serial_console_init();
	printk(KERN_NOTICE "%s", linux_banner);
	sort_main_extable();		/* before paging_init() maps it read-only */
	cpu_detect();
	trap_init();			/* oops reports from here on */
	page_address_init();		/* kmap()'s page -> address hash */
	setup_arch(magic, mbi_phys);
	init_IRQ();
	init_timers();
	time_init();
	parse_boot_params();
	mem_init();
	kmem_cache_init();
	radix_tree_init();		/* the page cache's radix_tree_node cache */
	vmalloc_init();
	fork_init();
	binfmt_elf_init();		/* exec's formats */
	binfmt_script_init();
	vfs_caches_init();		/* dentries, inodes, files, the rootfs mount, the console tty */
	sched_init();
	print_cpu_info();
	local_irq_enable();
	rest_init();
}
