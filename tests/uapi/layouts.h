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

/* The kernel's own errno values and signal-set sizes, not in Linux's UAPI. */
KERNEL_ONLY(ERESTARTSYS)
KERNEL_ONLY(ERESTARTNOINTR)
KERNEL_ONLY(ERESTARTNOHAND)
KERNEL_ONLY(ERESTART_RESTARTBLOCK)
KERNEL_ONLY(_NSIG)
KERNEL_ONLY(_NSIG_BPW)
KERNEL_ONLY(_NSIG_WORDS)

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

/* Clone flags added by processes (linux/sched.h), wait4() options (linux/wait.h). */
CONSTANT(clone, CLONE_VFORK)
CONSTANT(clone, CLONE_PARENT)
CONSTANT(clone, CLONE_THREAD)
CONSTANT(clone, CLONE_PARENT_SETTID)
CONSTANT(clone, CLONE_CHILD_CLEARTID)
CONSTANT(clone, CLONE_DETACHED)
CONSTANT(clone, CLONE_UNTRACED)
CONSTANT(clone, CLONE_CHILD_SETTID)
CONSTANT(clone, CSIGNAL)
CONSTANT(wait, WNOHANG)
CONSTANT(wait, WUNTRACED)
CONSTANT(wait, WEXITED)
CONSTANT(wait, WCONTINUED)
CONSTANT(wait, __WNOTHREAD)
CONSTANT(wait, __WALL)
CONSTANT(wait, __WCLONE)

/* Resource limits (asm-generic/resource.h). */
CONSTANT(rlimit, RLIMIT_CPU)
CONSTANT(rlimit, RLIMIT_FSIZE)
CONSTANT(rlimit, RLIMIT_DATA)
CONSTANT(rlimit, RLIMIT_STACK)
CONSTANT(rlimit, RLIMIT_CORE)
CONSTANT(rlimit, RLIMIT_RSS)
CONSTANT(rlimit, RLIMIT_NPROC)
CONSTANT(rlimit, RLIMIT_NOFILE)
CONSTANT(rlimit, RLIMIT_MEMLOCK)
CONSTANT(rlimit, RLIMIT_AS)
CONSTANT(rlimit, RLIMIT_LOCKS)
CONSTANT(rlimit, RLIMIT_SIGPENDING)
CONSTANT(rlimit, RLIMIT_MSGQUEUE)
CONSTANT(rlimit, RLIMIT_NICE)
CONSTANT(rlimit, RLIMIT_RTPRIO)
CONSTANT(rlimit, RLIMIT_RTTIME)
CONSTANT(rlimit, RLIM_NLIMITS)
CONSTANT(rlimit, RLIM_INFINITY)
STRUCT(rlimit)
FIELD(rlimit, rlim_cur)
FIELD(rlimit, rlim_max)
STRUCT(rlimit64)
FIELD(rlimit64, rlim_cur)
FIELD(rlimit64, rlim_max)

/* Time (linux/time.h, linux/time_types.h, linux/resource.h, linux/times.h, linux/sysinfo.h). */
CONSTANT(time, CLOCK_REALTIME)
CONSTANT(time, CLOCK_MONOTONIC)
CONSTANT(time, CLOCK_PROCESS_CPUTIME_ID)
CONSTANT(time, CLOCK_THREAD_CPUTIME_ID)
CONSTANT(time, CLOCK_MONOTONIC_RAW)
CONSTANT(time, CLOCK_REALTIME_COARSE)
CONSTANT(time, CLOCK_MONOTONIC_COARSE)
CONSTANT(time, CLOCK_BOOTTIME)
CONSTANT(time, TIMER_ABSTIME)
CONSTANT(time, ITIMER_REAL)
CONSTANT(time, ITIMER_VIRTUAL)
CONSTANT(time, ITIMER_PROF)
CONSTANT(time, RUSAGE_SELF)
CONSTANT(time, RUSAGE_CHILDREN)
CONSTANT(time, RUSAGE_THREAD)
STRUCT(timespec)
FIELD(timespec, tv_sec)
FIELD(timespec, tv_nsec)
STRUCT(__kernel_timespec)
FIELD(__kernel_timespec, tv_sec)
FIELD(__kernel_timespec, tv_nsec)
STRUCT(timeval)
FIELD(timeval, tv_sec)
FIELD(timeval, tv_usec)
STRUCT(timezone)
FIELD(timezone, tz_minuteswest)
FIELD(timezone, tz_dsttime)
STRUCT(itimerval)
FIELD(itimerval, it_interval)
FIELD(itimerval, it_value)
STRUCT(tms)
FIELD(tms, tms_utime)
FIELD(tms, tms_stime)
FIELD(tms, tms_cutime)
FIELD(tms, tms_cstime)
STRUCT(rusage)
FIELD(rusage, ru_utime)
FIELD(rusage, ru_stime)
FIELD(rusage, ru_maxrss)
FIELD(rusage, ru_minflt)
FIELD(rusage, ru_majflt)
FIELD(rusage, ru_nvcsw)
FIELD(rusage, ru_nivcsw)
STRUCT(sysinfo)
FIELD(sysinfo, uptime)
FIELD(sysinfo, loads)
FIELD(sysinfo, totalram)
FIELD(sysinfo, freeram)
FIELD(sysinfo, sharedram)
FIELD(sysinfo, bufferram)
FIELD(sysinfo, totalswap)
FIELD(sysinfo, freeswap)
FIELD(sysinfo, procs)
FIELD(sysinfo, totalhigh)
FIELD(sysinfo, freehigh)
FIELD(sysinfo, mem_unit)

