/*
 * mm/vmstat.c's show_mem_at_boot() calls show_vmallocinfo(), which is in
 * mm/vmalloc.c (page tables: not built for the host). An empty one, alone
 * in its archive member like kallsyms_empty.c: a program that links a
 * real one never pulls this in.
 */
#include <kernel.h>
#include <vmstat.h>

void show_vmallocinfo(void)
{
	printk(KERN_INFO "vmallocinfo: not available on the host\n");
}
