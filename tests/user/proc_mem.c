/*
 * proc_mem.c - /proc/<pid>/mem: a process's memory as a file whose
 * offsets are addresses. pread/pwrite of its own global, stack and heap
 * variables; a write into its own read-only text (forced: a private
 * copy, the program then runs the new code); lseek (_llseek, and the
 * 32-bit lseek whose off_t is negative above 2 GB) to an address and
 * read() there; an unmapped address (EIO, or a short count); a parent
 * reading and writing its child's memory, then the child gone (end of
 * file); a child that execs (the file opened before reads end of file,
 * a new open the new program); a process of another uid refused
 * (EACCES); between processes of the same uid, a child's memory and the
 * parent's.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "ktap.h"

#define SELF "/t/proc_mem"

static volatile int global = 0x11223344;
static const char rodata[] = "read-only data";

/* What the test rewrites: "return 42" becomes "return 43". */
__attribute__((noinline)) static int text_target(void)
{
	__asm__ volatile("");
	return 42;
}

static int (*volatile call_target)(void) = text_target;

static int p2c[2], c2p[2];	/* parent to child, child to parent */

/*
 * fork() with a fresh pair of pipes between parent and child, each side
 * keeping only its ends: a child that dies early is end of file to its
 * parent, never a wait for ever.
 */
static pid_t fork_piped(void)
{
	pid_t pid;

	if (pipe(p2c) || pipe(c2p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p2c[1]);
		close(c2p[0]);
	} else {
		close(p2c[0]);
		close(c2p[1]);
	}
	return pid;
}

/* The parent is done with the child's pipes. */
static void close_pipes(void)
{
	close(p2c[1]);
	close(c2p[0]);
}

/*
 * Run as uid 1000 (exec'd so, hence dumpable): a child's memory may be
 * opened, and the child may open its parent's (same uids and gids; no
 * Yama restriction on Debian's 6.1). Exit status: bit 0 the first
 * failed, bit 1 the second.
 */
static int same_uid_test(void)
{
	char path[32];
	int fd, v = 0, bits = 0, status;
	pid_t pid = fork_piped();

	if (pid == 0) {
		global = 0x0f0f0f0f;
		write(c2p[1], "r", 1);
		read(p2c[0], path, 1);
		snprintf(path, sizeof(path), "/proc/%d/mem", getppid());
		fd = open(path, O_RDONLY);
		_exit(fd >= 0 && pread(fd, path, 4, (off_t)(uintptr_t)&global) == 4 ? 0 : 1);
	}
	read(c2p[0], path, 1);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, &v, 4, (off_t)(uintptr_t)&global) != 4 || v != 0x0f0f0f0f)
		bits |= 1;
	write(p2c[1], "g", 1);
	status = child_status(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		bits |= 2;
	return bits;
}

static off_t addr(const volatile void *p)
{
	return (off_t)(uintptr_t)p;
}

