/*
 * Pipes and FIFOs (ULK 19.1, Linux 2.6.11's fs/pipe.c): a ring of
 * PIPE_BUFFERS page buffers (64 KB in all), each a page from the page
 * allocator with an offset and a length. Readers sleep while it is empty
 * and writers remain, writers while it is full and readers remain, both
 * on the pipe's wait queue. A write of at most PIPE_BUF bytes is atomic:
 * it waits for room for all of it. With no reader left a write fails with
 * -EPIPE and raises SIGPIPE; with no writer left a read of an empty pipe
 * returns 0 (end of file). O_NONBLOCK turns every wait into -EAGAIN.
 *
 *   bufs[curbuf .. curbuf + nrbufs - 1] (mod PIPE_BUFFERS) hold data, oldest first
 */
#include <kernel.h>
#include <errno.h>
#include <string.h>
#include <gfp.h>
#include <highmem.h>
#include <slab.h>
#include <sched.h>
#include <signal.h>
#include <syscalls.h>
#include <wait.h>
#include <fs.h>
#include <pagemap.h>
#include <poll.h>
#include <asm/uaccess.h>

#define PIPE_BUFFERS	16
#define PIPE_BUF	4096	/* writes up to this size are atomic (POSIX) */

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	wait_queue_head_t wait;
	unsigned int nrbufs, curbuf;
	struct pipe_buffer bufs[PIPE_BUFFERS];
	unsigned int readers, writers;
	unsigned int r_counter, w_counter;	/* opens so far (FIFO open waits on them) */
};

unsigned long nr_pipes;

static int pipe_signal_pending(void)
{
	return test_thread_flag(TIF_SIGPENDING);
}

#ifdef ERESTARTSYS
#define PIPE_EINTR	(-ERESTARTSYS)
#else
#define PIPE_EINTR	(-EINTR)
#endif

/* Sleep until woken on the pipe; i_sem is dropped meanwhile (Linux's pipe_wait()). */
static void pipe_wait(struct inode *inode)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	DEFINE_WAIT(wait);

	prepare_to_wait(&pipe->wait, &wait, TASK_INTERRUPTIBLE);
	up(&inode->i_sem);
	schedule();
	finish_wait(&pipe->wait, &wait);
	down(&inode->i_sem);
}

static ssize_t pipe_read(struct file *filp, char __user *buf, size_t total_len, loff_t *ppos)
{
	struct inode *inode = filp->f_dentry->d_inode;
	struct pipe_inode_info *pipe;
	ssize_t ret = 0;
	int do_wakeup = 0;

	if (!total_len)
		return 0;
	down(&inode->i_sem);
	pipe = inode->i_pipe;
	for (;;) {
		if (pipe->nrbufs) {
			struct pipe_buffer *b = &pipe->bufs[pipe->curbuf];
			size_t chars = b->len < total_len ? b->len : total_len;
			unsigned long left;

			left = copy_page_to_user(buf, b->page, b->offset, chars);
			if (left == chars) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			chars -= left;
			ret += chars;
			buf += chars;
			total_len -= chars;
			b->offset += chars;
			b->len -= chars;
			if (!b->len) {
				__free_page(b->page);
				b->page = NULL;
				pipe->curbuf = (pipe->curbuf + 1) % PIPE_BUFFERS;
				pipe->nrbufs--;
				do_wakeup = 1;
			}
			if (!total_len || left)
				break;
			continue;
		}
		if (!pipe->writers)
			break;		/* end of file */
		if (ret)
			break;		/* something read: return it, do not wait for more */
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (pipe_signal_pending()) {
			ret = PIPE_EINTR;
			break;
		}
		if (do_wakeup) {
			wake_up_interruptible(&pipe->wait);
			do_wakeup = 0;
		}
		pipe_wait(inode);
	}
	up(&inode->i_sem);
	if (do_wakeup)
		wake_up_all(&pipe->wait);
	if (ret > 0)
		inode->i_atime = current_fs_time();
	return ret;
}

