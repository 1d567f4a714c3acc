/*
 * printk: format a message, append it to the log ring buffer, and
 * write it to the console if its level is important enough.
 *
 * Messages logged before a console exists (the very first lines of
 * start_kernel) stay in the buffer and are written out when
 * register_console() is called, as in Linux.
 */
#include <kernel.h>
#include <printk.h>
#include <jiffies.h>
#include <asm/irqflags.h>

char log_buf[LOG_BUF_LEN];
unsigned long log_end;		/* bytes ever logged */
static unsigned long con_start;	/* first byte the console has not seen */

int console_loglevel = 7;	/* print everything but KERN_DEBUG */
int printk_time;		/* "printk.time": prefix lines with seconds since boot */

static struct console *console;
static int line_start = 1;	/* the next byte begins a new line */
static int cur_level = LOGLEVEL_DEFAULT;
static void (*capture_hook)(int level, const char *line, size_t len);

static void emit_log_char(char c)
{
	log_buf[log_end & LOG_BUF_MASK] = c;
	log_end++;
}

/*
 * Hand log bytes [con_start, log_end) to the console as they come (a
 * line without its newline yet still shows, which matters before a
 * hang), dropping the "<N>" prefixes and lines below console_loglevel;
 * whole lines also go to the capture hook.
 */
static void flush_console(void)
{
	static char line[256];
	static unsigned int len;
	static int level, at_line_start = 1;

	if (!console && !capture_hook)
		return;
	if (log_end - con_start > LOG_BUF_LEN)
		con_start = log_end - LOG_BUF_LEN;	/* overwritten before it was seen */
	for (; con_start != log_end; con_start++) {
		char c = log_buf[con_start & LOG_BUF_MASK];

		if (at_line_start && c == '<' && log_end - con_start >= 3 &&
		    log_buf[(con_start + 2) & LOG_BUF_MASK] == '>') {
			level = log_buf[(con_start + 1) & LOG_BUF_MASK] - '0';
			con_start += 2;
			at_line_start = 0;
			continue;
		}
		at_line_start = 0;
		if (console && level < console_loglevel)
			console->write(&c, 1);
		if (len < sizeof(line))
			line[len++] = c;
		if (c == '\n') {
			if (capture_hook)
				capture_hook(level, line, len);
			len = 0;
			at_line_start = 1;
		}
	}
}

int vprintk(const char *fmt, va_list args)
{
	static char text[1024];
	unsigned long flags;
	const char *p;
	int n;

	local_irq_save(flags);
	n = vscnprintf(text, sizeof(text), fmt, args);
	p = text;

	/* KERN_<LEVEL> prefix: "\001" and a digit, or "\001c" to continue a line. */
	if (p[0] == KERN_SOH[0] && p[1]) {
		if (p[1] >= '0' && p[1] <= '7')
			cur_level = p[1] - '0';
		else if (p[1] != 'c')
			cur_level = LOGLEVEL_DEFAULT;
		p += 2;
		n -= 2;
		/* A new level while a line is open ends that line. */
		if (text[1] != 'c' && !line_start) {
			emit_log_char('\n');
			line_start = 1;
		}
	} else if (line_start) {
		cur_level = LOGLEVEL_DEFAULT;
	}

	for (; *p; p++) {
		if (line_start) {
			char prefix[32];
			int i, len;

			len = scnprintf(prefix, sizeof(prefix), "<%d>", cur_level);
			if (printk_time) {
				u64 t = jiffies_64 - INITIAL_JIFFIES;

				len += scnprintf(prefix + len, sizeof(prefix) - len,
						 "[%5lu.%06lu] ", (unsigned long)(t / HZ),
						 (unsigned long)(t % HZ) * (1000000 / HZ));
			}
			for (i = 0; i < len; i++)
				emit_log_char(prefix[i]);
			line_start = 0;
		}
		emit_log_char(*p);
		if (*p == '\n')
			line_start = 1;
	}
	flush_console();
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void register_console(struct console *con)
{
	unsigned long flags;

	local_irq_save(flags);
	console = con;
	con_start = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
	flush_console();
	local_irq_restore(flags);
}

void printk_set_capture(void (*hook)(int level, const char *line, size_t len))
{
	unsigned long flags;

	local_irq_save(flags);
	capture_hook = hook;
	local_irq_restore(flags);
}

size_t log_buf_copy(char *buf, size_t size)
{
	unsigned long start, i;
	size_t n = 0;

	if (!size)
		return 0;
	start = log_end > size - 1 ? log_end - (size - 1) : 0;
	if (log_end - start > LOG_BUF_LEN)
		start = log_end - LOG_BUF_LEN;
	for (i = start; i != log_end; i++)
		buf[n++] = log_buf[i & LOG_BUF_MASK];
	buf[n] = '\0';
	return n;
}
