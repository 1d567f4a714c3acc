# Mneme's gdb helpers: commands that read the kernel's data structures
# from a stopped target (QEMU's gdb stub), in the spirit of Linux's
# scripts/gdb/linux/*.py and with the same "lx-" names where the concept
# matches.
#
#   (gdb) source scripts/gdb/mneme.py        (scripts/gdb/gdbinit does it)
#   (gdb) mneme-help
#
# Commands: lx-dmesg, lx-cmdline, lx-e820, lx-timers, lx-idt, lx-pte,
# lx-taint; for page frames lx-buddyinfo, lx-zoneinfo, lx-meminfo (the
# kernel's /proc reports of mm/vmstat.c, line for line), lx-page (one
# page descriptor; for a slab page its cache and slab), lx-freelist (a
# zone's buddy free lists), lx-pcp (the per-CPU lists) and lx-memlayout
# (the kernel's virtual memory layout); for the slab allocator
# lx-slabinfo (/proc/slabinfo as mm/slabinfo.c prints it, line for
# line), lx-slab (one cache: its parameters, per-CPU array and every
# slab, checked as kmem_cache_check() does) and lx-slabobj (which cache,
# slab and object an address is in, and the object's state); for tasks
# lx-ps (every task as show_state() prints it, with where each waits)
# and lx-bt (a task's backtrace: a sleeping one's from the frame
# __switch_to() saved, the running one's from gdb); for noncontiguous
# areas and high memory lx-vmallocinfo (/proc/vmallocinfo as
# show_vmallocinfo() prints it, line for line; -v checks every area
# against swapper_pg_dir) and lx-pkmap (kmap()'s pkmap window: slots,
# the page_address hash, the waiters, checked; the kmap_atomic() slots).
#
# Layout of this file, for whoever adds the next command (mm_struct and
# VMAs, ...):
#
#   1. errors and target checks     MnemeError, NotYet, require_target,
#                                   require_paging
#   2. symbols and types            lookup_var, has_symbol, get_type, offset_of
#   3. memory                       read_bytes, read_u32, read_phys, read_phys_u32
#   4. kernel idioms                container_of, list_for_each(_entry),
#                                   symbolize, c_string, jiffies_now
#   5. commands                     one MnemeCommand subclass each, registered
#                                   by instantiating it at the end of the file;
#                                   the page-frame ones share MemMap (mem_map
#                                   and the zones, read once), Page (a struct
#                                   page decoded with offsets and PG_* bits
#                                   from the debug info) and memory_layout();
#                                   the slab ones KmemCache, SlabDesc,
#                                   ArrayCache (structures read in one go),
#                                   CacheWalk (one cache's slabs, arrays and
#                                   consistency checks) and ObjectDebug (an
#                                   object's red zones, poison, last user);
#                                   the kernel's own kallsyms table read once
#                                   (kallsyms_lookup, sprint_symbol: %pS exactly
#                                   as the kernel prints it), kernel_text_address,
#                                   inlined_at (gdb's inline blocks at a pc);
#                                   the task ones Task (a task_struct, its saved
#                                   frame and ebp-chain walk) and wchan(); the
#                                   vmalloc ones VmArea, KernelPageTables
#                                   (swapper_pg_dir, each table read once) and
#                                   VmallocCheck; the pkmap one kmap_atomic_slots
#                                   and wait_queue_tasks
#
# A command subclasses MnemeCommand, sets `name` and a docstring whose
# first line is its one-line summary (mneme-help lists it), and puts its
# work in run(arg, from_tty). Anything it raises as MnemeError is printed
# as a one-line message; gdb.MemoryError and gdb.error are turned into
# one too, so a command never dumps a Python traceback at the user.
# Commands must say clearly when the kernel is not far enough in boot
# (paging off, structure not initialised yet) rather than print garbage:
# raise NotYet("...") and the command prints that one line in parentheses.

import bisect
import re

import gdb

PAGE_OFFSET = 0xC0000000
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_MASK = ~(PAGE_SIZE - 1) & 0xFFFFFFFF
PGDIR_SHIFT = 22
PTRS_PER_PTE = 1024
INITIAL_JIFFIES = 0xFFFB6C20      # include/jiffies.h: wraps 5 minutes after boot
TIMER_MAGIC = 0x4B87AD6E          # include/timer.h
LIST_POISON1 = 0x00100100         # include/list.h
LIST_POISON2 = 0x00200200
# Without a high_memory symbol, assume the usual 896 MB of direct map.
DEFAULT_DIRECT_MAP_SIZE = 896 << 20

X86_CR0_PG = 1 << 31
X86_CR4_PSE = 1 << 4


# ---------------------------------------------------------------------------
# 1. Errors and target checks
# ---------------------------------------------------------------------------

class MnemeError(gdb.GdbError):
    """An error a command reports as a single line (no traceback)."""


class NotYet(Exception):
    """The kernel has not set up what a command reads yet (early boot).

    The command prints the message as one line in parentheses and
    returns normally, as when a structure is found empty."""


def require_target():
    """Fail unless gdb is attached to a live target (QEMU's stub)."""
    if gdb.selected_inferior().pid == 0 or gdb.selected_thread() is None:
        raise MnemeError("no live target: start QEMU with -s -S (or `make debug`) "
                         "and `target remote :1234` first")


def read_reg(name):
    """A register of the selected frame (or the innermost one) as an int."""
    require_target()
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        frame = gdb.newest_frame()
    try:
        val = frame.read_register(name)
    except (gdb.error, ValueError) as e:
        raise MnemeError("cannot read register %s: %s" % (name, e))
    try:
        return int(val) & 0xFFFFFFFF        # control registers are flags types
    except gdb.error:
        return int(val.cast(gdb.lookup_type("unsigned int"))) & 0xFFFFFFFF


def paging_enabled():
    return bool(read_reg("cr0") & X86_CR0_PG)


def require_paging(what="kernel data"):
    """Fail with a clear message when kernel virtual addresses are not mapped yet."""
    require_target()
    if not paging_enabled():
        raise MnemeError(
            "paging is off (CR0.PG=0): the kernel is still in startup_32 and %s at "
            "0x%08x and above is not mapped yet; `continue` to start_kernel first"
            % (what, PAGE_OFFSET))


# ---------------------------------------------------------------------------
# 2. Symbols and types
# ---------------------------------------------------------------------------

_type_cache = {}


def _clear_caches(_event=None):
    _type_cache.clear()


gdb.events.new_objfile.connect(_clear_caches)
if hasattr(gdb.events, "clear_objfiles"):
    gdb.events.clear_objfiles.connect(_clear_caches)


def _find_symbol(name):
    sym = gdb.lookup_global_symbol(name)
    if sym is None and hasattr(gdb, "lookup_static_symbol"):
        sym = gdb.lookup_static_symbol(name)
    if sym is None:
        try:
            sym = gdb.lookup_symbol(name)[0]
        except gdb.error:       # no frame selected
            sym = None
    return sym


def has_symbol(name):
    """True if the kernel image has a variable or function called name."""
    if _find_symbol(name) is not None:
        return True
    try:        # minimal (ELF) symbols: assembly labels without debug info
        return "No symbol" not in gdb.execute("info address %s" % name, to_string=True)
    except gdb.error:
        return False


def lookup_var(name, what=None):
    """The gdb.Value of a kernel variable (global or file-static), checked.

    Raises a MnemeError naming the symbol if this kernel does not have it,
    and if the variable lives in kernel virtual memory while paging is off.
    """
    sym = _find_symbol(name)
    if sym is None:
        raise MnemeError("symbol '%s' not found in the kernel image%s (is the right "
                         "ELF loaded, and does this kernel have that subsystem yet?)"
                         % (name, " (needed for %s)" % what if what else ""))
    require_target()
    val = sym.value()
    addr = val.address
    if addr is not None and int(addr) >= PAGE_OFFSET:
        require_paging("'%s'" % name)
    return val


def get_type(name):
    """gdb.Type by C name ("struct timer_list", "unsigned long"), cached."""
    t = _type_cache.get(name)
    if t is None:
        try:
            t = gdb.lookup_type(name)
        except gdb.error:
            m = re.match(r"(struct|union|enum)\s+(\w+)$", name)
            if not m:
                raise MnemeError("type '%s' not found in the kernel's debug info" % name)
            try:
                t = gdb.parse_and_eval("(%s *)0" % name).type.target()
            except gdb.error:
                raise MnemeError("type '%s' not found in the kernel's debug info" % name)
        _type_cache[name] = t
    return t


def offset_of(typ, member):
    """Byte offset of member ("a" or "a.b") in typ (a gdb.Type or a C type name)."""
    if isinstance(typ, str):
        typ = get_type(typ)
    off = 0
    for part in member.split("."):
        typ = typ.strip_typedefs()
        for f in typ.fields():
            if f.name == part:
                off += f.bitpos // 8
                typ = f.type
                break
        else:
            raise MnemeError("type '%s' has no member '%s'" % (typ, part))
    return off


# ---------------------------------------------------------------------------
# 3. Memory
# ---------------------------------------------------------------------------

def read_bytes(addr, size):
    """size bytes at a (virtual) address of the target."""
    try:
        return bytes(gdb.selected_inferior().read_memory(int(addr), size))
    except gdb.MemoryError:
        raise MnemeError("cannot read %d bytes at 0x%08x (not mapped?)" % (size, int(addr)))


def read_u32(addr):
    return int.from_bytes(read_bytes(addr, 4), "little")


def read_u64(addr):
    return int.from_bytes(read_bytes(addr, 8), "little")


def direct_map_end():
    """End (virtual) of the direct map of low memory: high_memory, if the kernel has it."""
    if _find_symbol("high_memory") is not None:
        try:
            hm = int(gdb.parse_and_eval("(unsigned long)high_memory"))
            if hm > PAGE_OFFSET:
                return hm
        except gdb.error:
            pass
    return PAGE_OFFSET + DEFAULT_DIRECT_MAP_SIZE


def _read_phys_qemu(paddr, size):
    """Physical read through QEMU's gdb stub physical-memory mode."""
    inf = gdb.selected_inferior()
    gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
    try:
        # gdb's caches are keyed by address, not by address space.
        gdb.execute("set code-cache off", to_string=True)
        gdb.execute("set stack-cache off", to_string=True)
        return bytes(inf.read_memory(paddr, size))
    finally:
        gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)
        gdb.execute("set code-cache on", to_string=True)
        gdb.execute("set stack-cache on", to_string=True)


def read_phys(paddr, size):
    """size bytes at a physical address.

    With paging off, linear addresses are physical. With paging on, the
    kernel's direct map (physical p at p + PAGE_OFFSET) is used; if that
    is not mapped (early boot maps only 8 MB, or p is above low memory),
    QEMU's physical-memory mode of the gdb stub is the fallback.
    """
    require_target()
    if not paging_enabled():
        return read_bytes(paddr, size)
    va = paddr + PAGE_OFFSET
    if va + size <= direct_map_end():
        try:
            return bytes(gdb.selected_inferior().read_memory(va, size))
        except gdb.MemoryError:
            pass
    try:
        return _read_phys_qemu(paddr, size)
    except (gdb.error, gdb.MemoryError) as e:
        raise MnemeError("cannot read physical 0x%08x: not in the direct map, and "
                         "QEMU's physical memory mode failed (%s)" % (paddr, e))


def read_phys_u32(paddr):
    return int.from_bytes(read_phys(paddr, 4), "little")


# ---------------------------------------------------------------------------
# 4. Kernel idioms
# ---------------------------------------------------------------------------

def container_of(ptr, typ, member):
    """Pointer to the typ (gdb.Type or name) containing member at ptr."""
    if isinstance(typ, str):
        typ = get_type(typ)
    addr = int(ptr) - offset_of(typ, member)
    return gdb.Value(addr).cast(typ.pointer())


def list_for_each(head, limit=1 << 20):
    """Yield each node (struct list_head *) of the list at head.

    head: a struct list_head value or pointer. The walk stops with a
    MnemeError on a NULL or poisoned pointer (a list never initialised,
    or an entry used after list_del) and on a cycle longer than limit.
    """
    lh_ptr = get_type("struct list_head").pointer()
    if head.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        head_addr = int(head)
    else:
        head_addr = int(head.address)
    head_p = gdb.Value(head_addr).cast(lh_ptr)
    prev = head_addr
    node = int(head_p["next"])
    n = 0
    while node != head_addr:
        if node == 0:
            raise MnemeError("list at 0x%08x: NULL next pointer after 0x%08x "
                             "(list_head not initialised yet?)" % (head_addr, prev))
        if node in (LIST_POISON1, LIST_POISON2):
            raise MnemeError("list at 0x%08x: poisoned pointer 0x%08x after 0x%08x "
                             "(an entry was used after list_del)" % (head_addr, node, prev))
        n += 1
        if n > limit:
            raise MnemeError("list at 0x%08x: more than %d entries (corrupt or cyclic?)"
                             % (head_addr, limit))
        p = gdb.Value(node).cast(lh_ptr)
        yield p
        prev = node
        node = int(p["next"])


def list_for_each_entry(head, typ, member):
    """Yield a pointer to each typ (gdb.Type or name) linked through member."""
    for node in list_for_each(head):
        yield container_of(node, typ, member)


def list_empty(head):
    """True for an empty list; None for a head never initialised (next == NULL)."""
    nxt = int(head["next"])
    if nxt == 0:
        return None
    return nxt == int(head.address)


_info_symbol_re = re.compile(r"^(\S+)(?: \+ (\d+))? in section (\S+)")


def symbolize(addr):
    """'func+0x1c' (or 'func') for a code/data address, or '0x...' if unknown."""
    addr = int(addr) & 0xFFFFFFFF
    if addr == 0:
        return "NULL"
    try:
        out = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    except gdb.error:
        out = ""
    m = _info_symbol_re.match(out)
    if not m:
        return "0x%08x" % addr
    name, off = m.group(1), m.group(2)
    return "%s+0x%x" % (name, int(off)) if off and int(off) else name


def symbol_name(addr):
    """The bare symbol containing addr, or None."""
    s = symbolize(addr)
    return None if s.startswith("0x") or s == "NULL" else s.split("+")[0]


def c_string(val, maxlen=None):
    """A char array or char * value as a Python str (up to the NUL)."""
    t = val.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_ARRAY:
        n = t.sizeof if maxlen is None else min(maxlen, t.sizeof)
        data = read_bytes(val.address, n)
    else:
        data = read_bytes(val, maxlen or 256)
    return data.split(b"\0", 1)[0].decode("utf-8", "replace")


def jiffies_now():
    """jiffies_64 as an int."""
    return int(lookup_var("jiffies_64")) & 0xFFFFFFFFFFFFFFFF


def out(s=""):
    gdb.write(s + "\n")


# ---------------------------------------------------------------------------
# 5. Commands
# ---------------------------------------------------------------------------

_commands = []


class MnemeCommand(gdb.Command):
    """Base of every Mneme command (see the comment at the top of the file)."""

    name = None
    takes_args = True       # False: any argument is a usage error

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_DATA)
        _commands[:] = [c for c in _commands if c.name != self.name]
        _commands.append(self)

    def invoke(self, arg, from_tty):
        self.dont_repeat()
        try:
            if arg.strip() and not self.takes_args:
                raise MnemeError("usage: %s (no arguments)" % self.name)
            self.run(arg.strip(), from_tty)
        except NotYet as e:
            out("(%s)" % e)
        except MnemeError as e:
            raise MnemeError("%s: %s" % (self.name, e))
        except gdb.MemoryError as e:
            raise MnemeError("%s: cannot read target memory: %s" % (self.name, e))
        except gdb.GdbError:
            raise
        except gdb.error as e:
            raise MnemeError("%s: %s" % (self.name, e))
        except ValueError as e:         # a malformed number in the arguments
            raise MnemeError("%s: %s (see `help %s`)" % (self.name, e, self.name))

    def run(self, arg, from_tty):
        raise NotImplementedError

    @classmethod
    def summary(cls):
        return (cls.__doc__ or "").strip().splitlines()[0]


class MnemeHelp(MnemeCommand):
    """List Mneme's gdb commands and convenience functions.

Usage: mneme-help (or lx-help)
Each command also has `help <command>`."""

    name = "mneme-help"
    takes_args = False

    def run(self, arg, from_tty):
        out("Mneme gdb helpers (scripts/gdb/mneme.py):")
        w = max(len(c.name) for c in _commands)
        for c in sorted(_commands, key=lambda c: c.name):
            if c.name in ("mneme-help", "lx-help"):
                continue
            out("  %-*s %s" % (w, c.name, c.summary()))
        out("  %-*s %s" % (w, "mneme-help", "this list (also lx-help)"))
        out("Convenience functions:")
        for f in _functions:
            out("  %s\n      %s" % (f.usage, f.summary()))
        out("`help <command>` shows a command's options.")


class LxHelp(MnemeHelp):
    """List Mneme's gdb commands (same as mneme-help)."""

    name = "lx-help"


class LxDmesg(MnemeCommand):
    """Print the kernel log buffer (log_buf), oldest line first.

Usage: lx-dmesg [-l] [-n N]
  -l    keep each line's "<N>" level prefix
  -n N  only the last N lines
The ring holds the last LOG_BUF_LEN bytes; when it has wrapped, the
partial oldest line is dropped and the number of lost bytes is shown."""

    name = "lx-dmesg"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        keep_level, last = False, None
        i = 0
        while i < len(args):
            if args[i] == "-l":
                keep_level = True
            elif args[i] == "-n" and i + 1 < len(args):
                i += 1
                last = int(args[i], 0)
            else:
                raise MnemeError("usage: lx-dmesg [-l] [-n N]")
            i += 1
        buf = lookup_var("log_buf", "the kernel log")
        end = int(lookup_var("log_end", "the kernel log"))
        size = buf.type.strip_typedefs().sizeof
        if end == 0:
            out("(the log is empty: printk has not run yet)")
            return
        raw = read_bytes(buf.address, size)
        if end <= size:
            text, lost = raw[:end], 0
        else:
            idx = end % size
            text = raw[idx:] + raw[:idx]
            lost = end - size
            nl = text.find(b"\n")
            text = text[nl + 1:] if nl >= 0 else b""
        lines = text.decode("utf-8", "replace").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if last is not None:
            lines = lines[-last:] if last > 0 else []
        if lost:
            out("[lx-dmesg: the ring wrapped; %d older bytes were overwritten]" % lost)
        for line in lines:
            if not keep_level:
                line = re.sub(r"^<\d+>", "", line)
            out(line)


class LxCmdline(MnemeCommand):
    """Print the kernel command line (boot_command_line).

Usage: lx-cmdline"""

    name = "lx-cmdline"
    takes_args = False

    def run(self, arg, from_tty):
        s = c_string(lookup_var("boot_command_line", "the command line"))
        if s:
            out(s)
        elif has_symbol("log_end") and not int(lookup_var("log_end")):
            out("(empty: setup_arch() has not copied the command line yet)")
        else:
            out("(the command line is empty)")


E820_TYPES = {1: "usable", 2: "reserved", 3: "ACPI data", 4: "ACPI NVS", 5: "unusable"}


class LxE820(MnemeCommand):
    """Print the physical memory map (e820) as the kernel prints it.

Usage: lx-e820"""

    name = "lx-e820"
    takes_args = False

    def run(self, arg, from_tty):
        e820 = lookup_var("e820", "the memory map")
        nr = int(e820["nr_map"])
        cap = e820["map"].type.strip_typedefs().range()[1] + 1
        if nr == 0:
            out("(the e820 map is empty: setup_memory_map() has not run yet)")
            return
        if nr > cap:
            raise MnemeError("e820.nr_map = %d exceeds the %d entries of the map (corrupt?)"
                             % (nr, cap))
        total = 0
        for i in range(nr):
            ent = e820["map"][i]
            addr, size, typ = int(ent["addr"]), int(ent["size"]), int(ent["type"])
            if typ == 1:
                total += size
            out("e820: [mem 0x%016x-0x%016x] %s"
                % (addr, (addr + size - 1) & 0xFFFFFFFFFFFFFFFF,
                   E820_TYPES.get(typ, "type %d" % typ)))
        out("e820: %d ranges, %d KB usable" % (nr, total >> 10))


TVR_BITS, TVN_BITS = 8, 6


class LxTimers(MnemeCommand):
    """List the pending dynamic timers on the timer wheel (timer_base).

Usage: lx-timers
For each timer: expiry (absolute and relative to jiffies), function,
data, the timer_list's address, and the wheel level and bucket holding it."""

    name = "lx-timers"
    takes_args = False

    def run(self, arg, from_tty):
        base = lookup_var("timer_base", "the timer wheel")
        base.fetch_lazy()       # one read of the whole wheel, not one per bucket
        now = jiffies_now() & 0xFFFFFFFF
        tj = int(base["timer_jiffies"]) & 0xFFFFFFFF
        running = int(base["running_timer"])
        npend = None
        if has_symbol("nr_pending_timers"):
            npend = int(lookup_var("nr_pending_timers"))
        if tj == 0 and int(base["tv1"][0]["next"]) == 0:
            out("(the timer wheel is not initialised: init_timers() has not run yet)")
            return
        out("jiffies 0x%08x, wheel at timer_jiffies 0x%08x, nr_pending_timers %s%s"
            % (now, tj, "?" if npend is None else npend,
               ", running %s" % symbolize(running) if running else ""))
        rows = []
        for level, vec in enumerate(("tv1", "tv2", "tv3", "tv4", "tv5")):
            try:
                arr = base[vec]
            except gdb.error:
                continue
            nb = arr.type.strip_typedefs().range()[1] + 1
            for b in range(nb):
                head = arr[b]
                if list_empty(head) is None:
                    raise MnemeError("%s[%d] is not initialised (init_timers() not run?)"
                                     % (vec, b))
                for t in list_for_each_entry(head, "struct timer_list", "entry"):
                    t = t.dereference()
                    exp = int(t["expires"]) & 0xFFFFFFFF
                    delta = (exp - now) & 0xFFFFFFFF
                    if delta >= 0x80000000:
                        delta -= 0x100000000
                    rows.append((delta, exp, int(t["function"]), int(t["data"]),
                                 int(t.address), "%s[%d]" % (vec, b),
                                 int(t["magic"]) if "magic" in
                                 [f.name for f in t.type.fields()] else TIMER_MAGIC))
        if not rows:
            out("no pending timers")
        else:
            rows.sort()
            out("%-10s %-12s %-32s %-10s %-10s %s"
                % ("expires", "in (jiffies)", "function", "data", "timer", "wheel"))
            for delta, exp, fn, data, addr, where, magic in rows:
                out("0x%08x %-+12d %-32s 0x%08x 0x%08x %s%s"
                    % (exp, delta, symbolize(fn), data, addr, where,
                       "" if magic == TIMER_MAGIC else "  BAD MAGIC 0x%08x" % magic))
        if npend is not None and npend != len(rows):
            out("warning: %d timers on the wheel but nr_pending_timers = %d"
                % (len(rows), npend))


