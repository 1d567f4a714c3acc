#!/usr/bin/env python3
"""Write build/initramfs.cpio (cpio "newc", what Linux's and Mneme's
initramfs unpackers read) without root: /init, the directories /dev,
/proc, /tmp, /t and /bin, the device nodes of DEVICES, and the
programs given, after checking that each is a static i386 ELF executable
with no program interpreter (no glibc, no dynamic loader).

    mkinitramfs.py -o OUT --init INIT [--dir t PROG...] [--dir bin PROG...]
"""
import argparse
import os
import stat
import struct
import sys


def check_static_i386(path):
    """None if path is a static i386 ELF executable, else why not."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        return "not an ELF file"
    if data[4] != 1 or data[5] != 1:
        return "not ELF32 little-endian"
    e_type, e_machine = struct.unpack_from("<HH", data, 16)
    if e_type != 2:
        return "not ET_EXEC (type %d)" % e_type
    if e_machine != 3:
        return "not EM_386 (machine %d)" % e_machine
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    for i in range(phnum):
        p_type, = struct.unpack_from("<I", data, phoff + i * phentsize)
        if p_type == 3:
            return "has a program interpreter (PT_INTERP)"
        if p_type == 2:
            return "is dynamically linked (PT_DYNAMIC)"
    return None


class Cpio:
    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        namez = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(namez), 0))
        self.ino += 1
        self.out += hdr.encode() + namez
        self.out += b"\0" * (-len(self.out) % 4)
        self.out += data
        self.out += b"\0" * (-len(self.out) % 4)

    def finish(self):
        self.add("TRAILER!!!", 0)
        self.out += b"\0" * (-len(self.out) % 512)
        return bytes(self.out)


# /dev nodes: (name, mode, (major, minor)). simpler/simplen are Mneme's
# LDD3 "simple" devices (drivers/char/simple.c) at major 254, the first
# major Linux's dynamic allocation hands out (LDD3's simple_major = 0);
# Linux has no driver for them there.
DEVICES = [
    ("dev/console", 0o600, (5, 1)),
    ("dev/mem", 0o640, (1, 1)),
    ("dev/null", 0o666, (1, 3)),
    ("dev/zero", 0o666, (1, 5)),
    ("dev/simpler", 0o600, (254, 0)),
    ("dev/simplen", 0o600, (254, 1)),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", required=True)
    ap.add_argument("--init", required=True)
    ap.add_argument("--dir", nargs="+", action="append", default=[],
                    metavar=("DIR", "PROG"), help="programs to put under /DIR")
    args = ap.parse_args()

    cpio = Cpio()
    for d in ("dev", "proc", "tmp", "t", "bin"):
        cpio.add(d, stat.S_IFDIR | (0o1777 if d == "tmp" else 0o755))
    for name, mode, rdev in DEVICES:
        cpio.add(name, stat.S_IFCHR | mode, rdev=rdev)
    bad = []
    entries = [("init", args.init)]
    for group in args.dir:
        entries += [("%s/%s" % (group[0], os.path.basename(p)), p) for p in group[1:]]
    for name, path in entries:
        why = check_static_i386(path)
        if why:
            bad.append("%s: %s" % (path, why))
            continue
        with open(path, "rb") as f:
            cpio.add(name, stat.S_IFREG | 0o755, f.read())
    if bad:
        sys.exit("mkinitramfs: " + "; ".join(bad))
    tmp = args.o + ".tmp"
    with open(tmp, "wb") as f:
        f.write(cpio.finish())
    os.replace(tmp, args.o)


if __name__ == "__main__":
    main()
