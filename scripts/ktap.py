#!/usr/bin/env python3
"""KTAP version 1 parser: the format Linux's KUnit (and Mneme's ktest) print.

    KTAP version 1                      <- header
    1..2                                <- plan: results 1..N follow
        KTAP version 1                  <- a subtest, indented one level deeper
        # Subtest: printk
        1..2
        # test_hex: EXPECTATION FAILED at tests/kernel/printk_test.c:30
        Expected buf == "ff", but       <- diagnostics: attached to the next result
            buf == "FF"
        not ok 1 test_hex
        ok 2 test_skip # SKIP no high memory
    # printk: pass:0 fail:1 skip:1 total:2
    not ok 1 printk                     <- the parent's result line closes the subtest
    ...

The text comes from a serial console, so it is cleaned first: ANSI escape
sequences (GRUB paints its screen before the kernel runs), carriage returns
and printk.time's "[    1.234000] " prefixes are removed. Lines that are not
KTAP (boot messages, printk noise from the code under test, oops reports)
may appear anywhere; they are ignored, never taken for results.

Nesting is decided by indentation: a subtest starts with a header (or a
"# Subtest:" line, or a plan) indented deeper than its parent, and all its
structural lines sit at that same indentation. Any consistent indentation
is accepted, not only KUnit's four spaces.

parse(text) returns a Report: the tree of Suite and Result objects, the leaf
totals and the list of errors (missing plan, truncated output, results out
of order ...). Leaves are the test cases; a suite's own result line is not
counted, unless it fails with none of its cases failing.

A result line cannot overrule the test's own output: an "ok" (or "# SKIP")
whose diagnostics hold an "EXPECTATION FAILED" or "ASSERTION FAILED" line
is counted as a failure, its `contradiction` saying why. A report in which
no test ran (no pass, no failure) is not ok.

Run as a script, it parses a saved log and prints the summary:
    python3 scripts/ktap.py build/logs/kernel-128M-ktest.txt
"""
import re
import sys
from dataclasses import dataclass, field
from typing import List, Optional

# ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), ESC ( B (charset),
# and the remaining two-byte escapes. GRUB uses the CSI ones.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[()][0-9A-Za-z]|[@-Z\\-_])")
# Control characters other than tab: \r from the serial line discipline,
# stray NULs or bells from firmware.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ?")

_VERSION = re.compile(r"^K?TAP version (\d+)\s*$")
_PLAN = re.compile(r"^1\.\.(\d+)\s*(?:#.*)?$")
# The name is lazy so that a directive ("# SKIP reason") is split off at its first "#".
_RESULT = re.compile(r"^(ok|not ok)\s+(\d+)(?:\s+(?:-\s+)?(.*?))?(?:\s+#\s*(.*))?\s*$")
_DIRECTIVE = re.compile(r"^(SKIP|TODO)\b\s*(.*)$", re.IGNORECASE)
_SUBTEST = re.compile(r"^#\s*Subtest:\s*(.*?)\s*$")
# What a failing expectation prints before its result line (kernel/ktest.c).
FAILURE_LINE = re.compile(r"\b(?:EXPECTATION|ASSERTION) FAILED\b")

# Line kinds.
VERSION, PLAN, RESULT, SUBTEST, DIAG, TEXT = "version", "plan", "result", "subtest", "diag", "text"


def clean_line(raw, timestamp=True):
    """One raw serial line without escapes and control characters (and, by
    default, without its printk.time prefix)."""
    line = _CONTROL.sub("", _ANSI.sub("", raw))
    if timestamp:
        line = _TIMESTAMP.sub("", line)
    return line.expandtabs(8).rstrip()


