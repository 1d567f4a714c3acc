/*
 * libFuzzer target for the radix tree (kernel/radix-tree.c) against the
 * sorted-array model of radix_tree_host.h, over the slab machine (nodes
 * from the real slab allocator). The input is a sequence of steps of
 * five bytes (op, then a 32-bit index, little endian):
 *
 *   op % 8 = 0..3  insert at the index (0 or -EEXIST as the model says;
 *                  -ENOMEM only while fail_slab is on, the tree unchanged)
 *            4,5   delete the index (its item or NULL as the model says)
 *            6     gang lookup from the index, op >> 3 items at most
 *            7     fault injection: fail_slab every (index & 3)th
 *                  allocation (0: off); index bit 2: under radix_tree_preload()
 *                  with an atomic tree, as the page cache inserts
 *
 * After every step the looked-up index is checked, every 8th step and at
 * the end the whole tree against the model (rt_check(): radix_tree_check(),
 * every lookup, gang lookups); then everything is deleted and every node
 * and slab page must be back.
 */
#include "slab_host.h"
#include "radix_tree_host.h"
#include "fuzz_args.h"

#define MAX_STEPS	200
#define MAX_LEN		(MAX_STEPS * 5)

static const struct pa_layout machine = {
	.name = "radix-16M",
	.zones_size = { 0x1000, 0, 0 },
	.holes = { { 0x9f, 0x100 } },
	.reserved = { { 0, 1 }, { 0x100, 0x180 } },
};

FUZZ_DEFAULT_MAX_LEN(MAX_LEN)

static struct rt_model model;
static unsigned int step;

__attribute__((noreturn)) static void die(const char *msg)
{
	fprintf(stderr, "fuzz_radix_tree: step %u: %s\n", step, msg);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	const char *err;
	size_t pos;
	int preload = 0;

	rt_boot(&machine);
	host_printk_clear();
	model.nr = 0;
	step = 0;
	for (pos = 0; pos + 5 <= size && step < MAX_STEPS; pos += 5) {
		uint8_t op = data[pos];
		unsigned long index = data[pos + 1] | data[pos + 2] << 8 | data[pos + 3] << 16 |
				      (unsigned long)data[pos + 4] << 24;
		int r;

		step++;
		switch (op % 8) {
		case 0: case 1: case 2: case 3:
			if (preload && radix_tree_preload(GFP_KERNEL)) {
				if (!fail_slab.interval)
					die("preload failed with no fault injected");
				break;
			}
			r = radix_tree_insert(&root, index, rt_item(index));
			if (preload)
				radix_tree_preload_end();
			if (r == 0) {
				if (rt_model_has(&model, index))
					die("insert over an existing item succeeded");
				rt_model_insert(&model, index);
			} else if (r == -EEXIST) {
				if (!rt_model_has(&model, index))
					die("-EEXIST for a free index");
			} else if (r == -ENOMEM) {
				if (!fail_slab.interval || preload)
					die("-ENOMEM with no fault injected (or preloaded)");
			} else {
				die("insert returned an unexpected error");
			}
			break;
		case 4: case 5: {
			void *item = radix_tree_delete(&root, index);

			if (rt_model_has(&model, index)) {
				if (item != rt_item(index))
					die("delete returned the wrong item");
				rt_model_delete(&model, index);
			} else if (item) {
				die("delete found an item never inserted");
			}
			break;
		}
		case 6:
			err = rt_check_gang(&root, &model, index, op >> 3);
			if (err)
				die(err);
			break;
		case 7:
			fault_attr_set(&fail_slab, index & 3, -1);
			preload = !!(index & 4);
			root.gfp_mask = preload ? GFP_ATOMIC : GFP_KERNEL;
			break;
		}
		if ((radix_tree_lookup(&root, index) != NULL) != rt_model_has(&model, index))
			die("lookup disagrees with the model");
		if (step % 8 == 0) {
			err = rt_check(&root, &model);
			if (err)
				die(err);
		}
	}
	err = rt_check(&root, &model);
	if (err)
		die(err);
	fault_attr_set(&fail_slab, 0, -1);
	while (model.nr) {
		unsigned long idx = model.index[--model.nr];

		if (radix_tree_delete(&root, idx) != rt_item(idx))
			die("final delete: wrong item");
	}
	if (root.rnode || root.height || radix_tree_nr_nodes)
		die("nodes left after deleting everything");
	err = sh_leak_check();
	if (err)
		die(err);
	return 0;
}
