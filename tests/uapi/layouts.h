/*
 * What the kernel shares with user space, checked against Linux's own
 * UAPI headers (linux-libc-dev:i386: /usr/include/i386-linux-gnu/asm,
 * /usr/include/linux) -- nothing user space sees may be typed from
 * memory (tests/uapi/README.md). This list is compiled twice: by
 * kernel_side.c against the kernel's headers, by uapi_side.c against
 * Linux's; tests/uapi/uapi_check.py compares what the two compilers
 * computed, item by item.
 *
 * Constants: every numeric #define of include/errno.h, include/signal.h
 * and the generated asm/unistd.h is checked without being listed here
 * (uapi_check.py --constants writes them to build/uapi/constants.h).
 * Others are listed with CONSTANT(group, NAME); a name the kernel has
 * but Linux keeps out of its UAPI (ERESTARTSYS ...) with KERNEL_ONLY.
 *
 * Layouts, one line per item; names are the kernel's, the _AS forms
 * give Linux's where they differ:
 *   STRUCT(s), STRUCT_AS(s, linux_s)              the size
 *   FIELD(s, f), FIELD_AS(s, f, linux_s, linux_f)  offset and size
 *   OFFSET_AS(s, f, linux_s, linux_f)             the offset only
 *   BITFIELD(s, f), BITFIELD_AS(...)              first bit and width
 * To add a structure: its kernel header to kernel_side.c, Linux's to
 * uapi_side.c, and its lines here.
 */

/* Clone flags (linux/sched.h). */
CONSTANT(clone, CLONE_VM)
CONSTANT(clone, CLONE_FS)
CONSTANT(clone, CLONE_FILES)
CONSTANT(clone, CLONE_SIGHAND)
CONSTANT(clone, CLONE_SETTLS)

/* set_thread_area(), get_thread_area() (asm/ldt.h). */
STRUCT(user_desc)
FIELD(user_desc, entry_number)
FIELD(user_desc, base_addr)
FIELD(user_desc, limit)
BITFIELD(user_desc, seg_32bit)
BITFIELD(user_desc, contents)
BITFIELD(user_desc, read_exec_only)
BITFIELD(user_desc, limit_in_pages)
BITFIELD(user_desc, seg_not_present)
BITFIELD(user_desc, useable)

/* uname() (linux/utsname.h). */
STRUCT(new_utsname)
FIELD(new_utsname, sysname)
FIELD(new_utsname, nodename)
FIELD(new_utsname, release)
FIELD(new_utsname, version)
FIELD(new_utsname, machine)
FIELD(new_utsname, domainname)

/*
 * The kernel-entry frame (asm/ptrace.h). Mneme keeps Linux 2.6.11's
 * pt_regs, as ULK describes SAVE_ALL: no xfs/xgs slots, which Linux
 * added in 2.6.20 when the kernel began to use %fs itself; %fs and %gs
 * are switched in __switch_to() instead. So only the first nine words
 * agree; pt_regs is not passed to user space as such (ptrace and core
 * dumps would convert it).
 */
FIELD(pt_regs, ebx)
FIELD(pt_regs, ecx)
FIELD(pt_regs, edx)
FIELD(pt_regs, esi)
FIELD(pt_regs, edi)
FIELD(pt_regs, ebp)
FIELD(pt_regs, eax)
FIELD(pt_regs, xds)
FIELD(pt_regs, xes)

/*
 * The FPU save images (include/asm/processor.h). fnsave's is the head
 * of the signal frame's struct _fpstate (asm/sigcontext.h); fxsave's
 * 512 bytes are laid out as struct _fpstate_64 has them (32-bit code
 * has two 32-bit words where it has rip and rdp, and 8 XMM registers).
 */
