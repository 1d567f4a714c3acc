/*
 * kernel/timer.c, the Linux 2.6 timer wheel, driven jiffy by jiffy on
 * the host. Every timer is mirrored in a model that knows when it must
 * fire: at the first run of the timer softirq where jiffies >= expires
 * (time_after_eq), or at the very next run if it was already due when
 * armed. The callbacks check the model; after every run no armed timer
 * may be overdue; nr_pending_timers must always equal the model's count.
 *
 * Idle stretches are skipped by setting jiffies just short of the next
 * expiry and running the softirq once: __run_timers() still walks (and
 * cascades) every jiffy in between, and no timer may fire meanwhile.
 */
#include <limits.h>
#include <stdlib.h>
#include "harness.h"
#include "include/timer.h"
#include "include/jiffies.h"
#include "include/interrupt.h"

#define MAX_TIMERS	64
#define MAX_FIRED	64	/* per softirq run */

enum action { ACT_NONE, ACT_REARM, ACT_DEL_OTHER, ACT_MOD_OTHER };

struct sim {
	struct timer_list t;
	int id;
	int pending;		/* the model's view */
	unsigned long due;	/* when it must fire */
	unsigned long expires, armed_at;
	unsigned long seq;	/* order of arming */
	int fired;
	enum action action;
	unsigned long action_arg;
	struct sim *other;
};

static struct sim sims[MAX_TIMERS];
static int nr_sims, model_pending;
static unsigned long last_run;	/* jiffies at the current or last softirq run */
static unsigned long run_from;	/* the first jiffy the current run processes */
static unsigned long seq;
static struct sim *fired_this_run[MAX_FIRED];
static int nr_fired_this_run;
static int in_run;

static void model_arm(struct sim *s, unsigned long expires)
{
	if (!s->pending)
		model_pending++;
	s->pending = 1;
	s->expires = expires;
	s->armed_at = last_run;
	s->seq = ++seq;
	/* Already due: the next run; otherwise the run at expires. */
	s->due = time_after(expires, last_run) ? expires : last_run + 1;
}

static void model_disarm(struct sim *s)
{
	if (s->pending)
		model_pending--;
	s->pending = 0;
}

static void do_mod(struct sim *s, unsigned long expires)
{
	EXPECT_EQ(mod_timer(&s->t, expires), s->pending);
	model_arm(s, expires);
}

static void do_del(struct sim *s)
{
	EXPECT_EQ(del_timer(&s->t), s->pending);
	model_disarm(s);
}

static void fire(unsigned long data)
{
	struct sim *s = (struct sim *)data;
	int i;

	EXPECT_TRUE(in_run);
	if (!s->pending) {
		ht_fail(__FILE__, __LINE__, 0, "timer %d fired while not armed (twice, or after del_timer)", s->id);
		return;
	}
	/* A run processes jiffies run_from..jiffies: one of them was due (exactly it, ticking by one). */
	if (s->due - run_from > jiffies - run_from)
		ht_fail(__FILE__, __LINE__, 0, "timer %d (expires %#lx, armed at %#lx) fired in the run "
			"for %#lx..%#lx, due at %#lx", s->id, s->expires, s->armed_at,
			run_from, jiffies, s->due);
	EXPECT_FALSE(timer_pending(&s->t));
	/* Same expiry, armed at the same jiffy: in the order they were armed. */
	for (i = 0; i < nr_fired_this_run; i++) {
		struct sim *o = fired_this_run[i];

		if (o->expires == s->expires && o->armed_at == s->armed_at && o->seq > s->seq)
			ht_fail(__FILE__, __LINE__, 0, "timer %d (armed #%lu) fired after timer %d (armed #%lu)",
				s->id, s->seq, o->id, o->seq);
	}
	if (nr_fired_this_run < MAX_FIRED)
		fired_this_run[nr_fired_this_run++] = s;
	model_disarm(s);
	s->fired++;

	switch (s->action) {
	case ACT_REARM:
		do_mod(s, jiffies + s->action_arg);
		break;
	case ACT_DEL_OTHER:
		do_del(s->other);
		break;
	case ACT_MOD_OTHER:
		do_mod(s->other, jiffies + s->action_arg);
		break;
	default:
		break;
	}
}

