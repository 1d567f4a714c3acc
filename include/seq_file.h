/*
 * Text reports written once and shown two ways (Linux's seq_file,
 * reduced to what /proc's single-shot files need): into a buffer, which
 * a /proc file hands to read(), or line by line to the kernel log, as
 * the reports were printed before /proc existed (show_meminfo() ...).
 *
 *   struct seq_file m = SEQ_BUF(buf, size);   seq_printf(&m, ...);  m.count bytes in buf
 *   struct seq_file m = SEQ_LOG;              seq_printf(&m, ...);  each "\n" ends a printk line
 *
 * A buffer that fills up sets m.overflow (the caller retries with a
 * larger one, as Linux's seq_read() does).
 */
#ifndef _MNEME_SEQ_FILE_H
#define _MNEME_SEQ_FILE_H

#include <types.h>
#include <compiler.h>

#define SEQ_LINE_MAX	256

struct seq_file {
	char *buf;		/* NULL: to the log */
	size_t size, count;
	bool overflow;
	unsigned int line_len;	/* log mode: the line being built */
	char line[SEQ_LINE_MAX];
};

#define SEQ_BUF(b, n)	((struct seq_file){ .buf = (b), .size = (n) })
#define SEQ_LOG		((struct seq_file){ .buf = NULL })

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
/* Log mode: print what is left of an unfinished line. */
void seq_flush(struct seq_file *m);

#endif
