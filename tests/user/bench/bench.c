/*
 * bench.c - /bin/bench: the user-level benchmarks of issue 11, timed with
 * rdtsc (under QEMU's -icount shift=0 a tick is an instruction). Each
 * figure is an average per operation unless its name says total:
 *
 *	anon_fault         mmap 64 MB anonymous private, write a byte per page: per page
 *	cow_fault          fork with those 64 MB resident, the child writes a byte
 *	                   per page: per page (measured in the child)
 *	fork_cow_exit      the whole of cow_fault (fork, writes, exit, wait): total
 *	fork_exit_64M      fork with the 64 MB resident, child _exit(0), wait: total
 *	mmap_munmap_64K    mmap 64 KB, touch its first byte, munmap: per iteration
 *	malloc_free        malloc(64 + i % 512) then free: per pair
 *	brk_grow           brk(+4096) and touch: per call
 *	file_read_4K       read() a 16 MB file of /tmp 4 KB at a time: per read
 *	file_mmap_read_4K  the same file through mmap, a byte per page: per page
 *	exec_static        fork + execve /bin/exit0 + wait: total
 *
 * Prints "bench: <name> <value>" lines (and "bench: <name> failed: why"),
 * each followed by its KTAP result ("ok N <name>" or "not ok N <name>"),
 * after a plan of NFIGURES: /init shows the program as a KTAP subtest.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE		4096UL
#define ANON_SIZE	(64UL << 20)
#define FILE_SIZE	(16UL << 20)
#define MMAP_ITER	10000
#define MALLOC_ITER	100000
#define BRK_ITER	10000
#define EXEC_ITER	20
#define FORK_ITER	5
#define NFIGURES	10

static int figure_number;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static void report(const char *name, uint64_t value)
{
	printf("bench: %s %llu\nok %d %s\n", name, (unsigned long long)value, ++figure_number,
	       name);
	fflush(stdout);
}

static void failed(const char *name, const char *why)
{
	printf("bench: %s failed: %s\nnot ok %d %s # %s\n", name, why, ++figure_number, name,
	       why);
	fflush(stdout);
}

static void touch_all(volatile char *p, unsigned long size)
{
	for (unsigned long off = 0; off < size; off += PAGE)
		p[off] = 1;
}

static void bench_anon(void)
{
	uint64_t t0, t1;
	char *p = mmap(NULL, ANON_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fds[2];

	if (p == MAP_FAILED) {
		failed("anon_fault", "mmap");
		failed("cow_fault", "mmap");
		failed("fork_cow_exit", "mmap");
		failed("fork_exit_64M", "mmap");
		return;
	}
	t0 = rdtsc();
	touch_all(p, ANON_SIZE);
	t1 = rdtsc();
	report("anon_fault", (t1 - t0) / (ANON_SIZE / PAGE));

	/* cow_fault and fork_cow_exit: the child times its writes. */
	if (pipe(fds) == 0) {
		uint64_t child_ticks = 0;
		pid_t pid;

		t0 = rdtsc();
		pid = fork();
		if (pid == 0) {
			uint64_t c0 = rdtsc(), c1;
			touch_all(p, ANON_SIZE);
			c1 = rdtsc() - c0;
			write(fds[1], &c1, sizeof(c1));
			_exit(0);
		}
		waitpid(pid, NULL, 0);
		t1 = rdtsc();
		if (pid > 0 && read(fds[0], &child_ticks, sizeof(child_ticks)) == sizeof(child_ticks)) {
			report("cow_fault", child_ticks / (ANON_SIZE / PAGE));
			report("fork_cow_exit", t1 - t0);
		} else {
			failed("cow_fault", "fork or pipe");
			failed("fork_cow_exit", "fork or pipe");
		}
		close(fds[0]);
		close(fds[1]);
	} else {
		failed("cow_fault", "pipe");
		failed("fork_cow_exit", "pipe");
	}

	/* fork_exit_64M: the fastest of a few, as the first one warms caches. */
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < FORK_ITER; i++) {
		pid_t pid;
		t0 = rdtsc();
		pid = fork();
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
		t1 = rdtsc();
		if (pid < 0)
			break;
		if (t1 - t0 < best)
			best = t1 - t0;
	}
	if (best == UINT64_MAX)
		failed("fork_exit_64M", "fork");
	else
		report("fork_exit_64M", best);
	munmap(p, ANON_SIZE);
}

