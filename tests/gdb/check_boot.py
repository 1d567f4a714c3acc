"""Checks of early boot and of the boot-time commands: source lines in
startup_32 (before paging), start_kernel's multiboot magic, what the
commands say before the structures they read exist, boot_command_line,
e820, lx-dmesg, lx-cmdline, lx-e820, lx-idt, lx-pte, lx-timers,
lx-taint, jiffies ticking, and a boot with a wrong multiboot magic."""
import os
import re
import time

import gdb

from driver import Abort, check
from mneme.constants import INITIAL_JIFFIES, MULTIBOOT_BOOTLOADER_MAGIC, PAGE_OFFSET

BAD_EAX = 0x12345678
NO_MULTIBOOT_MSG = "not started by a multiboot loader: EAX=0x%08X" % BAD_EAX


def line_of_pc():
    """(file, line) gdb's `info line *$pc` reports, or (None, text)."""
    text = gdb.execute("info line *$pc", to_string=True).strip()
    m = re.search(r'Line (\d+) of "([^"]+)"', text)
    if not m:
        return None, text
    return m.group(2), int(m.group(1))


@check
def startup_32_breakpoint_has_head_asm_line(s, chk):
    s.break_at("startup_32", 10, "the startup_32 breakpoint")
    want = s.addr_of("startup_32")
    chk.expect(s.pc() == want, "expected pc == &startup_32 = 0x%08x, got 0x%08x"
               % (want, s.pc()))
    f, line = line_of_pc()
    chk.note("startup_32 at 0x%08x: `info line *$pc` says %s:%s" % (want, f, line))
    chk.expect(f is not None and f.endswith("boot/head.asm"),
               "expected a line of boot/head.asm for $pc, got %r" % (f or line))
    chk.expect(isinstance(line, int) and line > 0, "expected a line number > 0")
    if not chk.ok:
        raise Abort("no line information at startup_32")


@check
def startup_32_stepi_keeps_head_asm_lines(s, chk):
    lines = []
    for i in range(3):
        before = s.pc()
        s.ex("stepi")
        after = s.pc()
        if after == before:
            # QEMU's gdb stub, on a loaded host, sometimes reports the
            # first single step from a breakpoint without executing the
            # instruction; a second stepi must move.
            chk.note("stepi %d reported pc unchanged (0x%08x); stepping again" % (i + 1, after))
            s.ex("stepi")
            after = s.pc()
        f, line = line_of_pc()
        lines.append("%s:%s@0x%08x" % (os.path.basename(f or "?"), line, after))
        chk.expect(after != before, "stepi %d did not move pc (0x%08x)" % (i + 1, after))
        chk.expect(f is not None and f.endswith("boot/head.asm") and line > 0,
                   "after stepi %d: expected a boot/head.asm line at 0x%08x, got %r"
                   % (i + 1, after, f or line))
    line_before = line_of_pc()[1]
    s.ex("next")
    f, line = line_of_pc()
    lines.append("next -> %s:%s" % (os.path.basename(f or "?"), line))
    chk.expect(f is not None and f.endswith("boot/head.asm") and isinstance(line, int)
               and line != line_before,
               "after next: expected another boot/head.asm line than %s, got %s:%s"
               % (line_before, f, line))
    chk.note("stepped: " + ", ".join(lines))


@check
def start_kernel_magic_argument(s, chk):
    s.break_at("start_kernel", 15, "the start_kernel breakpoint")
    try:
        v = gdb.parse_and_eval("magic")
        if v.is_optimized_out:
            raise gdb.error("optimized out")
        magic, how = int(v) & 0xFFFFFFFF, "the argument `magic`"
    except gdb.error as e:
        # cdecl: the first argument is just above the return address.
        magic = int(gdb.parse_and_eval("*(unsigned int *)($esp + 4)"))
        how = "the stack ($esp+4; `magic` unavailable: %s)" % e
    chk.note("magic = 0x%08x, read from %s" % (magic, how))
    chk.expect(magic == MULTIBOOT_BOOTLOADER_MAGIC, "expected magic == 0x%08x, got 0x%08x"
               % (MULTIBOOT_BOOTLOADER_MAGIC, magic))


@check
def mm_commands_before_mem_map(s, chk):
    # At start_kernel nothing of the page allocator exists yet: one line, no error.
    for cmd, want in (("lx-buddyinfo", "mem_map is NULL"), ("lx-page 1", "mem_map is NULL"),
                      ("lx-slabinfo", "cache_chain is empty"),
                      ("lx-slab size-64", "cache_chain is empty"),
                      ("lx-ps", "task_list is empty"), ("lx-bt", "task_list is empty"),
                      ("lx-vmallocinfo", "vmlist is empty"),
                      ("lx-pkmap", "pkmap_page_table is NULL")):
        out = s.command(chk, cmd).strip()
        chk.expect(len(out.splitlines()) == 1 and out.startswith("(" + want),
                   "`%s` at start_kernel: expected one '(%s ...)' line, got %r"
                   % (cmd, want, out[:300]))


@check
def system_state_running_after_boot(s, chk):
    s.run_to_boot_complete()
    chk.note("watchpoint on system_state_running hit: %s" % s.stop_desc())
    val = s.val("system_state_running")
    chk.expect(val == 1, "expected system_state_running == 1, got %d" % val)


