/*
 * /proc/meminfo in Linux 6.1's layout (fs/proc/meminfo.c), which free
 * and top parse. The kernel log's report (show_mem=meminfo, mm/vmstat.c)
 * keeps 2.6's short form; this file has every line Linux prints, so a
 * program looking for one finds it. Values Mneme has no mechanism for
 * are what Linux shows without it: no swap, zswap, huge pages, per-CPU
 * allocator, writeback or bounce buffers (0). Mneme has no page
 * reclaim: every page-cache page is unevictable, no slab is
 * reclaimable. Not counted yet (0): the LRU lists, AnonPages, Mapped,
 * Committed_AS.
 */
#include <kernel.h>
#include <mm.h>
#include <mmzone.h>
#include <pagemap.h>
#include <sched.h>
#include <seq_file.h>
#include <slab.h>
#include <vmstat.h>
#include <asm/pgtable.h>
#include "internal.h"

/* Linux's calculate_totalreserve_pages(): what each zone keeps from user allocations. */
static unsigned long totalreserve_pages(void)
{
	unsigned long reserve = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long max = 0;
		int j;

		for (j = 0; j < MAX_NR_ZONES; j++)
			max = max(max, zone->lowmem_reserve[j]);
		max += zone->pages_high;
		reserve += min(max, zone->present_pages);
	}
	return reserve;
}

/* Linux's si_mem_available(): with nothing reclaimable, the free pages above the reserves. */
static unsigned long mem_available(unsigned long free)
{
	unsigned long reserve = totalreserve_pages();

	return free > reserve ? free - reserve : 0;
}

/* The page tables of every address space, once each (threads share theirs). */
static unsigned long page_table_pages(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->mm && thread_group_leader(t))
			n += t->mm->nr_ptes;
	return n;
}

/* The direct map's kB in 4 KB and in 4 MB pages (Linux's DirectMap4k, DirectMap4M). */
static void direct_map_kb(unsigned long *k4, unsigned long *m4)
{
	unsigned long addr = PAGE_OFFSET, end = (unsigned long)high_memory;

	*k4 = *m4 = 0;
	while (addr < end) {
		pgd_t *pgd = pgd_offset_k(addr);

		if (pgd_large(*pgd)) {
			*m4 += 4096;
			addr += PGDIR_SIZE;
			continue;
		}
		if (pgd_present(*pgd) && pte_present(*pte_offset_kernel(pgd, addr)))
			*k4 += 4;
		addr += PAGE_SIZE;
	}
}

static void show_val_kb(struct seq_file *m, const char *name, unsigned long kb)
{
	seq_printf(m, "%-16s%8lu kB\n", name, kb);
}

void meminfo_proc_show(struct seq_file *m)
{
	unsigned long highfree, free = meminfo_free_pages(&highfree);
	unsigned long cached = nr_pagecache, k4, m4;

	direct_map_kb(&k4, &m4);
	show_val_kb(m, "MemTotal:", K(totalram_pages));
	show_val_kb(m, "MemFree:", K(free));
	show_val_kb(m, "MemAvailable:", K(mem_available(free)));
	show_val_kb(m, "Buffers:", 0);
	show_val_kb(m, "Cached:", K(cached));
	show_val_kb(m, "SwapCached:", 0);
	show_val_kb(m, "Active:", 0);
	show_val_kb(m, "Inactive:", 0);
	show_val_kb(m, "Active(anon):", 0);
	show_val_kb(m, "Inactive(anon):", 0);
	show_val_kb(m, "Active(file):", 0);
	show_val_kb(m, "Inactive(file):", 0);
	show_val_kb(m, "Unevictable:", K(cached));
	show_val_kb(m, "Mlocked:", 0);
	show_val_kb(m, "HighTotal:", K(totalhigh_pages));
	show_val_kb(m, "HighFree:", K(highfree));
	show_val_kb(m, "LowTotal:", K(totalram_pages - totalhigh_pages));
	show_val_kb(m, "LowFree:", K(free - highfree));
	show_val_kb(m, "SwapTotal:", 0);
	show_val_kb(m, "SwapFree:", 0);
	show_val_kb(m, "Zswap:", 0);
	show_val_kb(m, "Zswapped:", 0);
	show_val_kb(m, "Dirty:", 0);
	show_val_kb(m, "Writeback:", 0);
	show_val_kb(m, "AnonPages:", 0);
	show_val_kb(m, "Mapped:", 0);
	show_val_kb(m, "Shmem:", 0);
	show_val_kb(m, "KReclaimable:", 0);
	show_val_kb(m, "Slab:", K(nr_slab_pages));
	show_val_kb(m, "SReclaimable:", 0);
	show_val_kb(m, "SUnreclaim:", K(nr_slab_pages));
	show_val_kb(m, "KernelStack:", nr_threads * (THREAD_SIZE >> 10));
	show_val_kb(m, "PageTables:", K(page_table_pages()));
	show_val_kb(m, "SecPageTables:", 0);
	show_val_kb(m, "NFS_Unstable:", 0);
	show_val_kb(m, "Bounce:", 0);
	show_val_kb(m, "WritebackTmp:", 0);
	/* Linux's vm_commit_limit() at the default overcommit_ratio (50), no swap. */
	show_val_kb(m, "CommitLimit:", K(totalram_pages) / 2);
	show_val_kb(m, "Committed_AS:", 0);
	show_val_kb(m, "VmallocTotal:", meminfo_extra_kbytes("VmallocTotal:"));
	show_val_kb(m, "VmallocUsed:", meminfo_extra_kbytes("VmallocUsed:"));
	show_val_kb(m, "VmallocChunk:", 0);	/* Linux stopped computing it (5.3) */
	show_val_kb(m, "Percpu:", 0);
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:", 0);
	show_val_kb(m, "ShmemHugePages:", 0);
	show_val_kb(m, "ShmemPmdMapped:", 0);
	show_val_kb(m, "FileHugePages:", 0);
	show_val_kb(m, "FilePmdMapped:", 0);
	seq_printf(m, "HugePages_Total:   %5lu\n", 0UL);
	seq_printf(m, "HugePages_Free:    %5lu\n", 0UL);
	seq_printf(m, "HugePages_Rsvd:    %5lu\n", 0UL);
	seq_printf(m, "HugePages_Surp:    %5lu\n", 0UL);
	show_val_kb(m, "Hugepagesize:", 4096);
	show_val_kb(m, "Hugetlb:", 0);
	show_val_kb(m, "DirectMap4k:", k4);
	show_val_kb(m, "DirectMap4M:", m4);
}