FIELD_AS(i387_fsave_struct, cwd, _fpstate_32, cw)
FIELD_AS(i387_fsave_struct, swd, _fpstate_32, sw)
FIELD_AS(i387_fsave_struct, twd, _fpstate_32, tag)
FIELD_AS(i387_fsave_struct, fip, _fpstate_32, ipoff)
FIELD_AS(i387_fsave_struct, fcs, _fpstate_32, cssel)
FIELD_AS(i387_fsave_struct, foo, _fpstate_32, dataoff)
FIELD_AS(i387_fsave_struct, fos, _fpstate_32, datasel)
FIELD_AS(i387_fsave_struct, st_space, _fpstate_32, _st)
OFFSET_AS(i387_fsave_struct, status, _fpstate_32, status)
STRUCT_AS(i387_fxsave_struct, _fpstate_64)
FIELD_AS(i387_fxsave_struct, cwd, _fpstate_64, cwd)
FIELD_AS(i387_fxsave_struct, swd, _fpstate_64, swd)
FIELD_AS(i387_fxsave_struct, twd, _fpstate_64, twd)
FIELD_AS(i387_fxsave_struct, fop, _fpstate_64, fop)
OFFSET_AS(i387_fxsave_struct, fip, _fpstate_64, rip)
OFFSET_AS(i387_fxsave_struct, foo, _fpstate_64, rdp)
FIELD_AS(i387_fxsave_struct, mxcsr, _fpstate_64, mxcsr)
FIELD_AS(i387_fxsave_struct, mxcsr_mask, _fpstate_64, mxcsr_mask)
FIELD_AS(i387_fxsave_struct, st_space, _fpstate_64, st_space)
OFFSET_AS(i387_fxsave_struct, xmm_space, _fpstate_64, xmm_space)

/* Files (fs/): open() flags and the *at() calls (asm-generic/fcntl.h, linux/fcntl.h). */
CONSTANT(open, O_ACCMODE)
CONSTANT(open, O_RDONLY)
CONSTANT(open, O_WRONLY)
CONSTANT(open, O_RDWR)
CONSTANT(open, O_CREAT)
CONSTANT(open, O_EXCL)
CONSTANT(open, O_NOCTTY)
CONSTANT(open, O_TRUNC)
CONSTANT(open, O_APPEND)
CONSTANT(open, O_NONBLOCK)
CONSTANT(open, O_DSYNC)
CONSTANT(open, O_DIRECT)
CONSTANT(open, O_LARGEFILE)
CONSTANT(open, O_DIRECTORY)
CONSTANT(open, O_NOFOLLOW)
CONSTANT(open, O_NOATIME)
CONSTANT(open, O_CLOEXEC)
CONSTANT(open, O_PATH)
CONSTANT(fcntl, F_DUPFD)
CONSTANT(fcntl, F_GETFD)
CONSTANT(fcntl, F_SETFD)
CONSTANT(fcntl, F_GETFL)
CONSTANT(fcntl, F_SETFL)
CONSTANT(fcntl, F_DUPFD_CLOEXEC)
CONSTANT(fcntl, FD_CLOEXEC)
CONSTANT(at, AT_FDCWD)
CONSTANT(at, AT_SYMLINK_NOFOLLOW)
CONSTANT(at, AT_REMOVEDIR)
CONSTANT(at, AT_SYMLINK_FOLLOW)
CONSTANT(at, AT_EACCESS)
CONSTANT(at, AT_EMPTY_PATH)
CONSTANT(at, AT_STATX_SYNC_TYPE)

/* File types and modes (linux/stat.h). */
CONSTANT(mode, S_IFMT)
CONSTANT(mode, S_IFSOCK)
CONSTANT(mode, S_IFLNK)
CONSTANT(mode, S_IFREG)
CONSTANT(mode, S_IFBLK)
CONSTANT(mode, S_IFDIR)
CONSTANT(mode, S_IFCHR)
CONSTANT(mode, S_IFIFO)
CONSTANT(mode, S_ISUID)
CONSTANT(mode, S_ISGID)
CONSTANT(mode, S_ISVTX)

/* stat64() and friends (asm/stat.h). */
STRUCT(stat64)
FIELD(stat64, st_dev)
FIELD(stat64, __st_ino)
FIELD(stat64, st_mode)
FIELD(stat64, st_nlink)
FIELD(stat64, st_uid)
FIELD(stat64, st_gid)
FIELD(stat64, st_rdev)
FIELD(stat64, st_size)
FIELD(stat64, st_blksize)
FIELD(stat64, st_blocks)
FIELD(stat64, st_atime)
FIELD(stat64, st_atime_nsec)
FIELD(stat64, st_mtime)
FIELD(stat64, st_mtime_nsec)
FIELD(stat64, st_ctime)
FIELD(stat64, st_ctime_nsec)
FIELD(stat64, st_ino)

