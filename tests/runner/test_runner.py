#!/usr/bin/env python3
"""Tests of the test runner itself: scripts/ktap.py and run_qemu.classify().

No QEMU is started: every case works on a serial log recorded in this
directory (and an exit status), so each failure shape is checked on every
`make test`, including those a healthy kernel never shows.

    pass.txt            real: "ktest" at 128M; self-tests that provoke and
                        recover oopses and a WARNING in the middle of KTAP
    fail.txt            real: ktest=crashtest.fail, a "not ok" with its diagnostic
    fail_skip.txt       real, from a scratch build with a demo suite: a failure,
                        a skip, and printk noise between results
    skips.txt           ktest=timer with two results edited into "# SKIP"
    truncated.txt       pass.txt cut in the middle of the printk suite
    nested.txt          hand-written: three levels, two-space indentation
    noise.txt           real: GRUB ISO boot with printk.time (ANSI escapes,
                        \\r, timestamps, boot messages)
    panic.txt, oops.txt, bug.txt, double_fault.txt, hang.txt,
    triple_fault.txt (+ triple_fault.qemu.txt, QEMU's -d cpu_reset log),
    no_such_suite.txt   real: the crashtest cases and ktest=no_such_suite
    fail_then_skip.txt  real, from before ktest_skip() kept failures:
                        crashtest.fail_skip reported "ok ... # SKIP" after
                        its EXPECTATION FAILED

Results are printed as KTAP on stdout (the orchestrator counts them like any
other test binary's); the exit status is non-zero if any failed.
"""
import os
import re
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import ktap  # noqa: E402
import run_qemu  # noqa: E402
import run_tests  # noqa: E402


def read_log(name):
    with open(os.path.join(HERE, name), "rb") as f:
        return f.read()


def kernel_totals(data):
    """The kernel's own "# Totals:" line, to check the parser's counts against."""
    m = re.search(rb"# Totals: pass:(\d+) fail:(\d+) skip:(\d+)", data)
    return tuple(int(x) for x in m.groups())


