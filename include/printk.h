/* The kernel log (kernel/printk.c). printk itself is declared in kernel.h. */
#ifndef _MNEME_PRINTK_H
#define _MNEME_PRINTK_H

#include <types.h>

/*
 * The log buffer is a ring of LOG_BUF_LEN bytes holding the text of
 * every message, each line prefixed with its level as "<N>", Linux
 * 2.6's format. log_end counts every byte ever logged; the oldest byte
 * still present is max(0, log_end - LOG_BUF_LEN).
 */
#define LOG_BUF_SHIFT	16
#define LOG_BUF_LEN	(1U << LOG_BUF_SHIFT)
#define LOG_BUF_MASK	(LOG_BUF_LEN - 1)

extern char log_buf[LOG_BUF_LEN];
extern unsigned long log_end;

/* How far a reader of the log has got (each console keeps its own). */
struct log_cursor {
	unsigned long pos;	/* the next byte to see */
	int level;		/* of the line being read */
	int mid_line;		/* past the line's "<N>" prefix */
};

/*
 * A console: where printk sends lines at or above console_loglevel. The
 * first registered (serial) comes first; others (the VGA console) are
 * chained after it and each is replayed the log when registered.
 */
struct console {
	const char *name;
	void (*write)(const char *s, unsigned int n);
	struct console *next;
	struct log_cursor cur;
};

void register_console(struct console *con);
void vgacon_init(void);		/* drivers/video/vgacon.c */

/* Copy the last bytes of the log (up to size-1) into buf; returns the length. */
size_t log_buf_copy(char *buf, size_t size);

/* Every line printed from now on is also handed to hook (the ktest harness
 * uses this to check what a test printed). NULL to stop. */
void printk_set_capture(void (*hook)(int level, const char *line, size_t len));

extern int printk_time;

#endif
