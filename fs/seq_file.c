/* Reports into a buffer or to the kernel log (include/seq_file.h). */
#include <kernel.h>
#include <string.h>
#include <printk.h>
#include <seq_file.h>

/* Log mode: the finished lines of m->line go to printk, one call each. */
static void seq_log_lines(struct seq_file *m)
{
	char *nl;

	while ((nl = memchr(m->line, '\n', m->line_len))) {
		unsigned int n = nl - m->line;

		printk(KERN_INFO "%.*s\n", n, m->line);
		memmove(m->line, nl + 1, m->line_len - n - 1);
		m->line_len -= n + 1;
	}
	if (m->line_len == sizeof(m->line) - 1) {
		/* A line longer than the buffer: printed in pieces. */
		printk(KERN_INFO "%.*s\n", m->line_len, m->line);
		m->line_len = 0;
	}
}

static void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	int len;

	if (!m->buf) {
		len = vsnprintf(m->line + m->line_len, sizeof(m->line) - m->line_len, fmt, args);
		if (len < 0)
			return;
		m->line_len += min_t(unsigned int, len, sizeof(m->line) - 1 - m->line_len);
		seq_log_lines(m);
		return;
	}
	if (m->overflow)
		return;
	len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
	if (len < 0 || (size_t)len >= m->size - m->count) {
		m->overflow = true;
		return;
	}
	m->count += len;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

void seq_flush(struct seq_file *m)
{
	if (!m->buf && m->line_len) {
		printk(KERN_INFO "%.*s\n", m->line_len, m->line);
		m->line_len = 0;
	}
}
