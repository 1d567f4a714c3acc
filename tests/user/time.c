/* time.c - clocks and sleeps: monotonic order, nanosleep's length, alarm, itimers, times. */
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include "ktap.h"

static volatile int alarms;

static void on_alarm(int sig)
{
	alarms++;
}

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b, res, nap = { 0, 50 * 1000 * 1000 };
	struct timeval tv;
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	int monotonic = 1;

	plan(9);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 1000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		monotonic &= ns(&b) >= ns(&a);
		a = b;
	}
	ok(monotonic, "CLOCK_MONOTONIC never goes back");
	ok_sys(clock_getres(CLOCK_MONOTONIC, &res), "clock_getres");
	ok(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000, "a resolution of at most 10 ms");
	clock_gettime(CLOCK_MONOTONIC, &a);
	ok_sys(nanosleep(&nap, NULL), "nanosleep 50 ms");
	clock_gettime(CLOCK_MONOTONIC, &b);
	ok(ns(&b) - ns(&a) >= 50000000LL, "at least 50 ms passed");
	ok(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1000000000, "gettimeofday: after 2001");
	signal(SIGALRM, on_alarm);
	alarm(1);
	pause();
	ok_eq(alarms, 1, "alarm(1) then pause: SIGALRM");
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < 4)
		pause();
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	ok_eq(alarms, 4, "a 20 ms ITIMER_REAL fires repeatedly");
	ok(times(NULL) != (clock_t)-1, "times");
	return done();
}
