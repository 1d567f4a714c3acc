#!/usr/bin/env python3
"""Generate the system-call table from Linux's numbers and the kernel's functions.

The numbers are Linux i386's own: asm/unistd_32.h of linux-libc-dev:i386
(scripts/install-deps.sh installs it), never typed by hand. A number is
wired to the kernel's function for it -- the entry point Linux 6.1's
arch/x86/entry/syscalls/syscall_32.tbl names, `sys_<name>` for most --
if the kernel defines that function; to sys_ni_syscall (-ENOSYS) if not.
So defining `long sys_xxx(...)` anywhere in the kernel is what wires
system call xxx. As scripts/kallsyms.py does, the set of functions comes
from the first link's symbol table (`nm`).

    syscalltbl.py --header H INC      asm/unistd.h for C (__NR_* and
                                      NR_syscalls) and the same for NASM
    syscalltbl.py --table C LIST < nm the table (sys_call_table[] and
                                      sys_call_names[]) for the kernel,
                                      and the list of wired calls (LIST)
    syscalltbl.py --empty-table C     the table with every entry
                                      sys_ni_syscall, for the first link
    syscalltbl.py --readme LIST       the list as README.md's table rows

--table fails if the kernel defines a sys_* function that no number
uses (a misspelt name would otherwise never be called), or two that
claim one number. $UNISTD_32_H overrides the header's path.
"""
import os
import re
import sys

UNISTD = os.environ.get("UNISTD_32_H", "/usr/include/i386-linux-gnu/asm/unistd_32.h")

# Where Linux's entry point is not sys_<name>: the entry-point column of
# Linux 6.1's arch/x86/entry/syscalls/syscall_32.tbl for those numbers
# (None: no entry point, always -ENOSYS). Old calls kept for binary
# compatibility got new names when their successors took the plain one
# (stat -> sys_newstat, select -> sys_old_select, the 16-bit uid calls),
# and the 32-bit time_t calls a _time32 suffix in 5.1, when the 64-bit
# time calls (403 ..) took the plain names.
ENTRY_POINTS = {
    "time": "sys_time32", "lchown": "sys_lchown16", "break": None, "oldstat": "sys_stat",
    "umount": "sys_oldumount", "setuid": "sys_setuid16", "getuid": "sys_getuid16",
    "stime": "sys_stime32", "oldfstat": "sys_fstat", "utime": "sys_utime32",
    "stty": None, "gtty": None, "ftime": None, "prof": None,
    "setgid": "sys_setgid16", "getgid": "sys_getgid16", "geteuid": "sys_geteuid16",
    "getegid": "sys_getegid16", "umount2": "sys_umount", "lock": None, "mpx": None,
    "ulimit": None, "oldolduname": "sys_olduname", "setreuid": "sys_setreuid16",
    "setregid": "sys_setregid16", "getrlimit": "sys_old_getrlimit",
    "getgroups": "sys_getgroups16", "setgroups": "sys_setgroups16",
    "select": "sys_old_select", "oldlstat": "sys_lstat", "readdir": "sys_old_readdir",
    "mmap": "sys_old_mmap", "fchown": "sys_fchown16", "profil": None,
    "stat": "sys_newstat", "lstat": "sys_newlstat", "fstat": "sys_newfstat",
    "olduname": "sys_uname", "idle": None, "uname": "sys_newuname",
    "adjtimex": "sys_adjtimex_time32", "create_module": None, "get_kernel_syms": None,
    "bdflush": None, "afs_syscall": None, "setfsuid": "sys_setfsuid16",
    "setfsgid": "sys_setfsgid16", "_llseek": "sys_llseek", "_newselect": "sys_select",
    "_sysctl": None, "sched_rr_get_interval": "sys_sched_rr_get_interval_time32",
    "nanosleep": "sys_nanosleep_time32", "setresuid": "sys_setresuid16",
    "getresuid": "sys_getresuid16", "query_module": None, "nfsservctl": None,
    "setresgid": "sys_setresgid16", "getresgid": "sys_getresgid16",
    "rt_sigtimedwait": "sys_rt_sigtimedwait_time32", "pread64": "sys_ia32_pread64",
    "pwrite64": "sys_ia32_pwrite64", "chown": "sys_chown16", "getpmsg": None,
    "putpmsg": None, "ugetrlimit": "sys_getrlimit", "mmap2": "sys_mmap_pgoff",
    "truncate64": "sys_ia32_truncate64", "ftruncate64": "sys_ia32_ftruncate64",
    "lchown32": "sys_lchown", "getuid32": "sys_getuid", "getgid32": "sys_getgid",
    "geteuid32": "sys_geteuid", "getegid32": "sys_getegid", "setreuid32": "sys_setreuid",
    "setregid32": "sys_setregid", "getgroups32": "sys_getgroups",
    "setgroups32": "sys_setgroups", "fchown32": "sys_fchown", "setresuid32": "sys_setresuid",
    "getresuid32": "sys_getresuid", "setresgid32": "sys_setresgid",
    "getresgid32": "sys_getresgid", "chown32": "sys_chown", "setuid32": "sys_setuid",
    "setgid32": "sys_setgid", "setfsuid32": "sys_setfsuid", "setfsgid32": "sys_setfsgid",
    "readahead": "sys_ia32_readahead", "futex": "sys_futex_time32",
    "io_getevents": "sys_io_getevents_time32", "fadvise64": "sys_ia32_fadvise64",
    "timer_settime": "sys_timer_settime32", "timer_gettime": "sys_timer_gettime32",
    "clock_settime": "sys_clock_settime32", "clock_gettime": "sys_clock_gettime32",
    "clock_getres": "sys_clock_getres_time32", "clock_nanosleep": "sys_clock_nanosleep_time32",
    "utimes": "sys_utimes_time32", "fadvise64_64": "sys_ia32_fadvise64_64", "vserver": None,
    "mq_timedsend": "sys_mq_timedsend_time32", "mq_timedreceive": "sys_mq_timedreceive_time32",
    "futimesat": "sys_futimesat_time32", "pselect6": "sys_pselect6_time32",
    "ppoll": "sys_ppoll_time32", "sync_file_range": "sys_ia32_sync_file_range",
    "utimensat": "sys_utimensat_time32", "fallocate": "sys_ia32_fallocate",
    "timerfd_settime": "sys_timerfd_settime32", "timerfd_gettime": "sys_timerfd_gettime32",
    "recvmmsg": "sys_recvmmsg_time32", "clock_adjtime": "sys_clock_adjtime32",
    "io_pgetevents": "sys_io_pgetevents_time32",
    "clock_gettime64": "sys_clock_gettime", "clock_settime64": "sys_clock_settime",
    "clock_adjtime64": "sys_clock_adjtime", "clock_getres_time64": "sys_clock_getres",
    "clock_nanosleep_time64": "sys_clock_nanosleep", "timer_gettime64": "sys_timer_gettime",
    "timer_settime64": "sys_timer_settime", "timerfd_gettime64": "sys_timerfd_gettime",
    "timerfd_settime64": "sys_timerfd_settime", "utimensat_time64": "sys_utimensat",
    "pselect6_time64": "sys_pselect6", "ppoll_time64": "sys_ppoll",
    "io_pgetevents_time64": "sys_io_pgetevents", "recvmmsg_time64": "sys_recvmmsg",
    "mq_timedsend_time64": "sys_mq_timedsend", "mq_timedreceive_time64": "sys_mq_timedreceive",
    "semtimedop_time64": "sys_semtimedop", "rt_sigtimedwait_time64": "sys_rt_sigtimedwait",
    "futex_time64": "sys_futex",
    "sched_rr_get_interval_time64": "sys_sched_rr_get_interval",
}