int main(int argc, char **argv)
{
	static const unsigned char ret43[] = { 0xb8, 43, 0, 0, 0, 0xc3 };	/* mov $43,%eax; ret */
	volatile int stack_var = 0x55667788;
	int *heap = malloc(64 * sizeof(int)), v = 0, fd, rofd;
	char buf[32], *area;
	unsigned char code[sizeof(ret43)];
	struct stat st;
	pid_t pid;

	if (argc == 4 && !strcmp(argv[1], "exec-child")) {
		/* The exec test's child, after its execve: "e", then wait for the word to end. */
		write(atoi(argv[2]), "e", 1);
		read(atoi(argv[3]), buf, 1);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "same-uid"))
		return same_uid_test();
	plan(32);
	fd = open("/proc/self/mem", O_RDWR);
	ok_sys(fd, "/proc/self/mem opens for reading and writing");
	ok(fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0600 && S_ISREG(st.st_mode),
	   "it is a regular file of mode 0600");

	/* Own memory: the file's offsets are addresses. */
	ok(pread(fd, &v, 4, addr(&global)) == 4 && v == 0x11223344, "pread of a global");
	ok(pread(fd, &v, 4, addr(&stack_var)) == 4 && v == 0x55667788, "pread of a stack variable");
	heap[7] = 0x99aabbcc;
	ok(pread(fd, &v, 4, addr(&heap[7])) == 4 && v == (int)0x99aabbcc, "pread of the heap");
	v = 0x01020304;
	ok(pwrite(fd, &v, 4, addr(&global)) == 4 && global == 0x01020304, "pwrite of a global");
	v = 0x0a0b0c0d;
	ok(pwrite(fd, &v, 4, addr(&stack_var)) == 4 && stack_var == 0x0a0b0c0d,
	   "pwrite of a stack variable");
	ok(pread(fd, buf, sizeof(rodata), addr(rodata)) == sizeof(rodata) &&
	   !strcmp(buf, rodata), "pread of read-only data");

	/* Read-only text: written anyway (FOLL_FORCE), into the process's own copy. */
	ok_eq(call_target(), 42, "the function returns 42");
	ok_eq(pwrite(fd, ret43, sizeof(ret43), addr((void *)text_target)), (long)sizeof(ret43),
	      "pwrite into the read-only text page");
	ok(pread(fd, code, sizeof(code), addr((void *)text_target)) == sizeof(code) &&
	   !memcmp(code, ret43, sizeof(code)), "the text reads back as written");
	ok_eq(call_target(), 43, "the function now returns 43");
	pid = fork();
	if (pid == 0)
		_exit(call_target());
	want_status(pid, "exit 43", "a child forked after has the changed text");

	/* Addresses above 2 GB: lseek takes them (unsigned offsets), read() reads there. */
	ok(addr(&stack_var) >= 0x80000000 && lseek(fd, addr(&stack_var), SEEK_SET) == addr(&stack_var),
	   "lseek to the stack's address, above 0x80000000");
	ok(read(fd, &v, 4) == 4 && v == 0x0a0b0c0d && lseek(fd, 0, SEEK_CUR) == addr(&stack_var) + 4,
	   "read() there, the offset moves on");
	ok_errno(lseek(fd, 0, SEEK_END), EINVAL, "SEEK_END is EINVAL");
	v = 0;
	ok((unsigned long)syscall(SYS_lseek, fd, (long)(uintptr_t)&global, SEEK_SET) ==
	   (uintptr_t)&global && read(fd, &v, 4) == 4 && v == 0x01020304,
	   "the 32-bit lseek to a global, read() there");
	ok((unsigned long)syscall(SYS_lseek, fd, (long)(uintptr_t)&stack_var, SEEK_SET) ==
	   (uintptr_t)&stack_var && read(fd, &v, 4) == 4 && v == 0x0a0b0c0d,
	   "the 32-bit lseek above 0x80000000 (a negative off_t), read() there");

	/* Nothing mapped: EIO; a read running into a hole is short. */
	ok_errno(pread(fd, &v, 4, 0), EIO, "pread of address 0 is EIO");
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(area + PAGE, PAGE);
	ok_eq(pread(fd, buf, 16, addr(area + PAGE - 8)), 8, "a pread running into a hole stops there");
	ok_errno(pwrite(fd, buf, 4, addr(area + PAGE)), EIO, "pwrite to an unmapped address is EIO");
	close(fd);

	/* A child's memory, read and written by its parent. */
	pid = fork_piped();
	if (pid == 0) {
		global = 0x0c0c0c0c;
		write(c2p[1], "r", 1);
		read(p2c[0], buf, 1);
		_exit(global == 0x0d0d0d0d ? 0 : 1);
	}
	read(c2p[0], buf, 1);
	snprintf(buf, sizeof(buf), "/proc/%d/mem", pid);
	fd = open(buf, O_RDWR);
	ok(pread(fd, &v, 4, addr(&global)) == 4 && v == 0x0c0c0c0c && global == 0x01020304,
	   "the parent reads its child's global (not its own)");
	v = 0x0d0d0d0d;
	ok_eq(pwrite(fd, &v, 4, addr(&global)), 4, "the parent writes its child's global");
	write(p2c[1], "w", 1);
	want_status(pid, "exit 0", "the child sees the parent's write");
	close_pipes();
	ok_eq(pread(fd, &v, 4, addr(&global)), 0, "once the child is gone, a read is end of file");
	close(fd);

	/* A child that execs: the file opened before holds the old address space, now gone. */
	pid = fork_piped();
	if (pid == 0) {
		char w[12], r[12];

		snprintf(w, sizeof(w), "%d", c2p[1]);
		snprintf(r, sizeof(r), "%d", p2c[0]);
		global = 0x0e0e0e0e;
		write(c2p[1], "r", 1);
		read(p2c[0], buf, 1);
		execl(SELF, SELF, "exec-child", w, r, (char *)NULL);
		_exit(3);
	}
	read(c2p[0], buf, 1);
	snprintf(buf, sizeof(buf), "/proc/%d/mem", pid);
	fd = open(buf, O_RDONLY);
	ok(pread(fd, &v, 4, addr(&global)) == 4 && v == 0x0e0e0e0e, "a child's global before its exec");
	write(p2c[1], "x", 1);
	read(c2p[0], &v, 1);	/* the new program runs */
	ok_eq(pread(fd, &v, 4, addr(&global)), 0, "after the exec, the file opened before reads end of file");
	rofd = open(buf, O_RDONLY);
	ok(pread(rofd, &v, 4, addr(&global)) == 4 && v == 0x11223344,
	   "opened again: the new program's global");
	close(rofd);
	close(fd);
	write(p2c[1], "q", 1);
	want_status(pid, "exit 0", "the exec'd child ends");
	close_pipes();

	/* Another uid may not open a root process's memory. */
	pid = fork();
	if (pid == 0) {
		snprintf(buf, sizeof(buf), "/proc/%d/mem", getppid());
		if (setuid(1000))
			_exit(2);
		fd = open(buf, O_RDONLY);
		_exit(fd < 0 && errno == EACCES ? 0 : 1);
	}
	want_status(pid, "exit 0", "a process of another uid: EACCES");

	/* The same uid: a child's memory, and the child its parent's. */
	pid = fork();
	if (pid == 0) {
		if (setuid(1000))
			_exit(255);
		execl(SELF, SELF, "same-uid", (char *)NULL);
		_exit(255);
	}
	v = child_status(pid);
	v = WIFEXITED(v) ? WEXITSTATUS(v) : 255;
	ok(v != 255 && !(v & 1), "uid 1000 opens and reads its child's memory");
	ok(v != 255 && !(v & 2), "its child (uid 1000 too) opens and reads its parent's");
	return done();
}
