/*
 * The system calls, as Linux's include/linux/syscalls.h: one prototype
 * per sys_* function, with Linux's name and argument list. The table
 * that int 0x80 dispatches through is generated from Linux's own
 * numbers (asm/unistd_32.h of linux-libc-dev:i386) and the sys_*
 * functions the kernel defines: defining one is what wires it up; a
 * number without a function returns -ENOSYS.
 *
 * Arguments arrive as Linux i386 passes them (ebx, ecx, edx, esi, edi,
 * ebp, in that order), each a 32-bit word; pointers into user space are
 * marked __user and reached only through include/asm/uaccess.h.
 *
 * Grouped by the subsystem that defines them.
 */
#ifndef _MNEME_SYSCALLS_H
#define _MNEME_SYSCALLS_H

#include <types.h>
#include <compiler.h>
#include <signal.h>

struct user_desc;
struct new_utsname;
struct rusage;
struct rlimit;
struct rlimit64;
struct sysinfo;
struct timespec;
struct __kernel_timespec;
struct timeval;
struct timezone;
struct itimerval;
struct tms;
struct sigaction;
struct old_sigaction;
struct sigaltstack;
struct siginfo;

/*
 * The task and the CPU (engineer A: arch/x86/, kernel/sys.c, kernel/exit.c,
 * kernel/sched.c). sys_ni_syscall() takes the number in eax (fastcall):
 * the entry code calls it for every number without a function.
 */
long fastcall sys_ni_syscall(unsigned long nr);
long sys_exit(int error_code);
long sys_exit_group(int error_code);
long sys_getpid(void);
long sys_gettid(void);
long sys_newuname(struct new_utsname __user *name);
long sys_sched_yield(void);
struct pollfd;
struct timeval;
struct timespec;
struct __kernel_timespec;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll_time32(struct pollfd __user *ufds, unsigned int nfds,
		      struct timespec __user *tsp, const sigset_t __user *sigmask, size_t sigsetsize);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct __kernel_timespec __user *tsp, const sigset_t __user *sigmask,
	       size_t sigsetsize);
long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp);
long sys_pselect6_time32(int n, unsigned long __user *inp, unsigned long __user *outp,
			 unsigned long __user *exp, struct timespec __user *tsp, void __user *sig);
long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct __kernel_timespec __user *tsp, void __user *sig);
long sys_sched_getaffinity(int pid, unsigned int len, unsigned long __user *user_mask_ptr);
long sys_sched_setaffinity(int pid, unsigned int len, unsigned long __user *user_mask_ptr);
long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
long sys_getrandom(char __user *ubuf, unsigned long count, unsigned int flags);
long sys_set_thread_area(struct user_desc __user *u_info);
long sys_get_thread_area(struct user_desc __user *u_info);

/*
 * Files (engineer F: fs/). Linux's names: _llseek is sys_llseek, umount2
 * sys_umount; pread64/pwrite64/truncate64/ftruncate64 take a loff_t in
 * two stack words, as 2.6's entry points did.
 */