EXCEPTION_NAMES = {
    0: "#DE", 1: "#DB", 2: "NMI", 3: "#BP", 4: "#OF", 5: "#BR", 6: "#UD",
    7: "#NM", 8: "#DF", 9: "CSO", 10: "#TS", 11: "#NP", 12: "#SS", 13: "#GP",
    14: "#PF", 15: "spur", 16: "#MF", 17: "#AC", 18: "#MC", 19: "#XM",
    0x80: "syscall",
}
FIRST_EXTERNAL_VECTOR = 0x20
GATE_TYPES = {0x5: "task", 0x6: "intr16", 0x7: "trap16", 0xE: "intr", 0xF: "trap"}


def desc_base(a, b):
    """Base address of a GDT segment descriptor (a, b words)."""
    return ((a >> 16) & 0xFFFF) | ((b & 0xFF) << 16) | (b & 0xFF000000)


class LxIdt(MnemeCommand):
    """List the present gates of the IDT (idt_table): vector, type, DPL, handler.

Usage: lx-idt [-a] [VECTOR]
Consecutive gates into one array of entry stubs (same symbol, equal
stride) are folded into one line unless -a is given; the 16 IRQ vectors
and the system call vector are kept apart. Task gates show the TSS
selector and the EIP that TSS starts at."""

    name = "lx-idt"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show_all = "-a" in args
        args = [a for a in args if a != "-a"]
        if len(args) > 1:
            raise MnemeError("usage: lx-idt [-a] [VECTOR]")
        only = int(gdb.parse_and_eval(args[0])) if args else None
        idt = lookup_var("idt_table", "the IDT")
        n = idt.type.strip_typedefs().range()[1] + 1
        raw = read_bytes(idt.address, n * 8)
        gates = []
        for v in range(n):
            if only is not None and v != only:
                continue
            a = int.from_bytes(raw[v * 8:v * 8 + 4], "little")
            b = int.from_bytes(raw[v * 8 + 4:v * 8 + 8], "little")
            if b & 0x8000:
                gates.append(self._decode(v, a, b))
        if not gates:
            if only is not None:
                out("vector %d: no present gate" % only)
            else:
                out("(no present gates: trap_init() has not run yet)")
            return
        out("%-7s %-9s %-7s %-5s %-4s %s" % ("vector", "hex", "name", "type", "DPL",
                                             "sel:offset handler"))
        i = 0
        while i < len(gates):
            j, stride = i + 1, None
            while not show_all and j < len(gates) and \
                    gates[j]["v"] == gates[j - 1]["v"] + 1 and \
                    self._compatible(gates[i], gates[j]):
                d = gates[j]["off"] - gates[j - 1]["off"]
                if d <= 0 or (stride is not None and d != stride):
                    break
                stride, j = d, j + 1
            g = gates[i]
            if j - i == 1:
                out("%-7d 0x%02x      %-7s %-5s %-4d %s"
                    % (g["v"], g["v"], g["name"], g["type"], g["dpl"], g["text"]))
            else:
                last = gates[j - 1]
                names = "%s-%s" % (g["name"], last["name"][3:]) \
                    if g["name"].startswith("IRQ") else ""
                out("%-7s 0x%02x-0x%02x %-7s %-5s %-4d %04x:%08x-%08x %s .. %s (%d gates, %d bytes apart)"
                    % ("%d-%d" % (g["v"], last["v"]), g["v"], last["v"], names, g["type"],
                       g["dpl"], g["sel"], g["off"], last["off"], g["sym"], last["sym"],
                       j - i, stride))
            i = j

    @staticmethod
    def _decode(v, a, b):
        typ = (b >> 8) & 0xF
        sel = a >> 16
        name = EXCEPTION_NAMES.get(v, "")
        if not name and FIRST_EXTERNAL_VECTOR <= v < FIRST_EXTERNAL_VECTOR + 16:
            name = "IRQ%d" % (v - FIRST_EXTERNAL_VECTOR)
        g = {"v": v, "name": name, "type": GATE_TYPES.get(typ, "type%x" % typ),
             "dpl": (b >> 13) & 3, "sel": sel, "off": None, "sym": ""}
        if typ == 0x5:
            g["text"] = "TSS selector 0x%04x%s" % (sel, LxIdt._task_eip(sel))
        else:
            off = (b & 0xFFFF0000) | (a & 0xFFFF)
            g["off"], g["sym"] = off, symbolize(off)
            g["text"] = "%04x:%08x %s" % (sel, off, g["sym"])
        return g

    @staticmethod
    def _group(g):
        v = g["v"]
        if FIRST_EXTERNAL_VECTOR <= v < FIRST_EXTERNAL_VECTOR + 16:
            return 1
        if v == 0x80 or v in EXCEPTION_NAMES:
            return ("alone", v)
        return 0

    @classmethod
    def _compatible(cls, first, g):
        """g may join a folded run starting at first: same kind, gate and symbol."""
        if g["off"] is None or first["off"] is None:
            return False
        if cls._group(g) != cls._group(first) or isinstance(cls._group(g), tuple):
            return False
        return (g["type"], g["dpl"], g["sel"], g["sym"].split("+")[0]) == \
            (first["type"], first["dpl"], first["sel"], first["sym"].split("+")[0])

    @staticmethod
    def _task_eip(sel):
        """' (GDT n, TSS at ..., eip sym)' for a task gate's TSS selector."""
        try:
            gdt = lookup_var("gdt_table")
            idx = sel >> 3
            d = gdt[idx]
            base = desc_base(int(d["a"]), int(d["b"]))
            eip = read_u32(base + offset_of("struct tss_struct", "eip"))
            return " (GDT %d, TSS at 0x%08x, eip %s)" % (idx, base, symbolize(eip))
        except (MnemeError, gdb.error):
            return ""


PTE_FLAG_NAMES = [(0, "P"), (1, "RW"), (2, "US"), (3, "PWT"), (4, "PCD"),
                  (5, "A"), (6, "D"), (7, "PS"), (8, "G")]


def decode_pte_flags(v, is_pde):
    names = []
    for bit, n in PTE_FLAG_NAMES:
        if v & (1 << bit):
            if bit == 7 and not is_pde:
                n = "PAT"
            names.append(n)
    avl = (v >> 9) & 7
    if avl:
        names.append("AVL=%d" % avl)
    return " ".join(names) if names else "-"


class LxPte(MnemeCommand):
    """Walk the page tables from CR3 for a virtual address: PDE, PTE, physical address.

Usage: lx-pte ADDRESS   (any gdb expression: 0xc0100000, &log_buf, $pc)
Reads the page directory at CR3 and the page table through the kernel's
direct map (physical p at p + 0xC0000000), or QEMU's physical memory
mode where that is not mapped. 4 MB pages (PDE.PS with CR4.PSE) are shown
as such."""

    name = "lx-pte"

    def run(self, arg, from_tty):
        if not arg:
            raise MnemeError("usage: lx-pte ADDRESS")
        va = int(gdb.parse_and_eval(arg).cast(get_type("unsigned long"))) & 0xFFFFFFFF
        require_target()
        cr0, cr3, cr4 = read_reg("cr0"), read_reg("cr3"), read_reg("cr4")
        if not cr0 & X86_CR0_PG:
            out("paging is off (CR0.PG=0): linear address 0x%08x is physical 0x%08x"
                % (va, va))
            return
        pse = bool(cr4 & X86_CR4_PSE)
        pgd = cr3 & PAGE_MASK
        pgd_i = va >> PGDIR_SHIFT
        pte_i = (va >> 12) & (PTRS_PER_PTE - 1)
        out("virtual 0x%08x: pgd index %d, pte index %d, offset 0x%03x"
            % (va, pgd_i, pte_i, va & 0xFFF))
        out("CR3 0x%08x (page directory at physical 0x%08x), CR4.PSE=%d"
            % (cr3, pgd, int(pse)))
        pde_pa = pgd + pgd_i * 4
        pde = read_phys_u32(pde_pa)
        out("PDE[%4d] @ phys 0x%08x = 0x%08x  [%s]"
            % (pgd_i, pde_pa, pde, decode_pte_flags(pde, True)))
        if not pde & 1:
            out("0x%08x -> not mapped (PDE not present)" % va)
            return
        if pde & 0x80 and pse:
            pa = (pde & 0xFFC00000) | (va & 0x3FFFFF)
            leaf, kind, eff = pde, "4 MB page", pde
        else:
            if pde & 0x80:
                out("note: PDE.PS is set but CR4.PSE is off: the CPU treats it as a page table")
            pt = pde & PAGE_MASK
            pte_pa = pt + pte_i * 4
            pte = read_phys_u32(pte_pa)
            out("PTE[%4d] @ phys 0x%08x = 0x%08x  [%s]"
                % (pte_i, pte_pa, pte, decode_pte_flags(pte, False)))
            if not pte & 1:
                out("0x%08x -> not mapped (PTE not present%s)"
                    % (va, ", value 0x%08x" % pte if pte else ""))
                return
            pa = (pte & PAGE_MASK) | (va & 0xFFF)
            leaf, kind, eff = pte, "4 KB page", pte & pde
        access = ("user" if eff & 4 else "kernel") + ("/writable" if eff & 2 else "/read-only")
        out("0x%08x -> physical 0x%08x (%s, present, %s%s)"
            % (va, pa, kind, access, ", global" if leaf & 0x100 else ""))


# Linux's taint letters (include/linux/panic.h); Mneme sets B, D and W.
TAINT_FLAGS = [
    (0, "P", "proprietary module loaded"), (1, "F", "module force-loaded"),
    (2, "S", "unsafe SMP / out of spec"), (3, "R", "module force-unloaded"),
    (4, "M", "machine check"), (5, "B", "bad page found"),
    (6, "U", "taint requested by user"), (7, "D", "kernel died (oops)"),
    (8, "A", "ACPI table overridden"), (9, "W", "warning issued"),
    (10, "C", "staging driver"), (11, "I", "firmware bug workaround"),
    (12, "O", "out-of-tree module"), (13, "E", "unsigned module"),
    (14, "L", "soft lockup"), (15, "K", "live patched"),
    (16, "X", "auxiliary taint"), (17, "T", "struct randomisation"),
]


class LxTaint(MnemeCommand):
    """Decode the kernel's taint mask (tainted_mask) like print_tainted().

Usage: lx-taint"""

    name = "lx-taint"
    takes_args = False

    def run(self, arg, from_tty):
        mask = int(lookup_var("tainted_mask", "the taint flags")) & 0xFFFFFFFF
        if not mask:
            out("Not tainted (tainted_mask = 0)")
            return
        letters = [l for bit, l, _ in TAINT_FLAGS if mask & (1 << bit)]
        out("Tainted: %s (tainted_mask = 0x%x)" % (" ".join(letters), mask))
        known = 0
        for bit, letter, desc in TAINT_FLAGS:
            known |= 1 << bit
            if mask & (1 << bit):
                out("  %s  bit %2d  %s" % (letter, bit, desc))
        for bit in range(32):
            if mask & (1 << bit) and not known & (1 << bit):
                out("  ?  bit %2d  unknown" % bit)


# ---------------------------------------------------------------------------
# Page frames: mem_map, zones, the buddy system, the per-CPU lists and the
# kernel's virtual memory layout (include/mm*.h, mm/page_alloc.c,
# mm/vmstat.c, include/asm/pgtable.h, include/asm/fixmap.h)
# ---------------------------------------------------------------------------
#
# Values that are macros in the kernel (no -g3: they are not in the debug
# info) are mirrored here; every one of them is cross-checked at run time
# against something the kernel computed (see lx-memlayout).

ZONES_SHIFT = 2                 # include/mmzone.h: zone number in page->flags' top bits
LAST_PKMAP = 1024               # include/asm/pgtable.h
VMALLOC_OFFSET = 8 << 20        # include/asm/pgtable.h
FIXADDR_TOP = 0xFFFFF000        # include/asm/fixmap.h
PGDIR_SIZE = 1 << PGDIR_SHIFT
PGDIR_MASK = ~(PGDIR_SIZE - 1) & 0xFFFFFFFF
VMALLOC_GUARD = 2 * PAGE_SIZE   # VMALLOC_END = PKMAP_BASE - 2 * PAGE_SIZE
FREELIST_SHOW = 16              # lx-freelist: blocks shown per order by default
PCP_SHOW = 64                   # lx-pcp: pfns shown per list by default
LIST_WALK_LIMIT = 1 << 16       # lx-page: steps along a list to find its head


def enum_values(typename):
    """{name: value} of a C enum in the debug info (cached)."""
    key = "enum-values:" + typename
    vals = _type_cache.get(key)
    if vals is None:
        t = get_type(typename).strip_typedefs()
        if t.code != gdb.TYPE_CODE_ENUM:
            raise MnemeError("'%s' is not an enum in the debug info" % typename)
        vals = {f.name: int(f.enumval) for f in t.fields()}
        _type_cache[key] = vals
    return vals


def enum_value(typename, name, default=None):
    try:
        return enum_values(typename)[name]
    except (MnemeError, KeyError):
        if default is None:
            raise MnemeError("%s not found in %s in the debug info" % (name, typename))
        return default


def page_layout():
    """sizeof(struct page) and the offsets of its fields, from the debug info."""
    lay = _type_cache.get("layout:struct page")
    if lay is None:
        t = get_type("struct page")
        lay = {"size": t.sizeof}
        for member, key in (("flags", "flags"), ("_count.counter", "count"),
                            ("_mapcount.counter", "mapcount"), ("private", "private"),
                            ("mapping", "mapping"), ("index", "index"), ("lru", "lru")):
            lay[key] = offset_of(t, member)
        lay["lru_next"] = lay["lru"] + offset_of("struct list_head", "next")
        lay["lru_prev"] = lay["lru"] + offset_of("struct list_head", "prev")
        _type_cache["layout:struct page"] = lay
    return lay


def pageflag_names():
    """[(bit, name)] of enum pageflags (PG_locked ... without NR_PAGEFLAGS), by bit."""
    vals = enum_values("enum pageflags")
    return sorted((v, n) for n, v in vals.items() if n != "NR_PAGEFLAGS")


def pg_bit(name):
    """The bit number of PG_<name> from the debug info."""
    return enum_value("enum pageflags", "PG_" + name)


def c_hex(v):
    """printf's %#lx: "0" for zero, else 0x..."""
    return "%#x" % v if v else "0"


def _u32(raw, off):
    return int.from_bytes(raw[off:off + 4], "little")


def _s32(raw, off):
    v = _u32(raw, off)
    return v - (1 << 32) if v & 0x80000000 else v


class Page:
    """One struct page, decoded from its bytes (read in one go)."""

    def __init__(self, mm, pfn, raw):
        lay = mm.lay
        self.pfn = pfn
        self.addr = mm.mem_map + pfn * lay["size"]
        self.flags = _u32(raw, lay["flags"])
        self._count = _s32(raw, lay["count"])
        self._mapcount = _s32(raw, lay["mapcount"])
        self.private = _u32(raw, lay["private"])
        self.mapping = _u32(raw, lay["mapping"])
        self.index = _u32(raw, lay["index"])
        self.lru = self.addr + lay["lru"]
        self.lru_next = _u32(raw, lay["lru_next"])
        self.lru_prev = _u32(raw, lay["lru_prev"])

    @property
    def count(self):            # page_count()
        return self._count + 1

    @property
    def mapcount(self):         # page_mapcount()
        return self._mapcount + 1

    @property
    def zonenum(self):          # page_zonenum()
        return self.flags >> (32 - ZONES_SHIFT)

    def test(self, name):
        return bool(self.flags >> pg_bit(name) & 1)

    def is_free_head(self):
        """What page_is_buddy() looks for: PG_private, count 0, not reserved."""
        return self.test("private") and self._count == -1 and not self.test("reserved")


class Zone:
    """One struct zone, read once (from an already fetched pg_data_t)."""

    def __init__(self, idx, z):
        self.idx = idx
        self.addr = int(z.address)
        name = int(z["name"])
        self.name = c_string(z["name"], 32) if name else None
        self.free_pages = int(z["free_pages"])
        self.pages_min = int(z["pages_min"])
        self.pages_low = int(z["pages_low"])
        self.pages_high = int(z["pages_high"])
        lr = z["lowmem_reserve"]
        self.lowmem_reserve = [int(lr[j]) for j in range(lr.type.strip_typedefs().range()[1] + 1)]
        self.start_pfn = int(z["zone_start_pfn"])
        self.spanned = int(z["spanned_pages"])
        self.present = int(z["present_pages"])
        fa = z["free_area"]
        self.max_order = fa.type.strip_typedefs().range()[1] + 1
        self.nr_free = [int(fa[o]["nr_free"]) for o in range(self.max_order)]
        self.free_list = [int(fa[o]["free_list"].address) for o in range(self.max_order)]
        self.free_list_next = [int(fa[o]["free_list"]["next"]) for o in range(self.max_order)]
        ps = z["pageset"][0]
        self.pcp = []
        for i in range(ps["pcp"].type.strip_typedefs().range()[1] + 1):
            p = ps["pcp"][i]
            self.pcp.append({"count": int(p["count"]), "low": int(p["low"]),
                             "high": int(p["high"]), "batch": int(p["batch"]),
                             "list": int(p["list"].address), "next": int(p["list"]["next"])})
        fields = [f.name for f in ps.type.strip_typedefs().fields()]
        self.stats = [(n, int(ps[n])) for n in ("refills", "drains", "numa_hit") if n in fields]

    @property
    def end_pfn(self):
        return self.start_pfn + self.spanned

    def has_pfn(self, pfn):     # pfn_in_zone()
        return self.start_pfn <= pfn < self.end_pfn


PCP_NAMES = ("hot", "cold")


class MemMap:
    """mem_map, max_pfn and the node's zones, read once per command.

    Raises NotYet (one line, no error) while the kernel has not built
    them: mem_map is NULL until paging_init() -> free_area_init_node()."""

    def __init__(self, what):
        self.mem_map = int(lookup_var("mem_map", what)) & 0xFFFFFFFF
        if not self.mem_map:
            raise NotYet("mem_map is NULL: paging_init() has not built the page descriptors "
                         "yet; `continue` past mem_init() (e.g. `break show_mem_at_boot`)")
        self.lay = page_layout()
        self.max_pfn = int(lookup_var("max_pfn"))
        self.max_low_pfn = int(lookup_var("max_low_pfn"))
        pgdat = lookup_var("contig_page_data", what)
        pgdat.fetch_lazy()
        self.node_spanned = int(pgdat["node_spanned_pages"])
        zones = pgdat["node_zones"]
        n = zones.type.strip_typedefs().range()[1] + 1
        self.zones = [Zone(i, zones[i]) for i in range(n)]
        if any(z.name is None or not z.free_list_next[0] for z in self.zones):
            raise NotYet("the zones are not set up yet (free_area_init_core() has not run); "
                         "`continue` past paging_init()")
        self.highmem_idx = enum_value("enum zone_type", "ZONE_HIGHMEM", 2)
        self.mem_map_end = self.mem_map + self.node_spanned * self.lay["size"]

    def page(self, pfn):
        return Page(self, pfn, read_bytes(self.mem_map + pfn * self.lay["size"],
                                          self.lay["size"]))

    def pages(self, pfn, n):
        """n consecutive descriptors from pfn, in one read."""
        size = self.lay["size"]
        raw = read_bytes(self.mem_map + pfn * size, n * size)
        return [Page(self, pfn + i, raw[i * size:(i + 1) * size]) for i in range(n)]

    def lru_to_pfn(self, node):
        """The pfn whose page->lru is at node, or None if node is not one."""
        off = node - self.mem_map - self.lay["lru"]
        if node < self.mem_map or node >= self.mem_map_end or off % self.lay["size"]:
            return None
        return off // self.lay["size"]

    def zone_of_pfn(self, pfn):
        for z in self.zones:
            if z.spanned and z.has_pfn(pfn):
                return z
        return None

    def find_zone(self, spec):
        """A zone by name (case-insensitive) or index."""
        for z in self.zones:
            if z.name.lower() == spec.lower() or str(z.idx) == spec:
                return z
        raise MnemeError("no zone '%s' (zones: %s)"
                         % (spec, ", ".join("%d %s" % (z.idx, z.name) for z in self.zones)))

    def list_heads(self):
        """{address of a list head: description} for every free and per-CPU list."""
        heads = {}
        for z in self.zones:
            for o, a in enumerate(z.free_list):
                heads[a] = ("free", z, o)
            for i, p in enumerate(z.pcp):
                heads[p["list"]] = ("pcp", z, i)
        return heads

    def walk_pages(self, head, first, limit):
        """The pages on the list at head (whose next pointer is first), up to limit.

        Reads each whole descriptor (one read per entry, as cheap as its
        next pointer alone). Returns (pages, problem): problem is None for
        a clean walk back to head, else why it stopped (NULL or poisoned
        pointer, a pointer that is no page's lru, more than limit entries)."""
        pages = []
        node = first
        lru, size = self.lay["lru"], self.lay["size"]
        while node != head:
            if node == 0 or node in (LIST_POISON1, LIST_POISON2):
                return pages, "%s pointer 0x%08x after %d entries" % (
                    "NULL" if node == 0 else "poisoned", node, len(pages))
            pfn = self.lru_to_pfn(node)
            if pfn is None:
                return pages, "0x%08x after %d entries is no page's lru" % (node, len(pages))
            if len(pages) >= limit:
                return pages, "more than %d entries" % limit
            p = Page(self, pfn, read_bytes(node - lru, size))
            pages.append(p)
            node = p.lru_next
        return pages, None