# Linux 2.6's names (the book's) for entry points 6.1 renamed without
# changing what they take, accepted where the 6.1 name is not defined:
# mmap2's sys_mmap2, and the calls with 64-bit offsets split over two
# registers, which 6.1's sys_ia32_* wrappers reassemble and 2.6 read as
# a loff_t -- the same two stack words. (The _time32 calls have no such
# alias: their 2.6 names are 6.1's 64-bit time calls now.)
ALIASES = {
    "mmap2": "sys_mmap2", "pread64": "sys_pread64", "pwrite64": "sys_pwrite64",
    "truncate64": "sys_truncate64", "ftruncate64": "sys_ftruncate64",
    "readahead": "sys_readahead", "fadvise64": "sys_fadvise64",
    "fadvise64_64": "sys_fadvise64_64", "sync_file_range": "sys_sync_file_range",
    "fallocate": "sys_fallocate",
}

# Defined, but deliberately in no table slot.
NOT_ENTRY_POINTS = {"sys_ni_syscall"}


def read_numbers(path=UNISTD):
    """[(number, name)] from asm/unistd_32.h, by number."""
    nrs = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"#define\s+__NR_(\w+)\s+(\d+)\s*$", line)
            if m:
                nrs[m.group(1)] = int(m.group(2))
    if len(nrs) < 300:
        sys.exit("syscalltbl.py: only %d numbers in %s: not Linux's asm/unistd_32.h?"
                 % (len(nrs), path))
    by_nr = sorted((n, name) for name, n in nrs.items())
    if len({n for n, _ in by_nr}) != len(by_nr):
        sys.exit("syscalltbl.py: a number defined twice in %s" % path)
    return by_nr


