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

/* mmap(), mprotect(), mremap(), madvise(), msync(), mlockall() (asm/mman.h). */
CONSTANT(mman, PROT_NONE)
CONSTANT(mman, PROT_READ)
CONSTANT(mman, PROT_WRITE)
CONSTANT(mman, PROT_EXEC)
CONSTANT(mman, PROT_GROWSDOWN)
CONSTANT(mman, PROT_GROWSUP)
CONSTANT(mman, MAP_SHARED)
CONSTANT(mman, MAP_PRIVATE)
CONSTANT(mman, MAP_SHARED_VALIDATE)
CONSTANT(mman, MAP_TYPE)
CONSTANT(mman, MAP_FIXED)
CONSTANT(mman, MAP_ANONYMOUS)
CONSTANT(mman, MAP_GROWSDOWN)
CONSTANT(mman, MAP_DENYWRITE)
CONSTANT(mman, MAP_EXECUTABLE)
CONSTANT(mman, MAP_LOCKED)
CONSTANT(mman, MAP_NORESERVE)
CONSTANT(mman, MAP_POPULATE)
CONSTANT(mman, MAP_NONBLOCK)
CONSTANT(mman, MAP_STACK)
CONSTANT(mman, MAP_HUGETLB)
CONSTANT(mman, MAP_FIXED_NOREPLACE)
CONSTANT(mman, MREMAP_MAYMOVE)
CONSTANT(mman, MREMAP_FIXED)
CONSTANT(mman, MADV_NORMAL)
CONSTANT(mman, MADV_RANDOM)
CONSTANT(mman, MADV_SEQUENTIAL)
CONSTANT(mman, MADV_WILLNEED)
CONSTANT(mman, MADV_DONTNEED)
CONSTANT(mman, MS_ASYNC)
CONSTANT(mman, MS_INVALIDATE)
CONSTANT(mman, MS_SYNC)
CONSTANT(mman, MCL_CURRENT)
CONSTANT(mman, MCL_FUTURE)
CONSTANT(mman, MCL_ONFAULT)

/* Resource limits (asm/resource.h). */
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

/* exec: ELF32 headers and the auxiliary vector (linux/elf.h, linux/auxvec.h, asm/auxvec.h). */
STRUCT(elf32_hdr)
FIELD(elf32_hdr, e_ident)
FIELD(elf32_hdr, e_type)
FIELD(elf32_hdr, e_machine)
FIELD(elf32_hdr, e_version)
FIELD(elf32_hdr, e_entry)
FIELD(elf32_hdr, e_phoff)
FIELD(elf32_hdr, e_shoff)
FIELD(elf32_hdr, e_flags)
FIELD(elf32_hdr, e_ehsize)
FIELD(elf32_hdr, e_phentsize)
FIELD(elf32_hdr, e_phnum)
FIELD(elf32_hdr, e_shentsize)
FIELD(elf32_hdr, e_shnum)
FIELD(elf32_hdr, e_shstrndx)
STRUCT(elf32_phdr)
FIELD(elf32_phdr, p_type)
FIELD(elf32_phdr, p_offset)
FIELD(elf32_phdr, p_vaddr)
FIELD(elf32_phdr, p_paddr)
FIELD(elf32_phdr, p_filesz)
FIELD(elf32_phdr, p_memsz)
FIELD(elf32_phdr, p_flags)
FIELD(elf32_phdr, p_align)
CONSTANT(elf, EI_NIDENT)
CONSTANT(elf, EI_MAG0)
CONSTANT(elf, EI_CLASS)
CONSTANT(elf, EI_DATA)
CONSTANT(elf, EI_VERSION)
CONSTANT(elf, SELFMAG)
CONSTANT(elf, ELFCLASS32)
CONSTANT(elf, ELFDATA2LSB)
CONSTANT(elf, EV_CURRENT)
CONSTANT(elf, ET_EXEC)
CONSTANT(elf, ET_DYN)
CONSTANT(elf, EM_386)
CONSTANT(elf, EM_486)
CONSTANT(elf, PT_NULL)
CONSTANT(elf, PT_LOAD)
CONSTANT(elf, PT_DYNAMIC)
CONSTANT(elf, PT_INTERP)
CONSTANT(elf, PT_NOTE)
CONSTANT(elf, PT_PHDR)
CONSTANT(elf, PT_TLS)
CONSTANT(elf, PT_GNU_STACK)
CONSTANT(elf, PF_X)
CONSTANT(elf, PF_W)
CONSTANT(elf, PF_R)
CONSTANT(auxv, AT_NULL)
CONSTANT(auxv, AT_IGNORE)
CONSTANT(auxv, AT_EXECFD)
CONSTANT(auxv, AT_PHDR)
CONSTANT(auxv, AT_PHENT)
CONSTANT(auxv, AT_PHNUM)
CONSTANT(auxv, AT_PAGESZ)
CONSTANT(auxv, AT_BASE)
CONSTANT(auxv, AT_FLAGS)
CONSTANT(auxv, AT_ENTRY)
CONSTANT(auxv, AT_NOTELF)
CONSTANT(auxv, AT_UID)
CONSTANT(auxv, AT_EUID)
CONSTANT(auxv, AT_GID)
CONSTANT(auxv, AT_EGID)
CONSTANT(auxv, AT_PLATFORM)
CONSTANT(auxv, AT_HWCAP)
CONSTANT(auxv, AT_CLKTCK)
CONSTANT(auxv, AT_SECURE)
CONSTANT(auxv, AT_BASE_PLATFORM)
CONSTANT(auxv, AT_RANDOM)
CONSTANT(auxv, AT_HWCAP2)
CONSTANT(auxv, AT_EXECFN)
CONSTANT(auxv, AT_SYSINFO)
CONSTANT(auxv, AT_SYSINFO_EHDR)

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
