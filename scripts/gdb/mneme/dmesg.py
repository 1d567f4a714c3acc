"""The kernel log buffer (kernel/printk.c): lx-dmesg, and the log's text
for the helpers that cross-check what the kernel printed."""
import re

import gdb

from .command import MnemeCommand
from .constants import LOG_BUF_LEN
from .utils import MnemeError, NotYet, lookup_var, out, read_bytes


def log_text():
    """(the text in log_buf, oldest first, and how many older bytes the ring
    lost). When it has wrapped, the partial oldest line is dropped.
    NotYet before the first printk."""
    buf = lookup_var("log_buf", "the kernel log")
    end = int(lookup_var("log_end", "the kernel log"))
    size = buf.type.strip_typedefs().sizeof
    if size != LOG_BUF_LEN:
        raise MnemeError("log_buf has %d bytes, LOG_BUF_LEN is %d: the generated constants "
                         "are not this kernel's (rebuild: make)" % (size, LOG_BUF_LEN))
    if end == 0:
        raise NotYet("the log is empty: printk has not run yet")
    raw = read_bytes(buf.address, size)
    if end <= size:
        return raw[:end], 0
    idx = end % size
    text = raw[idx:] + raw[:idx]
    nl = text.find(b"\n")
    return (text[nl + 1:] if nl >= 0 else b""), end - size


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
        text, lost = log_text()
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


LxDmesg()
