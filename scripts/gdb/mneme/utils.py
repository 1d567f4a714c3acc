"""What every helper uses: errors, target checks, symbols and types,
struct layouts from the debug info, memory (virtual and physical), C
strings, output and small formatting helpers.

Commands must say clearly when the kernel is not far enough in boot
(paging off, a structure not initialised yet) rather than print garbage:
raise NotYet("...") and the command prints that one line in parentheses;
anything raised as MnemeError is printed as a one-line error.
"""
import re

import gdb

from .constants import DEFAULT_MAXMEM, PAGE_OFFSET, PAGE_SIZE, X86_CR0_PG


class MnemeError(gdb.GdbError):
    """An error a command reports as a single line (no traceback)."""


class NotYet(Exception):
    """The kernel has not set up what a command reads yet (early boot).

    The command prints the message as one line in parentheses and
    returns normally, as when a structure is found empty."""


# ---------------------------------------------------------------------------
# A cache of what the debug info says (types, layouts, enums, tables),
# dropped whenever gdb loads other symbols.
# ---------------------------------------------------------------------------

_cache = {}


def _clear_cache(_event=None):
    _cache.clear()


gdb.events.new_objfile.connect(_clear_cache)
if hasattr(gdb.events, "clear_objfiles"):
    gdb.events.clear_objfiles.connect(_clear_cache)


def cached(key, compute):
    """_cache[key], computed once by compute()."""
    if key not in _cache:
        _cache[key] = compute()
    return _cache[key]


# ---------------------------------------------------------------------------
# The target
# ---------------------------------------------------------------------------

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
# Symbols and types
# ---------------------------------------------------------------------------

def find_symbol(name):
    """The gdb.Symbol of a global or file-static variable or function, or None."""
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
    if find_symbol(name) is not None:
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
    sym = find_symbol(name)
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


def symbol_address(name):
    """The address of a symbol, linker-script ones (_text, __bss_start) too, or None."""
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name)) & 0xFFFFFFFF
    except gdb.error:
        return None


def get_type(name):
    """gdb.Type by C name ("struct timer_list", "unsigned long"), cached."""
    def lookup():
        try:
            return gdb.lookup_type(name)
        except gdb.error:
            if re.match(r"(struct|union|enum)\s+\w+$", name):
                try:
                    return gdb.parse_and_eval("(%s *)0" % name).type.target()
                except gdb.error:
                    pass
            raise MnemeError("type '%s' not found in the kernel's debug info" % name)
    return cached("type:" + name, lookup)


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


def array_len(val):
    """The number of elements of a C array value."""
    return val.type.strip_typedefs().range()[1] + 1


def enum_values(typename):
    """{name: value} of a C enum in the debug info (cached)."""
    def compute():
        t = get_type(typename).strip_typedefs()
        if t.code != gdb.TYPE_CODE_ENUM:
            raise MnemeError("'%s' is not an enum in the debug info" % typename)
        return {f.name: int(f.enumval) for f in t.fields()}
    return cached("enum:" + typename, compute)


def enum_value(typename, name, default=None):
    try:
        return enum_values(typename)[name]
    except (MnemeError, KeyError):
        if default is None:
            raise MnemeError("%s not found in %s in the debug info" % (name, typename))
        return default


class Layout:
    """sizeof a structure and the offsets of the (32-bit) members a helper
    reads ("a" or "a.b"), from the debug info, to decode the structure's
    bytes read in one go."""

    def __init__(self, typename, members):
        t = get_type(typename)
        self.size = t.sizeof
        self.offsets = {m: offset_of(t, m) for m in members}

    def __getitem__(self, member):
        return self.offsets[member]

    def decode(self, raw, base=0):
        """{member: unsigned 32-bit value} of the structure at raw[base:]."""
        return {m: u32(raw, base + off) for m, off in self.offsets.items()}


def struct_layout(typename, members):
    """The Layout of typename with members (cached)."""
    return cached("layout:%s:%s" % (typename, ",".join(members)),
                  lambda: Layout(typename, members))


