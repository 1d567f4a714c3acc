#!/usr/bin/env python3
"""Turn the "->NAME value" markers of the compiled arch/x86/asm-offsets.c
into NASM definitions: "%define NAME 0x..." (values as unsigned 32-bit,
so addresses like PAGE_OFFSET stay within a dword)."""
import re
import sys

out = ["; Generated from arch/x86/asm-offsets.c by scripts/asm_offsets.py: do not edit."]
for line in sys.stdin:
    m = re.search(r'->(\w+) \$?(-?\d+)', line)
    if m:
        out.append("%%define %s 0x%x" % (m.group(1), int(m.group(2)) & 0xffffffff))
sys.stdout.write("\n".join(out) + "\n")