class KtapParserTests(unittest.TestCase):
    def parse(self, name):
        return ktap.parse(read_log(name))

    def test_pass_counts_match_kernel_totals(self):
        data = read_log("pass.txt")
        report = ktap.parse(data)
        self.assertEqual(report.errors, [])
        self.assertEqual((report.passed, report.failed, report.skipped), kernel_totals(data))
        self.assertGreater(report.passed, 0)

    def test_pass_tree_has_every_suite(self):
        report = self.parse("pass.txt")
        root = report.root
        self.assertEqual(root.plan, len(root.results))
        for r in root.results:
            self.assertIsNotNone(r.subtest, r.name)
            self.assertEqual(r.subtest.name, r.name)
            self.assertEqual(r.subtest.results[-1].name, "leak_check")

    def test_recovered_oops_inside_suite_is_not_ktap(self):
        # traps' self-tests print whole oops reports, call traces and a
        # WARNING between their results: none of it may become a result.
        report = self.parse("pass.txt")
        traps = next(r.subtest for r in report.root.results if r.name == "traps")
        self.assertTrue(traps.complete)
        self.assertIn("test_oops_report", [r.name for r in traps.results])
        for r in traps.results:
            for d in r.diagnostics:
                self.assertNotIn("Call Trace", d)

    def test_failure_keeps_its_diagnostics(self):
        report = self.parse("fail.txt")
        self.assertEqual([r.path for r in report.failures], ["crashtest.fail"])
        diags = report.failures[0].diagnostics
        self.assertTrue(diags[0].startswith("# fail: EXPECTATION FAILED at tests/kernel/crashtest.c:"))
        self.assertIn("Expected got == expected, but", diags)
        self.assertIn("    got == 2 (0x2)", diags)     # indentation kept, relative to the suite

    def test_failure_skip_and_noise(self):
        report = self.parse("fail_skip.txt")
        self.assertEqual(report.errors, [])
        self.assertEqual((report.passed, report.failed, report.skipped), (6, 1, 1))
        self.assertEqual(report.failures[0].path, "printk.test_hex")
        self.assertIn('    buf == "FF"', report.failures[0].diagnostics)
        printk = report.root.results[1].subtest
        skip = printk.results[2]
        self.assertEqual((skip.status, skip.reason), ("skip", "no high memory"))
        # "printk: some noise ..." at column 0 inside the suite is not a diagnostic.
        self.assertEqual(printk.results[3].diagnostics, [])

    def test_skips_counted_apart(self):
        report = self.parse("skips.txt")
        self.assertEqual((report.passed, report.failed, report.skipped), (5, 0, 2))
        skipped = [r for r in report.root.results[0].subtest.results if r.status == "skip"]
        self.assertEqual([r.reason for r in skipped],
                         ["no tv2 in this configuration", "not in interrupt context"])

    def test_truncated_plan_names_the_suite(self):
        report = self.parse("truncated.txt")
        self.assertEqual(report.errors[0], "printk: plan 1..11 but 6 results (truncated)")
        self.assertEqual(report.interrupted, ("printk", 7, 11))
        self.assertEqual(ktap.describe_interrupted(report), "printk test 7 of 11")
        self.assertFalse(report.ok)

    def test_nested_three_levels_two_space_indent(self):
        report = self.parse("nested.txt")
        self.assertEqual(report.errors, [])
        self.assertEqual((report.passed, report.failed, report.skipped), (6, 1, 1))
        self.assertEqual([r.path for r in report.failures], ["mm.buddy.test_merge"])
        mm = report.root.results[0].subtest
        self.assertEqual(mm.indent, 2)
        self.assertEqual([r.name for r in mm.results], ["buddy", "slab", "leak_check"])
        self.assertEqual(mm.results[0].subtest.indent, 4)

    def test_noise_ansi_timestamps_cr_stripped(self):
        data = read_log("noise.txt")
        self.assertIn(b"\x1b[", data)
        self.assertIn(b"\r", data)
        lines = ktap.clean_text(data)
        self.assertFalse([l for l in lines if "\x1b" in l or "\r" in l or l.startswith("[ ")])
        report = ktap.parse(data)
        self.assertEqual(report.errors, [])
        self.assertEqual((report.passed, report.failed, report.skipped), kernel_totals(data))

    def test_crash_mid_suite_is_truncated(self):
        for name in ("panic.txt", "oops.txt", "bug.txt", "double_fault.txt", "triple_fault.txt"):
            report = self.parse(name)
            self.assertEqual(report.errors[0], "crashtest: plan 1..2 but 0 results (truncated)", name)
            self.assertEqual(ktap.describe_interrupted(report), "crashtest test 1 of 2", name)

    def test_no_header(self):
        report = ktap.parse("Mneme: boot complete\r\nok 1 something\r\n1..1\r\n")
        self.assertFalse(report.found)
        self.assertEqual(report.errors, ["no 'KTAP version 1' header"])

    def test_missing_plan(self):
        text = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    ok 1 x\nok 1 a\n"
        self.assertEqual(ktap.parse(text).errors, ["a: missing plan (1 result)"])

    def test_missing_top_level_plan(self):
        self.assertEqual(ktap.parse("KTAP version 1\nok 1 a\n").errors, ["KTAP: missing plan (1 result)"])

    def test_results_out_of_order(self):
        text = "KTAP version 1\n1..2\nok 1 a\nok 3 b\n"
        self.assertEqual(ktap.parse(text).errors, ["KTAP: result 3 'b' out of order (expected 2)"])

    def test_too_many_results(self):
        text = "KTAP version 1\n1..1\nok 1 a\nok 2 b\n"
        self.assertEqual(ktap.parse(text).errors, ["KTAP: plan 1..1 but 2 results"])

    def test_subtest_without_result_line(self):
        text = ("KTAP version 1\n1..2\n"
                "    KTAP version 1\n    # Subtest: a\n    1..1\n    ok 1 x\n"
                "    KTAP version 1\n    # Subtest: b\n    1..1\n    ok 1 y\n"
                "ok 1 b\n# Totals\n")
        report = ktap.parse(text)
        self.assertIn("KTAP: no result line after subtest a", report.errors)
        self.assertEqual(report.passed, 2)     # both subtests' leaves still counted

    def test_suite_ok_with_failed_case_is_an_error(self):
        text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\n"
                "    not ok 1 x\nok 1 a\n")
        self.assertEqual(ktap.parse(text).errors, ["a: result 'ok' but 1 of its tests failed"])

    def test_suite_failing_alone_counts_once(self):
        text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\n"
                "    ok 1 x\n# a: suite_exit failed\nnot ok 1 a\n")
        report = ktap.parse(text)
        self.assertEqual((report.passed, report.failed), (1, 1))
        self.assertEqual(report.failures[0].path, "a")
        self.assertEqual(report.failures[0].diagnostics, ["# a: suite_exit failed"])

    def test_todo_and_plain_comment(self):
        text = "KTAP version 1\n1..3\nnot ok 1 a # TODO later\nok 2 b # just a note\nok 3 c #SKIP\n"
        report = ktap.parse(text)
        a, b, c = report.root.results
        self.assertEqual((a.status, a.reason), ("todo", "later"))
        self.assertEqual((b.status, b.name, b.reason), ("pass", "b", "just a note"))
        self.assertEqual(c.status, "skip")
        self.assertEqual((report.passed, report.failed, report.skipped), (1, 0, 2))

    def test_second_header_is_an_error(self):
        text = "KTAP version 1\n1..1\nok 1 a\nKTAP version 1\n1..1\nok 1 a\n"
        self.assertIn("line 4: a second KTAP header (did the machine reboot?)", ktap.parse(text).errors)

    def test_empty_plan_is_not_ok(self):
        report = ktap.parse("KTAP version 1\n1..0\n# Totals: pass:0 fail:0 skip:0 total:0\n")
        self.assertEqual(report.errors, [])
        self.assertEqual(report.ran, 0)
        self.assertFalse(report.ok)
        self.assertEqual(report.root.trailing, ["# Totals: pass:0 fail:0 skip:0 total:0"])

    def test_only_skips_is_not_ok(self):
        report = ktap.parse("KTAP version 1\n1..2\nok 1 a # SKIP x\nok 2 b # SKIP y\n")
        self.assertEqual((report.passed, report.failed, report.skipped), (0, 0, 2))
        self.assertFalse(report.ok)

    def test_ok_after_failure_line_is_a_failure(self):
        # Recorded before ktest_skip() kept failures: "ok ... # SKIP" after
        # EXPECTATION FAILED, and the suite "ok" with it.
        report = self.parse("fail_then_skip.txt")
        self.assertEqual(report.errors, [])
        self.assertEqual((report.passed, report.failed, report.skipped), (1, 1, 0))
        r = report.failures[0]
        self.assertEqual((r.path, r.status, r.directive), ("crashtest.fail_skip", "fail", "SKIP"))
        self.assertEqual(r.contradiction, "reported 'ok # SKIP' after 'fail_skip: EXPECTATION "
                                          "FAILED at tests/kernel/crashtest.c:28'")
        self.assertFalse(report.ok)

    def test_assertion_failed_then_ok_is_a_failure(self):
        text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..2\n"
                "    # x: ASSERTION FAILED at a.c:3\n    ok 1 x\n    ok 2 y\nok 1 a\n")
        report = ktap.parse(text)
        self.assertEqual(report.errors, [])
        self.assertEqual([r.path for r in report.failures], ["a.x"])
        self.assertEqual(report.failures[0].contradiction,
                         "reported 'ok' after 'x: ASSERTION FAILED at a.c:3'")
        # Another case's honest failure under an "ok" suite is still an error.
        text = text.replace("ok 2 y", "not ok 2 y")
        self.assertEqual(ktap.parse(text).errors, ["a: result 'ok' but 1 of its tests failed"])


