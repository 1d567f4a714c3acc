#!/usr/bin/env python3
"""Turn the "->NAME value" markers of a C file compiled to assembly (the
DEFINE() lines of arch/x86/asm-offsets.c and scripts/gdb/mneme/constants.c)
into definitions, values as unsigned 32-bit (so addresses like PAGE_OFFSET
stay within a dword):

    asm_offsets.py [--nasm] < x.s          %define NAME 0x...   (the default)
    asm_offsets.py --python < x.s          NAME = 0x...
    asm_offsets.py --ld NAME... < x.s      NAME = 0x...;  for a linker script's
                                           INCLUDE, only the NAMEs given (each
                                           becomes a symbol of the image)
"""
import re
import sys

fmt = sys.argv[1] if len(sys.argv) > 1 else "--nasm"
if fmt not in ("--nasm", "--python", "--ld") or (fmt == "--ld") != (len(sys.argv) > 2):
    sys.exit(__doc__)
wanted = set(sys.argv[2:])
if fmt == "--nasm":
    out = ["; Generated from arch/x86/asm-offsets.c by scripts/asm_offsets.py: do not edit."]
    line_fmt = "%%define %s 0x%x"
elif fmt == "--ld":
    out = ["/* Generated from arch/x86/asm-offsets.c by scripts/asm_offsets.py: do not edit. */"]
    line_fmt = "%s = 0x%x;"
else:
    out = ['"""The kernel\'s constants for the gdb helpers, generated from',
           'scripts/gdb/mneme/constants.c by scripts/asm_offsets.py: do not edit."""']
    line_fmt = "%s = 0x%x"
found = set()
for line in sys.stdin:
    m = re.search(r'->(\w+) \$?(-?\d+)', line)
    if m and (not wanted or m.group(1) in wanted):
        out.append(line_fmt % (m.group(1), int(m.group(2)) & 0xffffffff))
        found.add(m.group(1))
if wanted - found:
    sys.exit("asm_offsets.py: not defined: %s" % ", ".join(sorted(wanted - found)))
sys.stdout.write("\n".join(out) + "\n")