def entry_point(name):
    return ENTRY_POINTS.get(name, "sys_" + name)


def header(h_path, inc_path):
    nrs = read_numbers()
    nr_syscalls = nrs[-1][0] + 1
    src = os.path.basename(UNISTD)
    h = ["/* Generated from Linux's asm/unistd_32.h by scripts/syscalltbl.py: do not edit. */",
         "#ifndef _ASM_UNISTD_H", "#define _ASM_UNISTD_H", ""]
    h += ["#define __NR_%s %d" % (name, n) for n, name in nrs]
    h += ["", "/* Entries in sys_call_table: the highest number + 1. */",
          "#define NR_syscalls %d" % nr_syscalls, "", "#endif"]
    inc = ["; Generated from Linux's %s by scripts/syscalltbl.py: do not edit." % src]
    inc += ["%%define __NR_%s %d" % (name, n) for n, name in nrs]
    inc += ["%%define NR_syscalls %d" % nr_syscalls]
    write(h_path, "\n".join(h) + "\n")
    write(inc_path, "\n".join(inc) + "\n")


def defined_functions(nm_lines):
    """The global functions named sys_* in `nm` output."""
    funcs = set()
    for line in nm_lines:
        m = re.match(r"^[0-9a-fA-F]+ T (sys_\w+)$", line.strip())
        if m:
            funcs.add(m.group(1))
    return funcs


def wire(funcs):
    """[(number, name, entry point, function or None)] and the problems found."""
    rows, problems, used = [], [], set()
    for n, name in read_numbers():
        entry = entry_point(name)
        alias = ALIASES.get(name)
        fn = None
        if entry and entry in funcs:
            fn = entry
            if alias and alias in funcs:
                problems.append("%s and %s both define system call %d (%s)"
                                % (entry, alias, n, name))
        elif alias and alias in funcs:
            fn = alias
        if fn:
            if fn in used:
                problems.append("%s is wired twice (again for %d, %s)" % (fn, n, name))
            used.add(fn)
        rows.append((n, name, entry, fn))
    for fn in sorted(funcs - used - NOT_ENTRY_POINTS):
        problems.append("%s is defined but no system call number uses it: Linux's entry "
                        "point has another name? (scripts/syscalltbl.py: ENTRY_POINTS, "
                        "ALIASES)" % fn)
    return rows, problems


def table(c_path, rows, nr_syscalls):
    out = ["/* Generated by scripts/syscalltbl.py from asm/unistd_32.h and the kernel's",
           " * sys_* functions: do not edit. */",
           "typedef long (*sys_call_ptr_t)(void);", "extern long sys_ni_syscall(void);"]
    fns = sorted({fn for _, _, _, fn in rows if fn})
    out += ["extern long %s(void);" % fn for fn in fns]
    wired = {n: fn for n, _, _, fn in rows if fn}
    out.append("const sys_call_ptr_t sys_call_table[%d] = {" % nr_syscalls)
    out += ["\t[%d] = %s," % (n, wired.get(n, "sys_ni_syscall")) for n in range(nr_syscalls)]
    out.append("};")
    out.append("const char *const sys_call_names[%d] = {" % nr_syscalls)
    out += ['\t[%d] = "%s",' % (n, name) for n, name, _, _ in rows]
    out.append("};")
    write(c_path, "\n".join(out) + "\n")


def write(path, text):
    """Write path only if its contents change (make does not rebuild what depends on it)."""
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except OSError:
        pass
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def read_list(path):
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            n, name, entry, fn = line.split()
            rows.append((int(n), name, entry, fn))
    return rows


def readme_rows(rows):
    """README.md's system-call table: the wired calls, by number."""
    return ["| %d | `%s` | `%s` | |" % (n, name, fn) for n, name, _, fn in rows if fn != "-"]


def main(argv):
    if len(argv) == 3 and argv[0] == "--header":
        header(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "--empty-table":
        nrs = read_numbers()
        table(argv[1], [(n, name, entry_point(name), None) for n, name in nrs], nrs[-1][0] + 1)
    elif len(argv) == 3 and argv[0] == "--table":
        rows, problems = wire(defined_functions(sys.stdin))
        if problems:
            sys.exit("syscalltbl.py: " + "\nsyscalltbl.py: ".join(problems))
        table(argv[1], rows, rows[-1][0] + 1)
        write(argv[2], "# number name entry-point function (- : sys_ni_syscall)\n" +
              "".join("%d %s %s %s\n" % (n, name, entry or "-", fn or "-")
                      for n, name, entry, fn in rows))
    elif len(argv) == 2 and argv[0] == "--readme":
        print("\n".join(readme_rows(read_list(argv[1]))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