# Each recorded log, the exit status QEMU returned with it, and what the
# runner must conclude: verdict, words its message must contain, and counts
# (passed, failed, skipped) where they are fixed.
CASES = [
    ("pass.txt", 33, "pass", ["pass: all 54 tests passed"], (54, 0, 0)),
    ("fail.txt", 35, "fail", ["fail: 1 test failed: crashtest.fail"], (1, 1, 0)),
    ("fail_skip.txt", 35, "fail", ["fail: 1 test failed: printk.test_hex"], (6, 1, 1)),
    ("skips.txt", 33, "pass", ["pass: all 5 tests passed"], (5, 0, 2)),
    ("nested.txt", 35, "fail", ["mm.buddy.test_merge"], (6, 1, 1)),
    ("noise.txt", 33, "pass", ["pass: all 18 tests passed"], (18, 0, 0)),
    ("truncated.txt", 33, "bad-ktap",
     ["bad-ktap: printk: plan 1..11 but 6 results (truncated)"], (27, 1, 0)),
    ("panic.txt", 37, "panic",
     ["panic: Kernel panic - not syncing: crashtest: deliberate panic",
      "in crashtest test 1 of 2"], (0, 1, 0)),
    ("oops.txt", 37, "oops",
     ["oops: BUG: unable to handle kernel NULL pointer dereference at virtual address 00000000",
      "(EIP is at crash_oops+"], (0, 1, 0)),
    ("bug.txt", 37, "oops",
     ["oops: kernel BUG at tests/kernel/crashtest.c:", "(EIP is at crash_bug+"], (0, 1, 0)),
    ("double_fault.txt", 37, "double-fault",
     ["double-fault: PANIC: double fault", "recurse", "stack overflow"], (0, 1, 0)),
    ("no_such_suite.txt", 35, "fail", ["fail: ktest: nothing matches 'no_such_suite'"], (0, 1, 0)),
    ("fail_then_skip.txt", 33, "fail",
     ["fail: 1 test failed: crashtest.fail_skip; crashtest.fail_skip reported 'ok # SKIP' after "
      "'fail_skip: EXPECTATION FAILED at tests/kernel/crashtest.c:28'"], (1, 1, 0)),
    # The exit status must agree with the KTAP.
    ("pass.txt", 35, "bad-ktap",
     ["bad-ktap: exit status 35 (some test failed) but KTAP reports no failure"], (54, 1, 0)),
    ("fail.txt", 33, "bad-ktap",
     ["bad-ktap: exit status 33 (all passed) but KTAP reports 1 failure: crashtest.fail"], None),
    ("pass.txt", 39, "bad-ktap", ["exit status 39 (nothing was run)"], None),
    ("fail.txt", 37, "panic", ["exit status 37 (kernel panic) but no panic message"], None),
    ("pass.txt", 3, "qemu-error", ["QEMU exited with status 3"], None),
]