static ssize_t pipe_write(struct file *filp, const char __user *buf, size_t total_len,
			  loff_t *ppos)
{
	struct inode *inode = filp->f_dentry->d_inode;
	struct pipe_inode_info *pipe;
	ssize_t ret = 0;
	int do_wakeup = 0;

	if (!total_len)
		return 0;
	down(&inode->i_sem);
	pipe = inode->i_pipe;
	for (;;) {
		unsigned int room, i;

		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			if (!ret)
				ret = -EPIPE;
			break;
		}
		/* Room: the tail of the last buffer, then free slots of a page each. */
		room = (PIPE_BUFFERS - pipe->nrbufs) * PAGE_SIZE;
		if (pipe->nrbufs) {
			struct pipe_buffer *last =
				&pipe->bufs[(pipe->curbuf + pipe->nrbufs - 1) % PIPE_BUFFERS];

			room += PAGE_SIZE - (last->offset + last->len);
		}
		/* An atomic write (<= PIPE_BUF) waits until all of it fits. */
		if (room && (total_len > PIPE_BUF || room >= total_len)) {
			while (total_len && room) {
				struct pipe_buffer *b = NULL;
				unsigned long left;
				size_t chars;

				if (pipe->nrbufs) {
					b = &pipe->bufs[(pipe->curbuf + pipe->nrbufs - 1) % PIPE_BUFFERS];
					if (b->offset + b->len == PAGE_SIZE)
						b = NULL;
				}
				if (!b) {
					struct page *page;

					if (pipe->nrbufs == PIPE_BUFFERS)
						break;
					page = alloc_page(GFP_HIGHUSER);
					if (!page) {
						if (!ret)
							ret = -ENOMEM;
						goto out;
					}
					i = (pipe->curbuf + pipe->nrbufs) % PIPE_BUFFERS;
					b = &pipe->bufs[i];
					b->page = page;
					b->offset = 0;
					b->len = 0;
					pipe->nrbufs++;
				}
				chars = PAGE_SIZE - (b->offset + b->len);
				if (chars > total_len)
					chars = total_len;
				left = copy_page_from_user(b->page, b->offset + b->len, buf, chars);
				chars -= left;
				b->len += chars;
				ret += chars;
				buf += chars;
				total_len -= chars;
				room -= chars;
				do_wakeup = 1;
				if (!b->len) {
					/* A new page nothing went into. */
					__free_page(b->page);
					b->page = NULL;
					pipe->nrbufs--;
				}
				if (left) {
					if (!ret)
						ret = -EFAULT;
					goto out;
				}
			}
			if (!total_len)
				break;
		}
		if (filp->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		if (pipe_signal_pending()) {
			if (!ret)
				ret = PIPE_EINTR;
			break;
		}
		if (do_wakeup) {
			wake_up_interruptible(&pipe->wait);
			do_wakeup = 0;
		}
		pipe_wait(inode);
	}
out:
	up(&inode->i_sem);
	if (do_wakeup)
		wake_up_all(&pipe->wait);
	if (ret > 0)
		inode->i_mtime = inode->i_ctime = current_fs_time();
	return ret;
}

#define FIONREAD	0x541B

static int pipe_ioctl(struct inode *inode, struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	unsigned int i, count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	for (i = 0; i < pipe->nrbufs; i++)
		count += pipe->bufs[(pipe->curbuf + i) % PIPE_BUFFERS].len;
	return put_user(count, (int __user *)arg);
}

static void free_pipe_info(struct inode *inode)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	unsigned int i;

	for (i = 0; i < PIPE_BUFFERS; i++)
		if (pipe->bufs[i].page)
			__free_page(pipe->bufs[i].page);
	inode->i_pipe = NULL;
	kfree(pipe);
	nr_pipes--;
}

