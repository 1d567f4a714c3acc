# Mneme's gdb helpers: commands that read the kernel's data structures
# from a stopped target (QEMU's gdb stub), in the spirit of Linux's
# scripts/gdb/linux/*.py and with the same "lx-" names where the concept
# matches.
#
#   (gdb) source scripts/gdb/mneme.py        (scripts/gdb/gdbinit does it)
#   (gdb) mneme-help
#
# Layout of this file, for whoever adds the next command (buddy free
# lists, zones, slab caches, vmalloc areas, tasks, ...):
#
#   1. errors and target checks     MnemeError, require_target, require_paging
#   2. symbols and types            lookup_var, has_symbol, get_type, offset_of
#   3. memory                       read_bytes, read_u32, read_phys, read_phys_u32
#   4. kernel idioms                container_of, list_for_each(_entry),
#                                   symbolize, c_string, jiffies_now
#   5. commands                     one MnemeCommand subclass each, registered
#                                   by instantiating it at the end of the file
#
# A command subclasses MnemeCommand, sets `name` and a docstring whose
# first line is its one-line summary (mneme-help lists it), and puts its
# work in run(arg, from_tty). Anything it raises as MnemeError is printed
# as a one-line message; gdb.MemoryError and gdb.error are turned into
# one too, so a command never dumps a Python traceback at the user.
# Commands must say clearly when the kernel is not far enough in boot
# (paging off, structure not initialised yet) rather than print garbage.

import re

import gdb

PAGE_OFFSET = 0xC0000000
PAGE_SIZE = 4096
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

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_DATA)
        _commands[:] = [c for c in _commands if c.name != self.name]
        _commands.append(self)

    def invoke(self, arg, from_tty):
        self.dont_repeat()
        try:
            self.run(arg.strip(), from_tty)
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

    def run(self, arg, from_tty):
        out("Mneme gdb helpers (scripts/gdb/mneme.py):")
        for c in sorted(_commands, key=lambda c: c.name):
            if c.name in ("mneme-help", "lx-help"):
                continue
            out("  %-12s %s" % (c.name, c.summary()))
        out("  %-12s %s" % ("mneme-help", "this list (also lx-help)"))
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
             LxPte, LxTaint):
    _cls()
ContainerOf()
LxSymbol()
