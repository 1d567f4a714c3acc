"""Addresses to names: gdb's symbols (any address), and the kernel's own
symbol table embedded in the image (include/kallsyms.h, kernel/kallsyms.c,
scripts/kallsyms.py), so that %pS and %pB read exactly as the kernel
prints them; kernel text ranges, and the functions gdb's debug info says
were inlined at a pc."""
import bisect
import re

import gdb

from .utils import (MnemeError, cached, cstring, find_symbol, lookup_var, read_bytes,
                    symbol_address, u32)

_info_symbol_re = re.compile(r"^(\S+)(?: \+ (\d+))? in section (\S+)")


def symbolize(addr):
    """'func+0x1c' (or 'func') for a code/data address, or '0x...' if unknown."""
    addr = int(addr) & 0xFFFFFFFF
    if addr == 0:
        return "NULL"
    try:
        text = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    except gdb.error:
        text = ""
    m = _info_symbol_re.match(text)
    if not m:
        return "0x%08x" % addr
    name, off = m.group(1), m.group(2)
    return "%s+0x%x" % (name, int(off)) if off and int(off) else name


def symbol_name(addr):
    """The bare symbol containing addr, or None."""
    s = symbolize(addr)
    return None if s.startswith("0x") or s == "NULL" else s.split("+")[0]


def _kallsyms():
    """(addresses with the closing one, names) of the table embedded in the
    image, read once; None if this kernel has no such table."""
    if not all(find_symbol(s) is not None for s in ("kallsyms_num_syms", "kallsyms_addresses",
                                                    "kallsyms_offsets", "kallsyms_names")):
        return None
    n = int(lookup_var("kallsyms_num_syms")) & 0xFFFFFFFF
    if not 0 < n < 1 << 20:
        raise MnemeError("kallsyms_num_syms = %d: not a symbol table (wrong ELF for "
                         "this kernel?)" % n)
    raw = read_bytes(lookup_var("kallsyms_addresses").address, (n + 1) * 4)
    addrs = [u32(raw, 4 * i) for i in range(n + 1)]
    raw = read_bytes(lookup_var("kallsyms_offsets").address, n * 4)
    offs = [u32(raw, 4 * i) for i in range(n)]
    names_v = lookup_var("kallsyms_names")
    size = names_v.type.strip_typedefs().sizeof or max(offs) + 128
    blob = read_bytes(names_v.address, size)
    names = []
    for o in offs:
        end = blob.find(b"\0", o)
        names.append(cstring(blob[o:end if end >= 0 else len(blob)]))
    return addrs, names


def kallsyms_lookup(addr):
    """(name, offset, size) as kernel/kallsyms.c's kallsyms_lookup() finds
    them (text symbols only; an alias reports the first name at its
    address; the size is the distance to the next symbol), or None for an
    address outside the kernel's text. Without a kallsyms table, gdb's
    symbols (no size: 0)."""
    addr &= 0xFFFFFFFF
    tab = cached("kallsyms", _kallsyms)
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
    def ranges():
        rs = []
        for a, b in (("_text", "_etext"), ("__init_begin", "__init_end")):
            sa, sb = symbol_address(a), symbol_address(b)
            if sa is not None and sb is not None:
                rs.append((sa, sb))
        return rs
    return any(a <= addr < b for a, b in cached("text-ranges", ranges))


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
