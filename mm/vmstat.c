/*
 * /proc/buddyinfo, /proc/zoneinfo and /proc/meminfo, in Linux's own
 * formats, printed with printk (include/vmstat.h).
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <mm.h>
#include <vmstat.h>
#include <asm/irqflags.h>

/* "Node 0, zone   Normal      1      0      3 ..." : free blocks per order. */
void show_buddyinfo(void)
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
		printk(KERN_INFO "%s\n", line);
	}
}

/* The fields of /proc/zoneinfo that exist in Mneme, in Linux's layout. */
void show_zoneinfo(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		int i, j;

		printk(KERN_INFO "Node 0, zone %8s\n", zone->name);
		printk(KERN_INFO "  pages free     %lu\n", zone->free_pages);
		printk(KERN_INFO "        min      %lu\n", zone->pages_min);
		printk(KERN_INFO "        low      %lu\n", zone->pages_low);
		printk(KERN_INFO "        high     %lu\n", zone->pages_high);
		printk(KERN_INFO "        spanned  %lu\n", zone->spanned_pages);
		printk(KERN_INFO "        present  %lu\n", zone->present_pages);
		printk(KERN_INFO "        protection: (");
		for (j = 0; j < MAX_NR_ZONES; j++)
			pr_cont("%s%lu", j ? ", " : "", zone->lowmem_reserve[j]);
		pr_cont(")\n");
		printk(KERN_INFO "  pagesets\n");
		for (i = 0; i < NR_PCP_LISTS; i++) {
			const struct per_cpu_pages *pcp = &zone->pageset[0].pcp[i];

			/* 2.6's two lists as 2.6 prints them; the others (Mneme's) name their order. */
			if (i <= PCP_COLD)
				printk(KERN_INFO "    cpu: 0 pcp: %d\n", i);
			else
				printk(KERN_INFO "    cpu: 0 pcp: %d order: %u\n", i, pcp_order(i));
			printk(KERN_INFO "              count: %d\n", pcp->count);
			printk(KERN_INFO "              low:   %d\n", pcp->low);
			printk(KERN_INFO "              high:  %d\n", pcp->high);
			printk(KERN_INFO "              batch: %d\n", pcp->batch);
		}
		printk(KERN_INFO "  start_pfn:         %lu\n", zone->zone_start_pfn);
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
 * MemFree counts the per-CPU lists too, every order's: their pages are
 * free, just not in the buddy system (Linux 2.6.11 left them out;
 * modern Linux counts them).
 */
void show_meminfo(void)
{
	unsigned long free = 0, highfree = 0;
	struct zone *zone;
	unsigned int i;

	for_each_zone(zone) {
		unsigned long f = zone->free_pages + zone_pcp_pages(zone);

		free += f;
		if (is_highmem(zone))
			highfree += f;
	}
	printk(KERN_INFO "MemTotal:       %8lu kB\n", K(totalram_pages));
	printk(KERN_INFO "MemFree:        %8lu kB\n", K(free));
	printk(KERN_INFO "HighTotal:      %8lu kB\n", K(totalhigh_pages));
	printk(KERN_INFO "HighFree:       %8lu kB\n", K(highfree));
	printk(KERN_INFO "LowTotal:       %8lu kB\n", K(totalram_pages - totalhigh_pages));
	printk(KERN_INFO "LowFree:        %8lu kB\n", K(free - highfree));
	for (i = 0; i < MAX_MEMINFO_EXTRA && meminfo_extra[i]; i++)
		printk(KERN_INFO "%-16s%8lu kB\n", meminfo_extra[i]->name,
		       meminfo_extra[i]->kbytes());
}

static char show_mem_what[64];

static int __init setup_show_mem(char *val)
{
	strlcpy(show_mem_what, val ? val : "buddyinfo,zoneinfo,meminfo,slabinfo,vmallocinfo",
		sizeof(show_mem_what));
	return 0;
}
__setup("show_mem", setup_show_mem);

void show_mem_at_boot(void)
{
	char *p = show_mem_what, *item;

	while ((item = strsep(&p, ",")) != NULL) {
		if (!*item)
			continue;
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
