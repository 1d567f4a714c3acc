#!/usr/bin/env python3
"""The busybox tests' own tests (make test's runner group): the session
log's parsing and comparison (run_session.py), the applet table reader
and the binary check (initramfs.py), the interactive driver's output
reader (interactive.py). KTAP on stdout, as tests/runner/test_runner.py.
"""
import os
import stat
import struct
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "runner"))

import initramfs  # noqa: E402
import interactive  # noqa: E402
import run_session  # noqa: E402
from test_runner import ktap_main  # noqa: E402

WANT = ["## a", "one", "## a: status 0", "## b", "two", "## b: status 1"]


def console(lines, junk="Probing EDD... ok\x1b[2J"):
    """A console log holding the session's lines as session.sh prints them."""
    body = ["    " + l for l in [run_session.BEGIN] + lines + [run_session.END]]
    body[0] = junk + body[0]
    return "\r\n".join(["Mneme: boot complete"] + body[:3] + ["sh[1]: a kernel line"] +
                       body[3:] + ["init exited with status 0"]) + "\r\n"


class SessionLogTests(unittest.TestCase):
    def test_lines_without_kernel_lines_or_firmware_junk(self):
        self.assertEqual(run_session.session_lines(console(WANT)), WANT)

    def test_no_session(self):
        self.assertIsNone(run_session.session_lines("Mneme: boot complete\n    x\n"))

    def test_sections(self):
        self.assertEqual(run_session.sections(WANT + ["## c: skipped"]),
                         {"a": WANT[:3], "b": WANT[3:], "c": ["## c: skipped"]})

    def results(self, got, todo=None, ran_todo=False):
        return {name: (ok, diags, directive) for ok, name, diags, directive
                in run_session.compare(got, WANT, todo or {}, ran_todo)}

    def test_same(self):
        res = self.results(run_session.session_lines(console(WANT)))
        self.assertEqual(res, {"section a": (True, [], ""), "section b": (True, [], "")})

    def test_a_line_differs(self):
        res = self.results(WANT[:4] + ["three"] + WANT[5:])
        self.assertFalse(res["section b"][0])
        self.assertIn("line 2 of the section: want 'two'", res["section b"][1][0])
        self.assertTrue(res["section a"][0])

    def test_cut_short(self):
        res = self.results(WANT[:2])
        self.assertFalse(res["section a"][0])
        self.assertFalse(res["section b"][0])

    def test_todo_skipped_and_unknown_named(self):
        res = self.results(WANT[:3] + ["## b: skipped"], {"b": "why", "zz": "?", "interactive": "x"})
        self.assertEqual(res["section b"], (True, [], "SKIP session-todo.txt: why"))
        self.assertEqual(res["session-todo.txt names sections that exist"][1], ["no section 'zz'"])

    def test_todo_passing_said(self):
        res = self.results(WANT, {"b": "why"}, ran_todo=True)
        self.assertIn("passes now", res["section b"][2])

    def test_no_expected_sections_fails(self):
        res = run_session.compare(WANT, [], {})
        self.assertFalse(all(ok for ok, _, _, _ in res))


def elf(e_type=2, machine=3, interp=False):
    """A minimal ELF32 header with one program header."""
    hdr = bytearray(b"\x7fELF\x01\x01\x01" + b"\0" * 9)
    hdr += struct.pack("<HHIIIIIHHHHHH", e_type, machine, 1, 0, 52, 0, 0, 52, 32, 1, 0, 0, 0)
    hdr += struct.pack("<8I", 3 if interp else 1, 0, 0, 0, 0, 0, 0, 0)
    return bytes(hdr)


def read_cpio(data):
    """{name: (mode, data, (rdevmajor, rdevminor))} of a cpio "newc" archive."""
    entries, pos = {}, 0
    while True:
        fields = [int(data[pos + 6 + 8 * i:pos + 14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        pos = (pos + 110 + namesize + 3) & ~3
        if name == "TRAILER!!!":
            return entries
        entries[name] = (mode, data[pos:pos + size], (fields[9], fields[10]))
        pos = (pos + size + 3) & ~3


class InitramfsTests(unittest.TestCase):
    TABLE = b"junk\0[\0[[\0ash\0busybox\0cat\0sh\0\0more"

    def test_applets(self):
        self.assertEqual(initramfs.applets(self.TABLE), ["[", "[[", "ash", "busybox", "cat", "sh"])

    def test_no_table(self):
        with self.assertRaises(ValueError):
            initramfs.applets(b"no table here")

    def test_unsorted_table(self):
        with self.assertRaises(ValueError):
            initramfs.applets(b"\0[\0[[\0sh\0ash\0\0")

    def build(self, data):
        with tempfile.NamedTemporaryFile() as f:
            f.write(data)
            f.flush()
            return initramfs.build(f.name, "busybox")

    def test_links_and_nodes(self):
        entries = read_cpio(self.build(elf() + self.TABLE))
        self.assertEqual(entries["bin/cat"][:2], (stat.S_IFLNK | 0o777, b"busybox"))
        self.assertEqual(stat.S_IFMT(entries["bin/busybox"][0]), stat.S_IFREG)
        self.assertEqual(entries["init"][:2], (stat.S_IFLNK | 0o777, b"bin/busybox"))
        self.assertEqual(entries["dev/console"], (stat.S_IFCHR | 0o600, b"", (5, 1)))
        self.assertEqual(entries["dev/mem"][2], (1, 1))
        self.assertIn("etc/inittab", entries)

    def test_dynamic_refused(self):
        with self.assertRaises(ValueError):
            self.build(elf(interp=True) + self.TABLE)

    def test_not_i386_refused(self):
        with self.assertRaises(ValueError):
            self.build(elf(machine=62) + self.TABLE)


class InteractiveTests(unittest.TestCase):
    def test_output_of(self):
        text = "echo $((6*7))\r\n42\r\n\x1b[6nmneme:~# \x1b[6n"
        self.assertEqual(interactive.output_of(text, "echo $((6*7))"), ["42"])


def main():
    return ktap_main(__name__, "busybox")


if __name__ == "__main__":
    sys.exit(main())
