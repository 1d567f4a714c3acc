"""What the kernel was booted with and what happened to it since: the
command line (lx-cmdline), the e820 memory map (lx-e820) and the taint
flags (lx-taint)."""
from . import constants as C
from .command import MnemeCommand
from .utils import MnemeError, array_len, has_symbol, lookup_var, out, read_cstring

# arch/x86/e820.c's e820_type_name()
E820_TYPES = {C.E820_RAM: "usable", C.E820_RESERVED: "reserved", C.E820_ACPI: "ACPI data",
              C.E820_NVS: "ACPI NVS", C.E820_UNUSABLE: "unusable"}

# Linux's taint letters (include/linux/panic.h) for the bits Mneme sets
TAINT_FLAGS = [(C.TAINT_BAD_PAGE, "B", "bad page found"),
               (C.TAINT_DIE, "D", "kernel died (oops)"),
               (C.TAINT_WARN, "W", "warning issued")]


class LxCmdline(MnemeCommand):
    """Print the kernel command line (boot_command_line).

Usage: lx-cmdline"""

    name = "lx-cmdline"
    takes_args = False

    def run(self, arg, from_tty):
        s = read_cstring(lookup_var("boot_command_line", "the command line"))
        if s:
            out(s)
        elif has_symbol("log_end") and not int(lookup_var("log_end")):
            out("(empty: setup_arch() has not copied the command line yet)")
        else:
            out("(the command line is empty)")


class LxE820(MnemeCommand):
    """Print the physical memory map (e820) as the kernel prints it.

Usage: lx-e820"""

    name = "lx-e820"
    takes_args = False

    def run(self, arg, from_tty):
        e820 = lookup_var("e820", "the memory map")
        nr = int(e820["nr_map"])
        cap = array_len(e820["map"])
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
            if typ == C.E820_RAM:
                total += size
            out("e820: [mem 0x%016x-0x%016x] %s"
                % (addr, (addr + size - 1) & 0xFFFFFFFFFFFFFFFF,
                   E820_TYPES.get(typ, "type %d" % typ)))
        out("e820: %d ranges, %d KB usable" % (nr, total >> 10))


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


LxCmdline()
LxE820()
LxTaint()
