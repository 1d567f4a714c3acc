/*
 * Leaving the machine. Under QEMU the isa-debug-exit device (port 0xf4,
 * "-device isa-debug-exit,iobase=0xf4,iosize=4") ends QEMU with status
 * (value << 1) | 1; on a machine without it the write does nothing and
 * we halt. The values below are the contract with scripts/run_qemu.py.
 */
#ifndef _ASM_REBOOT_H
#define _ASM_REBOOT_H

#include <compiler.h>

#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_PASS		0x10	/* QEMU status 33: every test passed */
#define QEMU_EXIT_FAIL		0x11	/* QEMU status 35: some test failed */
#define QEMU_EXIT_PANIC		0x12	/* QEMU status 37: the kernel panicked */
#define QEMU_EXIT_DONE		0x13	/* QEMU status 39: nothing was run */
#define QEMU_EXIT_POWEROFF	0x14	/* QEMU status 41: reboot(2) powered off; the KTAP decides */

__noreturn void machine_exit(unsigned int code);
__noreturn void machine_halt(void);

#endif
