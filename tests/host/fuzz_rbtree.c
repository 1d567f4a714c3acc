/*
 * libFuzzer target for kernel/rbtree.c: a pool of 256 nodes, each input
 * byte pair an operation on the tree checked against a sorted array
 * (tests/host/rbtree_ref.h) after every step: rb_check()'s red-black
 * rules, both in-order walks, the node count.
 *
 *   op & 3 = 0, 1  insert pool node b (if free) with key from op >> 2 and b
 *            2     erase node b (if live)
 *            3     rb_replace_node of live node b by a spare with its key
 *
 * At the end every live node is erased and the tree must be empty.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "fuzz_args.h"
#include "rbtree_ref.h"

#define POOL	256

FUZZ_DEFAULT_MAX_LEN(2048)

static struct rb_key pool[POOL], spare[POOL];
static struct rbref ref;

static void check(unsigned int step)
{
	const char *err = rbref_check(&ref);

	if (err) {
		fprintf(stderr, "fuzz_rbtree: step %u: %s (n=%d)\n", step, err, ref.n);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;
	unsigned int step = 0;

	memset(pool, 0, sizeof(pool));
	memset(&ref, 0, sizeof(ref));
	ref.root = RB_ROOT;
	for (i = 0; i + 1 < size; i += 2, step++) {
		uint8_t op = data[i], b = data[i + 1];
		struct rb_key *k = &pool[b];

		switch (op & 3) {
		case 0:
		case 1:
			if (!k->live) {
				k->key = ((op >> 2) << 4) ^ b;
				rbref_insert(&ref, k);
			}
			break;
		case 2:
			if (k->live)
				rbref_erase(&ref, k);
			break;
		case 3:
			if (k->live) {
				/* swap the node with a spare copy and back into pool[] */
				struct rb_key *s = &spare[b];

				*s = *k;
				rb_replace_node(&k->node, &s->node, &ref.root);
				check(step);
				rb_replace_node(&s->node, &k->node, &ref.root);
			}
			break;
		}
		check(step);
	}
	for (i = 0; i < POOL; i++)
		if (pool[i].live)
			rbref_erase(&ref, &pool[i]);
	check(step);
	if (!RB_EMPTY_ROOT(&ref.root) || ref.n)
		abort();
	return 0;
}
