/*
 * /proc/slabinfo (version 2.1, Linux's format) and the Slab: line of
 * /proc/meminfo.
 */
#include <kernel.h>
#include <mm.h>
#include <semaphore.h>
#include <slab.h>
#include <slab_def.h>
#include <seq_file.h>
#include <vmstat.h>
#include "internal.h"

void slabinfo_show(struct seq_file *m)
{
	kmem_cache_t *c;

	seq_printf(m, "slabinfo - version: 2.1\n");
	seq_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
	       "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
	       "<active_slabs> <num_slabs> <sharedavail>\n");
	down(&cache_chain_sem);
	list_for_each_entry(c, &cache_chain, next) {
		unsigned long flags, active_objs, active_slabs, num_slabs;
		struct slab *slabp;

		spin_lock_irqsave(&c->spinlock, flags);
		num_slabs = c->num_slabs;
		active_slabs = 0;
		list_for_each_entry(slabp, &c->lists.slabs_full, list)
			active_slabs++;
		list_for_each_entry(slabp, &c->lists.slabs_partial, list)
			active_slabs++;
		/* As in Linux, objects in the per-CPU arrays count as active. */
		active_objs = num_slabs * c->num - c->lists.free_objects;
		spin_unlock_irqrestore(&c->spinlock, flags);
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n",
		       c->name, active_objs, num_slabs * c->num, c->objsize, c->num,
		       1U << c->gfporder, c->limit, c->batchcount, 0, active_slabs, num_slabs, 0);
	}
	up(&cache_chain_sem);
}

static unsigned long slab_kbytes(void)
{
	return K(nr_slab_pages);
}

static const struct meminfo_extra slab_meminfo = { "Slab:", slab_kbytes };

void register_slab_meminfo(void)
{
	register_meminfo_extra(&slab_meminfo);
}

void show_slabinfo(void)
{
	struct seq_file m = SEQ_LOG;

	slabinfo_show(&m);
	seq_flush(&m);
}