/* statx() (linux/stat.h). */
STRUCT(statx_timestamp)
FIELD(statx_timestamp, tv_sec)
FIELD(statx_timestamp, tv_nsec)
STRUCT(statx)
FIELD(statx, stx_mask)
FIELD(statx, stx_blksize)
FIELD(statx, stx_attributes)
FIELD(statx, stx_nlink)
FIELD(statx, stx_uid)
FIELD(statx, stx_gid)
FIELD(statx, stx_mode)
FIELD(statx, stx_ino)
FIELD(statx, stx_size)
FIELD(statx, stx_blocks)
FIELD(statx, stx_attributes_mask)
FIELD(statx, stx_atime)
FIELD(statx, stx_btime)
FIELD(statx, stx_ctime)
FIELD(statx, stx_mtime)
FIELD(statx, stx_rdev_major)
FIELD(statx, stx_rdev_minor)
FIELD(statx, stx_dev_major)
FIELD(statx, stx_dev_minor)
FIELD(statx, stx_mnt_id)
CONSTANT(statx, STATX_TYPE)
CONSTANT(statx, STATX_MODE)
CONSTANT(statx, STATX_NLINK)
CONSTANT(statx, STATX_UID)
CONSTANT(statx, STATX_GID)
CONSTANT(statx, STATX_ATIME)
CONSTANT(statx, STATX_MTIME)
CONSTANT(statx, STATX_CTIME)
CONSTANT(statx, STATX_INO)
CONSTANT(statx, STATX_SIZE)
CONSTANT(statx, STATX_BLOCKS)
CONSTANT(statx, STATX_BASIC_STATS)
CONSTANT(statx, STATX_BTIME)
CONSTANT(statx, STATX__RESERVED)

/* readv(), writev() (linux/uio.h). */
STRUCT(iovec)
FIELD(iovec, iov_base)
FIELD(iovec, iov_len)
CONSTANT(uio, UIO_MAXIOV)

/* The console (asm-generic/termbits.h, asm-generic/ioctls.h, asm-generic/termios.h). */
STRUCT(termios)
FIELD(termios, c_iflag)
FIELD(termios, c_oflag)
FIELD(termios, c_cflag)
FIELD(termios, c_lflag)
FIELD(termios, c_line)
FIELD(termios, c_cc)
STRUCT(winsize)
FIELD(winsize, ws_row)
FIELD(winsize, ws_col)
FIELD(winsize, ws_xpixel)
FIELD(winsize, ws_ypixel)
CONSTANT(termios, NCCS)
CONSTANT(termios, VINTR)
CONSTANT(termios, VQUIT)
CONSTANT(termios, VERASE)
CONSTANT(termios, VKILL)
CONSTANT(termios, VEOF)
CONSTANT(termios, VTIME)
CONSTANT(termios, VMIN)
CONSTANT(termios, VSTART)
CONSTANT(termios, VSTOP)
CONSTANT(termios, VSUSP)
CONSTANT(termios, VEOL)
CONSTANT(termios, VREPRINT)
CONSTANT(termios, VWERASE)
CONSTANT(termios, VLNEXT)
CONSTANT(termios, VEOL2)
CONSTANT(termios, ICRNL)
CONSTANT(termios, INLCR)
CONSTANT(termios, IGNCR)
CONSTANT(termios, ISTRIP)
CONSTANT(termios, IXON)
CONSTANT(termios, OPOST)
CONSTANT(termios, ONLCR)
CONSTANT(termios, B38400)
CONSTANT(termios, CS8)
CONSTANT(termios, CREAD)
CONSTANT(termios, HUPCL)
CONSTANT(termios, ISIG)
CONSTANT(termios, ICANON)
CONSTANT(termios, ECHO)
CONSTANT(termios, ECHOE)
CONSTANT(termios, ECHOK)
CONSTANT(termios, ECHONL)
CONSTANT(termios, NOFLSH)
CONSTANT(termios, TOSTOP)
CONSTANT(termios, ECHOCTL)
CONSTANT(termios, ECHOKE)
CONSTANT(termios, IEXTEN)
CONSTANT(ioctl, TCGETS)
CONSTANT(ioctl, TCSETS)
CONSTANT(ioctl, TCSETSW)
CONSTANT(ioctl, TCSETSF)
CONSTANT(ioctl, TCFLSH)
CONSTANT(ioctl, TIOCSCTTY)
CONSTANT(ioctl, TIOCGPGRP)
CONSTANT(ioctl, TIOCSPGRP)
CONSTANT(ioctl, TIOCGWINSZ)
CONSTANT(ioctl, TIOCSWINSZ)
CONSTANT(ioctl, FIONREAD)
CONSTANT(ioctl, TIOCNOTTY)
CONSTANT(ioctl, TIOCGSID)
