/* The 16550 UART (COM1) the console lives on. */
#ifndef _ASM_SERIAL_H
#define _ASM_SERIAL_H

#define SERIAL_PORT_COM1	0x3f8
#define SERIAL_BAUD		115200
#define SERIAL_CLOCK		115200	/* divisor = SERIAL_CLOCK / baud */

/* Register offsets from the base port. */
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_SCR	7	/* scratch */

#define UART_LCR_DLAB	0x80
#define UART_LCR_WLEN8	0x03
#define UART_FCR_ENABLE	0xc7	/* enable, clear both FIFOs, 14-byte threshold */
#define UART_MCR_DTR_RTS_OUT2 0x0b
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

#ifndef __ASSEMBLER__
void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, unsigned int n);
void serial_console_init(void);
extern int serial_present;
#endif

#endif