/*
 * Signals (asm/signal.h, asm-generic/siginfo.h, asm/sigcontext.h,
 * asm-generic/ucontext.h). The kernel's sigset_t is 64 bits; user
 * space's old one (the UAPI's i386 sigset_t) is its first word: so
 * uc_sigmask is checked for its offset only. rt_sigaction()'s struct
 * sigaction (handler, flags, restorer, 64-bit mask) has no i386 UAPI
 * name; its sizes are those of the fields checked here.
 */
STRUCT_AS(old_sigaction, sigaction)
/* (sa_handler, at 0, is a macro for _u._sa_handler on Linux's side: sa_mask's offset implies it.) */
FIELD_AS(old_sigaction, sa_mask, sigaction, sa_mask)
FIELD_AS(old_sigaction, sa_flags, sigaction, sa_flags)
FIELD_AS(old_sigaction, sa_restorer, sigaction, sa_restorer)
STRUCT(sigaltstack)
FIELD(sigaltstack, ss_sp)
FIELD(sigaltstack, ss_flags)
FIELD(sigaltstack, ss_size)
STRUCT(siginfo)
FIELD(siginfo, si_signo)
FIELD(siginfo, si_errno)
FIELD(siginfo, si_code)
FIELD(siginfo, si_pid)
FIELD(siginfo, si_uid)
FIELD(siginfo, si_status)
FIELD(siginfo, si_utime)
FIELD(siginfo, si_stime)
FIELD(siginfo, si_value)
FIELD(siginfo, si_addr)
FIELD(siginfo, si_tid)
FIELD(siginfo, si_overrun)
STRUCT(sigcontext)
FIELD(sigcontext, gs)
FIELD(sigcontext, fs)
FIELD(sigcontext, es)
FIELD(sigcontext, ds)
FIELD(sigcontext, edi)
FIELD(sigcontext, esi)
FIELD(sigcontext, ebp)
FIELD(sigcontext, esp)
FIELD(sigcontext, ebx)
FIELD(sigcontext, edx)
FIELD(sigcontext, ecx)
FIELD(sigcontext, eax)
FIELD(sigcontext, trapno)
FIELD(sigcontext, err)
FIELD(sigcontext, eip)
FIELD(sigcontext, cs)
FIELD(sigcontext, eflags)
FIELD(sigcontext, esp_at_signal)
FIELD(sigcontext, ss)
FIELD(sigcontext, fpstate)
FIELD(sigcontext, oldmask)
FIELD(sigcontext, cr2)
STRUCT(_fpstate_32)
FIELD(_fpstate_32, cw)
FIELD(_fpstate_32, sw)
FIELD(_fpstate_32, tag)
FIELD(_fpstate_32, ipoff)
FIELD(_fpstate_32, cssel)
FIELD(_fpstate_32, dataoff)
FIELD(_fpstate_32, datasel)
FIELD(_fpstate_32, _st)
FIELD(_fpstate_32, status)
FIELD(_fpstate_32, magic)
FIELD(_fpstate_32, _fxsr_env)
FIELD(_fpstate_32, mxcsr)
FIELD(_fpstate_32, _fxsr_st)
FIELD(_fpstate_32, _xmm)
FIELD(_fpstate_32, padding1)
FIELD(_fpstate_32, padding2)
FIELD(ucontext, uc_flags)
FIELD(ucontext, uc_link)
FIELD(ucontext, uc_stack)
FIELD(ucontext, uc_mcontext)
OFFSET_AS(ucontext, uc_sigmask, ucontext, uc_sigmask)