struct stat64;
struct statx;
struct iovec;
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, long long pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count, long long pos);
struct statfs;
struct statfs64;
long sys_statfs(const char __user *path, struct statfs __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs __user *buf);
long sys_statfs64(const char __user *path, size_t sz, struct statfs64 __user *buf);
long sys_fstatfs64(unsigned int fd, size_t sz, struct statfs64 __user *buf);
long sys_sendfile(int out_fd, int in_fd, long __user *offset, size_t count);
long sys_sendfile64(int out_fd, int in_fd, long long __user *offset, size_t count);
long sys_open(const char __user *filename, int flags, int mode);
long sys_openat(int dfd, const char __user *filename, int flags, int mode);
long sys_creat(const char __user *pathname, int mode);
long sys_close(unsigned int fd);
long sys_lseek(unsigned int fd, long offset, unsigned int origin);
long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		long long __user *result, unsigned int origin);
long sys_dup(unsigned int fildes);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_truncate(const char __user *path, long length);
long sys_ftruncate(unsigned int fd, unsigned long length);
long sys_truncate64(const char __user *path, long long length);
long sys_ftruncate64(unsigned int fd, long long length);
long sys_fsync(unsigned int fd);
long sys_fdatasync(unsigned int fd);
long sys_sync(void);
long sys_stat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_lstat64(const char __user *filename, struct stat64 __user *statbuf);
long sys_fstat64(unsigned long fd, struct stat64 __user *statbuf);
long sys_fstatat64(int dfd, const char __user *filename, struct stat64 __user *statbuf, int flag);
long sys_statx(int dfd, const char __user *filename, unsigned int flags, unsigned int mask,
	       struct statx __user *buffer);
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count);
long sys_mkdir(const char __user *pathname, int mode);
long sys_mkdirat(int dfd, const char __user *pathname, int mode);
long sys_mknod(const char __user *filename, int mode, unsigned int dev);
long sys_mknodat(int dfd, const char __user *filename, int mode, unsigned int dev);
long sys_unlink(const char __user *pathname);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_rmdir(const char __user *pathname);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd, const char __user *newname,
		int flags);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_readlinkat(int dfd, const char __user *path, char __user *buf, int bufsiz);
long sys_chdir(const char __user *filename);
long sys_fchdir(unsigned int fd);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_access(const char __user *filename, int mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_fchmodat(int dfd, const char __user *filename, unsigned int mode);
long sys_chmod(const char __user *filename, unsigned int mode);
long sys_fchmod(unsigned int fd, unsigned int mode);
long sys_fchownat(int dfd, const char __user *filename, unsigned int user, unsigned int group,
		  int flag);
long sys_chown(const char __user *filename, unsigned int user, unsigned int group);
long sys_lchown(const char __user *filename, unsigned int user, unsigned int group);
long sys_fchown(unsigned int fd, unsigned int user, unsigned int group);
long sys_umask(int mask);
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type,
	       unsigned long flags, void __user *data);
long sys_umount(char __user *name, int flags);

/* exec (fs/exec.c). */
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);

/*
 * Processes, signals, futexes, time, ids and limits (engineer P:
 * kernel/fork.c, exit.c, signal.c, futex.c, time.c, sys.c,
 * arch/x86/signal.c).
 */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr,
	       unsigned long tls, int __user *child_tidptr);
long sys_set_tid_address(int __user *tidptr);
long sys_wait4(int pid, int __user *stat_addr, int options, struct rusage __user *ru);
long sys_waitpid(int pid, int __user *stat_addr, int options);
long sys_getppid(void);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setpgid(int pid, int pgid);
long sys_getsid(int pid);
long sys_setsid(void);
long sys_rt_sigaction(int sig, const struct sigaction __user *act,
		      struct sigaction __user *oact, size_t sigsetsize);
long sys_sigaction(int sig, const struct old_sigaction __user *act,
		   struct old_sigaction __user *oact);
long sys_rt_sigprocmask(int how, sigset_t __user *set, sigset_t __user *oset, size_t sigsetsize);
long sys_sigprocmask(int how, unsigned long __user *set, unsigned long __user *oset);
long sys_rt_sigpending(sigset_t __user *set, size_t sigsetsize);
long sys_sigpending(unsigned long __user *set);
long sys_rt_sigsuspend(sigset_t __user *unewset, size_t sigsetsize);
long sys_sigsuspend(int unused1, int unused2, unsigned long mask);
long sys_pause(void);
long sys_rt_sigtimedwait_time32(const sigset_t __user *uthese, struct siginfo __user *uinfo,
				const struct timespec __user *uts, size_t sigsetsize);
long sys_rt_sigtimedwait(const sigset_t __user *uthese, struct siginfo __user *uinfo,
			 const struct __kernel_timespec __user *uts, size_t sigsetsize);
