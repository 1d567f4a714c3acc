/*
 * The two cascaded 8259A programmable interrupt controllers (ULK 4.2.1).
 * The BIOS leaves IRQ 0-7 on vectors 0x08-0x0f, on top of the CPU's
 * exceptions; we move them to FIRST_EXTERNAL_VECTOR (0x20) .. 0x2f.
 */
#include <kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/irqflags.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_IMR	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_IMR	0xa1

#define ICW1_INIT_ICW4	0x11	/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01
#define OCW2_EOI	0x20
#define OCW2_SPECIFIC_EOI 0x60
#define OCW3_READ_ISR	0x0b

/* All lines masked but the cascade, until a driver asks for one. */
static unsigned int cached_irq_mask = 0xffff & ~(1 << CASCADE_IRQ);

static void write_mask(void)
{
	outb(cached_irq_mask & 0xff, PIC_MASTER_IMR);
	outb(cached_irq_mask >> 8, PIC_SLAVE_IMR);
}

void init_8259A(void)
{
	unsigned long flags;

	local_irq_save(flags);
	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);

	outb(ICW1_INIT_ICW4, PIC_MASTER_CMD);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR);	/* ICW2: vector base */
	io_delay();
	outb(1 << CASCADE_IRQ, PIC_MASTER_IMR);		/* ICW3: slave on IR2 */
	io_delay();
	outb(ICW4_8086, PIC_MASTER_IMR);
	io_delay();

	outb(ICW1_INIT_ICW4, PIC_SLAVE_CMD);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR);
	io_delay();
	outb(CASCADE_IRQ, PIC_SLAVE_IMR);		/* ICW3: slave identity */
	io_delay();
	outb(ICW4_8086, PIC_SLAVE_IMR);
	io_delay();

	write_mask();
	local_irq_restore(flags);
}

void enable_8259A_irq(unsigned int irq)
{
	unsigned long flags;

	local_irq_save(flags);
	cached_irq_mask &= ~(1u << irq);
	write_mask();
	local_irq_restore(flags);
}

void disable_8259A_irq(unsigned int irq)
{
	unsigned long flags;

	local_irq_save(flags);
	cached_irq_mask |= 1u << irq;
	write_mask();
	local_irq_restore(flags);
}

/*
 * IRQ 7 and 15 are also what the PIC raises when a request goes away
 * before it is acknowledged: real only if the in-service bit is set.
 */
int i8259A_irq_real(unsigned int irq)
{
	if (irq == 7) {
		outb(OCW3_READ_ISR, PIC_MASTER_CMD);
		return inb(PIC_MASTER_CMD) & 0x80;
	}
	if (irq == 15) {
		outb(OCW3_READ_ISR, PIC_SLAVE_CMD);
		return inb(PIC_SLAVE_CMD) & 0x80;
	}
	return 1;
}

/* A spurious IRQ 15 still came through the master's cascade line: ack that. */
void ack_spurious_8259A(unsigned int irq)
{
	if (irq == 15)
		outb(OCW2_SPECIFIC_EOI + CASCADE_IRQ, PIC_MASTER_CMD);
}

/* Mask the line and acknowledge it, so it cannot fire again during its handler. */
void mask_and_ack_8259A(unsigned int irq)
{
	cached_irq_mask |= 1u << irq;
	write_mask();
	if (irq & 8) {
		outb(OCW2_SPECIFIC_EOI + (irq & 7), PIC_SLAVE_CMD);
		outb(OCW2_SPECIFIC_EOI + CASCADE_IRQ, PIC_MASTER_CMD);
	} else {
		outb(OCW2_SPECIFIC_EOI + irq, PIC_MASTER_CMD);
	}
}

void end_8259A_irq(unsigned int irq)
{
	cached_irq_mask &= ~(1u << irq);
	write_mask();
}