class ClassifyTests(unittest.TestCase):
    def check(self, res, verdict, words, counts):
        self.assertEqual(res.verdict, verdict, res.message)
        self.assertTrue(res.message.startswith(verdict + ": "), res.message)
        self.assertNotIn("\n", res.message)
        for w in words:
            self.assertIn(w, res.message)
        if counts:
            self.assertEqual((res.passed, res.failed, res.skipped), counts, res.message)

    # A user program's run: /init's KTAP, then power-off or init's end.
    USER_KTAP = ("Mneme: boot complete\nKTAP version 1\n1..2\n"
                 "    # Subtest: brk\n    KTAP version 1\n    1..1\n    ok 1 brk grows\n"
                 "ok 1 brk\n%s2 mmap\n")

    def test_power_off_lets_the_ktap_decide(self):
        res = run_qemu.classify(self.USER_KTAP % "ok ", run_qemu.EXIT_POWEROFF)
        self.check(res, "pass", ["all 2 tests passed"], (2, 0, 0))
        res = run_qemu.classify(self.USER_KTAP % "not ok ", run_qemu.EXIT_POWEROFF)
        self.check(res, "fail", ["1 test failed: mmap"], (1, 1, 0))
        res = run_qemu.classify("Mneme: boot complete\n", run_qemu.EXIT_POWEROFF)
        self.check(res, "no-ktap", ["no KTAP output (exit status 41)"], None)

    def test_init_exit_status_is_the_failure(self):
        log = self.USER_KTAP % "ok " + "init exited with status 3\n"
        res = run_qemu.classify(log, run_qemu.EXIT_FAIL)
        self.check(res, "fail", ["init exited with status 3"], (2, 1, 0))
        log = "Mneme: boot complete\nKTAP version 1\n1..1\ninit killed by signal 11\n"
        res = run_qemu.classify(log, run_qemu.EXIT_FAIL)
        self.assertIn(res.verdict, ("fail", "bad-ktap"), res.message)
        self.assertNotEqual(res.verdict, "pass")

    def test_triple_fault_from_qemu_log(self):
        with open(os.path.join(HERE, "triple_fault.qemu.txt")) as f:
            qemu_log = f.read()
        self.assertIn(run_qemu.TRIPLE_FAULT_MARK, qemu_log)
        res = run_qemu.classify(read_log("triple_fault.txt"), 0, qemu_log)
        self.check(res, "triple-fault", ["triple fault", "in crashtest test 1 of 2"], (0, 1, 0))

    def test_exit_0_without_triple_fault_is_reset(self):
        qemu_log = "CPU Reset (CPU 0)\nEAX=00000000\nCPU Reset (CPU 0)\n"
        res = run_qemu.classify(read_log("triple_fault.txt"), 0, qemu_log)
        self.check(res, "reset", ["without a triple fault", "last line: 1..2"], (0, 1, 0))

    def test_exit_0_after_a_signal_is_not_a_reset(self):
        err = "qemu-system-i386: terminating on signal 2 from pid 4242 (python3)\n"
        res = run_qemu.classify(read_log("hang.txt"), 0, "CPU Reset (CPU 0)\n", stderr=err)
        self.check(res, "qemu-error", ["QEMU was stopped: qemu-system-i386: terminating on signal 2"], None)

    def test_timeout(self):
        res = run_qemu.classify(read_log("hang.txt"), -15, timed_out=True, timeout=8)
        self.check(res, "timeout", ["timeout after 8 s", "in crashtest test 1 of 2", "last line: 1..2"],
                   (0, 1, 0))

    def test_timeout_after_recovered_oops_is_still_a_timeout(self):
        # The oopses in pass.txt were recovered by their self-tests: if
        # the kernel then hangs, the hang is the news, not the old oops.
        res = run_qemu.classify(read_log("pass.txt"), -15, timed_out=True, timeout=5)
        self.check(res, "timeout", ["timeout after 5 s"], None)

    def test_panic_without_exit_then_timeout(self):
        res = run_qemu.classify(read_log("panic.txt"), -15, timed_out=True, timeout=5)
        self.check(res, "panic", ["deliberate panic", "QEMU did not exit"], (0, 1, 0))

    def test_qemu_did_not_start(self):
        res = run_qemu.classify(b"", None, stderr="cannot run qemu-system-i386: [Errno 2] No such file")
        self.check(res, "qemu-error", ["QEMU did not start: cannot run qemu-system-i386"], (0, 1, 0))

    def test_qemu_refused_arguments(self):
        err = "qemu-system-i386: -m 128Mx: Parameter 'size' expects a non-negative number below 2^64\n"
        res = run_qemu.classify(b"", 1, stderr=err)
        self.check(res, "qemu-error", ["status 1", "Parameter 'size'"], None)

    def test_qemu_crashed(self):
        err = "qemu-system-i386: ../../accel/tcg/translator.c:175: translator_access: Assertion failed.\n"
        res = run_qemu.classify(read_log("double_fault.txt")[:800], -6, stderr=err)
        self.check(res, "qemu-error", ["QEMU died of SIGABRT", "translator_access"], None)

    def test_no_ktap(self):
        data = read_log("pass.txt")
        res = run_qemu.classify(data[:data.index(b"KTAP version 1")], 33)
        self.check(res, "no-ktap", ["no KTAP output (exit status 33)", "last line: Mneme: boot complete"],
                   (0, 1, 0))

    def test_nothing_run(self):
        self.check(run_qemu.classify(b"Mneme: boot complete\r\n", 39), "no-ktap",
                   ["the kernel ran no tests (exit status 39)"], None)

    def test_oops_without_bug_line(self):
        text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\n"
                "BUG: Bad page state in a self-test, long ago\n1\n2\n3\n4\n5\n"
                "general protection fault: 0000 [#1]\nCPU:    0\nEIP:    0060:[<c0100000>]\n"
                "EFLAGS: 00000246\nEIP is at gp_case+0x4/0x10\n"
                "Kernel panic - not syncing: Fatal exception\n")
        self.check(run_qemu.classify(text, 37), "oops",
                   ["oops: general protection fault: 0000 [#1] (EIP is at gp_case+0x4/0x10)",
                    ", in a test 1 of 1"],
                   (0, 1, 0))

    def test_panic_after_recovered_oops(self):
        data = read_log("pass.txt")
        cut = data.index(b"    ok 8 test_oops_report")
        text = data[:cut] + b"Kernel panic - not syncing: later trouble\r\n"
        self.check(run_qemu.classify(text, 37), "panic",
                   ["panic: Kernel panic - not syncing: later trouble", "in traps test 8 of 11"], None)

    def test_empty_plan_is_a_failure(self):
        res = run_qemu.classify(b"KTAP version 1\r\n1..0\r\n", 33)
        self.check(res, "fail", ["no test ran (plan 1..0)"], (0, 1, 0))

    def test_all_skipped_is_a_failure(self):
        text = ("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\n"
                "    ok 1 x # SKIP no reason\n# a: pass:0 fail:0 skip:1 total:1\nok 1 a\n")
        self.check(run_qemu.classify(text, 33), "fail", ["no test ran (1 skipped)"], (0, 1, 1))

    def test_failure_line_outside_results_is_a_failure(self):
        data = read_log("pass.txt")
        text = data.replace(b"# Totals:", b"    # late: EXPECTATION FAILED at x.c:1\r\n# Totals:")
        self.check(run_qemu.classify(text, 33), "fail",
                   ["1 failure line outside any test's result, first: # late: EXPECTATION FAILED"],
                   None)

    def test_totals_must_match(self):
        data = read_log("pass.txt").replace(b"# Totals: pass:54 ", b"# Totals: pass:55 ")
        self.check(run_qemu.classify(data, 33), "bad-ktap", ["'# Totals: pass:55"], None)

    def test_failure_details_carry_diagnostics(self):
        res = run_qemu.classify(read_log("fail.txt"), 35)
        self.assertEqual(res.failures, ["crashtest.fail"])
        self.assertIn("crashtest.fail", res.details[0])
        self.assertTrue(any("EXPECTATION FAILED" in d for d in res.details))

    def test_warnings_collected(self):
        res = run_qemu.classify(read_log("pass.txt"), 33)
        self.assertEqual(len(res.warnings), 1)
        self.assertTrue(res.warnings[0].startswith("WARNING: at tests/kernel/traps_test.c:"))

    def test_summary_ends_with_counts(self):
        res = run_qemu.classify(read_log("skips.txt"), 33)
        lines = run_qemu.summary_lines(res)
        self.assertEqual(lines[-3:], [res.message, "(2 skipped)", "5 passed, 0 failed"])