/* Run the timer softirq as the timer interrupt would, at the current jiffies. */
static void run_softirq(void)
{
	int i;

	run_from = last_run + 1;
	last_run = jiffies;
	nr_fired_this_run = 0;
	in_run = 1;
	run_local_timers();
	host_run_softirqs();
	in_run = 0;
	for (i = 0; i < nr_sims; i++)
		if (sims[i].pending && !time_after(sims[i].due, jiffies))
			ht_fail(__FILE__, __LINE__, 1, "timer %d due at %#lx did not fire by %#lx",
				sims[i].id, sims[i].due, jiffies);
	EXPECT_EQ(nr_pending_timers, model_pending);
}

static void tick(void)
{
	jiffies++;
	run_softirq();
}

/* The earliest due time, as a distance from now; ULONG_MAX if nothing is armed. */
static unsigned long next_due_delta(void)
{
	unsigned long best = ULONG_MAX;
	int i;

	for (i = 0; i < nr_sims; i++)
		if (sims[i].pending && sims[i].due - jiffies < best)
			best = sims[i].due - jiffies;
	return best;
}

/* Jump over the idle time before the next due timer, then tick into it. */
static void advance_to_next(void)
{
	unsigned long d = next_due_delta();

	if (d == ULONG_MAX)
		return;
	if (d == 0) {		/* due now: the current jiffy is not processed yet */
		run_softirq();
		return;
	}
	if (d > 1) {
		jiffies += d - 1;
		run_softirq();	/* walks every jiffy skipped: nothing may fire */
		EXPECT_EQ(nr_fired_this_run, 0);
	}
	tick();
}

static void drain(void)
{
	int guard = 0;

	while (model_pending && !ht_failed() && guard++ < 100000)
		advance_to_next();
	EXPECT_EQ(model_pending, 0);
	EXPECT_EQ(nr_pending_timers, 0);
}

static void start(unsigned long j, int n)
{
	int i;

	ASSERT_EQ(nr_pending_timers, 0);	/* a previous test left timers armed */
	jiffies = j;
	init_timers();
	ASSERT_NOT_NULL(host_softirq_vec[TIMER_SOFTIRQ]);
	last_run = j - 1;	/* the wheel's next jiffy to process is j */
	seq = 0;
	model_pending = 0;
	nr_sims = n;
	for (i = 0; i < n; i++) {
		memset(&sims[i], 0, sizeof(sims[i]));
		sims[i].id = i;
		setup_timer(&sims[i].t, fire, (unsigned long)&sims[i]);
	}
}

/* If a test failed half-way, forget its timers so the next one starts clean. */
static void finish(void)
{
	if (ht_failed())
		nr_pending_timers = 0;
}

static const unsigned long starts[] = {
	INITIAL_JIFFIES, 0, 0xffffffffUL - 3000, ULONG_MAX - 3000,
};

TEST(basic)
{
	size_t k;

	for (k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		start(starts[k], 4);
		do_mod(&sims[0], jiffies + 1);
		do_mod(&sims[1], jiffies);	/* due now: the first run */
		do_mod(&sims[2], jiffies - 1);	/* overdue: the first run too */
		do_mod(&sims[3], jiffies + 3);
		EXPECT_EQ(nr_pending_timers, 4);
		run_softirq();			/* no tick yet: jiffies unchanged */
		EXPECT_EQ(sims[1].fired + sims[2].fired, 2);
		EXPECT_EQ(sims[0].fired, 0);
		tick();
		EXPECT_EQ(sims[0].fired, 1);
		do_del(&sims[3]);
		tick();
		tick();
		tick();
		EXPECT_EQ(sims[3].fired, 0);
		drain();
		finish();
	}
}