def container_of(ptr, typ, member):
    """Pointer to the typ (gdb.Type or name) containing member at ptr."""
    if isinstance(typ, str):
        typ = get_type(typ)
    return gdb.Value(int(ptr) - offset_of(typ, member)).cast(typ.pointer())


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------

def read_bytes(addr, size):
    """size bytes at a (virtual) address of the target."""
    try:
        return bytes(gdb.selected_inferior().read_memory(int(addr), size))
    except gdb.MemoryError:
        raise MnemeError("cannot read %d bytes at 0x%08x (not mapped?)" % (size, int(addr)))


def u32(raw, off=0):
    """The little-endian unsigned 32-bit word at raw[off:]."""
    return int.from_bytes(raw[off:off + 4], "little")


def s32(raw, off=0):
    v = u32(raw, off)
    return v - (1 << 32) if v & 0x80000000 else v


def read_u32(addr):
    return u32(read_bytes(addr, 4))


def direct_map_end():
    """End (virtual) of the direct map of low memory: high_memory once set,
    else the default MAXMEM beyond PAGE_OFFSET."""
    if find_symbol("high_memory") is not None:
        try:
            hm = int(gdb.parse_and_eval("(unsigned long)high_memory"))
            if hm > PAGE_OFFSET:
                return hm
        except gdb.error:
            pass
    return PAGE_OFFSET + DEFAULT_MAXMEM


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
    return u32(read_phys(paddr, 4))


# ---------------------------------------------------------------------------
# C strings
# ---------------------------------------------------------------------------

def cstring(data):
    """bytes up to the first NUL, decoded."""
    return data.split(b"\0", 1)[0].decode("utf-8", "replace")


def read_cstring(where, maxlen=None):
    """The NUL-terminated string at where: an address, a char * value or a
    char array value (read whole, or its first maxlen bytes). Through a
    pointer it is read in small pieces that never cross into a page it
    does not need, so a short string at the end of a mapping reads fine;
    one longer than maxlen (default 256) ends in "..."."""
    if isinstance(where, gdb.Value):
        t = where.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_ARRAY:
            return cstring(read_bytes(where.address, min(maxlen or t.sizeof, t.sizeof)))
        where = int(where)
    addr, data, maxlen = where & 0xFFFFFFFF, b"", maxlen or 256
    while len(data) < maxlen:
        a = addr + len(data)
        chunk = read_bytes(a, min(32, maxlen - len(data), PAGE_SIZE - (a & (PAGE_SIZE - 1))))
        if b"\0" in chunk:
            return cstring(data + chunk)
        data += chunk
    return data.decode("utf-8", "replace") + "..."


# ---------------------------------------------------------------------------
# Output and formatting
# ---------------------------------------------------------------------------

def out(s=""):
    gdb.write(s + "\n")


def c_hex(v):
    """printf's %#lx: "0" for zero, else 0x..."""
    return "%#x" % v if v else "0"


def align(x, a):
    return (x + a - 1) & ~(a - 1)


def runs(values, fmt="%d"):
    """Consecutive runs, in order: [3, 4, 5, 9] -> ["3-5", "9"] (fmt "0x%x" for pfns)."""
    rs = []
    for v in values:
        if rs and v == rs[-1][1] + 1:
            rs[-1][1] = v
        else:
            rs.append([v, v])
    return [fmt % a if a == b else (fmt + "-" + fmt) % (a, b) for a, b in rs]


def parse_count_opt(args, default):
    """Remove "-n N" from args; returns N (0: no limit)."""
    n = default
    while "-n" in args:
        i = args.index("-n")
        if i + 1 >= len(args):
            raise MnemeError("-n needs a number")
        n = int(args[i + 1], 0)
        del args[i:i + 2]
    return n if n > 0 else 1 << 30


def parse_flag(args, flag):
    """Remove every flag (e.g. "-v") from args; True if there was one."""
    found = flag in args
    args[:] = [a for a in args if a != flag]
    return found


def parse_address(expr):
    """Any gdb expression, as an unsigned 32-bit number."""
    return int(gdb.parse_and_eval(expr).cast(get_type("unsigned long"))) & 0xFFFFFFFF