def _add_log_case(name, status, verdict, words, counts):
    def test(self):
        self.check(run_qemu.classify(read_log(name), status), verdict, words, counts)
    test.__name__ = "test_%s_exit_%d_is_%s" % (name[:-4], status, verdict.replace("-", "_"))
    setattr(ClassifyTests, test.__name__, test)


for _case in CASES:
    _add_log_case(*_case)


class CommandTests(unittest.TestCase):
    def test_kernel_boot_command(self):
        cmd = run_qemu.qemu_command("kernel", "3G", "ktest", "build/mneme.elf", "x.qemu.txt")
        joined = " ".join(cmd)
        for part in ("-m 3G", "-kernel build/mneme.elf", "-append ktest", "-no-reboot",
                     "-device isa-debug-exit,iobase=0xf4,iosize=4", "-serial stdio",
                     "-display none", "-monitor none", "-d cpu_reset -D x.qemu.txt"):
            self.assertIn(part, joined)

    def test_iso_icount_gdb_extra(self):
        cmd = run_qemu.qemu_command("iso", "128M", "ktest", "a.iso", "q.txt", icount=True,
                                    gdb=1234, qemu_args=["-smp", "1"])
        joined = " ".join(cmd)
        for part in ("-cdrom a.iso -boot d", "-icount shift=0,sleep=off", "-gdb tcp::1234 -S"):
            self.assertIn(part, joined)
        self.assertEqual(cmd[-2:], ["-smp", "1"])
        self.assertNotIn("-append", cmd)

    def test_cpu_machine_initrd(self):
        cmd = run_qemu.qemu_command("kernel", "16M", "ktest", "k.elf", "q.txt", cpu="486",
                                    machine="isapc", initrd=["a.bin", "b.bin"])
        joined = " ".join(cmd)
        for part in ("-machine isapc", "-cpu 486", "-kernel k.elf", "-initrd a.bin,b.bin"):
            self.assertIn(part, joined)
        cmd = run_qemu.qemu_command("iso", "16M", "ktest", "a.iso", "q.txt", initrd=["a.bin"])
        self.assertNotIn("-initrd", cmd)
        self.assertNotIn("-cpu", cmd)

    def test_grub_cfg_module_lines(self):
        with open(run_qemu.GRUB_CFG) as f:
            cfg = run_qemu.grub_cfg_with(f.read(), "ktest=buddy", ["x/a.bin", "y/b.bin"])
        self.assertIn("multiboot /boot/mneme.elf ktest=buddy\n\tmodule /boot/a.bin a.bin\n"
                      "\tmodule /boot/b.bin b.bin\n", cfg)
        self.assertEqual(run_qemu.grub_cmdline(cfg), "ktest=buddy")

    def test_derive_name(self):
        self.assertEqual(run_qemu.derive_name("kernel", "128M", "ktest=crashtest.panic"),
                         "kernel-128M-ktest=crashtest.panic")
        self.assertEqual(run_qemu.derive_name("iso", "16M", "ktest vmalloc=768M nopse", True),
                         "iso-16M-ktest_vmalloc=768M_nopse-icount")

    def test_grub_cfg_cmdline(self):
        with open(run_qemu.GRUB_CFG) as f:
            self.assertEqual(run_qemu.grub_cmdline(f.read()), "ktest")
        self.assertEqual(run_qemu.grub_cmdline("  multiboot /boot/mneme.elf ktest=a,b nopse\n"),
                         "ktest=a,b nopse")


