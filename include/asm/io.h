/* Port I/O; I/O memory mapped with ioremap() (arch/x86/mm/ioremap.c). */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <types.h>

#ifndef __iomem
#define __iomem		/* I/O memory: reach it through the pointer ioremap() gave */
#endif

void __iomem *ioremap(unsigned long phys_addr, unsigned long size);
void iounmap(volatile void __iomem *addr);

static inline void outb(u8 v, u16 port)
{
	__asm__ __volatile__("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 v, u16 port)
{
	__asm__ __volatile__("outw %0, %1" :: "a"(v), "Nd"(port));
}

static inline void outl(u32 v, u16 port)
{
	__asm__ __volatile__("outl %0, %1" :: "a"(v), "Nd"(port));
}

/* A write to an unused port: about 1 us on real hardware, for old chips. */
static inline void io_delay(void)
{
	outb(0, 0x80);
}

#endif
