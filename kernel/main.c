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
#include <printk.h>
#include <ktest.h>
#include <bench.h>
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
 * init, pid 1 (ULK appendix A): the first kernel thread. It runs what
 * the command line asks for -- the self-tests, the benchmarks -- and
 * later will start the first user process.
 */
static int init(void *unused)
{
	init_workqueues();		/* events/0 */
	cpucache_init();		/* the slab reaper, on events/0 */
	populate_rootfs();
	free_initmem();
	show_mem_at_boot();
	system_state_running = 1;
	printk(KERN_INFO "Mneme: boot complete\n");
	fault_inject_arm_boot();	/* fail_page_alloc=, fail_slab=: from now on */
	if (ktest_enabled)
		ktest_run();
	if (bench_enabled)
		bench_run();
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
	vfs_caches_init();		/* dentries, inodes, files, the rootfs mount, the console tty */
	sched_init();
	print_cpu_info();
	local_irq_enable();
	rest_init();
}
