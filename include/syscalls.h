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

struct user_desc;
struct new_utsname;

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
long sys_umask(int mask);
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type,
	       unsigned long flags, void __user *data);
long sys_umount(char __user *name, int flags);

#endif
