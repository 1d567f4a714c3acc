/* malloc.c - musl's malloc: small blocks, calloc, realloc, a huge block, an impossible one. */
#include <stdint.h>
#include "ktap.h"

int main(void)
{
	static char *blocks[2000];
	int good = 1;
	char *big, *p;

	plan(7);
	for (int i = 0; i < 2000; i++) {
		blocks[i] = malloc(1 + i % 300);
		if (!blocks[i]) {
			good = 0;
			break;
		}
		memset(blocks[i], i & 0xff, 1 + i % 300);
	}
	for (int i = 0; good && i < 2000; i++)
		for (int j = 0; j < 1 + i % 300; j++)
			if (blocks[i][j] != (char)(i & 0xff))
				good = 0;
	ok(good, "2000 small blocks keep their contents");
	for (int i = 0; i < 2000; i += 2)
		free(blocks[i]);
	for (int i = 1; good && i < 2000; i += 2)
		good = blocks[i][i % 300] == (char)(i & 0xff);
	ok(good, "freeing every other block leaves the rest intact");
	for (int i = 1; i < 2000; i += 2)
		free(blocks[i]);

	p = calloc(1000, 100);
	good = p != NULL;
	for (int i = 0; good && i < 100000; i++)
		good = p[i] == 0;
	ok(good, "calloc(1000, 100) is zeroed");
	strcpy(p, "kept across realloc");
	p = realloc(p, 1 << 20);
	ok(p && !strcmp(p, "kept across realloc"), "realloc to 1 MB keeps the contents");
	free(p);

	big = malloc(48 << 20);
	good = big != NULL;
	if (good) {
		for (unsigned long off = 0; off < (48UL << 20); off += PAGE)
			big[off] = (char)(off >> 12);
		for (unsigned long off = 0; good && off < (48UL << 20); off += PAGE)
			good = big[off] == (char)(off >> 12);
	}
	ok(good, "a 48 MB block is usable page by page");
	free(big);

	errno = 0;
	volatile size_t huge = 0xC0000000UL;
	p = malloc(huge);
	ok(p == NULL && errno == ENOMEM, "malloc(3 GB) returns NULL with ENOMEM");
	p = malloc(100);
	ok(p != NULL, "malloc works afterwards");
	free(p);
	return done();
}
