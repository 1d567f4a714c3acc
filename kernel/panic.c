/*
 * panic(), warnings and the taint mask. A panic under QEMU ends the
 * emulator with QEMU_EXIT_PANIC, so the test runner sees it at once
 * instead of waiting for a timeout.
 */
#include <kernel.h>
#include <bug.h>
#include <asm/irqflags.h>
#include <asm/reboot.h>

unsigned long tainted_mask;

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

/* "Not tainted", or "Tainted: B D W" with the letters of the set flags. */
const char *print_tainted(void)
{
	static const struct { unsigned int bit; char c; } flags[] = {
		{ TAINT_BAD_PAGE, 'B' }, { TAINT_DIE, 'D' }, { TAINT_WARN, 'W' },
	};
	static char buf[32];
	unsigned int i;
	int len;

	if (!tainted_mask)
		return "Not tainted";
	len = scnprintf(buf, sizeof(buf), "Tainted:");
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (tainted_mask & (1UL << flags[i].bit))
			len += scnprintf(buf + len, sizeof(buf) - len, " %c", flags[i].c);
	return buf;
}

void panic(const char *fmt, ...)
{
	static char buf[256];
	static int in_panic;
	va_list args;

	local_irq_disable();
	console_loglevel = 15;
	if (in_panic++)
		machine_exit(QEMU_EXIT_PANIC);	/* a panic while panicking: just stop */
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_exit(QEMU_EXIT_PANIC);
}

void warn_slowpath(const char *file, int line, const char *func, const char *fmt, ...)
{
	va_list args;

	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: at %s:%d %s()\n", file, line, func);
	if (fmt) {
		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	add_taint(TAINT_WARN);
	dump_stack();
	printk(KERN_WARNING "---[ end trace ]---\n");
}