# --- run_tests.py's fuzzer step -------------------------------------------

# A stand-in for a libFuzzer binary named fuzz_fake_<cpu>_<runs>_<status>:
# burns `cpu` seconds of CPU, prints libFuzzer's final stats for `runs`
# inputs (none if runs < 0), exits with `status`.
FAKE_FUZZER = """#!%s
import sys, time
cpu, runs, status = sys.argv[0].split("_")[-3:]
cpu, runs, status = float(cpu), int(runs), int(status)
start = time.process_time()
while time.process_time() - start < cpu:
    pass
if runs >= 0:
    sys.stderr.write("Done %%d runs\\nstat::number_of_executed_units: %%d\\n"
                     "stat::average_exec_per_sec:     %%d\\n" %% (runs, runs, runs / cpu))
sys.exit(status)
"""


class FuzzerStepTests(unittest.TestCase):
    """run_fuzzer(): exec/s on the step's line; too slow a fuzzer fails (FUZZ_MIN_RATE)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.saved_build = run_tests.BUILD
        run_tests.BUILD = self.tmp.name     # corpus and artifacts go there

    def tearDown(self):
        run_tests.BUILD = self.saved_build
        self.tmp.cleanup()

    def fuzz(self, cpu, runs, status=0):
        """run_fuzzer() on a fake fuzzer; its outcome and summary line."""
        path = os.path.join(self.tmp.name, "fuzz_fake_%g_%d_%d" % (cpu, runs, status))
        with open(path, "w") as f:
            f.write(FAKE_FUZZER % sys.executable)
        os.chmod(path, 0o755)
        step = run_tests.Step("host/" + os.path.basename(path), "host", None)
        saved_log_dir = run_tests.LOG_DIR
        run_tests.LOG_DIR = self.tmp.name
        try:
            res = run_tests.run_fuzzer(step, path)
        finally:
            run_tests.LOG_DIR = saved_log_dir
        return res, run_tests.step_line(step, res)

    def test_fast_fuzzer_passes_and_shows_its_rate(self):
        res, line = self.fuzz(0.2, 100000)
        self.assertEqual((res.passed, res.failed), (1, 0), line)
        self.assertRegex(line, r"100000 runs, \d+ exec/s, \d+ per CPU second")
        rate = int(re.search(r"(\d+) per CPU second", line).group(1))
        self.assertGreater(rate, 100000 / 2)

    def test_slow_fuzzer_fails_on_cpu_rate(self):
        # The old page allocator fuzzer: 46 inputs per second.
        res, line = self.fuzz(0.5, 23)
        self.assertEqual((res.passed, res.failed), (0, 1), line)
        self.assertIn("below the floor of %d" % run_tests.FUZZ_MIN_RATE, line)
        self.assertIn("23 runs", line)

    def test_rate_is_per_cpu_second_not_wall_second(self):
        # 0.2 s of CPU for 1000 runs is 5000 per CPU second, whatever the
        # wall clock says on a loaded machine.
        res, line = self.fuzz(0.2, 1000)
        self.assertEqual(res.failed, 0, line)

    def test_crash_fails_with_status_and_rate(self):
        res, line = self.fuzz(0.1, 5000, status=77)
        self.assertEqual(res.failed, 1, line)
        self.assertIn("exit status 77", line)
        self.assertIn("5000 runs", line)

    def test_no_stats_fails(self):
        res, line = self.fuzz(0.1, -1)
        self.assertEqual(res.failed, 1, line)
        self.assertIn("no final stats", line)


CONFIG_LOG = ("KTAP version 1\n# ktest: config highmem=0 pse=1 lowmem_kb=123 slab_debug=0\n1..1\n"
              "    KTAP version 1\n    # Subtest: a\n    1..3\n    ok 1 x\n"
              "    ok 2 y # SKIP no high memory on this machine\n    ok 3 z # SKIP not today\n"
              "# a: pass:1 fail:0 skip:2 total:3\nok 1 a\n# Totals: pass:1 fail:0 skip:2 total:3\n")


class BootExpectationTests(unittest.TestCase):
    """run_tests.config_problems: a row's highmem, pse and max_skips against the boot."""

    def problems(self, text, **fields):
        return run_tests.config_problems(run_tests.Boot("row", **fields),
                                         run_qemu.classify(text, 33))

    def test_config_line_parsed_not_a_diagnostic(self):
        res = run_qemu.classify(CONFIG_LOG, 33)
        self.assertEqual(res.verdict, "pass", res.message)
        self.assertEqual(res.config, {"highmem": "0", "pse": "1", "lowmem_kb": "123",
                                      "slab_debug": "0"})
        self.assertEqual(res.report.root.preamble, ["# ktest: config highmem=0 pse=1 lowmem_kb=123 "
                                                    "slab_debug=0"])
        self.assertNotIn(res.report.root.preamble[0], res.report.root.results[0].diagnostics)

    def test_all_as_expected(self):
        self.assertEqual(self.problems(CONFIG_LOG, highmem=False, pse=True, max_skips=2), [])
        self.assertEqual(self.problems(CONFIG_LOG), [])     # nothing stated, nothing checked

    def test_lost_high_memory(self):
        self.assertEqual(self.problems(CONFIG_LOG, highmem=True),
                         ["expected highmem=1, the kernel says highmem=0"])

    def test_pse_off(self):
        self.assertEqual(self.problems(CONFIG_LOG.replace("pse=1", "pse=0"), pse=True),
                         ["expected pse=1, the kernel says pse=0"])

    def test_no_config_line(self):
        text = CONFIG_LOG.replace("# ktest: config highmem=0 pse=1 lowmem_kb=123 slab_debug=0\n", "")
        self.assertEqual(self.problems(text, pse=False),
                         ["expected pse=0, but the kernel printed no '# ktest: config ... pse=' line"])

    def test_too_many_skips_named(self):
        self.assertEqual(self.problems(CONFIG_LOG, max_skips=1),
                         ["2 tests skipped, at most 1 expected: a.y (no high memory on this "
                          "machine); a.z (not today)"])

    def test_recorded_log_without_config(self):
        # skips.txt (2 skips): the count is still checked without a config line.
        self.assertEqual(len(self.problems(read_log("skips.txt"), max_skips=1)), 1)
        self.assertEqual(self.problems(read_log("skips.txt"), max_skips=2), [])