def clean_text(text):
    """Serial output (str or bytes) to a list of clean lines, without line ends."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    lines = [clean_line(raw) for raw in text.split("\n")]
    if lines and not lines[-1]:
        lines.pop()
    return lines


@dataclass
class Line:
    number: int         # 1-based, in the cleaned text
    indent: int
    text: str           # without the indentation
    kind: str


def _kind(text):
    if _VERSION.match(text):
        return VERSION
    if _PLAN.match(text):
        return PLAN
    if _RESULT.match(text):
        return RESULT
    if _SUBTEST.match(text):
        return SUBTEST
    if text.startswith("#"):
        return DIAG
    return TEXT


@dataclass
class Result:
    """One "ok"/"not ok" line, with the subtest it closes, if any."""
    number: int
    name: str
    ok: bool
    directive: Optional[str] = None     # "SKIP" or "TODO"
    reason: str = ""                    # the directive's text, or another comment
    diagnostics: List[str] = field(default_factory=list)
    subtest: Optional["Suite"] = None
    path: str = ""                      # "suite.case" from the top level down
    line: int = 0
    # Set when the line says ok (or SKIP) but the diagnostics report a failure.
    contradiction: str = ""

    @property
    def status(self):
        if self.contradiction:
            return "fail"
        if self.directive == "SKIP":
            return "skip"
        if self.directive == "TODO":
            return "todo"
        return "pass" if self.ok else "fail"


@dataclass
class Suite:
    """A KTAP document: the top level, or a subtest nested in it."""
    name: Optional[str]
    indent: int
    plan: Optional[int] = None
    results: List[Result] = field(default_factory=list)
    # Diagnostics after the last result ("# Totals: ..." at the top level).
    trailing: List[str] = field(default_factory=list)
    # Subtests whose result line never came (output truncated, or lost).
    unfinished: List["Suite"] = field(default_factory=list)
    # Diagnostics between the header and the plan ("# ktest: config ..."):
    # about the whole document, not a result.
    preamble: List[str] = field(default_factory=list)
    line: int = 0

    @property
    def complete(self):
        return self.plan is not None and len(self.results) == self.plan


@dataclass
class Report:
    root: Optional[Suite] = None
    passed: int = 0
    failed: int = 0
    skipped: int = 0                    # skipped and TODO leaves
    failures: List[Result] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    # Where the output stopped: (suite path, next test number, plan), or None.
    interrupted: Optional[tuple] = None

    @property
    def found(self):
        return self.root is not None

    @property
    def ran(self):
        """Tests that ran: passed or failed (skips ran nothing)."""
        return self.passed + self.failed

    @property
    def ok(self):
        return self.found and not self.errors and not self.failed and self.ran > 0


class _Parser:
    def __init__(self, lines):
        self.lines = lines
        self.pos = 0
        self.errors = []

    def parse_suite(self, indent, is_root):
        """
        Parse from self.pos the lines of one KTAP document at indent (its
        header already consumed). Stops before the first structural line
        shallower than indent (the parent's), before a sibling's header,
        or at the end of the text.
        """
        suite = Suite(name=None, indent=indent, line=self.lines[self.pos - 1].number)
        pending = []        # diagnostics for the next result
        child = None        # a subtest waiting for its result line

        while self.pos < len(self.lines):
            ln = self.lines[self.pos]
            if ln.indent < indent:
                if ln.kind != TEXT:
                    break           # the parent's line: this document is over
                self.pos += 1       # noise printed at column 0 by the code under test
                continue

            if ln.indent > indent:
                if ln.kind in (VERSION, SUBTEST, PLAN, RESULT):
                    if child is not None:
                        self._orphan(suite, child, is_root)
                    if ln.kind == VERSION:
                        self.pos += 1
                    child = self.parse_suite(ln.indent, False)
                    continue
                # Deeper free text: a failure's explanation ("    buf == ...")
                # inside a subtest; at the top level, an oops' call trace.
                if not is_root:
                    pending.append(" " * (ln.indent - indent) + ln.text)
                self.pos += 1
                continue

            # A line at this document's own indentation.
            if ln.kind == VERSION:
                if not is_root:
                    if suite.name is not None and suite.plan is None and not suite.results:
                        # "# Subtest:" first, then the header (both orders are
                        # printed: tests/user/init.c writes this one).
                        self.pos += 1
                        continue
                    break           # a sibling subtest starts
                if suite.results or suite.plan is not None:
                    self.errors.append("line %d: a second KTAP header (did the machine reboot?)"
                                       % ln.number)
            elif ln.kind == PLAN:
                if suite.plan is not None:
                    self.errors.append("%s: a second plan at line %d"
                                       % (self._name(suite, is_root), ln.number))
                else:
                    suite.plan = int(_PLAN.match(ln.text).group(1))
            elif ln.kind == SUBTEST and suite.name is None and not suite.results and not is_root:
                suite.name = _SUBTEST.match(ln.text).group(1)
            elif ln.kind == RESULT:
                result = self._result(ln, pending)
                pending = []
                if child is not None:
                    result.subtest = child
                    if child.name is None:
                        child.name = result.name
                    child = None
                expected = len(suite.results) + 1
                if result.number != expected:
                    self.errors.append("%s: result %d '%s' out of order (expected %d)"
                                       % (self._name(suite, is_root), result.number, result.name, expected))
                suite.results.append(result)
            elif ln.kind == DIAG and suite.plan is None and not suite.results and not pending:
                suite.preamble.append(ln.text)
            elif ln.kind in (DIAG, SUBTEST):
                pending.append(ln.text)
            elif not is_root:
                pending.append(ln.text)     # free text of a failure's explanation
            self.pos += 1

        if child is not None:
            self._orphan(suite, child, is_root)
        suite.trailing = pending
        self._check_plan(suite, is_root)
        return suite

    def _orphan(self, suite, child, is_root):
        self.errors.append("%s: no result line after subtest %s"
                           % (self._name(suite, is_root), child.name or "(unnamed)"))
        suite.unfinished.append(child)

    @staticmethod
    def _name(suite, is_root):
        if is_root:
            return "KTAP"
        return suite.name or "(unnamed subtest)"

    def _check_plan(self, suite, is_root):
        name = self._name(suite, is_root)
        n = len(suite.results)
        if suite.plan is None:
            self.errors.append("%s: missing plan (%d result%s)" % (name, n, "" if n == 1 else "s"))
        elif n < suite.plan:
            self.errors.append("%s: plan 1..%d but %d result%s (truncated)"
                               % (name, suite.plan, n, "" if n == 1 else "s"))
        elif n > suite.plan:
            self.errors.append("%s: plan 1..%d but %d results" % (name, suite.plan, n))

    @staticmethod
    def _result(ln, diagnostics):
        m = _RESULT.match(ln.text)
        result = Result(number=int(m.group(2)), name=(m.group(3) or "").strip(),
                        ok=m.group(1) == "ok", diagnostics=diagnostics, line=ln.number)
        comment = m.group(4)
        if comment is not None:
            d = _DIRECTIVE.match(comment)
            if d:
                result.directive = d.group(1).upper()
                result.reason = d.group(2)
            else:
                result.reason = comment
        failed = next((d for d in diagnostics if FAILURE_LINE.search(d)), None)
        if failed and result.ok and result.directive != "TODO":
            said = "ok # SKIP" if result.directive == "SKIP" else "ok"
            result.contradiction = "reported '%s' after '%s'" % (said, failed.lstrip("# "))
        return result

    def parse(self):
        report = Report()
        # Everything before the first header is boot noise.
        while self.pos < len(self.lines) and self.lines[self.pos].kind != VERSION:
            self.pos += 1
        if self.pos == len(self.lines):
            report.errors.append("no 'KTAP version 1' header")
            return report
        indent = self.lines[self.pos].indent
        self.pos += 1
        report.root = self.parse_suite(indent, True)
        # Lines shallower than an indented top-level header end it early.
        while self.pos < len(self.lines) and self.lines[self.pos].kind == TEXT:
            self.pos += 1
        if self.pos < len(self.lines):
            self.errors.append("line %d: KTAP continues left of its header"
                               % self.lines[self.pos].number)
        report.errors = self.errors
        _count(report, report.root, [])
        report.interrupted = _interrupted(report.root, [])
        return report


def _count(report, suite, path):
    """Add the leaves under suite to report's totals; fill in each result's path."""
    for r in suite.results:
        r.path = ".".join(path + [r.name])
        if r.subtest is None:
            _count_leaf(report, r)
            continue
        failed_before = report.failed
        contradicted_before = _contradicted(report)
        _count(report, r.subtest, path + [r.name])
        failed_below = report.failed - failed_before
        # A case the kernel itself counted as passed makes its suite "ok"
        # too: that is the same contradiction, already counted, no error.
        honest_below = failed_below - (_contradicted(report) - contradicted_before)
        if r.status == "fail" and not failed_below:
            # The suite failed on its own (an init hook, a crash in between):
            # that is one failure nobody else counts.
            _count_leaf(report, r)
        elif r.status == "pass" and honest_below:
            report.errors.append("%s: result 'ok' but %d of its tests failed" % (r.path, honest_below))
    for child in suite.unfinished:
        _count(report, child, path + [child.name or "(unnamed)"])


def skipped_results(suite):
    """Every skipped leaf under suite, in order."""
    for r in suite.results:
        if r.subtest is not None:
            yield from skipped_results(r.subtest)
        elif r.status == "skip":
            yield r


def _contradicted(report):
    return sum(1 for r in report.failures if r.contradiction)


def _count_leaf(report, r):
    status = r.status
    if status == "pass":
        report.passed += 1
    elif status == "fail":
        report.failed += 1
        report.failures.append(r)
    else:
        report.skipped += 1


def _interrupted(suite, path):
    """The innermost incomplete document: where a crash stopped the output."""
    if suite.unfinished:
        child = suite.unfinished[-1]
        inner = _interrupted(child, path + [child.name or "(unnamed)"])
        if inner:
            return inner
    if suite.plan is not None and len(suite.results) < suite.plan:
        return (".".join(path) or "KTAP", len(suite.results) + 1, suite.plan)
    return None


def parse(text):
    """Parse serial output (str or bytes); returns a Report."""
    lines = []
    for i, line in enumerate(clean_text(text), 1):
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        lines.append(Line(i, len(line) - len(stripped), stripped, _kind(stripped)))
    return _Parser(lines).parse()


def describe_interrupted(report):
    """ "crashtest test 1 of 2": where the output stopped, or "" if it was complete."""
    if not report.interrupted:
        return ""
    where, nr, plan = report.interrupted
    if where == "KTAP":
        return "top-level test %d of %d" % (nr, plan)
    return "%s test %d of %d" % (where, nr, plan)


def failure_lines(result, indent="    "):
    """A failed result with its diagnostics, for a summary."""
    out = ["%s%s%s" % (indent, result.path or result.name,
                       " (%s)" % result.contradiction if result.contradiction else "")]
    out.extend(indent + "    " + d for d in result.diagnostics)
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: ktap.py LOG", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        report = parse(f.read())
    for r in report.failures:
        print("\n".join(failure_lines(r, "")))
    for e in report.errors:
        print("error: " + e)
    if report.found and not report.ran:
        print("error: no test ran")
    if report.skipped:
        print("(%d skipped)" % report.skipped)
    print("%d passed, %d failed" % (report.passed, report.failed))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