@check
def boot_command_line(s, chk):
    data = bytes(gdb.selected_inferior().read_memory(
        s.addr_of("boot_command_line"), s.val("sizeof(boot_command_line)")))
    got = data.split(b"\0", 1)[0].decode("utf-8", "replace")
    chk.note("boot_command_line = %r" % got)
    chk.expect(got == s.cfg["cmdline"], "expected boot_command_line == %r, got %r"
               % (s.cfg["cmdline"], got))


@check
def e820_nr_map(s, chk):
    nr = s.val("e820.nr_map")
    chk.note("e820.nr_map = %d" % nr)
    chk.expect(nr >= 3, "expected e820.nr_map >= 3, got %d" % nr)


@check
def lx_dmesg(s, chk):
    out = s.command(chk, "lx-dmesg")
    want = "Kernel command line: " + s.cfg["cmdline"]
    chk.expect("Mneme version" in out, "expected 'Mneme version' in lx-dmesg output")
    chk.expect(want in out, "expected %r in lx-dmesg output" % want)
    leveled = [l for l in out.splitlines() if re.match(r"<\d+>", l)]
    chk.expect(not leveled, "levels not stripped, e.g. %r" % (leveled[:1],))
    if not chk.ok:
        chk.note("lx-dmesg said (first lines): %r" % out.splitlines()[:5])


@check
def lx_cmdline(s, chk):
    out = s.command(chk, "lx-cmdline").strip()
    chk.expect(out == s.cfg["cmdline"], "expected lx-cmdline to print %r, got %r"
               % (s.cfg["cmdline"], out))


@check
def lx_e820(s, chk):
    out = s.command(chk, "lx-e820")
    chk.expect(re.search(r"\[mem 0x[0-9a-f]+-0x[0-9a-f]+\] usable", out),
               "expected a '[mem 0x...-0x...] usable' line, got %r" % out[:300])


@check
def lx_idt_page_fault(s, chk):
    out = s.command(chk, "lx-idt")
    lines = [l for l in out.splitlines() if re.match(r"14\s", l)]
    chk.expect(lines, "no line for vector 14 in lx-idt output (%d lines)"
               % len(out.splitlines()))
    if lines:
        chk.note(lines[0])
        chk.expect(re.search(r"\bpage_fault\b", lines[0]),
                   "vector 14's handler is not page_fault: %r" % lines[0])


@check
def lx_pte_kernel_text(s, chk):
    va = PAGE_OFFSET + 0x100000         # the image: linked at PAGE_OFFSET + 1 MB, loaded at 1 MB
    out = s.command(chk, "lx-pte 0x%x" % va)
    m = re.search(r"0x%08x -> physical (0x[0-9a-f]+) \(([^)]*)\)" % va, out)
    if chk.expect(m, "no '0x%08x -> physical ...' line in %r" % (va, out)):
        chk.note(m.group(0))
        chk.expect(int(m.group(1), 16) == 0x100000,
                   "expected physical 0x00100000, got %s" % m.group(1))
        chk.expect("present" in m.group(2), "mapping not reported present")


@check
def lx_timers_taint_help(s, chk):
    for cmd, pat in (("lx-timers", r"jiffies 0x[0-9a-f]+"),
                     ("lx-taint", r"ainted"),
                     ("mneme-help", r"lx-dmesg")):
        out = s.command(chk, cmd)
        chk.expect(re.search(pat, out), "`%s`: expected /%s/ in %r" % (cmd, pat, out[:200]))
    s.expect_listed(chk, ("lx-dmesg", "lx-cmdline", "lx-e820", "lx-timers", "lx-idt",
                          "lx-pte", "lx-taint"))
    # A report that takes no arguments refuses one, saying so.
    try:
        s.ex("lx-taint now")
        chk.expect(False, "`lx-taint now` did not fail")
    except gdb.error as e:
        chk.expect("usage: lx-taint (no arguments)" in str(e),
                   "`lx-taint now`: expected a usage error, got %r" % str(e))


@check
def jiffies_ticking(s, chk):
    first = s.val("jiffies_64")
    seen = [first]
    deadline = time.time() + 5
    while time.time() < deadline:
        if seen[-1] > INITIAL_JIFFIES and seen[-1] > first:
            break
        s.cont(0.3)
        if not isinstance(s.last_stop, gdb.SignalEvent):
            chk.note("unexpected stop while waiting for ticks: %s" % s.stop_desc())
        seen.append(s.val("jiffies_64"))
    chk.note("jiffies_64: %s" % " -> ".join("0x%x" % j for j in seen))
    chk.expect(seen[-1] > INITIAL_JIFFIES,
               "expected jiffies_64 > INITIAL_JIFFIES 0x%x, got 0x%x"
               % (INITIAL_JIFFIES, seen[-1]))
    chk.expect(seen[-1] > first, "jiffies_64 did not advance within 5 s (0x%x)" % first)


@check
def no_multiboot_message(s, chk):
    s.break_at("startup_32", 10, "the startup_32 breakpoint")
    s.ex("set $eax = 0x%x" % BAD_EAX)
    sk = gdb.Breakpoint("start_kernel")
    # Interrupt once the message is out (or after 5 s), as Ctrl-C would.
    s.cont(5, lambda: NO_MULTIBOOT_MSG in s.serial())
    chk.expect(not s.hit(sk), "start_kernel was reached despite EAX=0x%08x" % BAD_EAX)
    chk.note("then: %s" % s.stop_desc())
    time.sleep(0.1)
    text = s.serial()
    chk.expect(NO_MULTIBOOT_MSG in text, "expected %r in the serial log, got %r"
               % (NO_MULTIBOOT_MSG, text[-300:]))
