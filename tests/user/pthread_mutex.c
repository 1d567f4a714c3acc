/* pthread_mutex.c - a contended mutex (futex waits and wakes) and a condition variable. */
#include <pthread.h>
#include <sched.h>
#include "ktap.h"

#define THREADS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;

static void *adder(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		long v = counter;
		if (i % 1000 == 0)
			sched_yield();		/* hold the lock across a switch: contention */
		counter = v + 1;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *waiter(void *arg)
{
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	ready = 2;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS], w;

	plan(3);
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, adder, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	ok_eq(counter, THREADS * ROUNDS, "4 threads x 20000 increments under one mutex");
	pthread_create(&w, NULL, waiter, NULL);
	for (int i = 0; i < 100; i++)
		sched_yield();
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	ok_eq(pthread_join(w, NULL), 0, "a thread waiting on a condition variable is woken");
	ok_eq(ready, 2, "and ran after the signal");
	return done();
}
