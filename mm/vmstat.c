/*
 * /proc/buddyinfo, /proc/zoneinfo and /proc/meminfo, in Linux's own
 * formats, printed with printk (include/vmstat.h).
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <mm.h>
#include <seq_file.h>
#include <vmstat.h>
#include <asm/irqflags.h>

/* "Node 0, zone   Normal      1      0      3 ..." : free blocks per order. */
void buddyinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_zone(zone) {
		char line[16 + 8 + MAX_ORDER * 7 + 1];
		unsigned long flags;
		unsigned int order;
		int len;

		if (!populated_zone(zone))
			continue;
		len = scnprintf(line, sizeof(line), "Node 0, zone %8s ", zone->name);
		local_irq_save(flags);
		for (order = 0; order < MAX_ORDER; order++)
			len += scnprintf(line + len, sizeof(line) - len, "%6lu ",
					 zone->free_area[order].nr_free);
		local_irq_restore(flags);
		seq_printf(m, "%s\n", line);
	}
}

/* The fields of /proc/zoneinfo that exist in Mneme, in Linux's layout. */
void zoneinfo_show(struct seq_file *m)
{
	struct zone *zone;

	for_each_zone(zone) {
		int i, j;

		seq_printf(m, "Node 0, zone %8s\n", zone->name);
		seq_printf(m, "  pages free     %lu\n", zone->free_pages);
		seq_printf(m, "        min      %lu\n", zone->pages_min);
		seq_printf(m, "        low      %lu\n", zone->pages_low);
		seq_printf(m, "        high     %lu\n", zone->pages_high);
		seq_printf(m, "        spanned  %lu\n", zone->spanned_pages);
		seq_printf(m, "        present  %lu\n", zone->present_pages);
		seq_printf(m, "        protection: (");
		for (j = 0; j < MAX_NR_ZONES; j++)
			seq_printf(m, "%s%lu", j ? ", " : "", zone->lowmem_reserve[j]);
		seq_printf(m, ")\n");
		seq_printf(m, "  pagesets\n");
		for (i = 0; i < NR_PCP_LISTS; i++) {
			const struct per_cpu_pages *pcp = &zone->pageset[0].pcp[i];

			/* 2.6's two lists as 2.6 prints them; the others (Mneme's) name their order. */
			if (i <= PCP_COLD)
				seq_printf(m, "    cpu: 0 pcp: %d\n", i);
			else
				seq_printf(m, "    cpu: 0 pcp: %d order: %u\n", i, pcp_order(i));
			seq_printf(m, "              count: %d\n", pcp->count);
			seq_printf(m, "              low:   %d\n", pcp->low);
			seq_printf(m, "              high:  %d\n", pcp->high);
			seq_printf(m, "              batch: %d\n", pcp->batch);
		}
		seq_printf(m, "  start_pfn:         %lu\n", zone->zone_start_pfn);
	}
}


/* Fields later subsystems report (Slab:, VmallocUsed: ...) register here. */
#define MAX_MEMINFO_EXTRA	8
static const struct meminfo_extra *meminfo_extra[MAX_MEMINFO_EXTRA];

void register_meminfo_extra(const struct meminfo_extra *e)
{
	unsigned int i;

	for (i = 0; i < MAX_MEMINFO_EXTRA; i++) {
		if (!meminfo_extra[i]) {
			meminfo_extra[i] = e;
			return;
		}
	}
	WARN(1, "meminfo: no room for %s\n", e->name);
}

/*
 * The free pages (and the high ones among them) as MemFree counts them:
 * the per-CPU lists too, every order's: their pages are
 * free, just not in the buddy system (Linux 2.6.11 left them out;
 * modern Linux counts them).
 */
unsigned long meminfo_free_pages(unsigned long *highfree)
{
	unsigned long free = 0;
	struct zone *zone;

	*highfree = 0;
	for_each_zone(zone) {
		unsigned long f = zone->free_pages + zone_pcp_pages(zone);

		free += f;
		if (is_highmem(zone))
			*highfree += f;
	}
	return free;
}

