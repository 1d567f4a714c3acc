/* What the files of fs/proc/ share (Linux's fs/proc/internal.h). */
#ifndef _MNEME_FS_PROC_INTERNAL_H
#define _MNEME_FS_PROC_INTERNAL_H

#include <fs.h>

struct mm_struct;

/* base.c: a pid file's mm, held by mm_count (NULL: a kernel thread); cmdline, environ. */
struct mm_struct *proc_mem_open(struct file *file);
int proc_mem_release(struct inode *inode, struct file *file);
bool proc_task_alive(struct file *file);
extern const struct file_operations proc_pid_cmdline_operations;
extern const struct file_operations proc_environ_operations;
extern const struct file_operations proc_mem_operations;

/* array.c: a pid's status and stat. */
struct seq_file;
struct task_struct;
void proc_pid_status(struct seq_file *m, struct task_struct *task);
void proc_pid_stat(struct seq_file *m, struct task_struct *task);

/* meminfo.c, uptime.c, loadavg.c, stat.c: /proc/meminfo, uptime, loadavg, stat. */
void meminfo_proc_show(struct seq_file *m);
void uptime_proc_show(struct seq_file *m);
void loadavg_proc_show(struct seq_file *m);
void stat_proc_show(struct seq_file *m);

/* task_mmu.c: maps (status's Vm* lines: task_mem(), include/fs.h). */
extern const struct file_operations proc_pid_maps_operations;

#endif
