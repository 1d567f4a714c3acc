#!/usr/bin/env python3
"""make test's check of the user-program suite (tests/user/), on the host,
without the network and without running a kernel:

    expected files  every program of tests/user/*.c has its recorded Linux
                    output tests/user/expected/<prog>.out and every .out
                    names a program; each is well-formed KTAP whose tests
                    all passed on Linux and whose status line is "exit 0"
    DIFFERENCES     each entry names a program and gives a reason; its 2.6
                    output <prog>.2.6.out differs from the Linux one only in
                    diagnostic ('#') lines and passes too
    binaries        build/user/t/<prog>, /init and the helpers are static
                    i386 executables with no interpreter (make all built them)
    initramfs       build/initramfs.cpio holds /init, every program under
                    /t, the helpers under /bin and /dev/console
    log parser      userlog.parse_log() on a made-up console log with kernel
                    noise, and a program whose result line is missing

The real run of the programs on Mneme comes with exec (README: User
programs). KTAP on stdout, as tests/runner/test_runner.py.
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "runner"))

import userlog  # noqa: E402
from mkinitramfs import check_static_i386  # noqa: E402
from test_runner import ktap_main  # noqa: E402

BUILD = os.path.join(ROOT, "build")
HELPERS = sorted(f[:-2] for f in os.listdir(os.path.join(HERE, "helpers")) if f.endswith(".c"))
def cpio_names(path):
    """{name: mode} of a cpio newc archive."""
    with open(path, "rb") as f:
        data = f.read()
    names, off = {}, 0
    while off + 110 <= len(data):
        hdr = data[off:off + 110]
        if hdr[:6] != b"070701":
            raise ValueError("bad cpio magic at %d" % off)
        field = lambda i: int(hdr[6 + 8 * i:14 + 8 * i], 16)  # noqa: E731
        mode, size, namesize = field(1), field(6), field(11)
        name = data[off + 110:off + 110 + namesize - 1].decode()
        off = (off + 110 + namesize + 3) & ~3
        off = (off + size + 3) & ~3
        if name == "TRAILER!!!":
            break
        names[name] = mode
    return names


class ExpectedFiles(unittest.TestCase):
    def test_every_program_has_its_output(self):
        progs = userlog.programs()
        self.assertGreaterEqual(len(progs), 40, "issue 11 asks for at least 40 programs")
        missing = [p for p in progs if not os.path.exists(userlog.expected_path(p))]
        self.assertEqual(missing, [], "programs without tests/user/expected/<prog>.out "
                         "(make compare-linux RECORD=1)")

    def test_every_output_has_its_program(self):
        progs, diffs = set(userlog.programs()), userlog.read_differences()
        stale = []
        for f in sorted(os.listdir(userlog.EXPECTED_DIR)):
            if f == "DIFFERENCES":
                continue
            if f.endswith(".2.6.out"):
                if f[:-8] not in diffs:
                    stale.append(f + " (not in DIFFERENCES)")
            elif not f.endswith(".out") or f[:-4] not in progs:
                stale.append(f)
        self.assertEqual(stale, [], "files of tests/user/expected/ that name no program")

    def test_outputs_are_passing_ktap(self):
        errs = []
        for p in userlog.programs():
            text = userlog.read_expected(p)
            if text is not None:
                errs += userlog.ktap_problems(p, text)
        self.assertEqual(errs, [])

    def test_checker_sees_bad_output(self):
        good = "KTAP version 1\n1..2\nok 1 a\n# note\nok 2 b\n# x: exit 0\n"
        self.assertEqual(userlog.ktap_problems("x", good), [])
        self.assertTrue(userlog.ktap_problems("x", good.replace("ok 2", "not ok 2")))
        self.assertTrue(userlog.ktap_problems("x", good.replace("1..2", "1..3")))
        self.assertTrue(userlog.ktap_problems("x", good.replace("exit 0", "signal SIGSEGV")))
        self.assertTrue(userlog.ktap_problems("x", good.replace("# note", "stray")))
        self.assertTrue(userlog.ktap_problems("x", ""))


class Differences(unittest.TestCase):
    def test_entries(self):
        diffs, progs = userlog.read_differences(), set(userlog.programs())
        only = userlog.mneme_only(diffs)
        for prog, reason in sorted(diffs.items()):
            self.assertIn(prog, progs, "DIFFERENCES names no program")
            self.assertGreater(len(reason), 20, "%s: DIFFERENCES gives no reason" % prog)
            if prog in only:
                continue	# its .out is Mneme's own (test_outputs_are_passing_ktap)
            linux, old = userlog.read_expected(prog), userlog.read_expected(prog, "2.6")
            self.assertIsNotNone(old, "%s: no %s" % (prog, userlog.expected_path(prog, "2.6")))
            self.assertEqual(userlog.ktap_problems(prog, old), [])
            strip = lambda t: [l for l in t.split("\n") if not l.startswith("#")]  # noqa: E731
            self.assertEqual(strip(linux or ""), strip(old),
                             "%s: the 2.6 output may differ in diagnostics only" % prog)


class Binaries(unittest.TestCase):
    def test_static_i386(self):
        paths = [os.path.join(BUILD, "user", "init")]
        paths += [os.path.join(BUILD, "user", "t", p) for p in userlog.programs()]
        paths += [os.path.join(BUILD, "user", "bin", h) for h in HELPERS + ["bench"]]
        bad = []
        for p in paths:
            if not os.path.exists(p):
                bad.append("%s: missing (make all builds it)" % os.path.relpath(p, ROOT))
            else:
                why = check_static_i386(p)
                if why:
                    bad.append("%s: %s" % (os.path.relpath(p, ROOT), why))
        self.assertEqual(bad, [])

    def test_initramfs_contents(self):
        names = cpio_names(os.path.join(BUILD, "initramfs.cpio"))
        want = ["init", "dev/console", "tmp"] + ["t/" + p for p in userlog.programs()]
        want += ["bin/" + h for h in HELPERS + ["bench"]]
        self.assertEqual([w for w in want if w not in names], [], "missing from the initramfs")
        self.assertEqual(names["dev/console"] & 0o170000, 0o020000, "/dev/console is no char device")


class LogParser(unittest.TestCase):
    LOG = ("KTAP version 1\r\n1..2\r\n    # Subtest: a\n    KTAP version 1\n    1..1\n"
           "[    3.1] some kernel message\n    ok 1 x\n    # a: exit 0\nok 1 a\n"
           "    # Subtest: b\n    KTAP version 1\n    1..1\n")

    def test_blocks(self):
        got = userlog.parse_log(self.LOG)
        self.assertEqual(got, {"a": "KTAP version 1\n1..1\nok 1 x\n# a: exit 0\n"})
        self.assertEqual(userlog.status_of(got["a"]), "exit 0")

    def test_bench_lines(self):
        self.assertEqual(userlog.parse_bench("    bench: anon_fault 3865\nbench: x failed: y\n"),
                         {"anon_fault": 3865})


if __name__ == "__main__":
    sys.exit(ktap_main(__name__, "user"))
