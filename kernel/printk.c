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
static struct log_cursor con_cur;	/* the first console's and the capture hook's */

int console_loglevel = 7;	/* print everything but KERN_DEBUG */
int printk_time;		/* "printk.time": prefix lines with seconds since boot */

static struct console *console;	/* the first; the others follow on ->next */
static int line_start = 1;	/* the next byte begins a new line */
static int cur_level = LOGLEVEL_DEFAULT;
static void (*capture_hook)(int level, const char *line, size_t len);

static void emit_log_char(char c)
{
	log_buf[log_end & LOG_BUF_MASK] = c;
	log_end++;
}

/*
 * Hand log bytes [cur->pos, log_end) to con as they come (a line
 * without its newline yet still shows, which matters before a hang),
 * dropping the "<N>" prefixes and lines below console_loglevel; with
 * capture, whole lines also go to the capture hook.
 */
static void log_walk(struct log_cursor *cur, struct console *con, int capture)
{
	static char line[256];
	static unsigned int len;

	if (log_end - cur->pos > LOG_BUF_LEN)
		cur->pos = log_end - LOG_BUF_LEN;	/* overwritten before it was seen */
	for (; cur->pos != log_end; cur->pos++) {
		char c = log_buf[cur->pos & LOG_BUF_MASK];

		if (!cur->mid_line && c == '<' && log_end - cur->pos >= 3 &&
		    log_buf[(cur->pos + 2) & LOG_BUF_MASK] == '>') {
			cur->level = log_buf[(cur->pos + 1) & LOG_BUF_MASK] - '0';
			cur->pos += 2;
			cur->mid_line = 1;
			continue;
		}
		cur->mid_line = 1;
		if (con && cur->level < console_loglevel)
			con->write(&c, 1);
		if (capture && len < sizeof(line))
			line[len++] = c;
		if (c == '\n') {
			if (capture && capture_hook)
				capture_hook(cur->level, line, len);
			len = 0;
			cur->mid_line = 0;
		}
	}
}

static void flush_console(void)
{
	struct console *con;

	if (console || capture_hook)
		log_walk(&con_cur, console, 1);
	for (con = console ? console->next : NULL; con; con = con->next)
		log_walk(&con->cur, con, 0);
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
	unsigned long flags, start;

	local_irq_save(flags);
	start = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
	if (!console) {
		console = con;
		con_cur.pos = start;
	} else {
		con->cur = (struct log_cursor){ .pos = start };
		con->next = console->next;
		console->next = con;
	}
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
