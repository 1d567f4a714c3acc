/*
 * dup, dup2, dup3, fcntl64 and ioctl (Linux's fs/fcntl.c, fs/ioctl.c).
 */
#include <kernel.h>
#include <errno.h>
#include <syscalls.h>
#include <sched.h>
#include <fs.h>

int fd_replace(unsigned int newfd, struct file *file, unsigned int flags);
int get_close_on_exec(unsigned int fd);

long sys_dup(unsigned int fildes)
{
	struct file *file = fget(fildes);
	int fd;

	if (!file)
		return -EBADF;
	fd = get_unused_fd();
	if (fd < 0) {
		fput(file);
		return fd;
	}
	fd_install(fd, file);	/* fget()'s reference becomes the new descriptor's */
	return fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	return fd_replace(newfd, file, flags);
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd) {
		struct file *file = fget(oldfd);

		if (!file)
			return -EBADF;
		fput(file);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

/* The flags F_SETFL may change (Linux's SETFL_MASK less what Mneme lacks). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *filp = fget(fd);
	long err = -EINVAL;
	int newfd;

	if (!filp)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_DEFAULT)
			break;
		newfd = get_unused_fd_flags(cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0, arg);
		err = newfd;
		if (newfd >= 0) {
			fd_install(newfd, get_file(filp));
		}
		break;
	case F_GETFD:
		err = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		err = 0;
		break;
	case F_GETFL:
		err = filp->f_flags | ((filp->f_mode & (FMODE_READ | FMODE_WRITE)) - 1);
		err = (filp->f_flags & ~O_ACCMODE) |
		      ((filp->f_mode & FMODE_WRITE) ? ((filp->f_mode & FMODE_READ) ? O_RDWR : O_WRONLY)
						     : O_RDONLY);
		break;
	case F_SETFL:
		filp->f_flags = (arg & SETFL_MASK) | (filp->f_flags & ~SETFL_MASK);
		err = 0;
		break;
	default:
		err = -EINVAL;
	}
	fput(filp);
	return err;
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	return sys_fcntl64(fd, cmd, arg);
}

#define FIOCLEX		0x5451
#define FIONCLEX	0x5450

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *filp = fget(fd);
	long error;

	if (!filp)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		error = 0;
		break;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		error = 0;
		break;
	default:
		error = -ENOTTY;
		if (filp->f_op && filp->f_op->ioctl)
			error = filp->f_op->ioctl(filp->f_dentry->d_inode, filp, cmd, arg);
	}
	fput(filp);
	return error;
}
