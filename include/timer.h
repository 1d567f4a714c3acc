/*
 * Dynamic timers (ULK 6.5): a function to run at a given jiffy, from
 * the timer softirq, with interrupts enabled.
 */
#ifndef _MNEME_TIMER_H
#define _MNEME_TIMER_H

#include <list.h>

struct tvec_base;

struct timer_list {
	struct list_head entry;		/* in a wheel bucket; next == NULL when idle */
	unsigned long expires;		/* in jiffies */
	void (*function)(unsigned long);
	unsigned long data;
	unsigned long magic;		/* TIMER_MAGIC once init_timer() ran */
};

#define TIMER_MAGIC	0x4b87ad6e

void init_timer(struct timer_list *timer);

static inline void setup_timer(struct timer_list *timer,
			       void (*function)(unsigned long), unsigned long data)
{
	init_timer(timer);
	timer->function = function;
	timer->data = data;
}

static inline int timer_pending(const struct timer_list *timer)
{
	return timer->entry.next != NULL;
}

void add_timer(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
#define del_timer_sync(t) del_timer(t)	/* one CPU: nothing to wait for */

void init_timers(void);
void run_local_timers(void);

/* Timers currently armed: the ktest leak check compares it across suites. */
extern unsigned long nr_pending_timers;

#endif
