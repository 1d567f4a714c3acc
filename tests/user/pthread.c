/* pthread.c - pthread_create/join, return values, thread-local storage, a shared counter. */
#include <pthread.h>
#include "ktap.h"

#define THREADS 8

static __thread int tls_value;
static int results[THREADS];

static void *worker(void *arg)
{
	int id = (int)(long)arg;

	tls_value = id * 100;
	for (volatile int i = 0; i < 10000; i++)
		;
	results[id] = tls_value + 1;
	return (void *)(long)(id * 2);
}

int main(void)
{
	pthread_t t[THREADS];
	int created = 0, joined = 0, good = 1;

	plan(4);
	tls_value = -1;
	for (long i = 0; i < THREADS; i++)
		created += pthread_create(&t[i], NULL, worker, (void *)i) == 0;
	ok_eq(created, THREADS, "8 threads created");
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		joined += pthread_join(t[i], &ret) == 0 && ret == (void *)(long)(i * 2);
	}
	ok_eq(joined, THREADS, "8 joined, each with its return value");
	for (int i = 0; i < THREADS; i++)
		good &= results[i] == i * 100 + 1;
	ok(good, "each thread had its own thread-local variable");
	ok_eq(tls_value, -1, "the main thread's is untouched");
	return done();
}