TEST(return_values)
{
	start(INITIAL_JIFFIES, 2);
	EXPECT_EQ(del_timer(&sims[0].t), 0);		/* never armed */
	EXPECT_EQ(mod_timer(&sims[0].t, jiffies + 10), 0);
	EXPECT_EQ(mod_timer(&sims[0].t, jiffies + 20), 1);	/* re-armed */
	EXPECT_TRUE(timer_pending(&sims[0].t));
	EXPECT_EQ(del_timer(&sims[0].t), 1);
	EXPECT_FALSE(timer_pending(&sims[0].t));
	EXPECT_EQ(del_timer(&sims[0].t), 0);
	sims[1].t.expires = jiffies + 5;
	add_timer(&sims[1].t);
	EXPECT_EQ(nr_pending_timers, 1);
	EXPECT_EQ(del_timer_sync(&sims[1].t), 1);
	EXPECT_EQ(nr_pending_timers, 0);
	finish();
}

/* Offsets at every level boundary of the wheel, from starts that wrap. */
TEST(wheel_boundaries)
{
	static const unsigned long offsets[] = {
		0, 1, 2, 255, 256, 257, 511, 512, 16383, 16384, 16385,
		(1UL << 20) - 1, 1UL << 20, (1UL << 20) + 1,
		(1UL << 26) - 1, 1UL << 26, (1UL << 26) + 1, (1UL << 26) + 300,
	};
	static const unsigned long from[] = { INITIAL_JIFFIES, ULONG_MAX - 1000 };
	size_t k, i, n = sizeof(offsets) / sizeof(offsets[0]);

	for (k = 0; k < 2; k++) {
		start(from[k], n);
		for (i = 0; i < n; i++)
			do_mod(&sims[i], jiffies + offsets[i]);
		drain();
		for (i = 0; i < n; i++)
			EXPECT_EQ(sims[i].fired, 1);
		finish();
	}
}

/* The same boundaries, armed after the wheel has turned to an odd position. */
TEST(wheel_boundaries_unaligned)
{
	static const unsigned long offsets[] = {
		255, 256, 16383, 16384, (1UL << 20) - 1, 1UL << 20,
	};
	size_t i, n = sizeof(offsets) / sizeof(offsets[0]);

	start(0xffffffffUL - 70000, n);
	for (i = 0; i < 1234; i++)
		tick();
	for (i = 0; i < n; i++)
		do_mod(&sims[i], jiffies + offsets[i]);
	drain();
	finish();
}

/* Timers of one expiry armed together fire in arming order, from every level. */
TEST(same_expiry_order)
{
	static const unsigned long dist[] = { 0, 1, 200, 300, 20000, (1UL << 20) + 5 };
	size_t d;
	int i;

	for (d = 0; d < sizeof(dist) / sizeof(dist[0]); d++) {
		start(INITIAL_JIFFIES - 77, 12);
		for (i = 0; i < 12; i++)
			do_mod(&sims[i], jiffies + dist[d]);
		/* Re-arming moves a timer to the back. */
		do_mod(&sims[3], jiffies + dist[d]);
		do_mod(&sims[0], jiffies + dist[d]);
		advance_to_next();
		EXPECT_EQ(nr_fired_this_run, 12);
		EXPECT_PTR_EQ(fired_this_run[10], &sims[3]);
		EXPECT_PTR_EQ(fired_this_run[11], &sims[0]);
		drain();
		finish();
	}
}

TEST(overdue_timers)
{
	start(ULONG_MAX - 10, 4);
	do_mod(&sims[0], jiffies - 1000000);
	do_mod(&sims[1], jiffies - 1);
	do_mod(&sims[2], 0);			/* 11 jiffies ahead, across the wrap */
	do_mod(&sims[3], jiffies - (1UL << 30));
	tick();
	EXPECT_EQ(sims[0].fired + sims[1].fired + sims[3].fired, 3);
	EXPECT_EQ(sims[2].fired, 0);
	drain();
	EXPECT_EQ(jiffies, 0);
	finish();
}

