/*
 * The memory reports of Linux's /proc files (mm/vmstat.c, mm/slabinfo.c,
 * mm/vmalloc.c): each written by its *_show(seq_file) function, which
 * /proc's files read (fs/proc/) and show_*() prints to the kernel log;
 * the boot parameter "show_mem=buddyinfo,zoneinfo,meminfo" (or just
 * "show_mem" for all) prints them at the end of boot; "show_mem=maps"
 * prints each process's /proc/<pid>/maps as it exits.
 */
#ifndef _MNEME_VMSTAT_H
#define _MNEME_VMSTAT_H

#include <types.h>

struct seq_file;

void buddyinfo_show(struct seq_file *m);
void zoneinfo_show(struct seq_file *m);
void meminfo_show(struct seq_file *m);
void slabinfo_show(struct seq_file *m);
void vmallocinfo_show(struct seq_file *m);
void vmstat_show(struct seq_file *m);

/* /proc/vmstat's event counters. */
enum vm_event_item {
	PGALLOC_DMA,		/* PGALLOC_DMA + zone number: pages allocated in each zone */
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGFREE,			/* pages freed */
	PGFAULT,		/* page faults (the fault handler counts them) */
	PGMAJFAULT,		/* those that had to read the page in */
	NR_VM_EVENTS
};
extern unsigned long vm_events[NR_VM_EVENTS];

static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_events[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

void show_buddyinfo(void);
void show_zoneinfo(void);
void show_meminfo(void);
void show_slabinfo(void);
void show_vmallocinfo(void);

/* A /proc/meminfo field other subsystems provide (the slab, vmalloc ...). */
struct meminfo_extra {
	const char *name;
	unsigned long (*kbytes)(void);
};

void register_meminfo_extra(const struct meminfo_extra *e);
unsigned long meminfo_extra_kbytes(const char *name);
/* MemFree's pages (per-CPU lists included); *highfree: those in HighMem. */
unsigned long meminfo_free_pages(unsigned long *highfree);

/* The end of boot: print what "show_mem=" asked for. */
void show_mem_at_boot(void);
/* show_mem=maps: each process's maps printed at exit_mm() (show_exit_maps, fs.h). */
extern bool show_mem_maps;

#endif
