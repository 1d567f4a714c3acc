/*
 * devmem.c - /dev/mem: the VGA text buffer at 0xb8000 mapped and written
 * ("Mneme", white on blue, on row 12 of QEMU's screen), read back through
 * the mapping, read()/pread()/pwrite(); STRICT_DEVMEM's answers for RAM
 * (refused above 1 MB, zeros below), the end of the direct map, and what
 * a device mapping (VM_IO | VM_PFNMAP) allows: fork shares it, a private
 * one copies on write, mremap moves but does not grow it, madvise
 * DONTNEED is refused, mlock and mprotect work.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

#define VGA	0xb8000UL
#define ROW	(12 * 160)		/* 80 columns of (character, attribute) */
#define RW	(PROT_READ | PROT_WRITE)
#define HIGH_RAM 0x200000UL		/* 2 MB: RAM on every machine the tests use */

static const char word[] = "Mneme";

static int shows(const volatile unsigned char *cell, const char *s, unsigned char attr)
{
	for (; *s; s++, cell += 2)
		if (cell[0] != (unsigned char)*s || cell[1] != attr)
			return 0;
	return 1;
}

/* The /proc/self/maps line naming /dev/mem, or "" */
static const char *maps_line(void)
{
	static char maps[8192];
	int fd = open("/proc/self/maps", O_RDONLY), n, len = 0;
	char *l, *e;

	while (fd >= 0 && (n = read(fd, maps + len, sizeof(maps) - 1 - len)) > 0)
		len += n;
	close(fd);
	maps[len] = 0;
	l = strstr(maps, "/dev/mem");
	if (!l)
		return "";
	while (l > maps && l[-1] != '\n')
		l--;
	e = strchr(l, '\n');
	if (e)
		*e = 0;
	return l;
}

int main(void)
{
	unsigned char buf[16], zeros[16] = { 0 };
	volatile unsigned char *v, *priv, *moved;
	int fd, i, all_zero;
	pid_t pid;
	void *q;

	plan(25);
	fd = open("/dev/mem", O_RDWR | O_SYNC);
	ok_sys(fd, "open /dev/mem read-write");
	v = mmap(NULL, PAGE, RW, MAP_SHARED, fd, VGA);
	ok(v != MAP_FAILED, "mmap of one page at 0xb8000 (the VGA text buffer)");
	if (v == MAP_FAILED)
		return done();
	for (i = 0; word[i]; i++) {
		v[ROW + 2 * i] = word[i];
		v[ROW + 2 * i + 1] = 0x1f;
	}
	ok(shows(v + ROW, word, 0x1f), "\"Mneme\" written and read back through the mapping");
	ok_eq(pread(fd, buf, 10, VGA + ROW), 10, "pread of 10 bytes at 0xb8000 + row 12");
	ok(shows(buf, word, 0x1f), "pread sees the characters and attributes");
	ok_eq(lseek(fd, VGA + ROW, SEEK_SET), VGA + ROW, "lseek SEEK_SET to the physical address");
	memset(buf, 0, sizeof(buf));
	ok(read(fd, buf, 10) == 10 && shows(buf, word, 0x1f), "read() there sees them too");
	ok_eq(lseek(fd, 0, SEEK_CUR), VGA + ROW + 10, "the position moved on by 10");
	ok_errno(lseek(fd, 0, SEEK_END), EINVAL, "lseek SEEK_END: EINVAL");
	ok(pwrite(fd, "M\x4eN\x4e", 4, VGA + ROW + 20) == 4 && v[ROW + 20] == 'M' &&
	   v[ROW + 21] == 0x4e && v[ROW + 22] == 'N', "pwrite shows through the mapping");

	ok_errno(mmap(NULL, PAGE, RW, MAP_SHARED, fd, HIGH_RAM), EPERM,
		 "mmap of RAM above 1 MB: EPERM (STRICT_DEVMEM)");
	ok_errno(pread(fd, buf, 16, HIGH_RAM), EPERM, "pread of RAM above 1 MB: EPERM");
	memset(buf, 0xa5, sizeof(buf));
	all_zero = pread(fd, buf, 16, 0x1000) == 16 && !memcmp(buf, zeros, 16);
	ok(all_zero, "pread of RAM below 1 MB reads zeros");
	ok_errno(pread(fd, buf, 16, 0xf0000000UL), EFAULT,
		 "pread beyond the direct map's end: EFAULT");

	ok(strstr(maps_line(), " rw-s 000b8000 ") != NULL, "/proc/self/maps: rw-s at offset 000b8000");
	ok_errno(madvise((void *)v, PAGE, MADV_DONTNEED), EINVAL, "madvise(MADV_DONTNEED): EINVAL");
	ok_sys(mlock((void *)v, PAGE), "mlock of it succeeds (and does nothing)");
	ok(mprotect((void *)v, PAGE, PROT_READ) == 0 && mprotect((void *)v, PAGE, RW) == 0 &&
	   (v[ROW + 2 * 4 + 1] = 0x1e, shows(v + ROW, "Mnem", 0x1f)),
	   "mprotect read-only and back: writable, contents kept");
	v[ROW + 2 * 4 + 1] = 0x1f;

	pid = fork();
	if (pid == 0) {
		int good = shows(v + ROW, word, 0x1f);

		v[ROW + 2 * 5] = '!';
		v[ROW + 2 * 5 + 1] = 0x1f;
		_exit(good ? 0 : 1);
	}
	ok(want_status(pid, "exit 0", "the child sees the screen") && v[ROW + 10] == '!',
	   "and its write is the parent's (a shared device mapping)");

	priv = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, VGA);
	ok(priv != MAP_FAILED && shows(priv + ROW, word, 0x1f), "a private mapping reads the screen");
	if (priv != MAP_FAILED) {
		priv[ROW] = 'X';
		ok(priv[ROW] == 'X' && v[ROW] == 'M', "its write goes to a private copy, not the screen");
		munmap((void *)priv, PAGE);
	} else {
		ok(0, "its write goes to a private copy, not the screen");
	}

	q = mremap((void *)v, PAGE, 2 * PAGE, MREMAP_MAYMOVE);
	ok(q == MAP_FAILED && errno == EFAULT, "mremap growing it: EFAULT (VM_DONTEXPAND)");
	moved = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	moved = mremap((void *)v, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)moved);
	ok(moved != MAP_FAILED && moved != v && shows(moved + ROW, word, 0x1f),
	   "mremap moving it: the screen at the new address");
	ok_sys(munmap((void *)moved, PAGE), "munmap");
	close(fd);
	return done();
}
