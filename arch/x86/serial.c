/*
 * The 16550 UART on COM1: the console. Output only, polled: printk
 * must work with interrupts off, in an oops, before anything else is
 * set up.
 */
#include <asm/io.h>
#include <asm/serial.h>
#include <printk.h>

int serial_present;

#define PORT	SERIAL_PORT_COM1

void serial_init(void)
{
	/* The scratch register holds what is written only if a UART is there. */
	outb(0x5a, PORT + UART_SCR);
	if (inb(PORT + UART_SCR) != 0x5a)
		return;

	outb(0, PORT + UART_IER);
	outb(UART_LCR_DLAB, PORT + UART_LCR);
	outb((SERIAL_CLOCK / SERIAL_BAUD) & 0xff, PORT + UART_DLL);
	outb((SERIAL_CLOCK / SERIAL_BAUD) >> 8, PORT + UART_DLM);
	outb(UART_LCR_WLEN8, PORT + UART_LCR);
	outb(UART_FCR_ENABLE, PORT + UART_FCR);
	outb(UART_MCR_DTR_RTS_OUT2, PORT + UART_MCR);
	serial_present = 1;
}

void serial_putc(char c)
{
	unsigned int spins = 100000;	/* a dead UART must not hang the kernel */

	while (!(inb(PORT + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(c, PORT + UART_TX);
}

/* Write n bytes, turning "\n" into "\r\n" for terminals. */
void serial_write(const char *s, unsigned int n)
{
	if (!serial_present)
		return;
	while (n--) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_write,
};

/* Bring up COM1 and make it the console; earlier printk output is replayed. */
void serial_console_init(void)
{
	serial_init();
	register_console(&serial_console);
}
