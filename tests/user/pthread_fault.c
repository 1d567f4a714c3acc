/* pthread_fault.c - threads faulting in the same fresh memory at once, and seeing each other's pages. */
#include <pthread.h>
#include <sys/mman.h>
#include "ktap.h"

#define THREADS 4
#define PAGES 256

static char *area;
static pthread_barrier_t start;

static void *toucher(void *arg)
{
	int id = (int)(long)arg;

	pthread_barrier_wait(&start);
	/* Every thread writes its own byte of every page: concurrent faults on each page. */
	for (int i = 0; i < PAGES; i++)
		area[i * PAGE + id] = (char)(id + 1);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	int good = 1;

	plan(2);
	area = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pthread_barrier_init(&start, NULL, THREADS);
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, toucher, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < PAGES; i++)
		for (int id = 0; id < THREADS; id++)
			good &= area[i * PAGE + id] == id + 1;
	ok(good, "4 threads faulting in the same 256 pages: every byte written landed");
	ok(area[5 * PAGE + THREADS] == 0, "the rest of each page is zero");
	munmap(area, PAGES * PAGE);
	return done();
}