/* Callbacks that re-arm themselves, or delete and re-arm others. */
TEST(callbacks_rearm)
{
	int i;

	start(INITIAL_JIFFIES, 3);
	sims[0].action = ACT_REARM;
	sims[0].action_arg = 7;
	sims[1].action = ACT_DEL_OTHER;
	sims[1].other = &sims[2];
	do_mod(&sims[0], jiffies + 7);
	do_mod(&sims[1], jiffies + 50);
	do_mod(&sims[2], jiffies + 50);	/* same tick, after sims[1]: deleted before it runs */
	for (i = 0; i < 700; i++)
		tick();
	EXPECT_EQ(sims[0].fired, 100);
	EXPECT_EQ(sims[1].fired, 1);
	EXPECT_EQ(sims[2].fired, 0);
	sims[0].action = ACT_NONE;
	drain();
	finish();
}

static unsigned long random_offset(void)
{
	static const unsigned long special[] = {
		0, 1, 2, 255, 256, 257, 16383, 16384, 16385, 65535, 65536,
		-1UL, -2UL, -256UL, -100000UL,
	};

	switch (ht_rand_below(4)) {
	case 0:
		return special[ht_rand_below(sizeof(special) / sizeof(special[0]))];
	case 1:
		return ht_rand_below(300);
	case 2:
		return ht_rand_below(20000);
	default:
		return ht_rand_below(1UL << 17);
	}
}

TEST(random_operations)
{
	size_t k;

	for (k = 0; k < sizeof(starts) / sizeof(starts[0]) && !ht_failed(); k++) {
		int step, i;

		start(starts[k], MAX_TIMERS);
		for (i = 0; i < MAX_TIMERS; i++) {
			sims[i].action = ht_rand_below(8) == 0 ? 1 + ht_rand_below(3) : ACT_NONE;
			sims[i].action_arg = random_offset();
			sims[i].other = &sims[ht_rand_below(MAX_TIMERS)];
			if (sims[i].other == &sims[i])
				sims[i].action = ACT_NONE;
		}
		for (step = 0; step < 4000 && !ht_failed(); step++) {
			struct sim *s = &sims[ht_rand_below(MAX_TIMERS)];

			switch (ht_rand_below(6)) {
			case 0:
			case 1:
				do_mod(s, jiffies + random_offset());
				break;
			case 2:
				if (!s->pending) {
					s->t.expires = jiffies + random_offset();
					add_timer(&s->t);
					model_arm(s, s->t.expires);
				}
				break;
			case 3:
				do_del(s);
				break;
			case 4:
				for (i = ht_rand_below(20); i >= 0; i--)
					tick();
				break;
			default:
				advance_to_next();
				break;
			}
			EXPECT_EQ(nr_pending_timers, model_pending);
		}
		for (i = 0; i < MAX_TIMERS; i++)
			sims[i].action = ACT_NONE;	/* let it settle */
		drain();
		finish();
	}
}

static void never_called(unsigned long data)
{
	(void)data;
	ht_fail(__FILE__, __LINE__, 0, "a timer that was never armed ran");
}

TEST(bugs_and_warnings)
{
	struct timer_list t;
	unsigned int warns;

	start(INITIAL_JIFFIES, 1);
	/* No function: BUG. */
	init_timer(&t);
	t.function = NULL;
	EXPECT_BUG(mod_timer(&t, jiffies + 1));
	/* add_timer() on an armed timer: BUG. */
	do_mod(&sims[0], jiffies + 5);
	EXPECT_BUG(add_timer(&sims[0].t));
	do_del(&sims[0]);
	/* Never through init_timer(): a warning, then it works. */
	memset(&t, 0x5a, sizeof(t));
	t.function = never_called;
	warns = host_warn_count;
	EXPECT_EQ(mod_timer(&t, jiffies + 3), 0);
	EXPECT_EQ(host_warn_count, warns + 1);
	EXPECT_NOT_NULL(strstr(host_printk_log(), "used before init_timer()"));
	EXPECT_EQ(del_timer(&t), 1);
	EXPECT_EQ(nr_pending_timers, 0);
	finish();
}