FAULT_LOG = ("KTAP version 1\n# ktest: config highmem=0 pse=1 fail_page_alloc=0,-1 fail_slab=7,3\n"
             "1..1\n    KTAP version 1\n    # Subtest: a\n    1..2\n"
             "    # x: ASSERTION FAILED at a.c:1\n    Expected p != NULL, but\n    not ok 1 x\n"
             "    ok 2 leak_check\n# a: pass:1 fail:1 skip:0 total:2\nnot ok 1 a\n"
             "# ktest: config highmem=0 pse=1 fail_page_alloc=0,-1 fail_slab=7,0\n"
             "# Totals: pass:1 fail:1 skip:0 total:2\n")


class FaultBootTests(unittest.TestCase):
    """run_tests.fault_problems: under injected faults a test may fail, cleanly."""

    def problems(self, text, status=35, cmdline="ktest fail_slab=7,3"):
        import run_tests
        b = run_tests.Boot("fault-x", cmdline, faults=True, highmem=False, pse=True)
        return run_tests.fault_problems(b, run_qemu.classify(text, status))

    def test_clean_failure_is_fine(self):
        self.assertEqual(self.problems(FAULT_LOG), [])

    def test_leak_is_not(self):
        text = FAULT_LOG.replace("    ok 2 leak_check", "    # leak_check: slab: slab objects in use "
                                 "was 3 before the suite, 4 after\n    not ok 2 leak_check")
        text = text.replace("pass:1 fail:1", "pass:0 fail:2")
        self.assertEqual(self.problems(text), [
            "a.leak_check failed: a leak under injected faults; # leak_check: slab: slab objects "
            "in use was 3 before the suite, 4 after"])

    def test_crash_is_not(self):
        text = FAULT_LOG[:FAULT_LOG.index("    not ok 1 x")] + "Kernel panic - not syncing: boom\n"
        self.assertEqual(self.problems(text, 37),
                         ["panic: Kernel panic - not syncing: boom, in a test 1 of 2"])

    def test_injection_must_be_armed(self):
        self.assertEqual(self.problems(FAULT_LOG.replace("fail_slab=7,3", "fail_slab=0,-1")),
                         ["fail_slab=7 not in force before the suites (the kernel says fail_slab=0,-1)"])

    def test_injection_must_last_every_suite(self):
        # As before cleanup actions: a test turned the boot's injection off for good.
        self.assertEqual(self.problems(FAULT_LOG.replace("fail_slab=7,0", "fail_slab=0,-1")),
                         ["fail_slab=7 not in force after the suites (the kernel says fail_slab=0,-1)"])
        one_line = FAULT_LOG.replace("# ktest: config highmem=0 pse=1 fail_page_alloc=0,-1 "
                                     "fail_slab=7,0\n", "")
        self.assertEqual(self.problems(one_line),
                         ["fail_slab=7 not in force after the suites (the kernel says fail_slab=nothing)"])

    def test_rows_cover_the_matrix(self):
        import run_tests
        names = {b.name for b in run_tests.FAULT_BOOTS}
        self.assertEqual(len(names), 2 * 3 * 6 * 2)
        for name in ("fault-16M-pages-1", "fault-16M-slab-7x3", "fault-256M-both-100",
                     "fault-256M-both-31x3"):
            self.assertIn(name, names)
        both = next(b for b in run_tests.FAULT_BOOTS if b.name == "fault-256M-both-31x3")
        self.assertEqual(both.cmdline, "ktest fail_page_alloc=31,3 fail_slab=31,3 vmalloc=768M")
        self.assertTrue(both.highmem)