def _kb(pages):
    return pages << (PAGE_SHIFT - 10)


def buddyinfo_lines(mm):
    lines = []
    for z in mm.zones:
        if not z.present:                       # populated_zone()
            continue
        line = "Node 0, zone %8s " % z.name + "".join("%6d " % n for n in z.nr_free)
        # show_buddyinfo()'s line[16 + 8 + MAX_ORDER * 7 + 1]: scnprintf() truncates
        lines.append(line[:16 + 8 + z.max_order * 7])
    return lines


def zoneinfo_lines(mm):
    lines = []
    for z in mm.zones:
        lines.append("Node 0, zone %8s" % z.name)
        lines.append("  pages free     %d" % z.free_pages)
        lines.append("        min      %d" % z.pages_min)
        lines.append("        low      %d" % z.pages_low)
        lines.append("        high     %d" % z.pages_high)
        lines.append("        spanned  %d" % z.spanned)
        lines.append("        present  %d" % z.present)
        lines.append("        protection: (%s)" % ", ".join("%d" % r for r in z.lowmem_reserve))
        lines.append("  pagesets")
        for i, p in enumerate(z.pcp[:2]):
            lines.append("    cpu: 0 pcp: %d" % i)
            lines.append("              count: %d" % p["count"])
            lines.append("              low:   %d" % p["low"])
            lines.append("              high:  %d" % p["high"])
            lines.append("              batch: %d" % p["batch"])
        lines.append("  start_pfn:         %d" % z.start_pfn)
    return lines


def meminfo_lines(mm):
    """show_meminfo()'s lines; then (name, kbytes function) of each meminfo_extra."""
    m = 0xFFFFFFFF                              # unsigned long arithmetic
    free = highfree = 0
    for z in mm.zones:
        f = (z.free_pages + z.pcp[0]["count"] + z.pcp[1]["count"]) & m
        free = (free + f) & m
        if z.idx == mm.highmem_idx:
            highfree = (highfree + f) & m
    total = int(lookup_var("totalram_pages")) & m
    high = int(lookup_var("totalhigh_pages")) & m

    def k(pages):
        return (pages << (PAGE_SHIFT - 10)) & m
    lines = ["MemTotal:       %8d kB" % k(total),
             "MemFree:        %8d kB" % k(free),
             "HighTotal:      %8d kB" % k(high),
             "HighFree:       %8d kB" % k(highfree),
             "LowTotal:       %8d kB" % k((total - high) & m),
             "LowFree:        %8d kB" % k((free - highfree) & m)]
    extras = []
    if _find_symbol("meminfo_extra") is not None:
        arr = lookup_var("meminfo_extra")
        for i in range(arr.type.strip_typedefs().range()[1] + 1):
            e = int(arr[i])
            if not e:
                break
            try:
                ent = gdb.Value(e).cast(get_type("struct meminfo_extra").pointer()).dereference()
                name = c_string(ent["name"], 64) if int(ent["name"]) else "(null)"
                extras.append((name, int(ent["kbytes"])))
            except (MnemeError, gdb.error):
                extras.append(("meminfo_extra[%d]" % i, None))
    return lines, extras


class LxBuddyinfo(MnemeCommand):
    """Free blocks per order of each zone, as /proc/buddyinfo (show_buddyinfo()).

Usage: lx-buddyinfo
One line per populated zone: the number of free blocks of 2^0 .. 2^10
pages (free_area[order].nr_free), exactly as the kernel prints it."""

    name = "lx-buddyinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in buddyinfo_lines(MemMap("the zones")):
            out(line)


class LxZoneinfo(MnemeCommand):
    """Each zone's counters and watermarks, as /proc/zoneinfo (show_zoneinfo()).

Usage: lx-zoneinfo
Free pages, pages_min/low/high, spanned and present pages, lowmem_reserve
("protection"), the per-CPU lists' parameters and the first pfn, exactly
as the kernel prints them. lx-pcp shows the per-CPU lists' pages,
lx-freelist the free blocks."""

    name = "lx-zoneinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in zoneinfo_lines(MemMap("the zones")):
            out(line)


class LxMeminfo(MnemeCommand):
    """Memory totals, as /proc/meminfo (show_meminfo()).

Usage: lx-meminfo
MemFree counts the pages on the per-CPU lists too, as the kernel does.
Fields other subsystems register (meminfo_extra[]: Slab, VmallocUsed ...)
are computed by a kernel function, which gdb does not call: calling into
a stopped kernel may take locks or touch state mid-update. Their names
are listed with the function to call (e.g. `call` it yourself)."""

    name = "lx-meminfo"
    takes_args = False

    def run(self, arg, from_tty):
        lines, extras = meminfo_lines(MemMap("the zones"))
        for line in lines:
            out(line)
        for name, fn in extras:
            out("%-16s%8s kB  (%s)" % (name, "?", "call from the kernel: %s()" % symbolize(fn)
                                          if fn is not None else "unreadable entry"))


def _parse_count_opt(args, default):
    """Remove "-n N" from args; returns N (0: no limit)."""
    n = default
    while "-n" in args:
        i = args.index("-n")
        if i + 1 >= len(args):
            raise MnemeError("-n needs a number")
        n = int(args[i + 1], 0)
        del args[i:i + 2]
    return n if n > 0 else 1 << 30


class LxFreelist(MnemeCommand):
    """The free blocks on a zone's buddy free lists (free_area[order].free_list).

Usage: lx-freelist ZONE [ORDER] [-n N]
  ZONE   DMA, Normal, HighMem (or 0, 1, 2)
  ORDER  only free_area[ORDER]; default: every non-empty order
  -n N   show at most N blocks per order (default 16; 0: all)
Blocks are listed in list order (the next allocation takes the first) as
pfn and physical ranges. The whole list is walked, counted against
nr_free, and each block checked as zone_check() does: head with
PG_private and private == order, count 0, aligned, inside the zone."""

    name = "lx-freelist"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = _parse_count_opt(args, FREELIST_SHOW)
        if not 1 <= len(args) <= 2:
            raise MnemeError("usage: lx-freelist ZONE [ORDER] [-n N]")
        mm = MemMap("the free lists")
        z = mm.find_zone(args[0])
        if len(args) == 2:
            order = int(args[1], 0)
            if not 0 <= order < z.max_order:
                raise MnemeError("order must be 0 .. %d" % (z.max_order - 1))
            orders = [order]
        else:
            orders = [o for o in range(z.max_order)
                      if z.nr_free[o] or z.free_list_next[o] != z.free_list[o]]
        total_blocks = total_pages = 0
        if not z.spanned:
            out("Node 0, zone %s: empty (no page frames)" % z.name)
            return
        out("Node 0, zone %s: pfn 0x%x-0x%x, free_pages %d"
            % (z.name, z.start_pfn, z.end_pfn - 1, z.free_pages))
        if not orders:
            out("  (no free blocks)")
        for o in orders:
            pages, problem = mm.walk_pages(z.free_list[o], z.free_list_next[o],
                                           z.nr_free[o] + 64)
            total_blocks += len(pages)
            total_pages += len(pages) << o
            out("  free_area[%d]: %d block%s of %d page%s (%d kB each), nr_free %d%s"
                % (o, len(pages), "" if len(pages) == 1 else "s", 1 << o,
                   "" if o == 0 else "s", _kb(1 << o), z.nr_free[o],
                   "" if len(pages) == z.nr_free[o] and not problem else
                   "  <- the list has %d%s" % (len(pages), ": " + problem if problem else "")))
            hidden_bad = 0
            for k, p in enumerate(pages):
                why = self._check(z, p, o)
                if k < show or why:
                    if k >= show and not hidden_bad:
                        out("    ... (blocks beyond the first %d with problems:)" % show)
                    hidden_bad += k >= show
                    out("    pfn 0x%05x-0x%05x  phys 0x%08x-0x%08x%s"
                        % (p.pfn, p.pfn + (1 << o) - 1, p.pfn << PAGE_SHIFT,
                           ((p.pfn + (1 << o)) << PAGE_SHIFT) - 1, why))
            if len(pages) > show + hidden_bad:
                out("    ... %d more (-n 0 shows all)" % (len(pages) - show - hidden_bad))
        if len(orders) > 1:
            out("  %d free blocks, %d pages (%d kB)%s"
                % (total_blocks, total_pages, _kb(total_pages),
                   "" if total_pages == z.free_pages else
                   "  <- free_pages says %d" % z.free_pages))

    @staticmethod
    def _check(z, p, order):
        """What zone_check() would say about a free block's head p, or ""."""
        bad = []
        if not (z.has_pfn(p.pfn) and z.has_pfn(p.pfn + (1 << order) - 1)):
            bad.append("outside the zone")
        if p.pfn & ((1 << order) - 1):
            bad.append("not aligned to its order")
        if not p.test("private"):
            bad.append("PG_private clear")
        elif p.private != order:
            bad.append("private says order %d" % p.private)
        if p._count != -1:
            bad.append("count %d" % p.count)
        if p.test("reserved"):
            bad.append("PG_reserved")
        return "  <- " + ", ".join(bad) if bad else ""


class LxPcp(MnemeCommand):
    """The per-CPU page lists (hot and cold) of every zone, with their pages.

Usage: lx-pcp [-n N]
For each zone's pageset[0]: refills and drains (batch transfers from and
to the buddy system), then each list's count/low/high/batch and the pfns
on it in list order (the next order-0 allocation takes the first); at
most N pfns per list (default 64; 0: all). The walk is checked against
count."""

    name = "lx-pcp"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = _parse_count_opt(args, PCP_SHOW)
        if args:
            raise MnemeError("usage: lx-pcp [-n N]")
        mm = MemMap("the per-CPU lists")
        for z in mm.zones:
            out("Node 0, zone %8s: pageset[0]%s%s" % (
                z.name, "".join(", %s %d" % s for s in z.stats),
                "" if z.present else " (empty zone)"))
            for i, p in enumerate(z.pcp):
                pages, problem = mm.walk_pages(p["list"], p["next"], max(p["count"], 0) + 64)
                what = PCP_NAMES[i] if i < len(PCP_NAMES) else "pcp%d" % i
                out("  %-4s (pcp[%d]): count %d, low %d, high %d, batch %d%s"
                    % (what, i, p["count"], p["low"], p["high"], p["batch"],
                       "" if len(pages) == p["count"] and not problem else
                       "  <- the list has %d%s" % (len(pages), ": " + problem if problem else "")))
                shown = ["0x%05x" % q.pfn for q in pages[:show]]
                for k in range(0, len(shown), 8):
                    out("      " + " ".join(shown[k:k + 8]))
                if len(pages) > show:
                    out("      ... %d more (-n 0 shows all)" % (len(pages) - show))
                # As zone_check(): only free order-0 pages of this zone belong here.
                for q in pages:
                    bad = []
                    if q.zonenum != z.idx:
                        bad.append("flags say zone %d" % q.zonenum)
                    if q.test("private"):
                        bad.append("PG_private set")
                    if q._count != -1:
                        bad.append("count %d" % q.count)
                    if bad:
                        out("      <- pfn 0x%05x: %s" % (q.pfn, ", ".join(bad)))


def walk_kernel_page_tables(va):
    """Physical address va maps to through CR3's page tables, or None."""
    if not paging_enabled():
        return va
    pgd = read_reg("cr3") & PAGE_MASK
    pde = read_phys_u32(pgd + (va >> PGDIR_SHIFT) * 4)
    if not pde & 1:
        return None
    if pde & 0x80 and read_reg("cr4") & X86_CR4_PSE:
        return (pde & 0xFFC00000) | (va & 0x3FFFFF)
    pte = read_phys_u32((pde & PAGE_MASK) + ((va >> 12) & (PTRS_PER_PTE - 1)) * 4)
    if not pte & 1:
        return None
    return (pte & PAGE_MASK) | (va & 0xFFF)


def highmem_mappings(pfn):
    """Where a high page is mapped now: kmap()'s pkmap window, kmap_atomic() slots."""
    found = []
    lay = memory_layout()[0]
    pt = int(lookup_var("pkmap_page_table")) & 0xFFFFFFFF if has_symbol("pkmap_page_table") else 0
    if pt:
        raw = read_bytes(pt, LAST_PKMAP * 4)
        for i in range(LAST_PKMAP):
            pte = _u32(raw, i * 4)
            if pte & 1 and pte >> PAGE_SHIFT == pfn:
                found.append("0x%08x (kmap(), pkmap slot %d)" % (lay["pkmap"] + i * PAGE_SIZE, i))
    for _idx, name, va, pte in kmap_atomic_slots():
        if pte & 1 and pte >> PAGE_SHIFT == pfn:
            found.append("0x%08x (kmap_atomic() slot %s)" % (va, name))
    return found


class LxPage(MnemeCommand):
    """Show a page descriptor (struct page) by pfn or address, and where the page is.

Usage: lx-page PFN              (any gdb expression)
       lx-page -a VADDR         the page holding a kernel virtual address
       lx-page -p PADDR         the page holding a physical address
       lx-page -d PAGE          the descriptor at PAGE (a struct page *)
Prints the descriptor's fields as bad_page() does, then decoded: the flags
by their PG_* names (from the debug info), page_count() and
page_mapcount(), the zone, what the page is (reserved; a free block's
head, with its order, and the free list it is on; a page inside a free
block; on a per-CPU list; allocated, with its block when it has tails)
and its kernel virtual address (direct map, or a kmap slot for high
memory). A slab page (PG_slab) also names its cache and slab, from
page->lru, with the slab's objects, inuse and list (lx-slabobj says more
about one object). The list a page is on is found by following its own
lru links to the list head (bounded), once its neighbours are seen to
point back at it; a page inside a free block by the heads that could
cover it."""

    name = "lx-page"

    def run(self, arg, from_tty):
        m = re.match(r"(-[apd])\s+(\S.*)$", arg)
        if m:
            mode, expr = m.groups()
        elif arg and not arg.startswith("-"):
            mode, expr = "pfn", arg
        else:
            raise MnemeError("usage: lx-page PFN | -a VADDR | -p PADDR | -d PAGE")
        val = int(gdb.parse_and_eval(expr).cast(get_type("unsigned long"))) & 0xFFFFFFFF
        mm = MemMap("the page descriptors")
        note = None
        if mode == "-a":
            hm = direct_map_end()
            if PAGE_OFFSET <= val < hm:
                pa = val - PAGE_OFFSET
                note = "virtual 0x%08x is in the direct map: physical 0x%08x" % (val, pa)
            else:
                pa = walk_kernel_page_tables(val)
                where = region_of(val)
                where = " (%s)" % where if where else ""
                if pa is None:
                    raise MnemeError("0x%08x%s is not mapped: not in the direct map 0x%08x-0x%08x, "
                                     "and no page-table entry" % (val, where, PAGE_OFFSET, hm))
                note = "virtual 0x%08x%s is mapped by the page tables to physical 0x%08x" \
                    % (val, where, pa)
            pfn = pa >> PAGE_SHIFT
        elif mode == "-p":
            pfn = val >> PAGE_SHIFT
        elif mode == "-d":
            off = val - mm.mem_map
            if val < mm.mem_map or off % mm.lay["size"]:
                raise MnemeError("0x%08x is not a descriptor in mem_map (0x%08x, %d bytes each)"
                                 % (val, mm.mem_map, mm.lay["size"]))
            pfn = off // mm.lay["size"]
        else:
            pfn = val
        if pfn >= mm.node_spanned:
            hint = " (an address? use -a VADDR or -p PADDR)" if mode == "pfn" else ""
            raise MnemeError("pfn 0x%x is beyond mem_map (%d descriptors; max_pfn 0x%x)%s"
                             % (pfn, mm.node_spanned, mm.max_pfn, hint))
        if note:
            out(note)
        self.show(mm, pfn)

    def show(self, mm, pfn):
        p = mm.page(pfn)
        zones = mm.zones
        zname = zones[p.zonenum].name if p.zonenum < len(zones) else "zone%d?" % p.zonenum
        nr_flags = enum_value("enum pageflags", "NR_PAGEFLAGS", 32 - ZONES_SHIFT)
        # bad_page()'s line, for comparing with a kernel report
        out("page:%08x pfn:%s zone:%s flags:%s count:%d mapcount:%d mapping:%08x "
            "index:%s private:%s" % (p.addr, c_hex(pfn), zname,
                                     c_hex(p.flags & ((1 << nr_flags) - 1)), p.count,
                                     p.mapcount, p.mapping, c_hex(p.index), c_hex(p.private)))
        out("  mem_map[%d] at 0x%08x: pfn 0x%x, physical 0x%08x-0x%08x"
            % (pfn, p.addr, pfn, pfn << PAGE_SHIFT, ((pfn + 1) << PAGE_SHIFT) - 1))
        names = []
        known = 0
        for bit, name in pageflag_names():
            known |= 1 << bit
            if p.flags >> bit & 1:
                names.append(name[3:] if name.startswith("PG_") else name)
        low = p.flags & ((1 << (32 - ZONES_SHIFT)) - 1)
        for bit in range(32 - ZONES_SHIFT):
            if low >> bit & 1 and not known >> bit & 1:
                names.append("bit%d" % bit)
        out("  flags     0x%08x: zone %d (%s)%s" % (p.flags, p.zonenum, zname,
                                                    " | " + "|".join(names) if names else ""))
        z = mm.zone_of_pfn(pfn)
        if z is None or z.idx != p.zonenum:
            out("  warning: pfn 0x%x lies in zone %s, but its flags say zone %d"
                % (pfn, z.name if z else "(none)", p.zonenum))
        out("  count     %d (_count %d)%s" % (p.count, p._count,
                                              " <- negative: corrupt" if p.count < 0 else ""))
        out("  mapcount  %d (_mapcount %d%s)" % (p.mapcount, p._mapcount,
                                                 ": not mapped" if p._mapcount == -1 else ""))
        out("  private   %s" % c_hex(p.private))
        out("  mapping   %s" % ("NULL" if not p.mapping else symbolize(p.mapping)))
        out("  index     %s" % c_hex(p.index))
        poisoned = (p.lru_next, p.lru_prev) == (LIST_POISON1, LIST_POISON2)
        slab = p.test("slab") and not p.test("reserved")
        out("  lru       next 0x%08x, prev 0x%08x%s" % (
            p.lru_next, p.lru_prev, " (LIST_POISON: taken off a list by list_del)"
            if poisoned else " (empty: on no list)" if p.lru_next == p.lru == p.lru_prev
            else " (a slab page: the cache and the slab)" if slab else ""))
        lines = self.state(mm, p, z)
        if slab:
            lines += slab_page_lines(mm, p)
        for i, line in enumerate(lines):
            out(("  state     " if i == 0 else "            ") + line)
        if pfn < mm.max_low_pfn:
            out("  virtual   0x%08x (direct map)" % (PAGE_OFFSET + (pfn << PAGE_SHIFT)))
        else:
            maps = highmem_mappings(pfn)
            out("  virtual   %s" % ("; ".join(maps) if maps else
                                    "none (high memory: mapped only by kmap()/kmap_atomic())"))

    @staticmethod
    def _on_list(mm, p):
        """Which list head p->lru leads to: ((kind, zone, n), steps) or (None, why)."""
        heads = mm.list_heads()
        next_off = offset_of("struct list_head", "next")
        # Linked at all? Its neighbours must point back at it.
        bad = (0, LIST_POISON1, LIST_POISON2, p.lru)
        if p.lru_next in bad or p.lru_prev in bad:
            return None, "its lru is not linked into a list"
        try:
            linked = read_u32(p.lru_prev + next_off) == p.lru and \
                read_u32(p.lru_next + offset_of("struct list_head", "prev")) == p.lru
        except MnemeError:
            linked = False
        if not linked:
            return None, "its lru neighbours do not point back at it: not on a list"
        node, steps = p.lru_next, 1
        while node not in heads:
            if mm.lru_to_pfn(node) is None:
                return None, "its lru leads to 0x%08x, no list head" % node
            if steps >= LIST_WALK_LIMIT:
                return None, "no list head within %d steps" % steps
            node = read_u32(node + next_off)
            steps += 1
        return heads[node], steps

    def state(self, mm, p, z):
        """Lines saying what the page is."""
        pfn = p.pfn
        if p.test("reserved"):
            return ["reserved: never handed to the page allocator (the kernel image, "
                    "boot-time tables, mem_map, BIOS areas or a hole in RAM)"]
        if p.test("private") and p._count == -1:
            order = p.private
            lines = ["free: the head of a free block of order %d (pfn 0x%x-0x%x, %d kB)"
                     % (order, pfn, pfn + (1 << order) - 1, _kb(1 << order))]
            if order >= (z.max_order if z else 11) or pfn & ((1 << order) - 1):
                lines.append("but the order is impossible or the pfn not aligned to it: corrupt")
            lines.append(self._list_line(mm, p, ("free", z, order)))
            return lines
        if p._count == -1:
            head = self._covering_free_block(mm, p, z)
            if head is not None:
                h, order = head
                return ["free: page %d of the free block of order %d at pfn 0x%x (0x%x-0x%x)"
                        % (pfn - h, order, h, h, h + (1 << order) - 1)]
            where, steps = self._on_list(mm, p)
            if where is not None and where[0] == "pcp":
                _, lz, i = where
                return ["free: on zone %s's per-CPU %s list (pcp[%d], count %d)%s"
                        % (lz.name, PCP_NAMES[i] if i < 2 else "", i, lz.pcp[i]["count"],
                           "" if lz is z else "  <- but the page belongs to zone %s"
                           % (z.name if z else "?"))]
            if where is not None:
                _, lz, o = where
                return ["count 0 and on zone %s's free_area[%d], but without PG_private: "
                        "corrupt (a free block's head must carry its order)" % (lz.name, o)]
            tail = self._allocated_tail(mm, p, z)
            if tail:
                return tail
            return ["count 0, but in no free block and on no per-CPU list (%s): being "
                    "allocated or freed right now, or lost by the allocator" % steps]
        if p.count < 0:
            return ["corrupt: _count %d" % p._count]
        lines = ["allocated: %d user%s" % (p.count, "" if p.count == 1 else "s")]
        size = self._block_size(mm, p, z)
        if size > 1:
            lines[0] += "; the head of a block of %d pages (pfn 0x%x-0x%x, order %s)" % (
                size, pfn, pfn + size - 1,
                size.bit_length() - 1 if size & (size - 1) == 0 else "?")
        return lines

    def _list_line(self, mm, p, expect):
        where, steps = self._on_list(mm, p)
        if where is None:
            return "NOT found on a free list: %s" % steps
        kind, lz, n = where
        desc = ("zone %s's free_area[%d].free_list" % (lz.name, n) if kind == "free"
                else "zone %s's per-CPU %s list" % (lz.name, PCP_NAMES[n]))
        if where != expect:
            return "but it is linked on %s  <- wrong list" % desc
        n_on = lz.nr_free[n] if kind == "free" else lz.pcp[n]["count"]
        return "on %s (entry %d of %d)" % (desc, n_on - steps + 1, n_on) \
            if 0 < steps <= n_on else "on %s (%d entries before its end)" % (desc, steps)

    @staticmethod
    def _covering_free_block(mm, p, z):
        """(head pfn, order) of the free block containing p, or None (as page_is_buddy())."""
        if z is None:
            return None
        seen = set()
        for o in range(1, z.max_order):
            h = p.pfn & ~((1 << o) - 1)
            if h in seen or not z.has_pfn(h):
                continue
            seen.add(h)
            hp = mm.page(h)
            if hp.is_free_head() and hp.private < z.max_order and h + (1 << hp.private) > p.pfn:
                return h, hp.private
        return None

    @staticmethod
    def _allocated_tail(mm, p, z):
        """A tail of an allocated block carries BLOCK_TAIL_TAG(head) = head pfn + 1."""
        if z is None or not p.private:
            return None
        h = p.private - 1
        if not (h < p.pfn and p.pfn - h < (1 << (z.max_order - 1)) and z.has_pfn(h)):
            return None
        hp = mm.page(h)
        if hp.count < 1:
            return None
        size = LxPage._block_size(mm, hp, z)
        if h + size <= p.pfn:
            return None
        return ["allocated: page %d of the block of %d pages at pfn 0x%x (head count %d; "
                "tails have count 0 and private = head pfn + 1)" % (p.pfn - h, size, h, hp.count)]

    @staticmethod
    def _block_size(mm, hp, z):
        """Pages of an allocated block from its head: the head plus its tagged tails."""
        if z is None:
            return 1
        n = min(1 << (z.max_order - 1), z.end_pfn - hp.pfn)
        if n <= 1:
            return 1
        tag = hp.pfn + 1
        size = 1
        for q in mm.pages(hp.pfn + 1, n - 1):
            if q.private != tag or q._count != -1 or q.test("private"):
                break
            size += 1
        return size


