/*
 * The memory reports of Linux's /proc files, printed to the kernel log
 * (mm/vmstat.c). Mneme has no /proc yet; the boot parameter
 * "show_mem=buddyinfo,zoneinfo,meminfo" (or just "show_mem" for all)
 * prints them at the end of boot, and tests call them directly.
 */
#ifndef _MNEME_VMSTAT_H
#define _MNEME_VMSTAT_H

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

/* The end of boot: print what "show_mem=" asked for. */
void show_mem_at_boot(void);

#endif
