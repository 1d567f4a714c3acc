/* Stopping the machine: see include/asm/reboot.h. */
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

void machine_exit(unsigned int code)
{
	outl(code, QEMU_EXIT_PORT);
	machine_halt();
}
