/*
 * poll(2)'s events and the poll_table a file's ->poll() registers its
 * wait queues in (Linux's linux/poll.h, asm-generic/poll.h: i386's
 * values, checked by tests/uapi/ against Linux's headers).
 */
#ifndef _POLL_H
#define _POLL_H

#include <wait.h>

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200

/* What a file without ->poll() is: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;
struct pollfd {
	int fd;
	short events;
	short revents;
};

/*
 * ->poll(file, pt) returns the file's ready mask now and, when pt is not
 * NULL, calls poll_wait() on every wait queue whose wake-up may change it.
 */
typedef struct poll_table_struct {
	void (*qproc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *q, poll_table *p)
{
	if (p && q)
		p->qproc(filp, q, p);
}

#endif
