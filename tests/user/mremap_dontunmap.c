/*
 * mremap_dontunmap.c - MREMAP_DONTUNMAP (Linux 5.7+): the pages move, the
 * old region stays mapped and reads zeros (anonymous) or the file again;
 * with MREMAP_FIXED; the errors for a resize or a missing MREMAP_MAYMOVE.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include "fault.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
	char *p, *q, *t, *f, *g;
	int good = 1, fd;

	plan(12);
	p = mmap(NULL, 4 * PAGE, RW, ANON, -1, 0);
	for (int i = 0; i < 4; i++)
		p[i * PAGE] = 'a' + i;
	q = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	ok(q != MAP_FAILED && q != p, "MREMAP_DONTUNMAP moves the mapping");
	for (int i = 0; i < 4; i++)
		good &= q != MAP_FAILED && q[i * PAGE] == 'a' + i;
	ok(good, "its pages went with it");
	ok(probe(p, 0) == 0 && p[0] == 0 && p[3 * PAGE] == 0,
	   "the old range is still mapped and reads zeros");
	p[PAGE] = 'x';
	ok(q != MAP_FAILED && q[PAGE] == 'b', "a write there does not reach the moved pages");

	t = mmap(NULL, 4 * PAGE, PROT_READ, ANON, -1, 0);
	ok(mremap(q, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, t) == t,
	   "with MREMAP_FIXED onto a chosen address");
	ok(t[2 * PAGE] == 'c' && probe(q, 1) == 0 && q[2 * PAGE] == 0,
	   "the pages are there, the source reads zeros");

	ok_errno((long)mremap(t, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP), EINVAL,
		 "a resize with MREMAP_DONTUNMAP: EINVAL");
	ok_errno((long)mremap(t, 4 * PAGE, 4 * PAGE, MREMAP_DONTUNMAP), EINVAL,
		 "MREMAP_DONTUNMAP without MREMAP_MAYMOVE: EINVAL");
	ok_errno((long)mremap(t, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | 8), EINVAL,
		 "an unknown flag: EINVAL");

	/* A private file mapping: the old range maps the file again. */
	fd = open("/tmp/mremap_dontunmap", O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "file", 4);
	ftruncate(fd, PAGE);
	f = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
	f[0] = 'F';
	g = mremap(f, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	ok(g != MAP_FAILED && g[0] == 'F', "a private file page moves with its copy");
	ok(probe(f, 0) == 0 && f[0] == 'f', "the old range reads the file again");
	ok(munmap(p, 4 * PAGE) == 0 && munmap(q, 4 * PAGE) == 0 && munmap(t, 4 * PAGE) == 0 &&
	   munmap(f, PAGE) == 0 && munmap(g, PAGE) == 0, "everything unmaps");
	close(fd);
	unlink("/tmp/mremap_dontunmap");
	return done();
}