def _linker_symbol(name):
    """The address of a linker-script symbol (e.g. _text), or None."""
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name)) & 0xFFFFFFFF
    except gdb.error:
        return None


def _macro(name):
    """A kernel macro's value, if the debug info has macros (-g3), else None."""
    try:
        out_ = gdb.execute("info macro -a %s" % name, to_string=True)
        if "has no definition" in out_ or "not defined" in out_:
            return None
        return int(gdb.parse_and_eval("(unsigned long)(%s)" % name)) & 0xFFFFFFFF
    except gdb.error:
        return None


def memory_layout():
    """The kernel's virtual layout: {name: value} and {name: how it was found}.

    With macro debug info (-g3) the macros are evaluated by gdb; without
    (the normal build) they are recomputed as include/asm/pgtable.h and
    fixmap.h define them, from constants mirrored above, enums in the
    debug info (__end_of_fixed_addresses) and variables (high_memory,
    __VMALLOC_RESERVE)."""
    how = {}
    v = {}
    po = _linker_symbol("__PAGE_OFFSET")
    v["page_offset"], how["page_offset"] = (po, "linker script") if po else \
        (PAGE_OFFSET, "constant")
    nfix = enum_value("enum fixed_addresses", "__end_of_fixed_addresses", 0)
    m = _macro("FIXADDR_START")
    if m is not None:
        v["fixaddr_start"], how["fixaddr_start"] = m, "macro"
    elif nfix:
        v["fixaddr_start"] = FIXADDR_TOP - (nfix << PAGE_SHIFT)
        how["fixaddr_start"] = "FIXADDR_TOP 0x%08x - __end_of_fixed_addresses (%d) pages" \
            % (FIXADDR_TOP, nfix)
    else:
        raise MnemeError("enum fixed_addresses is not in the debug info: cannot place the fixmap")
    v["fixaddr_top"], how["fixaddr_top"] = FIXADDR_TOP, "constant (fixmap.h)"
    v["nr_fixed"] = nfix
    m = _macro("PKMAP_BASE")
    if m is not None:
        v["pkmap"], how["pkmap"] = m, "macro"
    else:
        v["pkmap"] = (v["fixaddr_start"] - PAGE_SIZE * (LAST_PKMAP + 1)) & PGDIR_MASK
        how["pkmap"] = "(FIXADDR_START - PAGE_SIZE * (LAST_PKMAP %d + 1)) & PGDIR_MASK" \
            % LAST_PKMAP
    m = _macro("VMALLOC_END")
    v["vmalloc_end"], how["vmalloc_end"] = (m, "macro") if m is not None else \
        (v["pkmap"] - VMALLOC_GUARD, "PKMAP_BASE - 2 * PAGE_SIZE")
    hm = int(gdb.parse_and_eval("(unsigned long)high_memory")) & 0xFFFFFFFF \
        if has_symbol("high_memory") else 0
    v["high_memory"] = hm
    if hm:
        v["vmalloc_start"] = (hm + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1) & 0xFFFFFFFF
        how["vmalloc_start"] = "(high_memory + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1)"
    res = int(lookup_var("__VMALLOC_RESERVE")) if has_symbol("__VMALLOC_RESERVE") else None
    v["vmalloc_reserve"] = res
    if res is not None:
        v["maxmem"] = (v["vmalloc_end"] - v["page_offset"] - res) & 0xFFFFFFFF
    return v, how