class KtapCommandTests(unittest.TestCase):
    """run_tests.run_ktap_command: a host program's KTAP and exit status."""

    def run_program(self, source):
        with tempfile.TemporaryDirectory() as tmp:
            saved, run_tests.LOG_DIR = run_tests.LOG_DIR, tmp
            try:
                step = run_tests.Step("host/prog", "host", None)
                return run_tests.run_ktap_command(step, [sys.executable, "-c", source])
            finally:
                run_tests.LOG_DIR = saved

    def test_zero_tests_is_a_failure(self):
        res = self.run_program("print('KTAP version 1'); print('1..0')")
        self.assertEqual((res.passed, res.failed), (0, 1))
        self.assertEqual(res.note, "no test ran (plan 1..0)")

    def test_one_test_passes(self):
        res = self.run_program("print('KTAP version 1'); print('1..1'); print('ok 1 a')")
        self.assertEqual((res.passed, res.failed, res.note), (1, 0, ""))

    def test_ok_after_expectation_failed_fails(self):
        res = self.run_program("print('KTAP version 1\\n1..1\\n# a: EXPECTATION FAILED at x.c:1\\nok 1 a')")
        self.assertEqual((res.passed, res.failed), (0, 1))


# --- KTAP output ---------------------------------------------------------


class KtapTestResult(unittest.TestResult):
    """Prints one KTAP result line per test, when it ends, its diagnostics first."""

    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.number = 0
        self.nr_failed = 0

    def startTest(self, test):
        super().startTest(test)
        self.diagnostics, self.failed, self.skip = [], False, None

    def _failed(self, test, err, header=None):
        self.failed = True
        if header:
            self.diagnostics.append(header)
        # unittest's own formatting leaves its internal frames out.
        self.diagnostics += self._exc_info_to_string(err, test).rstrip().splitlines()

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._failed(test, err, "%s:" % subtest._subDescription())

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._failed(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._failed(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.skip = reason

    def stopTest(self, test):
        super().stopTest(test)
        self.number += 1
        self.nr_failed += self.failed
        for line in self.diagnostics:
            self.stream.write("# %s\n" % line)
        name = "%s.%s" % (type(test).__name__, test._testMethodName)
        directive = " # SKIP %s" % self.skip if self.skip is not None else ""
        self.stream.write("%s %d %s%s\n" % ("not ok" if self.failed else "ok", self.number,
                                             name, directive))
        self.stream.flush()


def ktap_main(module_name, label):
    """Run the unittest cases of a module as KTAP on stdout, ending with
    "# <label>: pass:N fail:N"; the exit status is non-zero if a test
    failed or none ran. The main() of every tests/runner/ program."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module_name])
    print("KTAP version 1")
    print("1..%d" % suite.countTestCases())
    result = KtapTestResult(sys.stdout)
    suite.run(result)
    print("# %s: pass:%d fail:%d" % (label, result.number - result.nr_failed, result.nr_failed))
    return 1 if result.nr_failed or not result.number else 0


def main():
    return ktap_main(__name__, "runner")


if __name__ == "__main__":
    sys.exit(main())