long sys_rt_sigqueueinfo(int pid, int sig, struct siginfo __user *uinfo);
long sys_kill(int pid, int sig);
long sys_tkill(int pid, int sig);
long sys_tgkill(int tgid, int pid, int sig);
long sys_sigaltstack(const struct sigaltstack __user *uss, struct sigaltstack __user *uoss);
long sys_sigreturn(void);
long sys_rt_sigreturn(void);
long sys_restart_syscall(void);
long sys_futex_time32(u32 __user *uaddr, int op, u32 val, struct timespec __user *utime,
		      u32 __user *uaddr2, u32 val3);
long sys_futex(u32 __user *uaddr, int op, u32 val, struct __kernel_timespec __user *utime,
	       u32 __user *uaddr2, u32 val3);
struct robust_list_head;
long sys_set_robust_list(struct robust_list_head __user *head, size_t len);
long sys_get_robust_list(int pid, struct robust_list_head __user * __user *head_ptr,
			 size_t __user *len_ptr);
long sys_clock_gettime32(int which, struct timespec __user *tp);
long sys_clock_gettime(int which, struct __kernel_timespec __user *tp);
long sys_clock_getres_time32(int which, struct timespec __user *tp);
long sys_clock_getres(int which, struct __kernel_timespec __user *tp);
long sys_gettimeofday(struct timeval __user *tv, struct timezone __user *tz);
long sys_time32(long __user *tloc);
long sys_nanosleep_time32(struct timespec __user *rqtp, struct timespec __user *rmtp);
long sys_clock_nanosleep_time32(int which, int flags, struct timespec __user *rqtp,
				struct timespec __user *rmtp);
long sys_clock_nanosleep(int which, int flags, struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp);
long sys_getitimer(int which, struct itimerval __user *value);
long sys_setitimer(int which, struct itimerval __user *value, struct itimerval __user *ovalue);
long sys_alarm(unsigned int seconds);
long sys_times(struct tms __user *tbuf);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_getuid16(void);
long sys_geteuid16(void);
long sys_getgid16(void);
long sys_getegid16(void);
long sys_setuid(unsigned int uid);
long sys_setgid(unsigned int gid);
long sys_setreuid(unsigned int ruid, unsigned int euid);
long sys_setregid(unsigned int rgid, unsigned int egid);
long sys_setresuid(unsigned int r, unsigned int e, unsigned int s);
long sys_setresgid(unsigned int r, unsigned int e, unsigned int s);
long sys_getresuid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_getresgid(unsigned int __user *r, unsigned int __user *e, unsigned int __user *s);
long sys_getgroups(int gidsetsize, unsigned int __user *grouplist);
long sys_setgroups(int gidsetsize, unsigned int __user *grouplist);
long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_old_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim);
long sys_getrusage(int who, struct rusage __user *ru);
long sys_sysinfo(struct sysinfo __user *info);
long sys_syslog(int type, char __user *buf, int len);
long sys_utimensat(int dfd, const char __user *filename,
		   struct __kernel_timespec __user *utimes, int flags);
long sys_utimensat_time32(int dfd, const char __user *filename, struct timespec __user *utimes,
			  int flags);
long sys_futimesat_time32(int dfd, const char __user *filename, struct timeval __user *utimes);
long sys_utimes_time32(const char __user *filename, struct timeval __user *utimes);
long sys_utime32(const char __user *filename, long __user *times);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg);

/*
 * Memory (engineer M: mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c,
 * mm/mlock.c). sys_mmap_pgoff is mmap2 (offset in pages), sys_old_mmap
 * the old mmap taking its arguments in a struct mmap_arg_struct.
 */
struct mmap_arg_struct;
long sys_brk(unsigned long brk);
long sys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, unsigned long fd, unsigned long pgoff);
long sys_old_mmap(struct mmap_arg_struct __user *arg);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);
long sys_madvise(unsigned long start, size_t len_in, int behavior);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mlock(unsigned long start, size_t len);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

#endif