def _pkmap_base_from_page_tables():
    """PKMAP_BASE as the kernel set it up: the slot of pkmap_page_table in swapper_pg_dir."""
    if not has_symbol("pkmap_page_table") or not has_symbol("swapper_pg_dir"):
        return None
    pt = int(lookup_var("pkmap_page_table")) & 0xFFFFFFFF
    if not pt:
        return None
    pgd = read_bytes(int(lookup_var("swapper_pg_dir").address), PTRS_PER_PTE * 4)
    table = (pt - PAGE_OFFSET) & PAGE_MASK
    for i in range(PTRS_PER_PTE):
        e = _u32(pgd, i * 4)
        if e & 1 and not e & 0x80 and e & PAGE_MASK == table:
            return (i << PGDIR_SHIFT) | (((pt & 0xFFF) // 4) << PAGE_SHIFT)
    return None


def _boot_message_layout():
    """(vmalloc start, end, pkmap, fixmap) from paging_init()'s boot message, or None."""
    if not has_symbol("log_buf") or not has_symbol("log_end"):
        return None
    buf = lookup_var("log_buf")
    size = buf.type.strip_typedefs().sizeof
    end = int(lookup_var("log_end"))
    text = read_bytes(buf.address, min(end, size) if end <= size else size)
    m = re.search(rb"paging: .*vmalloc (0x[0-9a-f]+)-(0x[0-9a-f]+), pkmap (0x[0-9a-f]+), "
                  rb"fixmap (0x[0-9a-f]+)", text)
    return tuple(int(x, 16) for x in m.groups()) if m else None


def region_of(va):
    """Which part of the kernel's layout a virtual address is in (for messages)."""
    try:
        v, _ = memory_layout()
    except (MnemeError, gdb.error):
        return None
    po, hm = v["page_offset"], v["high_memory"]
    if va < po:
        return "user space"
    if hm and va < hm:
        return "the direct map"
    if hm and va < v["vmalloc_start"]:
        return "the gap between the direct map and vmalloc"
    if hm and va < v["vmalloc_end"]:
        return "the vmalloc area"
    if va < v["pkmap"]:
        return "the guard below pkmap"
    if va < v["pkmap"] + LAST_PKMAP * PAGE_SIZE:
        return "the pkmap window (kmap)"
    if va < v["fixaddr_start"]:
        return "the gap below the fixmap"
    if va < v["fixaddr_top"]:
        idx = (v["fixaddr_top"] - (va & PAGE_MASK)) >> PAGE_SHIFT
        begin = enum_value("enum fixed_addresses", "FIX_KMAP_BEGIN", -1)
        end = enum_value("enum fixed_addresses", "FIX_KMAP_END", -1)
        if 0 <= begin <= idx <= end:
            names = {val: n for n, val in enum_values("enum km_type").items()}
            return "the fixmap, kmap_atomic() slot %s" % names.get(idx - begin, idx - begin)
        names = {val: n for n, val in enum_values("enum fixed_addresses").items()}
        return "the fixmap, slot %s" % names.get(idx, idx)
    return "above FIXADDR_TOP"


class LxMemlayout(MnemeCommand):
    """The kernel's virtual memory layout with this boot's values (fixmap .. direct map).

Usage: lx-memlayout
In the format of Linux's "virtual kernel memory layout" boot message,
then the kernel image's sections and the limits behind the layout. The
layout macros (VMALLOC_START, PKMAP_BASE, FIXADDR_START ...) are not in
the debug info (-g, not -g3): they are recomputed as pgtable.h and
fixmap.h define them, from mirrored constants, enums in the debug info
and variables; then checked against the kernel's page tables (where
pkmap_page_table sits in swapper_pg_dir) and paging_init()'s boot
message, and any disagreement is reported."""

    name = "lx-memlayout"
    takes_args = False

    def run(self, arg, from_tty):
        require_paging("kernel memory")
        v, how = memory_layout()
        po = v["page_offset"]
        out("virtual kernel memory layout:")

        def row(name, a, b, mb=False):
            sz = (b - a) >> (20 if mb else 10)
            out("    %-7s : 0x%08x - 0x%08x   (%4d %s)" % (name, a, b, sz, "MB" if mb else "kB"))
        row("fixmap", v["fixaddr_start"], v["fixaddr_top"])
        row("pkmap", v["pkmap"], v["pkmap"] + LAST_PKMAP * PAGE_SIZE)
        hm = v["high_memory"]
        if hm:
            row("vmalloc", v["vmalloc_start"], v["vmalloc_end"], True)
            row("lowmem", po, hm, True)
        else:
            out("    vmalloc : ? - 0x%08x   (VMALLOC_START follows high_memory, not set yet: "
                "setup_memory() has not run)" % v["vmalloc_end"])
            out("    lowmem  : 0x%08x - ?   (high_memory not set yet)" % po)
        # The image's sections, top down like the rest (linker.ld's symbols).
        secs = [(".bss", "__bss_start", "__bss_stop"), (".data", "_sdata", "_edata"),
                (".rodata", "__start_rodata", "__end_rodata"),
                (".init", "__init_begin", "__init_end"), (".text", "_text", "_etext")]
        for name, a, b in secs:
            sa, sb = _linker_symbol(a), _linker_symbol(b)
            if sa is not None and sb is not None:
                out("%11s : 0x%08x - 0x%08x   (%4d kB)%s"
                    % (name, sa, sb, (sb - sa) >> 10,
                       "  freed after boot" if name == ".init" else ""))
        bs, be = _linker_symbol("__boot_start"), _linker_symbol("__boot_end")
        if bs is not None and be is not None:
            out("%11s : 0x%08x - 0x%08x   (%4d kB)  physical: startup_32, runs before paging"
                % (".boot", bs, be, (be - bs) >> 10))
        out("  user space 0x00000000 - 0x%08x; PAGE_OFFSET 0x%08x (%s)"
            % (po - 1, po, how["page_offset"]))
        mlp = int(lookup_var("max_low_pfn")) if has_symbol("max_low_pfn") else 0
        if mlp:
            mp = int(lookup_var("max_pfn"))
            out("  direct map: pfn 0 - 0x%x (max_low_pfn); high memory: %s"
                % (mlp, "pfn 0x%x - 0x%x (%d MB)" % (mlp, mp, (mp - mlp) >> (20 - PAGE_SHIFT))
                   if mp > mlp else "none"))
        if hm:
            out("  gap high_memory - VMALLOC_START: %d kB (VMALLOC_OFFSET %d MB, "
                "catches overruns of the direct map)" % ((v["vmalloc_start"] - hm) >> 10,
                                                         VMALLOC_OFFSET >> 20))
        if v.get("maxmem") is not None:
            out("  MAXMEM 0x%08x (%d MB) = VMALLOC_END - PAGE_OFFSET - __VMALLOC_RESERVE "
                "(%d MB)" % (v["maxmem"], v["maxmem"] >> 20, v["vmalloc_reserve"] >> 20))
        if has_symbol("mem_map"):
            mm_ = int(lookup_var("mem_map")) & 0xFFFFFFFF
            if mm_:
                n = int(lookup_var("contig_page_data")["node_spanned_pages"])
                sz = n * page_layout()["size"]
                out("  mem_map 0x%08x - 0x%08x (%d kB: %d descriptors)"
                    % (mm_, mm_ + sz, sz >> 10, n))
        out("  how: FIXADDR_START = %s" % how["fixaddr_start"])
        out("       PKMAP_BASE = %s" % how["pkmap"])
        out("       VMALLOC_END = %s" % how["vmalloc_end"])
        if "vmalloc_start" in how:
            out("       VMALLOC_START = %s" % how["vmalloc_start"])
        if "macro" not in how.values():
            out("       (the macros are not in the debug info (-g, not -g3): recomputed as "
                "pgtable.h and fixmap.h define them)")
        # Cross-checks against what the kernel itself computed.
        pk = _pkmap_base_from_page_tables()
        if pk is not None:
            out("  check: pkmap_page_table maps 0x%08x in swapper_pg_dir: %s"
                % (pk, "agrees" if pk == v["pkmap"] else "DISAGREES with PKMAP_BASE "
                   "0x%08x: update the constants in scripts/gdb/mneme.py" % v["pkmap"]))
        msg = _boot_message_layout()
        if msg is not None and hm:
            mine = (v["vmalloc_start"], v["vmalloc_end"], v["pkmap"], v["fixaddr_start"])
            out("  check: paging_init()'s boot message (vmalloc 0x%x-0x%x, pkmap 0x%x, "
                "fixmap 0x%x): %s" % (msg + ("agrees" if msg == mine else
                                            "DISAGREES: update scripts/gdb/mneme.py",)))


# ---------------------------------------------------------------------------
# Slab caches: cache_chain, kmem_cache_t, struct slab with its bufctl
# array, the per-CPU array caches and the debug words of an object's slot
# (include/slab.h, include/slab_def.h, mm/slab.c, mm/slab_debug.c,
# mm/internal.h, mm/slabinfo.c)
# ---------------------------------------------------------------------------
#
# The structures' layouts come from the debug info; the macros below are
# mirrored. They check themselves: a wrong BUFCTL_END or BUFCTL_ACTIVE
# makes every free chain or in-use count look broken, a wrong RED_* every
# red zone, so `lx-slab` on any cache would show it at once.

SLAB_FLAG_NAMES = [             # include/slab.h, include/slab_def.h
    (0x00000200, "SLAB_DEBUG_INITIAL"), (0x00000400, "SLAB_RED_ZONE"),
    (0x00000800, "SLAB_POISON"), (0x00001000, "SLAB_NO_REAP"),
    (0x00002000, "SLAB_HWCACHE_ALIGN"), (0x00004000, "SLAB_CACHE_DMA"),
    (0x00010000, "SLAB_STORE_USER"), (0x00020000, "SLAB_RECLAIM_ACCOUNT"),
    (0x00040000, "SLAB_PANIC"), (0x80000000, "CFLGS_OFF_SLAB"),
]
SLAB_RED_ZONE = 0x00000400
SLAB_POISON = 0x00000800
SLAB_STORE_USER = 0x00010000
SLAB_DEBUG_FLAGS = SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER
CFLGS_OFF_SLAB = 0x80000000
BUFCTL_END = 0xFFFFFFFF         # include/slab_def.h: ~0U
BUFCTL_ACTIVE = 0xFFFFFFFE      # mm/internal.h: ~1U, the object is handed out
RED_ACTIVE = 0x170FC2A5         # mm/internal.h
RED_INACTIVE = 0x5A2CF071
POISON_INUSE = 0x5a
POISON_FREE = 0x6b
POISON_END = 0xa5
BYTES_PER_WORD = 4
SLAB_LISTS = ("full", "partial", "free")    # kmem_cache_check()'s order
SLAB_SHOW = 16                  # lx-slab: slabs, array entries ... shown by default
SLAB_MAX_OBJS = 1 << 16         # more objects per slab than this: a corrupt cache
SLAB_WALK_SLACK = 1024          # a slab list may be this much longer than num_slabs


def _align(x, a):
    return (x + a - 1) & ~(a - 1)


def read_cstring(addr, maxlen=256):
    """The NUL-terminated string at addr, read in small pieces (never past what it needs)."""
    data = b""
    while len(data) < maxlen:
        a = addr + len(data)
        chunk = read_bytes(a, min(32, maxlen - len(data), PAGE_SIZE - (a & (PAGE_SIZE - 1))))
        if b"\0" in chunk:
            return (data + chunk.split(b"\0", 1)[0]).decode("utf-8", "replace")
        data += chunk
    return data.decode("utf-8", "replace") + "..."


def slab_flag_names(flags):
    names, known = [], 0
    for bit, name in SLAB_FLAG_NAMES:
        known |= bit
        if flags & bit:
            names.append(name)
    if flags & ~known & 0xFFFFFFFF:
        names.append("0x%x" % (flags & ~known & 0xFFFFFFFF))
    return "|".join(names) if names else "none"


def _struct_layout(typename, members):
    """{"size": sizeof, member: offset} for 32-bit members, cached."""
    key = "layout:" + typename
    lay = _type_cache.get(key)
    if lay is None:
        t = get_type(typename)
        lay = {"size": t.sizeof}
        for m in members:
            lay[m] = offset_of(t, m)
        _type_cache[key] = lay
    return lay


def _decode(lay, raw, members):
    return {m: _u32(raw, lay[m]) for m in members}


SLAB_MEMBERS = ("list.next", "list.prev", "colouroff", "s_mem", "inuse", "free")
AC_MEMBERS = ("avail", "limit", "batchcount", "touched")


class KmemCache:
    """One kmem_cache_t, read in one go (its gdb.Value fetched whole)."""

    FIELDS = ("batchcount", "limit", "objsize", "flags", "num", "free_limit", "gfporder",
              "gfpflags", "colour", "colour_off", "colour_next", "slabp_cache", "slab_size",
              "ctor", "dtor", "num_slabs", "high_mark", "grown", "reaped", "allochit",
              "allocmiss", "freehit", "freemiss", "dbghead", "reallen")

    def __init__(self, addr):
        self.addr = int(addr) & 0xFFFFFFFF
        t = get_type("struct kmem_cache_s")
        v = gdb.Value(self.addr).cast(t.pointer()).dereference()
        try:
            v.fetch_lazy()
        except gdb.MemoryError:
            raise MnemeError("cannot read a kmem_cache_t at 0x%08x (not mapped)" % self.addr)
        for f in self.FIELDS:
            setattr(self, f, int(v[f]) & 0xFFFFFFFF)
        l3 = v["lists"]
        self.free_objects = int(l3["free_objects"]) & 0xFFFFFFFF
        self.free_touched = int(l3["free_touched"])
        self.next_reap = int(l3["next_reap"]) & 0xFFFFFFFF
        self.heads = {}
        for which in SLAB_LISTS:
            self.heads[which] = (self.addr + offset_of(t, "lists.slabs_" + which),
                                 int(l3["slabs_" + which]["next"]) & 0xFFFFFFFF)
        arr = v["array"]
        self.arrays = [int(arr[i]) & 0xFFFFFFFF
                       for i in range(arr.type.strip_typedefs().range()[1] + 1)]
        self.chain_node = self.addr + offset_of(t, "next")
        try:
            self.locked = int(v["spinlock"]["locked"]) & 0xFFFFFFFF
        except gdb.error:
            self.locked = 0
        self.name_ptr = int(v["name"]) & 0xFFFFFFFF
        try:
            self.name = read_cstring(self.name_ptr) if self.name_ptr else "(null)"
        except MnemeError:
            self.name = "(unreadable name at 0x%08x)" % self.name_ptr

    @property
    def off_slab(self):
        return bool(self.flags & CFLGS_OFF_SLAB)

    @property
    def pages_per_slab(self):
        return 1 << (self.gfporder & 31)

    @property
    def debug(self):
        return bool(self.flags & SLAB_DEBUG_FLAGS)

    def label(self):
        return "'%s' (0x%08x)" % (self.name, self.addr)

    def lock_note(self):
        """A warning line when the cache's lock is held, else None."""
        if not self.locked:
            return None
        return ("note: the cache's spinlock is held: the kernel stopped inside the slab "
                "allocator's slow path for this cache, so its lists and counters may be "
                "caught mid-update")

    def implausible(self):
        """Why this cannot be a kmem_cache_t, or None."""
        if not self.objsize or not self.num:
            return "objsize %d, num %d" % (self.objsize, self.num)
        if self.num > SLAB_MAX_OBJS or self.gfporder > 10:
            return "num %d, gfporder %d" % (self.num, self.gfporder)
        if self.num * self.objsize > PAGE_SIZE << self.gfporder:
            return "%d objects of %d bytes do not fit in 2^%d pages" % (
                self.num, self.objsize, self.gfporder)
        return None

    def slot_words(self):
        """Offsets in an object's slot: (red zone 1, red zone 2, last user); None if absent."""
        r1 = r2 = uw = None
        end = self.dbghead + _align(self.reallen, BYTES_PER_WORD)
        if self.flags & SLAB_RED_ZONE:
            r1, r2 = self.dbghead - BYTES_PER_WORD, end
            end += BYTES_PER_WORD
        if self.flags & SLAB_STORE_USER:
            uw = end
        return r1, r2, uw

    def colour_of(self, slab):
        """The colour offset (bytes before the slab's management or first object)."""
        return (slab.colouroff - (0 if self.off_slab else self.slab_size)) & 0xFFFFFFFF

    def list_walk(self, which, limit=None):
        """Slab addresses on slabs_<which>, in list order, and why the walk stopped (or None)."""
        head, node = self.heads[which]
        if limit is None:
            limit = min(self.num_slabs, 1 << 20) + SLAB_WALK_SLACK
        off = offset_of("struct slab", "list")
        nxt = offset_of("struct list_head", "next")
        slabs, prev = [], head
        while node != head:
            if node in (0, LIST_POISON1, LIST_POISON2):
                return slabs, "%s pointer 0x%08x after %d slabs" % (
                    "NULL" if node == 0 else "poisoned", node, len(slabs))
            if len(slabs) >= limit:
                return slabs, "more than %d slabs (corrupt or cyclic?)" % limit
            slabs.append(node - off)
            prev = node
            try:
                node = read_u32(node + nxt)
            except MnemeError:
                return slabs, "unreadable slab 0x%08x (from 0x%08x)" % (node - off, prev)
        return slabs, None


def slab_caches():
    """Every cache on cache_chain, in chain order (show_slabinfo()'s)."""
    head = lookup_var("cache_chain", "the slab caches")
    if list_empty(head) is not False:
        raise NotYet("cache_chain is empty: kmem_cache_init() has not run yet; `continue` "
                     "past it (e.g. `break show_mem_at_boot`)")
    off = offset_of("struct kmem_cache_s", "next")
    return [KmemCache(int(node) - off) for node in list_for_each(head, 1 << 12)]


def find_cache(spec, caches):
    """A cache by name (as lx-slabinfo shows it) or by address expression."""
    for c in caches:
        if c.name == spec:
            return c
    for c in caches:
        if c.name.lower() == spec.lower():
            return c
    try:
        val = gdb.parse_and_eval(spec)
    except gdb.error:
        raise MnemeError("no cache named '%s' on cache_chain (lx-slabinfo lists them), and "
                         "not an address expression" % spec)
    t = val.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_STRUCT:
        val = val.address
    addr = int(val.cast(get_type("unsigned long"))) & 0xFFFFFFFF
    for c in caches:
        if c.addr == addr:
            return c
    c = KmemCache(addr)
    why = c.implausible()
    if why:
        raise MnemeError("0x%08x is not a cache on cache_chain, and not like a kmem_cache_t "
                         "either (%s)" % (addr, why))
    out("warning: 0x%08x (%s) is not on cache_chain: a destroyed cache, or not a cache"
        % (addr, c.name))
    return c


class SlabDesc:
    """One struct slab and its kmem_bufctl_t array, read in one go."""

    def __init__(self, cache, addr):
        lay = _struct_layout("struct slab", SLAB_MEMBERS)
        self.addr = addr & 0xFFFFFFFF
        n = min(cache.num, SLAB_MAX_OBJS)
        raw = read_bytes(self.addr, lay["size"] + 4 * n)
        d = _decode(lay, raw, SLAB_MEMBERS)
        self.list_next, self.list_prev = d["list.next"], d["list.prev"]
        self.colouroff, self.s_mem = d["colouroff"], d["s_mem"]
        self.inuse, self.free = d["inuse"], d["free"]
        self.bufctl = [_u32(raw, lay["size"] + 4 * i) for i in range(n)]
        self.page_addr = (self.s_mem - self.colouroff) & 0xFFFFFFFF

    def chain(self, num):
        """(the free chain's indices, why it is broken or None), walked as check_slab() does."""
        idx, seen, k = [], set(), self.free
        while k != BUFCTL_END:
            if k >= num:
                return idx, "index %s out of range after %d entries" % (
                    "BUFCTL_ACTIVE" if k == BUFCTL_ACTIVE else k, len(idx))
            if k in seen:
                return idx, "loops back to index %d after %d entries" % (k, len(idx))
            seen.add(k)
            idx.append(k)
            k = self.bufctl[k]
        return idx, None

    def active(self):
        return sum(1 for b in self.bufctl if b == BUFCTL_ACTIVE)

    def index_of(self, cache, addr):
        """(object index, offset in its slot) of an address at or after s_mem."""
        off = (addr - self.s_mem) & 0xFFFFFFFF
        return off // cache.objsize, off % cache.objsize


class ArrayCache:
    """One struct array_cache and its entries (at most limit, or avail if fewer)."""

    def __init__(self, addr):
        lay = _struct_layout("struct array_cache", AC_MEMBERS)
        self.addr = addr
        d = _decode(lay, read_bytes(addr, lay["size"]), AC_MEMBERS)
        self.avail, self.limit = d["avail"], d["limit"]
        self.batchcount, self.touched = d["batchcount"], d["touched"]
        n = min(self.avail, self.limit, 1 << 16)
        raw = read_bytes(addr + lay["size"], 4 * n) if n else b""
        self.entries = [_u32(raw, 4 * i) for i in range(n)]

    def is_boot_array(self):
        if not has_symbol("boot_arrays"):
            return False
        ba = lookup_var("boot_arrays")
        start = int(ba.address) & 0xFFFFFFFF
        return start <= self.addr < start + ba.type.strip_typedefs().sizeof


def slab_arrays(c):
    """[(cpu, ArrayCache)] for each CPU's array of cache c."""
    return [(cpu, ArrayCache(a)) for cpu, a in enumerate(c.arrays) if a]


def red_zone_desc(v):
    return {RED_ACTIVE: "active", RED_INACTIVE: "inactive"}.get(v, "0x%08x" % v)


class ObjectDebug:
    """The debug words of the slot at mem[off:]: red zones, last user, poison."""

    def __init__(self, c, mem, off):
        r1, r2, uw = c.slot_words()
        self.rz1 = _u32(mem, off + r1) if r1 is not None else None
        self.rz2 = _u32(mem, off + r2) if r2 is not None else None
        self.user = _u32(mem, off + uw) if uw is not None else None
        self.poison = None              # None: no SLAB_POISON; -1: intact; else first bad byte
        self.poison_byte = None
        if c.flags & SLAB_POISON and c.reallen:
            obj = mem[off + c.dbghead:off + c.dbghead + c.reallen]
            want = bytes([POISON_FREE]) * (c.reallen - 1) + bytes([POISON_END])
            self.poison = -1
            if obj != want:
                self.poison = next(i for i in range(len(obj)) if obj[i] != want[i])
                self.poison_byte = obj[self.poison]

    def problems(self, c, allocated):
        """What is wrong for an allocated object (or a free one: chain or array)."""
        want = RED_ACTIVE if allocated else RED_INACTIVE
        bad = []
        if allocated and self.rz1 == self.rz2 == RED_INACTIVE:
            return ["in use, but its red zones say free (inactive): being allocated right now, "
                    "or lost from a per-CPU array"]
        for n, v, where in ((1, self.rz1, "before"), (2, self.rz2, "after")):
            if v is not None and v != want:
                bad.append("red zone %d (%s the object) is %s, expected %s%s"
                           % (n, where, red_zone_desc(v), red_zone_desc(want),
                              "" if v in (RED_ACTIVE, RED_INACTIVE) else
                              ": overwritten" + (" (a buffer overrun?)" if n == 2 else "")))
        if not allocated and self.poison is not None and self.poison >= 0:
            bad.append("poison damaged: byte %d is 0x%02x, expected 0x%02x (written after "
                       "it was freed?)" % (self.poison, self.poison_byte,
                                           POISON_END if self.poison == c.reallen - 1
                                           else POISON_FREE))
        return bad

    def text(self, syms, allocated=False):
        parts = []
        if self.rz1 is not None:
            parts.append("red zones %s/%s" % (red_zone_desc(self.rz1), red_zone_desc(self.rz2)))
        if self.poison is not None and not allocated:
            parts.append("poison %s" % ("intact" if self.poison < 0 else
                                        "changed at byte %d" % self.poison))
        if self.user is not None:
            if self.user not in syms:
                syms[self.user] = symbolize(self.user) if self.user else "-"
            parts.append("last user %s" % syms[self.user])
        return ", ".join(parts)


def _runs(indices):
    """[3, 4, 5, 9] -> ["3-5", "9"]."""
    runs = []
    for k in indices:
        if runs and k == runs[-1][1] + 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return ["%d" % a if a == b else "%d-%d" % (a, b) for a, b in runs]


class CacheWalk:
    """Everything lx-slab reports on one cache: its slabs on each list, its
    per-CPU arrays, and the consistency checks of kmem_cache_check() (every
    problem, not only the first), plus the page back-pointers of every page
    of every slab and, for debug caches, the red zones and poison of every
    object."""

    def __init__(self, mm, c, caches):
        self.mm, self.c = mm, c
        self.cache_addrs = {x.addr for x in caches}
        self.problems = []                  # cache-wide
        self.lists = {}                     # which -> ([SlabDesc], walk problem)
        self.slab_problems = {}             # slab addr -> [str]
        self.chains = {}                    # slab addr -> [indices]
        self.mem = {}                       # slab addr -> its objects' bytes (debug caches)
        self.obj_problems = {}              # (slab addr, index) -> [str]
        self.slabs = {}                     # slab addr -> SlabDesc
        self.array_slot = {}                # slot address -> (cpu, entry index)
        why = c.implausible()
        if why:
            raise MnemeError("0x%08x does not look like a kmem_cache_t: %s" % (c.addr, why))
        for which in SLAB_LISTS:
            addrs, problem = c.list_walk(which)
            if problem:
                self.problems.append("slabs_%s: %s" % (which, problem))
            slabs = []
            for a in addrs:
                if a in self.slabs:
                    self.problems.append("slab 0x%08x is on more than one list (or twice)" % a)
                    continue
                try:
                    s = SlabDesc(c, a)
                except MnemeError as e:
                    self.problems.append("slabs_%s: %s" % (which, e))
                    break
                self.slabs[a] = s
                slabs.append(s)
            self.lists[which] = (slabs, problem)
        self.arrays = slab_arrays(c)
        for cpu, ac in self.arrays:
            for i, slot in enumerate(ac.entries):
                self.array_slot.setdefault(slot, (cpu, i))
        for which in SLAB_LISTS:
            for s in self.lists[which][0]:
                self.slab_problems[s.addr] = self._check_slab(s, which)
        self._check_totals()
        self.array_problems = {cpu: self._check_array(cpu, ac) for cpu, ac in self.arrays}

    # -- the checks ---------------------------------------------------------

    def _check_slab(self, s, which):
        c, mm = self.c, self.mm
        bad = []
        if s.inuse > c.num:
            bad.append("inuse %d: more objects in use than it holds (%d)" % (s.inuse, c.num))
        elif (which == "full" and s.inuse != c.num) or \
                (which == "partial" and s.inuse in (0, c.num)) or \
                (which == "free" and s.inuse != 0):
            bad.append("on slabs_%s with inuse %d of %d: the wrong list" % (which, s.inuse, c.num))
        active = s.active()
        if active != s.inuse:
            bad.append("%d objects marked BUFCTL_ACTIVE, inuse says %d" % (active, s.inuse))
        chain, problem = s.chain(c.num)
        self.chains[s.addr] = chain
        if problem:
            bad.append("free chain broken: %s" % problem)
        if len(chain) != c.num - s.inuse:
            bad.append("free chain has %d objects, num - inuse is %d"
                       % (len(chain), c.num - s.inuse))
        # Where the slab sits: its pages, their back-pointers, its descriptor.
        colour = c.colour_of(s)
        if s.page_addr & (PAGE_SIZE - 1):
            bad.append("s_mem 0x%08x - colouroff %d is not page aligned" % (s.s_mem, s.colouroff))
        elif not PAGE_OFFSET <= s.page_addr < direct_map_end():
            bad.append("its pages at 0x%08x are not in the direct map" % s.page_addr)
        else:
            pfn = (s.page_addr - PAGE_OFFSET) >> PAGE_SHIFT
            n = c.pages_per_slab
            if pfn + n > mm.node_spanned:
                bad.append("its pages (pfn 0x%x) are beyond mem_map" % pfn)
            else:
                wrong = [p.pfn for p in mm.pages(pfn, n) if not p.test("slab") or
                         p.lru_next != c.addr or p.lru_prev != s.addr]
                if wrong:
                    bad.append("its page%s %s do%s not point back to it (PG_slab, lru.next = "
                               "cache, lru.prev = slab)" % (
                                   "" if len(wrong) == 1 else "s",
                                   ", ".join("pfn 0x%x" % x for x in wrong[:4]),
                                   "es" if len(wrong) == 1 else ""))
        if c.colour_off and (colour % c.colour_off or colour // c.colour_off >= max(c.colour, 1)):
            bad.append("colour offset %d is not one of the cache's %d colours of %d bytes"
                       % (colour, max(c.colour, 1), c.colour_off))
        if not c.off_slab and s.addr != s.page_addr + colour:
            bad.append("on-slab descriptor at 0x%08x, expected 0x%08x (page + colour)"
                       % (s.addr, (s.page_addr + colour) & 0xFFFFFFFF))
        if c.off_slab and c.slabp_cache:
            home = self._cache_of(s.addr)
            if home != c.slabp_cache:
                bad.append("off-slab descriptor not in an object of slabp_cache 0x%08x (%s)"
                           % (c.slabp_cache, "its page has cache 0x%08x" % home
                              if home else "not in a slab page"))
        if c.debug:
            self._check_objects(s, chain)
        return bad

    def _cache_of(self, addr):
        """page->lru.next of the slab page holding addr, or None."""
        if not PAGE_OFFSET <= addr < direct_map_end():
            return None
        pfn = (addr - PAGE_OFFSET) >> PAGE_SHIFT
        if pfn >= self.mm.node_spanned:
            return None
        p = self.mm.page(pfn)
        return p.lru_next if p.test("slab") else None

    def objects_mem(self, s):
        if s.addr not in self.mem:
            self.mem[s.addr] = read_bytes(s.s_mem, self.c.num * self.c.objsize)
        return self.mem[s.addr]

    def state(self, s, i, on_chain):
        """allocated, array or free (on the chain); lost: neither."""
        if s.bufctl[i] == BUFCTL_ACTIVE:
            return "array" if (s.s_mem + i * self.c.objsize) in self.array_slot else "allocated"
        return "free" if i in on_chain else "lost"

    def _check_objects(self, s, chain):
        c = self.c
        try:
            mem = self.objects_mem(s)
        except MnemeError as e:
            self.obj_problems[(s.addr, 0)] = ["cannot read the objects: %s" % e]
            return
        on_chain = set(chain)
        for i in range(c.num):
            st = self.state(s, i, on_chain)
            if st == "lost":
                continue                # the chain problem says it
            d = ObjectDebug(c, mem, i * c.objsize)
            bad = d.problems(c, st == "allocated")
            if bad:
                self.obj_problems[(s.addr, i)] = bad

    def _check_totals(self):
        c = self.c
        nslabs = sum(len(self.lists[w][0]) for w in SLAB_LISTS)
        nfree = sum(len(ch) for ch in self.chains.values())
        if not any(p.startswith("slabs_") for p in self.problems):
            if nfree != c.free_objects:
                self.problems.append("free_objects is %d, the free chains hold %d"
                                     % (c.free_objects, nfree))
            if nslabs != c.num_slabs:
                self.problems.append("num_slabs is %d, the lists hold %d" % (c.num_slabs, nslabs))
        self.nslabs, self.nfree = nslabs, nfree

    def _check_array(self, cpu, ac):
        """{entry index: problem} and [problems of the whole array]."""
        per_entry, whole = {}, []
        if ac.avail > ac.limit:
            whole.append("avail %d is more than limit %d" % (ac.avail, ac.limit))
        seen = {}
        for i, slot in enumerate(ac.entries):
            if slot in seen:
                per_entry[i] = "the same object as entry %d (freed twice?)" % seen[slot]
                continue
            seen[slot] = i
            why = self.entry_problem(slot)
            if why:
                per_entry[i] = why
        return per_entry, whole

    def slab_of_slot(self, slot):
        pfn = (slot - PAGE_OFFSET) >> PAGE_SHIFT
        return self.mm.page(pfn).lru_prev

    def entry_problem(self, slot):
        """Why a per-CPU array entry is not an object of this cache handed out by its slab."""
        c = self.c
        if not PAGE_OFFSET <= slot < direct_map_end():
            return "not a direct-map address: a foreign pointer"
        pfn = (slot - PAGE_OFFSET) >> PAGE_SHIFT
        if pfn >= self.mm.node_spanned:
            return "beyond mem_map"
        p = self.mm.page(pfn)
        if not p.test("slab"):
            return "not in a slab page: a foreign pointer"
        if p.lru_next != c.addr:
            return "in a slab page of another cache (0x%08x)" % p.lru_next
        s = self.slabs.get(p.lru_prev)
        if s is None:
            return "its page's slab 0x%08x is on none of the cache's lists" % p.lru_prev
        idx, off = s.index_of(c, slot)
        if slot < s.s_mem or idx >= c.num or off:
            return "not the start of an object of slab 0x%08x" % s.addr
        if s.bufctl[idx] != BUFCTL_ACTIVE:
            return "object %d of slab 0x%08x is free in its slab (bufctl %s), not BUFCTL_ACTIVE" \
                % (idx, s.addr, "BUFCTL_END" if s.bufctl[idx] == BUFCTL_END else s.bufctl[idx])
        return None

    # -- summaries ------------------------------------------------------------

    def nproblems(self):
        n = len(self.problems) + sum(len(v) for v in self.slab_problems.values())
        n += sum(len(v) for v in self.obj_problems.values())
        for per_entry, whole in self.array_problems.values():
            n += len(per_entry) + len(whole)
        return n

    def in_arrays(self):
        return sum(len(ac.entries) for _, ac in self.arrays)


def slabinfo_lines(caches):
    """show_slabinfo()'s lines (mm/slabinfo.c), header included."""
    m = 0xFFFFFFFF
    lines = ["slabinfo - version: 2.1",
             "# name            <active_objs> <num_objs> <objsize> <objperslab> "
             "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
             "<active_slabs> <num_slabs> <sharedavail>"]
    for c in caches:
        active_slabs = 0
        for which in ("full", "partial"):
            slabs, problem = c.list_walk(which)
            if problem:
                raise MnemeError("cache %s: slabs_%s: %s (lx-slab %s)"
                                 % (c.label(), which, problem, c.name))
            active_slabs += len(slabs)
        num_objs = (c.num_slabs * c.num) & m
        lines.append("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d"
                     % (c.name, (num_objs - c.free_objects) & m, num_objs, c.objsize, c.num,
                        c.pages_per_slab & m, c.limit, c.batchcount, 0, active_slabs & m,
                        c.num_slabs, 0))
    return lines


class LxSlabinfo(MnemeCommand):
    """Every slab cache with its counts, as /proc/slabinfo 2.1 (show_slabinfo()).

Usage: lx-slabinfo
One line per cache on cache_chain (the newest first), exactly as the
kernel prints it: <active_objs> counts the objects in the per-CPU arrays
as active, as Linux does (num_slabs * num - free_objects); <active_slabs>
the slabs on slabs_full and slabs_partial. lx-slab NAME shows one cache."""

    name = "lx-slabinfo"
    takes_args = False

    def run(self, arg, from_tty):
        for line in slabinfo_lines(slab_caches()):
            out(line)


class LxSlab(MnemeCommand):
    """One slab cache: parameters, per-CPU array, every slab, checked as kmem_cache_check().

Usage: lx-slab CACHE [-v] [-n N]
  CACHE  a name as lx-slabinfo shows it (size-64, "size-64(DMA)",
         kmem_cache) or an expression for its address (&cache_cache,
         malloc_sizes[1].cs_cachep, 0xc7fd1e60)
  -v     each object of each slab shown: its address, whether it is
         allocated, free in its slab or in the per-CPU array and, for a
         debug cache, its red zones, poison and last user
  -n N   at most N slabs per list, array entries, free-chain runs and
         objects per slab (default 16; 0: all); problems are always shown
The cache's layout (objsize, reallen, num, gfporder, colours, on- or
off-slab), flags, tunables and statistics; its per-CPU arrays (the next
allocation takes the last entry); then slabs_full, slabs_partial and
slabs_free: each slab's address, first page, colour, s_mem, inuse and its
free chain as object indices. Every slab and array entry is checked as
kmem_cache_check() does (list vs inuse, BUFCTL_ACTIVE count, chain
length, page back-pointers, free_objects and num_slabs, array entries
in use in this cache's slabs), and also every page of each slab, where
its descriptor sits, and in a debug cache the red zones and poison of
every object. Problems are marked "<-"; the last line sums up."""

    name = "lx-slab"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        verbose = "-v" in args
        args = [a for a in args if a != "-v"]
        show = _parse_count_opt(args, SLAB_SHOW)
        if len(args) != 1:
            raise MnemeError("usage: lx-slab CACHE [-v] [-n N]")
        caches = slab_caches()
        c = find_cache(args[0], caches)
        mm = MemMap("the slab pages")
        w = CacheWalk(mm, c, caches)
        self.header(c, w)
        self.arrays(c, w, show)
        for which in SLAB_LISTS:
            self.slab_list(c, w, which, show, verbose)
        n = w.nproblems()
        objs = w.nslabs * c.num
        out("check: %s: %d slab%s, %d object%s: %d active (%d in the per-CPU arrays, %d held "
            "by users), %d free in the slabs" % (
                "consistent" if not n else "%d PROBLEM%s (marked <-)" % (n, "" if n == 1 else "S"),
                w.nslabs, "" if w.nslabs == 1 else "s", objs, "" if objs == 1 else "s",
                objs - w.nfree, w.in_arrays(), objs - w.nfree - w.in_arrays(), w.nfree))

    @staticmethod
    def header(c, w):
        out("cache %s%s" % (c.label(), "" if c.addr in w.cache_addrs else
                            "  <- not on cache_chain"))
        out("  objsize %d (reallen %d, dbghead %d), %d object%s per slab of %d page%s "
            "(gfporder %d), gfpflags %s" % (
                c.objsize, c.reallen, c.dbghead, c.num, "" if c.num == 1 else "s",
                c.pages_per_slab, "" if c.pages_per_slab == 1 else "s", c.gfporder,
                c_hex(c.gfpflags)))
        left = (PAGE_SIZE << c.gfporder) - c.num * c.objsize - (0 if c.off_slab else c.slab_size)
        if c.off_slab:
            sp = "?"
            try:
                sp = "'%s'" % KmemCache(c.slabp_cache).name if c.slabp_cache else "NULL"
            except MnemeError:
                pass
            out("  off-slab: struct slab + bufctl (slab_size %d) from slabp_cache %s (0x%08x)"
                % (c.slab_size, sp, c.slabp_cache))
        else:
            out("  on-slab: struct slab + bufctl in the slab's pages (slab_size %d)" % c.slab_size)
        out("  colour %d x colour_off %d, colour_next %d; %d bytes left over per slab"
            % (c.colour, c.colour_off, c.colour_next, left))
        out("  flags 0x%08x: %s" % (c.flags, slab_flag_names(c.flags)))
        out("  ctor %s, dtor %s" % (symbolize(c.ctor), symbolize(c.dtor)))
        out("  tunables: limit %d, batchcount %d, free_limit %d" % (
            c.limit, c.batchcount, c.free_limit))
        nfull, npart, nfree = (len(w.lists[x][0]) for x in SLAB_LISTS)
        out("  lists: %d full, %d partial, %d free; free_objects %d, num_slabs %d, "
            "free_touched %d, next_reap 0x%08x" % (nfull, npart, nfree, c.free_objects,
                                                   c.num_slabs, c.free_touched, c.next_reap))
        out("  statistics: high_mark %d, grown %d, reaped %d, allochit %d, allocmiss %d, "
            "freehit %d, freemiss %d" % (c.high_mark, c.grown, c.reaped, c.allochit,
                                         c.allocmiss, c.freehit, c.freemiss))
        m = 0xFFFFFFFF
        na = nfull + npart
        out("  slabinfo: active_objs %d, num_objs %d, active_slabs %d, num_slabs %d "
            "(counted on the lists)" % ((w.nslabs * c.num - w.nfree) & m, w.nslabs * c.num,
                                        na, w.nslabs))
        for p in w.problems:
            out("  <- %s" % p)
        if c.lock_note():
            out("  " + c.lock_note())

    @staticmethod
    def arrays(c, w, show):
        if not w.arrays:
            out("per-CPU arrays: none  <- array[] is all NULL")
        for cpu, ac in w.arrays:
            per_entry, whole = w.array_problems[cpu]
            out("per-CPU array[%d] at 0x%08x%s: avail %d, limit %d, batchcount %d, touched %d"
                % (cpu, ac.addr, " (static boot array)" if ac.is_boot_array() else "",
                   ac.avail, ac.limit, ac.batchcount, ac.touched))
            for p in whole:
                out("    <- %s" % p)
            hidden = 0
            # Newest first: entry[avail - 1] is what the next allocation gets.
            for i in reversed(range(len(ac.entries))):
                rank = len(ac.entries) - 1 - i
                if rank >= show and i not in per_entry:
                    hidden += 1
                    continue
                slot = ac.entries[i]
                where = ""
                if i not in per_entry:
                    s = w.slabs.get(w.slab_of_slot(slot))
                    if s is not None:
                        where = " -> object %d%s of slab 0x%08x" % (
                            s.index_of(c, slot)[0],
                            " (0x%08x)" % (slot + c.dbghead) if c.dbghead else "", s.addr)
                out("    entry[%d] 0x%08x%s%s" % (
                    i, slot, where, "  <- %s" % per_entry[i] if i in per_entry else ""))
            if hidden:
                out("    ... %d older entries (-n 0 shows all)" % hidden)

    @staticmethod
    def slab_list(c, w, which, show, verbose):
        slabs, problem = w.lists[which]
        out("slabs_%s: %d slab%s%s" % (which, len(slabs), "" if len(slabs) == 1 else "s",
                                       "  <- %s" % problem if problem else ""))
        syms = {}
        hidden = 0
        for k, s in enumerate(slabs):
            bad = w.slab_problems.get(s.addr, [])
            objbad = {i: v for (a, i), v in w.obj_problems.items() if a == s.addr}
            if k >= show and not bad and not objbad:
                hidden += 1
                continue
            colour = c.colour_of(s)
            chain = w.chains.get(s.addr, [])
            runs = _runs(chain)
            out("  slab 0x%08x: pfn 0x%05x, colour %d (+%d), s_mem 0x%08x, inuse %d/%d, "
                "free %d: %s%s" % (
                    s.addr, (s.page_addr - PAGE_OFFSET) >> PAGE_SHIFT & 0xFFFFF,
                    colour // c.colour_off if c.colour_off else 0, colour, s.s_mem, s.inuse,
                    c.num, len(chain), " ".join(runs[:show]) if runs else "-",
                    " ... (%d more runs)" % (len(runs) - show) if len(runs) > show else ""))
            for p in bad:
                out("    <- %s" % p)
            if verbose:
                LxSlab.objects(c, w, s, chain, show, objbad, syms)
            else:
                for i in sorted(objbad):
                    out("    object %d at 0x%08x  <- %s" % (
                        i, s.s_mem + i * c.objsize + c.dbghead, "; ".join(objbad[i])))
        if hidden:
            out("  ... %d more slabs (-n 0 shows all)" % hidden)

    @staticmethod
    def objects(c, w, s, chain, show, objbad, syms):
        on_chain = set(chain)
        mem = None
        if c.debug:
            try:
                mem = w.objects_mem(s)
            except MnemeError as e:
                out("    (cannot read the objects: %s)" % e)
        names = {"allocated": "allocated", "array": "in the array", "free": "free",
                 "lost": "LOST"}
        hidden = 0
        for i in range(c.num):
            if i >= show and i not in objbad:
                hidden += 1
                continue
            st = w.state(s, i, on_chain)
            text = ""
            if mem is not None:
                text = "  " + ObjectDebug(c, mem, i * c.objsize).text(syms, st == "allocated")
            if st == "lost":
                text += "  <- neither in use nor on the free chain (bufctl %d)" % s.bufctl[i]
            elif i in objbad:
                text += "  <- " + "; ".join(objbad[i])
            out(("    [%3d] 0x%08x %-12s%s" % (i, s.s_mem + i * c.objsize + c.dbghead,
                                              names[st], text)).rstrip())
        if hidden:
            out("    ... %d more objects (-n 0 shows all)" % hidden)


def slab_page_of(mm, addr):
    """(the Page of a slab page holding addr, None), or (None, why it is no slab object)."""
    hm = direct_map_end()
    sym = symbol_name(addr)
    what = "0x%08x%s" % (addr, " (%s)" % symbolize(addr) if sym else "")
    if not PAGE_OFFSET <= addr < hm:
        where = region_of(addr)
        return None, ("%s is not a slab object: every slab is in the direct map "
                      "(0x%08x-0x%08x), %s" % (what, PAGE_OFFSET, hm,
                                               "and it is in " + where if where else
                                               "and it is not"))
    pfn = (addr - PAGE_OFFSET) >> PAGE_SHIFT
    if pfn >= mm.node_spanned:
        return None, "%s is not a slab object: pfn 0x%x is beyond mem_map" % (what, pfn)
    p = mm.page(pfn)
    if not p.test("slab"):
        return None, ("%s is not a slab object: pfn 0x%x is no slab page (PG_slab clear; "
                      "`lx-page %#x` says what it is)" % (what, pfn, pfn))
    return p, None


def slab_list_of(c, s, limit=1 << 16):
    """Which of c's lists slab s is linked on (following its list to a head), or why not."""
    heads = {c.heads[w][0]: w for w in SLAB_LISTS}
    nxt = offset_of("struct list_head", "next")
    off = offset_of("struct slab", "list")
    node, steps = s.list_next, 0
    if node in (0, LIST_POISON1, LIST_POISON2):
        return None, "its list pointer is %s" % ("NULL" if not node else "poisoned")
    try:
        if read_u32(s.list_prev + nxt) != s.addr + off:
            return None, "its list neighbours do not point back at it"
        while node not in heads:
            steps += 1
            if steps > limit or node in (0, LIST_POISON1, LIST_POISON2):
                return None, "no list head of the cache within %d steps" % steps
            node = read_u32(node + nxt)
    except MnemeError as e:
        return None, "its list leads to unreadable memory (%s)" % e
    return heads[node], None


def slab_page_lines(mm, p):
    """lx-page's lines for a PG_slab page: its cache and slab."""
    try:
        caches = {c.addr: c for c in slab_caches()}
    except NotYet:
        caches = {}
    c = caches.get(p.lru_next)
    if c is None:
        return ["a slab page, but page->lru.next 0x%08x is no cache on cache_chain  <- "
                "corrupt, or being set up or freed right now" % p.lru_next]
    lines = ["slab page of cache %s, slab 0x%08x" % (c.label(), p.lru_prev)]
    try:
        s = SlabDesc(c, p.lru_prev)
    except MnemeError as e:
        lines.append("but its slab descriptor is unreadable: %s" % e)
        return lines
    first = (s.page_addr - PAGE_OFFSET) >> PAGE_SHIFT
    k = p.pfn - first
    which, why = slab_list_of(c, s)
    lines.append("page %d of %d of the slab: objects 0x%08x-0x%08x (%d of %d bytes), "
                 "inuse %d, on %s%s" % (
                     k, c.pages_per_slab, s.s_mem, s.s_mem + c.num * c.objsize - 1, c.num,
                     c.objsize, s.inuse, "slabs_" + which if which else "no list (%s)" % why,
                     "" if 0 <= k < c.pages_per_slab else
                     "  <- but the page is outside the slab's pages (pfn 0x%x..)" % first))
    lines.append("(`lx-slab %s` walks the cache, `lx-slabobj ADDRESS` finds one object)"
                 % (c.name if " " not in c.name else "0x%08x" % c.addr))
    return lines


class LxSlabobj(MnemeCommand):
    """Which slab cache, slab and object an address belongs to, and the object's state.

Usage: lx-slabobj ADDRESS   (any gdb expression: a kmalloc'ed pointer, &x->field)
From the page's back-pointers (PG_slab, page->lru.next = the cache,
lru.prev = the slab): the cache, the slab (its list and inuse), the
object's index and start (the pointer kmalloc()/kmem_cache_alloc()
returned) and the offset into it; whether the object is allocated, free
in its slab (its place on the free chain) or in a per-CPU array (free to
users, in use from the slab's view); and in a debug cache which part of
the slot the address is in, the red zones, poison and last user."""

    name = "lx-slabobj"

    def run(self, arg, from_tty):
        if not arg:
            raise MnemeError("usage: lx-slabobj ADDRESS")
        addr = int(gdb.parse_and_eval(arg).cast(get_type("unsigned long"))) & 0xFFFFFFFF
        mm = MemMap("the slab pages")
        caches = slab_caches()
        p, why = slab_page_of(mm, addr)
        if p is None:
            out(why)
            return
        known = {c.addr: c for c in caches}
        c = known.get(p.lru_next)
        if c is None:
            c = KmemCache(p.lru_next)
            why = c.implausible()
            if why:
                raise MnemeError("0x%08x is in a slab page (pfn 0x%x) whose lru.next 0x%08x is no "
                                 "cache (%s)" % (addr, p.pfn, p.lru_next, why))
            out("warning: page->lru.next 0x%08x (%s) is not on cache_chain" % (c.addr, c.name))
        if c.lock_note():
            out(c.lock_note())
        s = self.slab(c, p, addr)
        which, why = slab_list_of(c, s)
        out("0x%08x: cache %s, slab 0x%08x (pfn 0x%x, on %s, inuse %d/%d)" % (
            addr, c.label(), s.addr, p.pfn, "slabs_" + which if which else
            "no list: %s  <-" % why, s.inuse, c.num))
        if addr < s.s_mem:
            if not c.off_slab and s.addr <= addr < s.addr + c.slab_size:
                lay = _struct_layout("struct slab", SLAB_MEMBERS)
                o = addr - s.addr
                out("  in the slab's management (on-slab): %s" % (
                    "struct slab, offset %d" % o if o < lay["size"] else
                    "bufctl[%d]" % ((o - lay["size"]) // 4) if o < lay["size"] + 4 * c.num
                    else "padding after the bufctl array"))
            else:
                out("  in the colour area before the first object (s_mem 0x%08x)" % s.s_mem)
            return
        idx, _ = s.index_of(c, addr)
        if idx >= c.num:
            out("  past the last object (%d objects of %d bytes from s_mem 0x%08x): the slab's "
                "left-over space" % (c.num, c.objsize, s.s_mem))
            return
        slot = s.s_mem + idx * c.objsize
        objp = slot + c.dbghead
        out("  object %d of %d: starts at 0x%08x (%d bytes%s), address is %s" % (
            idx, c.num, objp, c.reallen, ", slot 0x%08x of %d" % (slot, c.objsize)
            if c.dbghead else "", self.where(c, addr - slot)))
        # What the slab allocator itself keeps in it, if anything.
        for x in caches:
            if x.addr == objp:
                out("  it is the descriptor (kmem_cache_t) of cache %s" % x.label())
            for cpu, a in enumerate(x.arrays):
                if a == objp:
                    out("  it is the per-CPU array[%d] of cache %s" % (cpu, x.label()))
        # Its state: the bufctl, the free chain, the per-CPU arrays.
        bufctl = s.bufctl[idx]
        in_array = [(cpu, ac, ac.entries.index(slot)) for cpu, ac in slab_arrays(c)
                    if slot in ac.entries]
        chain, problem = s.chain(c.num)
        if bufctl == BUFCTL_ACTIVE and in_array:
            cpu, ac, i = in_array[0]
            state = "array"
            out("  state: in the per-CPU array (array[%d] entry %d of avail %d; the next "
                "allocation takes entry %d): free to users, in use from its slab's view"
                % (cpu, i, ac.avail, ac.avail - 1))
        elif bufctl == BUFCTL_ACTIVE:
            state = "allocated"
            out("  state: allocated (bufctl BUFCTL_ACTIVE, in no per-CPU array)")
        elif idx in chain:
            state = "free"
            out("  state: free in its slab: entry %d of %d on the free chain (bufctl -> %s)%s"
                % (chain.index(idx) + 1, len(chain),
                   "BUFCTL_END" if bufctl == BUFCTL_END else bufctl,
                   "  <- but it is also in a per-CPU array" if in_array else ""))
        else:
            state = "lost"
            out("  state: bufctl %s, neither BUFCTL_ACTIVE nor on the free chain%s  <- corrupt"
                % (bufctl, " (%s)" % problem if problem else ""))
        if c.debug:
            mem = read_bytes(slot, c.objsize)
            d = ObjectDebug(c, mem, 0)
            out("  debug: %s" % (d.text({}, state == "allocated") or "(no red zones or user word)"))
            for b in d.problems(c, state == "allocated") if state != "lost" else []:
                out("    <- %s" % b)

    @staticmethod
    def slab(c, p, addr):
        """The slab page->lru.prev names if it covers addr, else the one of c's lists that does."""
        why = None
        try:
            s = SlabDesc(c, p.lru_prev)
            end = s.page_addr + (c.pages_per_slab << PAGE_SHIFT)
            if s.page_addr <= addr < end:
                return s
            why = "its pages are 0x%08x-0x%08x" % (s.page_addr, end - 1)
        except MnemeError as e:
            why = "unreadable: %s" % e
        for which in SLAB_LISTS:
            for a in c.list_walk(which)[0]:
                try:
                    s = SlabDesc(c, a)
                except MnemeError:
                    continue
                if s.page_addr <= addr < s.page_addr + (c.pages_per_slab << PAGE_SHIFT):
                    out("warning: pfn 0x%x's page->lru.prev says slab 0x%08x (%s); slab 0x%08x "
                        "on slabs_%s covers the address  <- corrupt page descriptor"
                        % (p.pfn, p.lru_prev, why, a, which))
                    return s
        raise MnemeError("pfn 0x%x's page->lru.prev (the slab) is 0x%08x (%s), and no slab on "
                         "the lists of cache %s covers 0x%08x" % (p.pfn, p.lru_prev, why,
                                                                  c.label(), addr))

    @staticmethod
    def where(c, o):
        """Which part of the slot offset o is in."""
        r1, r2, uw = c.slot_words()
        start = c.dbghead
        if start <= o < start + c.reallen:
            return "offset %d into the object" % (o - start)
        if r1 is not None and r1 <= o < r1 + BYTES_PER_WORD:
            return "in red zone 1 (before the object)"
        if r2 is not None and r2 <= o < r2 + BYTES_PER_WORD:
            return "in red zone 2 (after the object)"
        if uw is not None and uw <= o < uw + BYTES_PER_WORD:
            return "in the last-user word"
        if o < start:
            return "in the padding before the object"
        return "in the padding after the object (offset %d, beyond reallen %d)" % (
            o - start, c.reallen)


# ---------------------------------------------------------------------------
# The kernel's own symbol table (kallsyms): symbols exactly as %pS prints
# them (include/kallsyms.h, kernel/kallsyms.c, scripts/kallsyms.py)
# ---------------------------------------------------------------------------

def _kallsyms():
    """(addresses with the closing one, names) of the table embedded in the
    image, read once (cached until new symbols are loaded); None if this
    kernel has no such table."""
    if "kallsyms" in _type_cache:
        return _type_cache["kallsyms"]
    tab = None
    if all(_find_symbol(s) is not None for s in ("kallsyms_num_syms", "kallsyms_addresses",
                                                 "kallsyms_offsets", "kallsyms_names")):
        n = int(lookup_var("kallsyms_num_syms")) & 0xFFFFFFFF
        if not 0 < n < 1 << 20:
            raise MnemeError("kallsyms_num_syms = %d: not a symbol table (wrong ELF for "
                             "this kernel?)" % n)
        raw = read_bytes(lookup_var("kallsyms_addresses").address, (n + 1) * 4)
        addrs = [_u32(raw, 4 * i) for i in range(n + 1)]
        raw = read_bytes(lookup_var("kallsyms_offsets").address, n * 4)
        offs = [_u32(raw, 4 * i) for i in range(n)]
        names_v = lookup_var("kallsyms_names")
        size = names_v.type.strip_typedefs().sizeof or max(offs) + 128
        blob = read_bytes(names_v.address, size)
        names = []
        for o in offs:
            end = blob.find(b"\0", o)
            names.append(blob[o:end if end >= 0 else len(blob)].decode("utf-8", "replace"))
        tab = (addrs, names)
    _type_cache["kallsyms"] = tab
    return tab


def kallsyms_lookup(addr):
    """(name, offset, size) as kernel/kallsyms.c's kallsyms_lookup() finds
    them (text symbols only; an alias reports the first name at its
    address; the size is the distance to the next symbol), or None for an
    address outside the kernel's text. Without a kallsyms table, gdb's
    symbols (no size: 0)."""
    addr &= 0xFFFFFFFF
    tab = _kallsyms()
    if tab is None:
        s = symbolize(addr)
        if s.startswith("0x") or s == "NULL":
            return None
        name, _, off = s.partition("+")
        return name, int(off, 16) if off else 0, 0
    addrs, names = tab
    n = len(names)
    if not n or addr < addrs[0] or addr >= addrs[n]:
        return None
    i = bisect.bisect_right(addrs, addr, 0, n) - 1
    while i > 0 and addrs[i - 1] == addrs[i]:
        i -= 1
    nxt = i + 1
    while nxt < n and addrs[nxt] == addrs[i]:
        nxt += 1
    return names[i], addr - addrs[i], addrs[nxt] - addrs[i]


def sprint_symbol(addr):
    """%pS: "name+0x1c/0x40", or "0x..." outside the kernel's text."""
    s = kallsyms_lookup(addr)
    return "%s+0x%x/0x%x" % s if s else "0x%x" % (addr & 0xFFFFFFFF)


def sprint_backtrace(addr):
    """Linux's %pB for a return address: the symbol of the call before it
    (addr - 1), the offset counted back from addr. A call that never
    returns (do_exit(), cpu_idle()) is often the last instruction of its
    function, and addr then already belongs to the next symbol."""
    s = kallsyms_lookup((addr - 1) & 0xFFFFFFFF)
    return "%s+0x%x/0x%x" % (s[0], s[1] + 1, s[2]) if s else "0x%x" % (addr & 0xFFFFFFFF)


def ksym_short(addr):
    """"name+0x1c" (or "name"; "0x..." outside the text): %pS without the size."""
    s = kallsyms_lookup(addr)
    if not s:
        return "0x%08x" % (addr & 0xFFFFFFFF)
    return "%s+0x%x" % (s[0], s[1]) if s[1] else s[0]


def kernel_text_address(addr):
    """As arch/x86/dumpstack.c: inside _text.._etext or __init_begin..__init_end."""
    key = "text-ranges"
    ranges = _type_cache.get(key)
    if ranges is None:
        ranges = []
        for a, b in (("_text", "_etext"), ("__init_begin", "__init_end")):
            sa, sb = _linker_symbol(a), _linker_symbol(b)
            if sa is not None and sb is not None:
                ranges.append((sa, sb))
        _type_cache[key] = ranges
    return any(a <= addr < b for a, b in ranges)


def inlined_at(pc):
    """The functions the compiler inlined at pc, innermost first, without the
    real function that holds them (gdb's inline blocks); [] if none."""
    try:
        b = gdb.block_for_pc(pc)
    except RuntimeError:
        return []
    names = []
    while b is not None and not b.is_global and not b.is_static:
        if b.function is not None:
            names.append(b.function.name)
        b = b.superblock
    inl = names[:-1]
    while inl and inl[-1] == names[-1]:    # gcc may describe part of a function as
        inl.pop()                           # inlined into itself
    return inl


def source_line(pc):
    """"file:line" of pc from the line table, or ""."""
    try:
        sal = gdb.find_pc_line(pc)
    except RuntimeError:
        return ""
    if sal.symtab is None or not sal.line:
        return ""
    return "%s:%d" % (sal.symtab.filename, sal.line)


# ---------------------------------------------------------------------------
# Tasks: task_list, the run queue, each task's saved context and kernel
# stack (include/sched.h, kernel/sched.c, kernel/fork.c, kernel/exit.c,
# arch/x86/switch_to.asm, arch/x86/process.c)
# ---------------------------------------------------------------------------
#
# A task that is not running was switched out by __switch_to(), which
# pushed ebp, ebx, esi and edi on its stack and saved esp in thread.esp:
# there lie [edi, esi, ebx, ebp, return address into schedule()], and
# from that ebp the frame-pointer chain (-fno-omit-frame-pointer: [ebp]
# the caller's ebp, [ebp+4] the return address) leads down to
# ret_from_kernel_thread (ebp 0 ends it). A thread never run yet has the
# frame copy_thread() built: the return address is ret_from_kernel_thread
# itself, ebx the function and esi its argument.

THREAD_SIZE = 8192              # include/asm/processor.h
HZ = 1000                       # include/jiffies.h
TASK_RUNNING = 0                # include/sched.h
TASK_STATE_NAMES = {0: "R (runnable)", 1: "S (sleeping)", 2: "D (disk sleep)",
                    16: "Z (zombie)", 64: "X (dead)"}    # task_state_name()
SWITCH_FRAME = ("edi", "esi", "ebx", "ebp", "ret")      # at thread.esp
SCHED_FUNCS = ("schedule", "__switch_to")   # skipped for WCHAN: where a task called schedule()
BT_MAX_FRAMES = 64
TASK_MEMBERS = ("state", "flags", "pid", "stack", "thread.esp", "thread.esp0", "run_list.next",
                "tasks.next", "parent", "time_slice", "nvcsw", "nivcsw", "runtime",
                "exit_code", "thread_fn", "thread_arg")


class Task:
    """One task_struct, read in one go."""

    def __init__(self, addr):
        lay = _struct_layout("struct task_struct", TASK_MEMBERS + ("comm",))
        self.addr = addr & 0xFFFFFFFF
        raw = read_bytes(self.addr, lay["size"])
        v = _decode(lay, raw, TASK_MEMBERS)
        self.state = _s32(raw, lay["state"])
        self.flags, self.pid = v["flags"], _s32(raw, lay["pid"])
        self.stack, self.esp, self.esp0 = v["stack"], v["thread.esp"], v["thread.esp0"]
        self.run_list = self.addr + lay["run_list.next"]
        self.run_list_next = v["run_list.next"]
        self.parent, self.time_slice = v["parent"], v["time_slice"]
        self.nvcsw, self.nivcsw, self.runtime = v["nvcsw"], v["nivcsw"], v["runtime"]
        self.exit_code = _s32(raw, lay["exit_code"])
        self.thread_fn, self.thread_arg = v["thread_fn"], v["thread_arg"]
        n = get_type("struct task_struct")["comm"].type.sizeof
        self.comm = raw[lay["comm"]:lay["comm"] + n].split(b"\0", 1)[0].decode("utf-8", "replace")

    @property
    def top(self):
        return (self.stack + THREAD_SIZE) & 0xFFFFFFFF

    def label(self):
        return "pid %d (%s)" % (self.pid, self.comm)

    def state_name(self, current):
        """task_state_name(): "R (running)" for the current task."""
        if self.addr == current:
            return "R (running)"
        return TASK_STATE_NAMES.get(self.state, "?")

    def saved_frame(self, stack_raw=None):
        """{edi, esi, ebx, ebp, ret} that __switch_to() left at thread.esp."""
        if not self.stack <= self.esp <= self.top - 4 * len(SWITCH_FRAME):
            raise MnemeError("%s: saved esp 0x%08x is outside its stack 0x%08x-0x%08x"
                             % (self.label(), self.esp, self.stack, self.top))
        if stack_raw is not None:
            off = self.esp - self.stack
            raw = stack_raw[off:off + 4 * len(SWITCH_FRAME)]
        else:
            raw = read_bytes(self.esp, 4 * len(SWITCH_FRAME))
        return {r: _u32(raw, 4 * i) for i, r in enumerate(SWITCH_FRAME)}

    def is_new(self, frame):
        """Never run yet: copy_thread()'s frame returns to ret_from_kernel_thread itself."""
        rfkt = _linker_symbol("ret_from_kernel_thread")
        return rfkt is not None and frame["ret"] == rfkt

    def walk(self):
        """The sleeping task's call chain from its saved frame:
        (frames [(return address, where it lies on the stack)], stack bytes,
        saved frame, problem or None)."""
        raw = read_bytes(self.stack, THREAD_SIZE)
        frame = self.saved_frame(raw)
        frames = [(frame["ret"], self.esp + 16)]
        if self.is_new(frame):
            return frames, raw, frame, None
        ebp, low, problem = frame["ebp"], self.esp + 20, None
        while ebp:
            if not low <= ebp <= self.top - 8:
                problem = "ebp 0x%08x is outside the stack above 0x%08x: the chain ends" % (
                    ebp, low)
                break
            off = ebp - self.stack
            ret, nxt = _u32(raw, off + 4), _u32(raw, off)
            if not ret:
                break
            frames.append((ret, ebp + 4))
            if not kernel_text_address(ret):
                problem = "return address 0x%08x at 0x%08x is not kernel text" % (ret, ebp + 4)
                break
            if len(frames) >= BT_MAX_FRAMES:
                problem = "more than %d frames" % BT_MAX_FRAMES
                break
            low, ebp = ebp + 8, nxt
        return frames, raw, frame, problem


def current_task_addr():
    return int(lookup_var("current_task", "the tasks")) & 0xFFFFFFFF


def all_tasks():
    """Every task on task_list, in list order (show_state()'s)."""
    head = lookup_var("task_list", "the tasks")
    if list_empty(head) is not False:
        raise NotYet("task_list is empty: sched_init() has not made the boot thread task 0 "
                     "yet; `continue` past it (e.g. `break rest_init`)")
    off = offset_of("struct task_struct", "tasks")
    return [Task(int(node) - off) for node in list_for_each(head, 1 << 15)]


def find_task(tasks, spec):
    """A task by pid, or by task_struct address (any gdb expression)."""
    v = int(gdb.parse_and_eval(spec).cast(get_type("unsigned long"))) & 0xFFFFFFFF
    for t in tasks:
        if t.pid == v or t.addr == v:
            return t
    if v >= PAGE_OFFSET:
        t = Task(v)
        out("warning: task_struct 0x%08x (%s) is not on task_list" % (v, t.label()))
        return t
    raise MnemeError("no task with pid %d (pids: %s)" % (v, " ".join(str(t.pid) for t in tasks)))


def wchan(t, frames):
    """Where a task that is not running waits: the first return address
    outside schedule() (its caller), with the functions inlined there."""
    for pc, _ in frames:
        s = kallsyms_lookup(pc - 1)
        if s and s[0] in SCHED_FUNCS:
            continue
        inl = inlined_at(pc - 1)
        return ("%s+0x%x" % (s[0], s[1] + 1) if s else "0x%08x" % pc) + \
            (" (%s)" % inl[0] if inl else "")
    return "?"


def runqueue_tasks():
    """(addresses of the tasks on runqueue.queue, nr_running, nr_switches, idle, problem)."""
    rq = lookup_var("runqueue", "the run queue")
    off = offset_of("struct task_struct", "run_list")
    addrs, problem = [], None
    try:
        for node in list_for_each(rq["queue"], 1 << 15):
            addrs.append(int(node) - off)
    except MnemeError as e:
        problem = str(e)
    return (addrs, int(rq["nr_running"]) & 0xFFFFFFFF, int(rq["nr_switches"]) & 0xFFFFFFFF,
            int(rq["idle"]) & 0xFFFFFFFF, problem)


class LxPs(MnemeCommand):
    """List every task (task_list) as the kernel's show_state() does, with where each waits.

Usage: lx-ps
The columns of show_state() (kernel/sched.c, SysRq-T), line for line:
PID, STATE ("R (running)" is the current task), voluntary and involuntary
context switches, RUNTIME in ms (HZ 1000), STACK (the lowest address of
the 8 KB kernel stack) and COMM; then TOP (STACK + 8 KB, which
thread.esp0 must be: the stack is STACK..TOP), ESP (the saved
thread.esp; $esp for the running task) and WCHAN: for a task that is
not running, the function that called schedule() (found from the
return addresses of its saved frame and ebp chain, as lx-bt; the
innermost function inlined there in parentheses), "new: FN" for a
thread not run yet; for the running one "running: " and $pc. Then
show_state()'s
totals, and checks: task_list against nr_threads, the run queue against
nr_running and the states, each saved esp inside its stack.
`lx-bt PID` shows a task's whole call chain."""

    name = "lx-ps"
    takes_args = False

    def run(self, arg, from_tty):
        tasks = all_tasks()
        cur = current_task_addr()
        queue, nr_running, nr_switches, idle, qproblem = runqueue_tasks()
        nr_threads = int(lookup_var("nr_threads")) & 0xFFFFFFFF
        on_queue = set(queue)
        out("  PID STATE          VOLCSW INVOLCSW RUNTIME(ms) STACK    COMM            "
            "TOP      ESP      WCHAN")
        problems = []
        for t in tasks:
            where, esp, bad = "?", t.esp, []
            if t.addr == cur:
                try:
                    frame = gdb.newest_frame()
                    esp = int(frame.read_register("esp")) & 0xFFFFFFFF
                    where = "running: " + ksym_short(int(frame.pc()))
                except (gdb.error, ValueError):
                    pass
                if not t.stack <= esp < t.top:
                    bad.append("$esp 0x%08x is not on its stack" % esp)
            else:
                try:
                    frames, _, frame, _ = t.walk()
                    where = "new: " + ksym_short(frame["ebx"]) if t.is_new(frame) \
                        else wchan(t, frames)
                except MnemeError as e:
                    bad.append(str(e).replace(t.label() + ": ", ""))
            if t.esp0 != t.top:
                bad.append("thread.esp0 0x%08x is not the stack's top" % t.esp0)
            if t.state == TASK_RUNNING and t.addr not in (cur, idle) and t.addr not in on_queue:
                bad.append("runnable but not on the run queue")
            out("%5d %-14s %6d %8d %11d %08x %-15s %08x %08x %s%s" % (
                t.pid, t.state_name(cur), t.nvcsw, t.nivcsw,
                ((t.runtime * 1000) & 0xFFFFFFFF) // HZ, t.stack, t.comm, t.top, esp, where,
                "".join("  <- " + b for b in bad)))
            problems += ["%s: %s" % (t.label(), b) for b in bad]
        out("%d tasks, %d runnable, %d context switches" % (nr_threads, nr_running, nr_switches))
        by_addr = {t.addr: t for t in tasks}
        if cur not in by_addr:
            problems.append("current_task 0x%08x is not on task_list" % cur)
        if nr_threads != len(tasks):
            problems.append("task_list has %d tasks, nr_threads says %d" % (len(tasks), nr_threads))
        if qproblem:
            problems.append("the run queue: %s" % qproblem)
        if len(queue) != nr_running:
            problems.append("the run queue holds %d tasks, nr_running says %d"
                            % (len(queue), nr_running))
        for a in queue:
            t = by_addr.get(a)
            if t is None:
                problems.append("0x%08x on the run queue is no task on task_list" % a)
            elif t.state != TASK_RUNNING and a != cur:
                problems.append("%s is on the run queue in state %s" % (t.label(),
                                                                        t.state_name(cur)))
            if a == idle:
                problems.append("the idle task is on the run queue")
        if problems:
            for p in problems:
                out("check: %s  <-" % p)
        else:
            out("check: consistent: %d tasks on task_list (nr_threads), %d on the run queue "
                "(nr_running), idle task pid %s, current pid %d"
                % (len(tasks), len(queue), by_addr[idle].pid if idle in by_addr else "?",
                   by_addr[cur].pid))


class LxBt(MnemeCommand):
    """Backtrace of a task: from its saved frame if it sleeps, gdb's `bt` if it runs.

Usage: lx-bt [-v] [PID | TASK]   (a pid, or a task_struct address; default:
                                  the running task)
A task that is not running is walked from what __switch_to() saved at
thread.esp (edi, esi, ebx, ebp, the return address into schedule()) up
its ebp chain, inside its kernel stack: one line per frame with the
return address and its symbol as Linux's %pB prints it (the kernel's
kallsyms: name+offset/size of the call, return address - 1, so that a
call that never returns is not put in the next function), the functions
gdb's debug info says were inlined there, and the source line.
A thread never run yet shows the function and argument it will start
with. The running task gets gdb's own `bt` (its registers are the CPU's).
  -v  also the saved registers, each frame's ebp, and every other word
      on the stack that is a kernel text address (as "?", like the
      kernel's own call traces: stale values or frames without ebp)."""

    name = "lx-bt"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        verbose = "-v" in args
        args = [a for a in args if a != "-v"]
        if len(args) > 1:
            raise MnemeError("usage: lx-bt [-v] [PID | TASK]")
        tasks = all_tasks()
        cur = current_task_addr()
        t = find_task(tasks, args[0]) if args else Task(cur)
        out("%s, %s, stack 0x%08x-0x%08x" % (t.label(), t.state_name(cur), t.stack, t.top))
        if t.addr == cur:
            out("the running task: gdb's backtrace from the CPU's registers")
            out(gdb.execute("bt", to_string=True).rstrip("\n"))
            return
        frames, raw, frame, problem = t.walk()
        used = t.top - t.esp
        out("switched out at esp 0x%08x (%d of %d stack bytes in use)%s"
            % (t.esp, used, THREAD_SIZE, "" if not verbose else ": edi 0x%08x esi 0x%08x "
               "ebx 0x%08x ebp 0x%08x" % tuple(frame[r] for r in SWITCH_FRAME[:4])))
        if t.is_new(frame):
            out("#0  0x%08x in %s: not run yet; will call %s(0x%08x)" % (
                frame["ret"], sprint_symbol(frame["ret"]), ksym_short(frame["ebx"]),
                frame["esi"]))
            return
        slots = {slot for _, slot in frames}
        for n, (pc, slot) in enumerate(frames):
            if verbose and n:
                self.scan(raw, t, frames[n - 1][1] + 4, slot, slots)
            inl = inlined_at(pc - 1)
            line = source_line(pc - 1)
            out("#%-2d 0x%08x in %s%s%s%s" % (
                n, pc, sprint_backtrace(pc), " [inlined: %s]" % " -> ".join(inl[::-1]) if inl else "",
                " at " + line if line else "",
                "  (frame at 0x%08x)" % (slot - 4) if verbose and n else ""))
        if problem:
            out("(the walk stops: %s)" % problem)
        if verbose:
            self.scan(raw, t, frames[-1][1] + 4, t.top, slots)

    @staticmethod
    def scan(raw, t, start, end, slots):
        for a in range(start, end, 4):
            w = _u32(raw, a - t.stack)
            if a not in slots and kernel_text_address(w):
                out("    ? 0x%08x %s  (at 0x%08x)" % (w, sprint_symbol(w), a))


# ---------------------------------------------------------------------------
# Noncontiguous areas: vmlist, each vm_struct's pages and its mappings in
# swapper_pg_dir, the freed-area history (include/vmalloc.h, mm/vmlist.c,
# mm/vmalloc.c, mm/internal.h)
# ---------------------------------------------------------------------------

VM_IOREMAP, VM_ALLOC, VM_MAP, VM_VPAGES = 0x1, 0x2, 0x4, 0x100
VM_FLAG_NAMES = [(VM_IOREMAP, "VM_IOREMAP"), (VM_ALLOC, "VM_ALLOC"), (VM_MAP, "VM_MAP"),
                 (VM_VPAGES, "VM_VPAGES")]
VM_MEMBERS = ("addr", "size", "flags", "pages", "nr_pages", "phys_addr", "caller", "next")
VMALLOC_SHOW = 16               # lx-vmallocinfo -v: pfn runs shown per area by default
VMLIST_LIMIT = 1 << 16


def _layout(typename, members):
    """(sizeof, {member: offset}) -- for structures with a member called
    "size", which _struct_layout()'s dictionary cannot hold."""
    key = "offsets:" + typename
    lay = _type_cache.get(key)
    if lay is None:
        t = get_type(typename)
        lay = (t.sizeof, {m: offset_of(t, m) for m in members})
        _type_cache[key] = lay
    return lay


class VmArea:
    """One vm_struct, read in one go."""

    def __init__(self, addr):
        size, lay = _layout("struct vm_struct", VM_MEMBERS)
        self.at = addr
        v = _decode(lay, read_bytes(addr, size), VM_MEMBERS)
        for m in VM_MEMBERS:
            setattr(self, m, v[m])

    @property
    def end(self):              # the guard page included
        return (self.addr + self.size) & 0xFFFFFFFF

    def kind(self):
        """show_vmallocinfo()'s last word."""
        return "vmalloc" if self.flags & VM_ALLOC else "vmap" if self.flags & VM_MAP \
            else "ioremap"

    def info_line(self):
        """The line show_vmallocinfo() prints, byte for byte (" pages=N" only
        for an area that has pages)."""
        return "0x%08x-0x%08x %7d %s%s %s" % (
            self.addr, self.end, self.size, sprint_symbol(self.caller),
            " pages=%d" % self.nr_pages if self.nr_pages else "", self.kind())


def vm_areas():
    """(the areas on vmlist in list order, problem or None)."""
    a = int(lookup_var("vmlist", "the vmalloc areas")) & 0xFFFFFFFF
    areas, seen, problem = [], set(), None
    while a:
        if a in seen:
            problem = "vmlist loops back to 0x%08x" % a
            break
        if len(areas) >= VMLIST_LIMIT:
            problem = "more than %d areas (corrupt?)" % VMLIST_LIMIT
            break
        seen.add(a)
        v = VmArea(a)
        areas.append(v)
        a = v.next
    return areas, problem


class KernelPageTables:
    """swapper_pg_dir and the page tables it points to, each read once."""

    def __init__(self):
        pgd = lookup_var("swapper_pg_dir", "the kernel page tables")
        self.pgd = read_bytes(int(pgd.address), PTRS_PER_PTE * 4)
        self.tables = {}

    def lookup(self, va):
        """(pde, pte) for va; pte is None where the pde maps no page table."""
        pde = _u32(self.pgd, (va >> PGDIR_SHIFT) * 4)
        if not pde & 1 or pde & 0x80:
            return pde, None
        t = pde & PAGE_MASK
        if t not in self.tables:
            self.tables[t] = read_phys(t, PAGE_SIZE)
        return pde, _u32(self.tables[t], ((va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)) * 4)

    def pfn_at(self, va):
        """The pfn va maps to, or None (a 4 MB page counts)."""
        pde, pte = self.lookup(va)
        if pte is None:
            if pde & 1 and pde & 0x80:
                return ((pde & 0xFFC00000) | (va & 0x3FF000)) >> PAGE_SHIFT
            return None
        return pte >> PAGE_SHIFT if pte & 1 else None


def page_ptr_to_pfn(mm, ptr):
    """The pfn of a struct page pointer into mem_map, or None."""
    off = ptr - mm.mem_map
    if ptr < mm.mem_map or off % mm.lay["size"] or off // mm.lay["size"] >= mm.node_spanned:
        return None
    return off // mm.lay["size"]


def vm_flag_names(flags):
    names = [n for bit, n in VM_FLAG_NAMES if flags & bit]
    rest = flags & ~sum(bit for bit, _ in VM_FLAG_NAMES)
    if rest:
        names.append("0x%x" % rest)
    return "|".join(names) if names else "0"


def _pfn_runs(pfns):
    """[0x10, 0x11, 0x12, 0x20] -> ["0x10-0x12", "0x20"] (in order, not sorted)."""
    runs = []
    for p in pfns:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ["0x%x" % a if a == b else "0x%x-0x%x" % (a, b) for a, b in runs]


class LxVmallocinfo(MnemeCommand):
    """The vmalloc areas (vmlist), as /proc/vmallocinfo (show_vmallocinfo()); -v checks them.

Usage: lx-vmallocinfo [-v] [-n N]
One line per vm_struct on vmlist, exactly as the kernel's
show_vmallocinfo() prints it: start-end (the guard page included), size,
the caller as %pS (from the kernel's own kallsyms table), pages= and
vmalloc / vmap / ioremap.
  -v    each area's flags and pages (pfns, high or low memory) with its
        checks: page aligned, inside VMALLOC_START..VMALLOC_END, sorted and
        not overlapping its neighbours, the guard page unmapped in
        swapper_pg_dir, each page mapped where it should be (and nothing
        beyond nr_pages), nr_pages matching the size, vmalloc'ed pages
        allocated (count > 0); then VmallocTotal/Used/Chunk as meminfo
        computes them, and the freed-area history (vm_history, newest
        first) that oops reports use
  -n N  at most N runs of pfns per area (default 16; 0: all)"""

    name = "lx-vmallocinfo"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = _parse_count_opt(args, VMALLOC_SHOW)
        verbose = "-v" in args
        if [a for a in args if a != "-v"]:
            raise MnemeError("usage: lx-vmallocinfo [-v] [-n N]")
        areas, problem = vm_areas()
        if not areas and not problem:
            out("(vmlist is empty: no vmalloc areas%s)" % (
                "" if int(lookup_var("mem_map")) else " yet; the first is made after mem_init()"))
            if verbose:
                self.history()
            return
        chk = VmallocCheck() if verbose else None
        for v in areas:
            out(v.info_line())
            if chk:
                chk.area(v, show)
        if problem:
            out("(the walk stops: %s)  <-" % problem)
        if chk:
            chk.summary(areas, problem)
            self.history()

    @staticmethod
    def history():
        hist = lookup_var("vm_history", "the freed-area history")
        n = hist.type.strip_typedefs().range()[1] + 1
        nxt = int(lookup_var("vm_history_next")) & 0xFFFFFFFF
        size, lay = _layout("struct vm_freed", ("addr", "size", "caller"))
        raw = read_bytes(hist.address, n * size)
        rows = []
        for k in range(1, n + 1):
            i = (nxt + n - k) % n
            f = _decode(lay, raw[i * size:(i + 1) * size], ("addr", "size", "caller"))
            if f["size"]:
                rows.append("  0x%08x-0x%08x %7d %s" % (
                    f["addr"], (f["addr"] + f["size"]) & 0xFFFFFFFF, f["size"],
                    sprint_symbol(f["caller"])))
        if not rows:
            out("freed areas (vm_history): none freed yet")
            return
        out("freed areas (vm_history, the last %d, newest first):" % n)
        for r in rows:
            out(r)



class VmallocCheck:
    """lx-vmallocinfo -v: each area's pages and checks, then the totals."""

    def __init__(self):
        self.pt = KernelPageTables()
        self.mm = MemMap("the vmalloc areas' pages")
        lay, _ = memory_layout()
        self.vstart, self.vend = lay.get("vmalloc_start"), lay["vmalloc_end"]
        self.prev_end = None
        self.problems = self.pages = self.high = 0

    def area(self, v, show):
        mm, pt = self.mm, self.pt
        bad = []
        npages = max((v.size >> PAGE_SHIFT) - 1, 0)     # without the guard page
        if v.addr & ~PAGE_MASK or v.size & ~PAGE_MASK:
            bad.append("not page aligned")
        if v.size < 2 * PAGE_SIZE:
            bad.append("size %d: not even one page and its guard page" % v.size)
        if self.vstart and not (self.vstart <= v.addr and v.end <= self.vend and v.addr < v.end):
            bad.append("outside VMALLOC_START..VMALLOC_END (0x%08x-0x%08x)"
                       % (self.vstart, self.vend))
        if self.prev_end is not None and v.addr < self.prev_end:
            bad.append("starts below the end 0x%08x of the area before it: vmlist must be "
                       "sorted, the areas apart" % self.prev_end)
        self.prev_end = v.end
        guard = (v.end - PAGE_SIZE) & 0xFFFFFFFF
        g = pt.pfn_at(guard)
        if g is not None:
            bad.append("its guard page 0x%08x is mapped (to pfn 0x%x)" % (guard, g))
        pfns = []
        if v.flags & (VM_ALLOC | VM_MAP):
            if v.nr_pages != npages:
                bad.append("nr_pages %d, but the area holds %d pages" % (v.nr_pages, npages))
            n = min(v.nr_pages, npages)
            if n and not v.pages:
                bad.append("nr_pages %d, but pages is NULL" % v.nr_pages)
                n = 0
            raw = read_bytes(v.pages, n * 4) if n else b""
            for i in range(n):
                ptr = _u32(raw, 4 * i)
                va = v.addr + i * PAGE_SIZE
                pfn = page_ptr_to_pfn(mm, ptr)
                if pfn is None:
                    bad.append("pages[%d] = 0x%08x is no page descriptor in mem_map" % (i, ptr))
                    continue
                pfns.append(pfn)
                at = pt.pfn_at(va)
                if at != pfn:
                    bad.append("page %d at 0x%08x %s, pages[%d] is pfn 0x%x" % (
                        i, va, "is not mapped" if at is None else "maps pfn 0x%x" % at, i, pfn))
                if v.flags & VM_ALLOC:
                    p = mm.page(pfn)
                    if p.count < 1:
                        bad.append("pages[%d] pfn 0x%x is not allocated (count %d)"
                                   % (i, pfn, p.count))
            first_unmapped = n
        else:
            first_unmapped = 0
            if v.phys_addr:     # ioremap(): phys_addr.. mapped contiguously
                first_unmapped = npages
                for i in range(npages):
                    at = pt.pfn_at(v.addr + i * PAGE_SIZE)
                    if at != (v.phys_addr >> PAGE_SHIFT) + i:
                        bad.append("page %d is %s, expected physical 0x%08x" % (
                            i, "not mapped" if at is None else "pfn 0x%x" % at,
                            v.phys_addr + i * PAGE_SIZE))
                        break
        for i in range(first_unmapped, npages):
            at = pt.pfn_at(v.addr + i * PAGE_SIZE)
            if at is not None:
                bad.append("page %d at 0x%08x (beyond nr_pages) is mapped to pfn 0x%x"
                           % (i, v.addr + i * PAGE_SIZE, at))
        high = sum(1 for p in pfns if p >= mm.max_low_pfn)
        self.pages += len(pfns)
        self.high += high
        runs = []
        for r in _pfn_runs(pfns):
            first = int(r.split("-")[0], 16)
            runs.append(r + (" high" if first >= mm.max_low_pfn else ""))
        desc = "    %s, vm_struct 0x%08x" % (vm_flag_names(v.flags), v.at)
        if v.flags & (VM_ALLOC | VM_MAP):
            desc += ", pages[] at 0x%08x: %d page%s (%d high, %d low)%s" % (
                v.pages, len(pfns), "" if len(pfns) == 1 else "s", high, len(pfns) - high,
                ": pfn " + " ".join(runs[:show]) if runs else "")
            if len(runs) > show:
                desc += " ... (%d more runs; -n 0 shows all)" % (len(runs) - show)
        elif v.phys_addr:
            desc += ", physical 0x%08x-0x%08x" % (v.phys_addr, v.phys_addr + npages * PAGE_SIZE)
        out(desc)
        for b in bad:
            out("    <- %s" % b)
        self.problems += len(bad)

    def summary(self, areas, problem):
        used = sum(v.size - PAGE_SIZE for v in areas) & 0xFFFFFFFF
        if self.vstart:
            prev, largest = self.vstart, 0
            for v in areas:         # vmalloc_chunk_kb()
                if v.addr > prev:
                    largest = max(largest, v.addr - prev)
                prev = v.end
            largest = max(largest, self.vend - prev) if self.vend > prev else largest
            for name, val in (("VmallocTotal:", (self.vend - self.vstart) >> 10),
                              ("VmallocUsed:", used >> 10), ("VmallocChunk:", largest >> 10)):
                out("%-16s%8d kB" % (name, val))
        if self.problems or problem:
            out("check: %d problem%s (marked <-)" % (self.problems + bool(problem),
                                                    "" if self.problems + bool(problem) == 1
                                                    else "s"))
        else:
            out("check: consistent: %d areas, sorted and apart inside VMALLOC_START..VMALLOC_END, "
                "guard pages unmapped; %d pages (%d high, %d low), each mapped where its area "
                "says in swapper_pg_dir" % (len(areas), self.pages, self.high,
                                           self.pages - self.high))


# ---------------------------------------------------------------------------
# Permanent kernel mappings: the pkmap window, pkmap_count[], the
# page_address hash, pkmap_map_wait, and the kmap_atomic() fixmap slots
# (mm/highmem.c, arch/x86/init.c, include/asm/fixmap.h, kmap_types.h)
# ---------------------------------------------------------------------------

PA_HASH_MULT = 0x9e370001       # mm/highmem.c page_slot(): (pfn * this >> 16) & (buckets - 1)
PKMAP_SHOW = 16                 # lx-pkmap: slots shown by default
PAM_MEMBERS = ("page", "virtual", "list.next")


def page_slot_bucket(pfn, nbuckets):
    return (((pfn * PA_HASH_MULT) & 0xFFFFFFFF) >> 16) & (nbuckets - 1)


def kmap_atomic_slots():
    """[(index, km_type name, virtual address, pte)] of this CPU's kmap_atomic() slots."""
    kp = _find_symbol("kmap_pte")
    if kp is None:
        return []
    kmap_pte = int(kp.value()) & 0xFFFFFFFF
    km = enum_values("enum km_type")
    names = {v: n for n, v in km.items()}
    nr = km.get("KM_TYPE_NR", 0)
    begin = enum_value("enum fixed_addresses", "FIX_KMAP_BEGIN", 1)
    if not kmap_pte or not nr:
        return []
    # slot idx's pte is at kmap_pte - idx (the fixmap grows down)
    raw = read_bytes(kmap_pte - (nr - 1) * 4, nr * 4)
    return [(idx, names.get(idx, str(idx)), FIXADDR_TOP - ((begin + idx) << PAGE_SHIFT),
             _u32(raw, (nr - 1 - idx) * 4)) for idx in range(nr)]


def wait_queue_tasks(head):
    """[(Task, exclusive)] waiting on a wait_queue_head_t value."""
    res = []
    for w in list_for_each_entry(head["task_list"], "struct __wait_queue", "task_list"):
        res.append((Task(int(w["task"])), bool(int(w["flags"]) & 1)))
    return res


class LxPkmap(MnemeCommand):
    """The pkmap window of kmap(): slots by state, the page_address hash, waiters, checked.

Usage: lx-pkmap [-n N]
pkmap_count[] by state (0 free, 1 stale: no user but the old mapping may
still be in the TLB until the next flush_all_zero_pkmaps(), n > 1 in
use by n - 1), last_pkmap_nr (where map_new_virtual() searches next),
kmap_waits, pkmap_flushes and the tasks asleep on pkmap_map_wait; then
each slot in use or stale: virtual address, count, the pfn its PTE maps
(pkmap_page_table) and the page_address hash entry naming that page
(at most N slots, default 16; 0: all; slots with problems always); the
kmap_atomic() fixmap slots that map a page; and the checks: a free slot
has an empty PTE and no hash entry, a used or stale one a present PTE
and one hash entry for that very page, in the bucket page_slot() picks;
every hash entry belongs to such a slot; a page in at most one slot."""

    name = "lx-pkmap"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        show = _parse_count_opt(args, PKMAP_SHOW)
        if args:
            raise MnemeError("usage: lx-pkmap [-n N]")
        pt = int(lookup_var("pkmap_page_table", "the pkmap window")) & 0xFFFFFFFF
        if not pt:
            raise NotYet("pkmap_page_table is NULL: paging_init() has not built the pkmap "
                         "page table yet")
        htable = lookup_var("page_address_htable", "the page_address hash")
        nb = htable.type.strip_typedefs().range()[1] + 1
        hraw = read_bytes(htable.address, nb * 8)
        if not _u32(hraw, 0):
            raise NotYet("page_address_htable is not initialised: kmap_init() has not run "
                         "yet; `continue` past mem_init()")
        mm = MemMap("the pkmap slots")
        base = memory_layout()[0]["pkmap"]
        counts_v = lookup_var("pkmap_count")
        n = counts_v.type.strip_typedefs().range()[1] + 1
        craw = read_bytes(counts_v.address, n * 4)
        counts = [_s32(craw, 4 * i) for i in range(n)]
        ptes = read_bytes(pt, n * 4)
        maps_v = lookup_var("page_address_maps")
        lay = _struct_layout("struct page_address_map", PAM_MEMBERS)
        nm = maps_v.type.strip_typedefs().range()[1] + 1
        maps_at = int(maps_v.address)
        mraw = read_bytes(maps_at, nm * lay["size"])

        # The hash: bucket by bucket, entries inside page_address_maps[].
        problems = []
        by_virtual = {}         # virtual -> [(bucket, index, pfn)]
        by_pfn = {}
        nentries = 0
        hbase = int(htable.address)
        for b in range(nb):
            head = hbase + 8 * b
            node, steps = _u32(hraw, 8 * b), 0
            while node != head:
                k, r = divmod(node - lay["list.next"] - maps_at, lay["size"])
                if node in (0, LIST_POISON1, LIST_POISON2) or r or not 0 <= k < nm or \
                        steps > nm:
                    problems.append("hash bucket %d: %s 0x%08x after %d entries" % (
                        b, "a loop at" if steps > nm else "pointer", node, steps))
                    break
                e = _decode(lay, mraw[k * lay["size"]:(k + 1) * lay["size"]], PAM_MEMBERS)
                pfn = page_ptr_to_pfn(mm, e["page"])
                nentries += 1
                steps += 1
                where = "hash entry page_address_maps[%d] (bucket %d)" % (k, b)
                if pfn is None:
                    problems.append("%s: page 0x%08x is no page descriptor" % (where, e["page"]))
                else:
                    if pfn < mm.max_low_pfn:
                        problems.append("%s: pfn 0x%x is low memory (kmap() maps it "
                                        "directly)" % (where, pfn))
                    want = page_slot_bucket(pfn, nb)
                    if want != b:
                        problems.append("%s: pfn 0x%x belongs in bucket %d" % (where, pfn, want))
                    by_pfn.setdefault(pfn, []).append(k)
                if e["virtual"] != base + k * PAGE_SIZE:
                    problems.append("%s: virtual 0x%08x, but entry %d is slot %d's (0x%08x)" % (
                        where, e["virtual"], k, k, base + k * PAGE_SIZE))
                by_virtual.setdefault(e["virtual"], []).append((b, k, pfn))
                node = e["list.next"]
        for pfn, ks in by_pfn.items():
            if len(ks) > 1:
                problems.append("pfn 0x%x is in %d slots (%s): kmap() must reuse one" % (
                    pfn, len(ks), ", ".join(str(k) for k in ks)))

        # The slots.
        free = stale = used = users = nbad = 0
        rows = []
        for i in range(n):
            c, pte = counts[i], _u32(ptes, 4 * i)
            va = base + i * PAGE_SIZE
            ents = by_virtual.get(va, [])
            bad = []
            if c == 0:
                free += 1
                if pte:
                    bad.append("free (count 0) but its PTE is 0x%08x" % pte)
                if ents:
                    bad.append("free (count 0) but the hash maps pfn %s here" % ", ".join(
                        "0x%x" % e[2] if e[2] is not None else "?" for e in ents))
            elif c < 0:
                bad.append("count %d" % c)
            else:
                if c == 1:
                    stale += 1
                else:
                    used += 1
                    users += c - 1
                if not pte & 1:
                    bad.append("count %d but its PTE is not present (0x%08x)" % (c, pte))
                if not ents:
                    bad.append("count %d but no hash entry names this slot" % c)
                elif len(ents) > 1:
                    bad.append("%d hash entries name this slot" % len(ents))
                elif pte & 1 and ents[0][2] != pte >> PAGE_SHIFT:
                    bad.append("its PTE maps pfn 0x%x, the hash entry says pfn %s" % (
                        pte >> PAGE_SHIFT, "0x%x" % ents[0][2] if ents[0][2] is not None
                        else "?"))
            if c or bad:
                rows.append((i, va, c, pte, ents, bad))
            nbad += len(bad)
        if nentries != used + stale:
            problems.append("%d hash entries for %d slots in use or stale" % (nentries,
                                                                            used + stale))

        out("pkmap window 0x%08x-0x%08x: %d slots (pkmap_page_table 0x%08x)" % (
            base, base + n * PAGE_SIZE, n, pt))
        out("  %d in use (%d user%s), %d stale (count 1: unused, mapped until the next flush), "
            "%d free" % (used, users, "" if users == 1 else "s", stale, free))
        last = int(lookup_var("last_pkmap_nr")) & 0xFFFFFFFF
        out("  last_pkmap_nr %d (the next search starts at slot %d), kmap_waits %d, "
            "pkmap_flushes %d" % (last, (last + 1) % n, int(lookup_var("kmap_waits")),
                                  int(lookup_var("pkmap_flushes"))))
        if last >= n:
            problems.append("last_pkmap_nr %d is not a slot" % last)
        waiters = wait_queue_tasks(lookup_var("pkmap_map_wait"))
        cur = current_task_addr()
        out("  pkmap_map_wait: %s" % ("no waiters" if not waiters else "%d waiter%s: %s" % (
            len(waiters), "" if len(waiters) == 1 else "s", ", ".join(
                "%s %s%s" % (t.label(), t.state_name(cur).split()[0],
                             " exclusive" if ex else "") for t, ex in waiters))))
        if rows:
            out("  slot virtual    count  pfn       page       hash")
        hidden = 0
        for k, (i, va, c, pte, ents, bad) in enumerate(rows):
            if k >= show and not bad:
                hidden += 1
                continue
            pfn = pte >> PAGE_SHIFT if pte & 1 else None
            out("  %4d 0x%08x %5d  %-9s %-10s %s%s" % (
                i, va, c, "0x%x" % pfn if pfn is not None else "-",
                "0x%08x" % (mm.mem_map + pfn * mm.lay["size"]) if pfn is not None else "-",
                "bucket %d" % ents[0][0] if ents else "-",
                ", %d user%s" % (c - 1, "" if c == 2 else "s") if c > 1 else
                ", stale" if c == 1 else ""))
            for b_ in bad:
                out("       <- %s" % b_)
        if hidden:
            out("  ... %d more slots in use or stale (-n 0 shows all)" % hidden)
        mapped = [s for s in kmap_atomic_slots() if s[3] & 1]
        if not mapped:
            out("kmap_atomic slots (fixmap, CPU 0): none mapped")
        else:
            out("kmap_atomic slots (fixmap, CPU 0):")
            for idx, name, va, pte in mapped:
                pfn = pte >> PAGE_SHIFT
                out("  %-14s 0x%08x -> pfn 0x%x%s" % (
                    name, va, pfn, "" if pfn >= mm.max_low_pfn else
                    "  <- a low page (kmap_atomic() returns its direct-map address)"))
        total = len(problems) + nbad
        if total:
            out("check: %d problem%s%s" % (total, "" if total == 1 else "s",
                                          " (the slots' are marked <- above)" if nbad else ""))
            for p in problems[:64]:
                out("  %s  <-" % p)
            if len(problems) > 64:
                out("  ... %d more" % (len(problems) - 64))
        else:
            out("check: consistent: %d slots in use or stale, each with a present PTE and the "
                "hash entry of its page; %d free with an empty PTE; %d hash entries in %d "
                "buckets" % (used + stale, free, nentries, nb))


# ---------------------------------------------------------------------------
# Convenience functions
# ---------------------------------------------------------------------------

_functions = []


class MnemeFunction(gdb.Function):
    usage = None

    def __init__(self, name):
        super().__init__(name)
        _functions[:] = [f for f in _functions if f.usage != self.usage]
        _functions.append(self)

    @classmethod
    def summary(cls):
        return (cls.__doc__ or "").strip().splitlines()[0]


class ContainerOf(MnemeFunction):
    """Cast a member pointer back to its containing structure (container_of).

$container_of(PTR, "struct TYPE", "MEMBER") -> struct TYPE *
e.g. p *$container_of(timer_base.tv1[3].next, "struct timer_list", "entry")"""

    usage = '$container_of(p, "type", "member")'

    def __init__(self):
        super().__init__("container_of")

    def invoke(self, ptr, typename, member):
        return container_of(ptr, typename.string(), member.string())


class LxSymbol(MnemeFunction):
    """The symbol+offset of an address, as a string ($lx_symbol($pc))."""

    usage = "$lx_symbol(addr)"

    def __init__(self):
        super().__init__("lx_symbol")

    def invoke(self, addr):
        return symbolize(int(addr))


for _cls in (MnemeHelp, LxHelp, LxDmesg, LxCmdline, LxE820, LxTimers, LxIdt,
             LxPte, LxTaint, LxBuddyinfo, LxZoneinfo, LxMeminfo, LxFreelist, LxPcp,
             LxPage, LxMemlayout, LxSlabinfo, LxSlab, LxSlabobj, LxPs, LxBt,
             LxVmallocinfo, LxPkmap):
    _cls()
ContainerOf()
LxSymbol()