static void bench_mmap_munmap(void)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < MMAP_ITER; i++) {
		volatile char *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			failed("mmap_munmap_64K", "mmap");
			return;
		}
		p[0] = 1;
		munmap((void *)p, 65536);
	}
	report("mmap_munmap_64K", (rdtsc() - t0) / MMAP_ITER);
}

static void bench_malloc(void)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < MALLOC_ITER; i++) {
		volatile char *p = malloc(64 + i % 512);
		if (!p) {
			failed("malloc_free", "malloc");
			return;
		}
		p[0] = 1;
		free((void *)p);
	}
	report("malloc_free", (rdtsc() - t0) / MALLOC_ITER);
}

static void bench_brk(void)
{
	unsigned long start = syscall(SYS_brk, 0), cur = start;
	uint64_t t0 = rdtsc();

	for (int i = 0; i < BRK_ITER; i++) {
		unsigned long next = syscall(SYS_brk, cur + PAGE);
		if (next != cur + PAGE) {
			failed("brk_grow", "brk");
			syscall(SYS_brk, start);
			return;
		}
		*(volatile char *)cur = 1;
		cur = next;
	}
	report("brk_grow", (rdtsc() - t0) / BRK_ITER);
	syscall(SYS_brk, start);
}

static void bench_file(void)
{
	static char buf[PAGE];
	const char *path = "/tmp/bench.data";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	uint64_t t0;

	if (fd < 0) {
		failed("file_read_4K", "open");
		failed("file_mmap_read_4K", "open");
		return;
	}
	memset(buf, 'x', sizeof(buf));
	for (unsigned long off = 0; off < FILE_SIZE; off += PAGE)
		if (write(fd, buf, PAGE) != PAGE) {
			failed("file_read_4K", "write");
			failed("file_mmap_read_4K", "write");
			goto out;
		}
	lseek(fd, 0, SEEK_SET);
	t0 = rdtsc();
	for (unsigned long off = 0; off < FILE_SIZE; off += PAGE)
		if (read(fd, buf, PAGE) != PAGE) {
			failed("file_read_4K", "read");
			goto mmap;
		}
	report("file_read_4K", (rdtsc() - t0) / (FILE_SIZE / PAGE));
mmap:;
	volatile char *p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		failed("file_mmap_read_4K", "mmap");
		goto out;
	}
	unsigned sum = 0;
	t0 = rdtsc();
	for (unsigned long off = 0; off < FILE_SIZE; off += PAGE)
		sum += p[off];
	report("file_mmap_read_4K", (rdtsc() - t0) / (FILE_SIZE / PAGE));
	if (sum != 'x' * (FILE_SIZE / PAGE))
		failed("file_mmap_read_4K", "wrong contents");
	munmap((void *)p, FILE_SIZE);
out:
	close(fd);
	unlink(path);
}

static void bench_exec(void)
{
	char *argv[] = { "exit0", NULL }, *envp[] = { NULL };
	uint64_t best = UINT64_MAX;

	for (int i = 0; i < EXEC_ITER; i++) {
		int status;
		uint64_t t0 = rdtsc(), t;
		pid_t pid = fork();
		if (pid == 0) {
			execve("/bin/exit0", argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
			failed("exec_static", "fork, execve or wait");
			return;
		}
		t = rdtsc() - t0;
		if (t < best)
			best = t;
	}
	report("exec_static", best);
}

int main(void)
{
	printf("KTAP version 1\n1..%d\n", NFIGURES);
	bench_anon();
	bench_mmap_munmap();
	bench_malloc();
	bench_brk();
	bench_file();
	bench_exec();
	printf("bench: done\n");
	return figure_number == NFIGURES ? 0 : 1;
}
