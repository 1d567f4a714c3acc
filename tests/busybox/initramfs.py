#!/usr/bin/env python3
"""Write a busybox initramfs (issue 13): Debian's busybox-static:i386 as
/bin/busybox with a symbolic link per applet, /dev's nodes, /proc, /tmp,
/root, /etc (profile, passwd, group, inittab) and /init, in the cpio
"newc" of tests/user/mkinitramfs.py (no root needed for the nodes).

    initramfs.py -o OUT --busybox BIN --init FILE [--file SRC:DEST ...]

--init FILE is copied as /init; "--init busybox" makes /init a link to
busybox, which run as "init" is busybox's init reading /etc/inittab.
The applets are the names of the binary's applet table, in the order
`busybox --list` prints them (the host may not run i386 binaries, so
they are read from the file rather than asked for).
"""
import argparse
import os
import stat
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "user"))
from mkinitramfs import Cpio, check_static_i386  # noqa: E402

# Linux's numbers (Documentation/admin-guide/devices.txt).
DEVICES = (("console", 5, 1, 0o600), ("tty", 5, 0, 0o666), ("null", 1, 3, 0o666),
           ("zero", 1, 5, 0o666), ("mem", 1, 1, 0o640), ("ttyS0", 4, 64, 0o660))
ETC = os.path.join(HERE, "etc")


def applets(data):
    """The applet names of a busybox binary: its applet_names[] table,
    "[\\0[[\\0acpid\\0...", sorted, ended by an empty name."""
    start = data.find(b"\0[\0[[\0")
    if start < 0:
        raise ValueError("no applet table ('[', '[[', ...) in the binary")
    names = data[start + 1:data.index(b"\0\0", start + 1)].decode("ascii").split("\0")
    if names != sorted(names) or "sh" not in names:
        raise ValueError("the applet table found is not sorted or has no 'sh'")
    return names


def build(busybox, init, files=()):
    """The cpio archive's bytes."""
    why = check_static_i386(busybox)
    if why:
        raise ValueError("%s: %s" % (busybox, why))
    with open(busybox, "rb") as f:
        binary = f.read()
    cpio = Cpio()
    for d in ("bin", "dev", "etc", "proc", "root", "tmp"):
        cpio.add(d, stat.S_IFDIR | (0o1777 if d == "tmp" else 0o755))
    for name, major, minor, mode in DEVICES:
        cpio.add("dev/" + name, stat.S_IFCHR | mode, rdev=(major, minor))
    cpio.add("bin/busybox", stat.S_IFREG | 0o755, binary)
    for name in applets(binary):
        if name == "busybox":
            continue        # Debian's table has it: not a link over the binary
        cpio.add("bin/" + name, stat.S_IFLNK | 0o777, b"busybox")
    for name in sorted(os.listdir(ETC)):
        with open(os.path.join(ETC, name), "rb") as f:
            cpio.add("etc/" + name, stat.S_IFREG | 0o644, f.read())
    if init == "busybox":
        cpio.add("init", stat.S_IFLNK | 0o777, b"bin/busybox")
    else:
        with open(init, "rb") as f:
            cpio.add("init", stat.S_IFREG | 0o755, f.read())
    for spec in files:
        src, _, dest = spec.partition(":")
        with open(src, "rb") as f:
            cpio.add(dest.lstrip("/"), stat.S_IFREG | 0o644, f.read())
    return cpio.finish()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", required=True)
    ap.add_argument("--busybox", required=True)
    ap.add_argument("--init", required=True, help='/init: a file, or "busybox" (its init)')
    ap.add_argument("--file", action="append", default=[], metavar="SRC:DEST",
                    help="one more file")
    args = ap.parse_args()
    try:
        data = build(args.busybox, args.init, args.file)
    except (OSError, ValueError) as e:
        sys.exit("mkinitramfs: %s" % e)
    with open(args.o + ".tmp", "wb") as f:
        f.write(data)
    os.replace(args.o + ".tmp", args.o)


if __name__ == "__main__":
    main()