static int pipe_release(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe;

	down(&inode->i_sem);
	pipe = inode->i_pipe;
	if (filp->f_mode & FMODE_READ)
		pipe->readers--;
	if (filp->f_mode & FMODE_WRITE)
		pipe->writers--;
	if (!pipe->readers && !pipe->writers)
		free_pipe_info(inode);
	else
		wake_up_all(&pipe->wait);
	up(&inode->i_sem);
	return 0;
}

/*
 * Ready to read while a buffer holds data, to write while one is free;
 * POLLHUP once every writer has gone (after one came), POLLERR once
 * every reader has (Linux's pipe_poll).
 */
static unsigned int pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = filp->f_dentry->d_inode->i_pipe;
	unsigned int mask = 0;

	poll_wait(filp, &pipe->wait, wait);
	if (filp->f_mode & FMODE_READ) {
		if (pipe->nrbufs)
			mask |= POLLIN | POLLRDNORM;
		if (!pipe->writers && pipe->w_counter)
			mask |= POLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (pipe->nrbufs < PIPE_BUFFERS)
			mask |= POLLOUT | POLLWRNORM;
		if (!pipe->readers)
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations read_pipe_fops = {
	.llseek = no_llseek,
	.read = pipe_read,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

static const struct file_operations write_pipe_fops = {
	.llseek = no_llseek,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

static const struct file_operations rdwr_pipe_fops = {
	.llseek = no_llseek,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (pipe) {
		init_waitqueue_head(&pipe->wait);
		nr_pipes++;
	}
	return pipe;
}

/* FIFO open (fs/fifo.c): a reader waits for a writer and the other way round, unless O_NONBLOCK. */
static int fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe;
	int ret = 0;

	down(&inode->i_sem);
	if (!inode->i_pipe) {
		inode->i_pipe = alloc_pipe_info();
		if (!inode->i_pipe) {
			up(&inode->i_sem);
			return -ENOMEM;
		}
	}
	pipe = inode->i_pipe;
	switch (filp->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		filp->f_op = &read_pipe_fops;
		pipe->r_counter++;
		pipe->readers++;
		if (!pipe->writers && !(filp->f_flags & O_NONBLOCK)) {
			unsigned int w = pipe->w_counter;

			while (pipe->w_counter == w && !pipe_signal_pending())
				pipe_wait(inode);
			if (pipe->w_counter == w)
				ret = PIPE_EINTR;
		}
		break;
	case FMODE_WRITE:
		if ((filp->f_flags & O_NONBLOCK) && !pipe->readers) {
			/* No reader: refused before being counted (fs/fifo.c's ENXIO). */
			if (!pipe->writers)
				free_pipe_info(inode);
			up(&inode->i_sem);
			return -ENXIO;
		}
		filp->f_op = &write_pipe_fops;
		pipe->w_counter++;
		pipe->writers++;
		if (!pipe->readers) {
			unsigned int r = pipe->r_counter;

			while (pipe->r_counter == r && !pipe_signal_pending())
				pipe_wait(inode);
			if (pipe->r_counter == r)
				ret = PIPE_EINTR;
		}
		break;
	default:
		filp->f_op = &rdwr_pipe_fops;
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
	}
	wake_up_all(&pipe->wait);
	if (ret) {
		if (filp->f_mode & FMODE_READ)
			pipe->readers--;
		if (filp->f_mode & FMODE_WRITE)
			pipe->writers--;
		if (!pipe->readers && !pipe->writers)
			free_pipe_info(inode);
	}
	up(&inode->i_sem);
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return ret;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
};

/* ---- pipe(2): an inode of pipefs (no name), two files on it ---- */

static struct super_block *pipe_sb;

static int pipefs_fill_super(struct super_block *sb, void *data, int silent)
{
	static const struct qstr name = { .name = "pipe:", .len = 5 };
	struct inode *root = new_inode(sb);

	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0600;
	sb->s_root = d_alloc(NULL, &name);
	if (!sb->s_root) {
		iput(root);
		return -ENOMEM;
	}
	sb->s_root->d_sb = sb;
	d_instantiate(sb->s_root, root);
	return 0;
}

static struct super_block *pipefs_get_sb(struct file_system_type *fs_type, int flags,
					 const char *dev_name, void *data)
{
	return get_sb_nodev(fs_type, flags, data, pipefs_fill_super);
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.get_sb = pipefs_get_sb,
	.kill_sb = kill_litter_super,
};

static struct vfsmount *pipe_mnt;

/* Pipe dentries are not kept once their files are closed. */
static int pipefs_delete_dentry(struct dentry *dentry)
{
	return 1;
}

static const struct dentry_operations pipefs_dentry_operations = {
	.d_delete = pipefs_delete_dentry,
};

static int do_pipe(int *fd, int flags)
{
	struct qstr this = { .name = "", .len = 0 };
	struct file *f1, *f2;
	struct dentry *dentry;
	struct inode *inode;
	int error, i, j;
	char name[16];

	error = -ENFILE;
	inode = new_inode(pipe_sb);
	if (!inode)
		goto out;
	inode->i_pipe = alloc_pipe_info();
	if (!inode->i_pipe) {
		iput(inode);
		goto out;
	}
	inode->i_pipe->readers = inode->i_pipe->writers = 1;
	inode->i_pipe->r_counter = inode->i_pipe->w_counter = 1;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_fop = &rdwr_pipe_fops;
	snprintf(name, sizeof(name), "[%lu]", inode->i_ino);
	this.name = name;
	this.len = strlen(name);
	dentry = d_alloc(pipe_sb->s_root, &this);
	if (!dentry) {
		free_pipe_info(inode);
		iput(inode);
		goto out;
	}
	dentry->d_op = &pipefs_dentry_operations;
	d_instantiate(dentry, inode);
	/* Both files hold the dentry (and the mount): dentry_open() takes a count each. */
	f1 = dentry_open(dget(dentry), mntget(pipe_mnt), O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(f1)) {
		error = PTR_ERR(f1);
		goto out_dentry;
	}
	f1->f_op = &read_pipe_fops;
	f1->f_mode = FMODE_READ;
	f2 = dentry_open(dget(dentry), mntget(pipe_mnt), O_WRONLY | (flags & O_NONBLOCK));
	if (IS_ERR(f2)) {
		error = PTR_ERR(f2);
		goto out_f1;
	}
	f2->f_op = &write_pipe_fops;
	f2->f_mode = FMODE_WRITE;
	dput(dentry);
	error = i = get_unused_fd_flags(flags, 0);
	if (i < 0)
		goto out_f2;
	error = j = get_unused_fd_flags(flags, 0);
	if (j < 0) {
		put_unused_fd(i);
		goto out_f2;
	}
	fd_install(i, f1);
	fd_install(j, f2);
	fd[0] = i;
	fd[1] = j;
	return 0;
out_f2:
	fput(f2);
	fput(f1);
	return error;
out_f1:
	f1->f_op = NULL;	/* no pipe_release: the pipe is freed below */
	fput(f1);
out_dentry:
	if (inode->i_pipe)
		free_pipe_info(inode);
	dput(dentry);
out:
	return error;
}

long sys_pipe2(int __user *fildes, int flags)
{
	int fd[2], error;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	error = do_pipe(fd, flags);
	if (!error && copy_to_user(fildes, fd, sizeof(fd))) {
		sys_close(fd[0]);
		sys_close(fd[1]);
		error = -EFAULT;
	}
	return error;
}

long sys_pipe(int __user *fildes)
{
	return sys_pipe2(fildes, 0);
}

void pipe_init(void);
void pipe_init(void)
{
	register_filesystem(&pipe_fs_type);
	pipe_mnt = do_kern_mount("pipefs", 0, "pipefs", NULL);
	if (IS_ERR(pipe_mnt))
		panic("Cannot create pipefs");
	pipe_sb = pipe_mnt->mnt_sb;
}
