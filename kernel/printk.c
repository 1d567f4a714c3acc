/*
 * printk: format a message, append it to the log ring buffer, and
 * write it to the console if its level is important enough.
 *
 * Messages logged before a console exists (the very first lines of
 * start_kernel) stay in the buffer and are written out when
 * register_console() is called, as in Linux.
 *
 * Each line is logged as syslog(2) gives it out, Linux 6.1's
 * "<level>[seconds.micros] text": the console shows the time only with
 * printk.time (Linux's Debian default shows it; Mneme's console logs
 * stay the same from run to run without it).
 */
#include <kernel.h>
#include <errno.h>
#include <printk.h>
#include <jiffies.h>
#include <sched.h>
#include <syscalls.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

char log_buf[LOG_BUF_LEN];
unsigned long log_end;		/* bytes ever logged */
static unsigned long con_start;	/* first byte the console has not seen */
static unsigned long lines_end;	/* the end of the last complete line */

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
			/* "[time] ", logged whole with the level: shown with printk.time only. */
			if (!printk_time && log_buf[(con_start + 1) & LOG_BUF_MASK] == '[') {
				while (log_buf[++con_start & LOG_BUF_MASK] != ']')
					;
				con_start++;	/* the space after it */
			}
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
			lines_end = log_end;
		}
	} else if (line_start) {
		cur_level = LOGLEVEL_DEFAULT;
	}

	for (; *p; p++) {
		if (line_start) {
			char prefix[32];
			int i, len;

			u64 t = jiffies_64 - INITIAL_JIFFIES;

			len = scnprintf(prefix, sizeof(prefix), "<%d>[%5lu.%06lu] ", cur_level,
					(unsigned long)(t / HZ),
					(unsigned long)(t % HZ) * (1000000 / HZ));
			for (i = 0; i < len; i++)
				emit_log_char(prefix[i]);
			line_start = 0;
		}
		emit_log_char(*p);
		if (*p == '\n') {
			line_start = 1;
			lines_end = log_end;
		}
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

/*
 * ---- syslog(2), klogctl() (Linux 6.1's do_syslog()) ----
 * The log read as lines ("records"): READ_ALL gives the newest complete
 * lines that fit, since the last CLEAR; READ gives the lines no READ
 * has given yet, waiting for one, a line too long for the buffer in
 * parts. Positions are byte counts like log_end; a position the ring
 * has overwritten moves on to the next line still there.
 */
#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define MINIMUM_CONSOLE_LOGLEVEL	1
static unsigned long syslog_pos;	/* READ's: the next byte not given out */
static unsigned long clear_pos;		/* READ_ALL's start: the last CLEAR */
static int saved_console_loglevel = -1;	/* CONSOLE_OFF's (-1: none) */

/* pos, or the first line start still in the ring (interrupts off). */
static unsigned long valid_pos(unsigned long pos)
{
	unsigned long first = log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;

	if (pos >= first)
		return pos;
	for (pos = first; pos < lines_end; pos++)
		if (log_buf[pos & LOG_BUF_MASK] == '\n')
			return pos + 1;
	return lines_end;
}

/* The end of the line that starts at or after pos (interrupts off). */
static unsigned long line_end(unsigned long pos)
{
	while (pos < lines_end && log_buf[pos++ & LOG_BUF_MASK] != '\n')
		;
	return pos;
}

/* Copy the log's bytes [from, to) to buf: 0 or -EFAULT. */
static int copy_log_to_user(char __user *buf, unsigned long from, unsigned long to)
{
	char chunk[128];
	unsigned long flags;

	while (from < to) {
		unsigned int n = min_t(unsigned long, to - from, sizeof(chunk)), i;

		local_irq_save(flags);
		for (i = 0; i < n; i++)
			chunk[i] = log_buf[(from + i) & LOG_BUF_MASK];
		local_irq_restore(flags);
		if (copy_to_user(buf, chunk, n))
			return -EFAULT;
		buf += n;
		from += n;
	}
	return 0;
}

/* READ_ALL and READ_CLEAR: the newest whole lines that fit in len. */
static int syslog_print_all(char __user *buf, int len, int clear)
{
	unsigned long flags, start, end;
	int r;

	local_irq_save(flags);
	end = lines_end;
	start = valid_pos(clear_pos);
	while (end - start > (unsigned long)len)
		start = line_end(start);
	local_irq_restore(flags);
	r = copy_log_to_user(buf, start, end);
	if (clear)
		clear_pos = end;
	return r ? r : (int)(end - start);
}

/* READ: wait for lines no READ has had, give as many as fit (a first too long, in part). */
static int syslog_print(char __user *buf, int len)
{
	unsigned long flags, start, end, next;

	for (;;) {
		local_irq_save(flags);
		start = syslog_pos = valid_pos(syslog_pos);
		if (start < lines_end)
			break;
		local_irq_restore(flags);
		if (signal_pending(current))
			return -ERESTARTSYS;
		/* Polled: printk may run where waking a reader is not safe. */
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(HZ / 10);
	}
	end = start;
	while (end < lines_end && (next = line_end(end)) - start <= (unsigned long)len)
		end = next;
	if (end == start)
		end = start + len;	/* a part of the line */
	syslog_pos = end;
	local_irq_restore(flags);
	return copy_log_to_user(buf, start, end) ? -EFAULT : (int)(end - start);
}

/*
 * Linux's dmesg_restrict as Debian builds it (1): every action is for
 * root (CAP_SYSLOG or CAP_SYS_ADMIN) alone; -EPERM before the type is
 * even looked at.
 */
long sys_syslog(int type, char __user *buf, int len)
{
	unsigned long flags;
	long r;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(VERIFY_WRITE, buf, len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return syslog_print(buf, len);
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		clear_pos = lines_end;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = max(len, MINIMUM_CONSOLE_LOGLEVEL);
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		local_irq_save(flags);
		r = lines_end - valid_pos(syslog_pos);
		local_irq_restore(flags);
		return r;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