/* A registered field's value (its name with the colon), 0 if none has it. */
unsigned long meminfo_extra_kbytes(const char *name)
{
	unsigned int i;

	for (i = 0; i < MAX_MEMINFO_EXTRA && meminfo_extra[i]; i++)
		if (!strcmp(meminfo_extra[i]->name, name))
			return meminfo_extra[i]->kbytes();
	return 0;
}

void meminfo_show(struct seq_file *m)
{
	unsigned long highfree, free = meminfo_free_pages(&highfree);
	unsigned int i;

	seq_printf(m, "MemTotal:       %8lu kB\n", K(totalram_pages));
	seq_printf(m, "MemFree:        %8lu kB\n", K(free));
	seq_printf(m, "HighTotal:      %8lu kB\n", K(totalhigh_pages));
	seq_printf(m, "HighFree:       %8lu kB\n", K(highfree));
	seq_printf(m, "LowTotal:       %8lu kB\n", K(totalram_pages - totalhigh_pages));
	seq_printf(m, "LowFree:        %8lu kB\n", K(free - highfree));
	for (i = 0; i < MAX_MEMINFO_EXTRA && meminfo_extra[i]; i++)
		seq_printf(m, "%-16s%8lu kB\n", meminfo_extra[i]->name,
		       meminfo_extra[i]->kbytes());
}

void show_buddyinfo(void)
{
	struct seq_file m = SEQ_LOG;

	buddyinfo_show(&m);
	seq_flush(&m);
}

void show_zoneinfo(void)
{
	struct seq_file m = SEQ_LOG;

	zoneinfo_show(&m);
	seq_flush(&m);
}

void show_meminfo(void)
{
	struct seq_file m = SEQ_LOG;

	meminfo_show(&m);
	seq_flush(&m);
}

/*
 * /proc/vmstat's events (Linux's vm_event_item): pages allocated per
 * zone and freed (mm/page_alloc.c), page faults and major faults (the
 * fault handler's).
 */
unsigned long vm_events[NR_VM_EVENTS];

static const char *const vm_event_names[NR_VM_EVENTS] = {
	[PGALLOC_DMA] = "pgalloc_dma",
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGALLOC_HIGH] = "pgalloc_high",
	[PGFREE] = "pgfree",
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
};

/* /proc/vmstat: "name value" lines, the free pages first as Linux's nr_free_pages. */
void vmstat_show(struct seq_file *m)
{
	unsigned long free = 0;
	struct zone *zone;
	unsigned int i;

	for_each_zone(zone)
		free += zone->free_pages + zone_pcp_pages(zone);
	seq_printf(m, "nr_free_pages %lu\n", free);
	for (i = 0; i < NR_VM_EVENTS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_events[i]);
}

static char show_mem_what[64];
/* show_mem=maps: each process's maps printed as it exits (exit_mm, show_exit_maps). */
bool show_mem_maps;

/* Whether the comma-separated list names item. */
static bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (; *list; list++) {
		if (!strncmp(list, item, n) && (list[n] == ',' || !list[n]))
			return true;
		list = strchr(list, ',');
		if (!list)
			break;
	}
	return false;
}

static int __init setup_show_mem(char *val)
{
	strlcpy(show_mem_what, val ? val : "buddyinfo,zoneinfo,meminfo,slabinfo,vmallocinfo",
		sizeof(show_mem_what));
	show_mem_maps = list_has(show_mem_what, "maps");
	return 0;
}
__setup("show_mem", setup_show_mem);

void show_mem_at_boot(void)
{
	char *p = show_mem_what, *item;

	while ((item = strsep(&p, ",")) != NULL) {
		if (!*item || !strcmp(item, "maps"))
			continue;	/* maps: each process's, at its exit */
		printk(KERN_INFO "--- /proc/%s ---\n", item);
		if (!strcmp(item, "buddyinfo"))
			show_buddyinfo();
		else if (!strcmp(item, "zoneinfo"))
			show_zoneinfo();
		else if (!strcmp(item, "meminfo"))
			show_meminfo();
		else if (!strcmp(item, "slabinfo"))
			show_slabinfo();
		else if (!strcmp(item, "vmallocinfo"))
			show_vmallocinfo();
		else
			printk(KERN_WARNING "show_mem: no report named '%s'\n", item);
	}
}
