"""The interrupt descriptor table (arch/x86/traps.c, include/asm/desc.h,
include/asm/traps.h): lx-idt."""
import gdb

from . import constants as C
from .command import MnemeCommand
from .symbols import symbolize
from .utils import MnemeError, array_len, lookup_var, offset_of, out, read_bytes, read_u32, u32

EXCEPTION_NAMES = {
    C.X86_TRAP_DE: "#DE", C.X86_TRAP_DB: "#DB", C.X86_TRAP_NMI: "NMI", C.X86_TRAP_BP: "#BP",
    C.X86_TRAP_OF: "#OF", C.X86_TRAP_BR: "#BR", C.X86_TRAP_UD: "#UD", C.X86_TRAP_NM: "#NM",
    C.X86_TRAP_DF: "#DF", C.X86_TRAP_OLD_MF: "CSO", C.X86_TRAP_TS: "#TS", C.X86_TRAP_NP: "#NP",
    C.X86_TRAP_SS: "#SS", C.X86_TRAP_GP: "#GP", C.X86_TRAP_PF: "#PF",
    C.X86_TRAP_SPURIOUS: "spur", C.X86_TRAP_MF: "#MF", C.X86_TRAP_AC: "#AC",
    C.X86_TRAP_MC: "#MC", C.X86_TRAP_XF: "#XM", C.SYSCALL_VECTOR: "syscall",
}

# A gate's attribute byte (bits 15..8 of its high word, desc.h's diagram):
# P DPL 0 type, the type's bit 3 set for 32-bit gates.
GATE_P, GATE_DPL_SHIFT, GATE_TYPE, GATE_32BIT = 0x80, 5, 0xF, 0x8
GATE_TYPES = {C.GATE_TASK & GATE_TYPE: "task",
              C.GATE_INTERRUPT & GATE_TYPE & ~GATE_32BIT: "intr16",
              C.GATE_TRAP & GATE_TYPE & ~GATE_32BIT: "trap16",
              C.GATE_INTERRUPT & GATE_TYPE: "intr", C.GATE_TRAP & GATE_TYPE: "trap"}


def desc_base(a, b):
    """Base address of a GDT segment descriptor (a, b words, desc.h's diagram)."""
    return ((a >> 16) & 0xFFFF) | ((b & 0xFF) << 16) | (b & 0xFF000000)


def is_irq(v):
    return C.FIRST_EXTERNAL_VECTOR <= v < C.FIRST_EXTERNAL_VECTOR + C.NR_IRQS


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
        n = array_len(idt)
        raw = read_bytes(idt.address, n * 8)
        gates = []
        for v in range(n):
            if only is not None and v != only:
                continue
            a, b = u32(raw, v * 8), u32(raw, v * 8 + 4)
            if (b >> 8) & GATE_P:
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
        attr = (b >> 8) & 0xFF
        typ = attr & GATE_TYPE
        sel = a >> 16
        name = EXCEPTION_NAMES.get(v, "")
        if not name and is_irq(v):
            name = "IRQ%d" % (v - C.FIRST_EXTERNAL_VECTOR)
        g = {"v": v, "name": name, "type": GATE_TYPES.get(typ, "type%x" % typ),
             "dpl": (attr >> GATE_DPL_SHIFT) & 3, "sel": sel, "off": None, "sym": ""}
        if typ == C.GATE_TASK & GATE_TYPE:
            g["text"] = "TSS selector 0x%04x%s" % (sel, LxIdt._task_eip(sel))
        else:
            off = (b & 0xFFFF0000) | (a & 0xFFFF)
            g["off"], g["sym"] = off, symbolize(off)
            g["text"] = "%04x:%08x %s" % (sel, off, g["sym"])
        return g

    @staticmethod
    def _group(g):
        v = g["v"]
        if is_irq(v):
            return 1
        if v in EXCEPTION_NAMES:
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


LxIdt()
