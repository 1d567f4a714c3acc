#!/usr/bin/env python3
"""README.md's lists checked against what they describe, both ways, so that
none of them can drift:

    Boot parameters   every __setup()/early_param() of the kernel's sources,
                      and no parameter that none registers
    Targets           every phony target of the Makefile (make's own
                      database: make -pq), and no target that is not one
    The tree          every top-level directory and subdirectory (and the
                      third-level ones that hold source files), and no
                      directory that does not exist
    run_tests.py      the groups --only takes (the steps' groups), in the
                      README, in run_tests.py's docstring and in its --help
    run_qemu.py       the verdicts run_qemu.classify() can return, in the
                      README, in VERDICTS and in run_qemu.py's docstring
    Tests             every tests/host/test_*.c and fuzz_*.c program
    System calls      every number the last build wired to a function
                      (build/syscalls.txt, scripts/syscalltbl.py), and no
                      other

Each check has a twin that feeds it a drifted text and expects the drift to
be named. The gdb command table is checked by the gdb check
(tests/gdb/check_package.py). KTAP on stdout, as test_runner.py.
"""
import glob
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, HERE)

import run_qemu  # noqa: E402
import run_tests  # noqa: E402
from test_runner import ktap_main  # noqa: E402


def readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def section(text, title):
    """The body of the "## title" section (up to the next "## "), or ""."""
    m = re.search(r"^## %s\n(.*?)(?=^## |\Z)" % re.escape(title), text, re.M | re.S)
    return m.group(1) if m else ""


def table_first_cells(body):
    """The first cell of each row of the Markdown tables in body, header and rule excluded."""
    cells = []
    for line in body.splitlines():
        if not line.startswith("|") or re.match(r"^\|\s*-", line):
            continue
        cells.append(line.split("|")[1].strip())
    return cells[1:] if cells else []


def strip_c_comments(text):
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S))


def drift(want, have):
    """(what want has and have lacks, what have has and want lacks), sorted."""
    return sorted(set(want) - set(have)), sorted(set(have) - set(want))


# --- Boot parameters -----------------------------------------------------


def readme_params(text):
    """The parameter names of the Boot parameters table: `mem=SIZE` -> mem."""
    names = set()
    for cell in table_first_cells(section(text, "Boot parameters")):
        for item in re.findall(r"`([^`]+)`", cell):
            names.add(re.split(r"[=\[]", item)[0])
    return names


def kernel_params(sources):
    """{name: file} of every __setup("name", ...) and early_param("name", ...) in sources."""
    params = {}
    for path, text in sources.items():
        for m in re.finditer(r'\b(?:__setup|early_param)\(\s*"([^"]+)"', strip_c_comments(text)):
            params[m.group(1)] = path
    return params


def kernel_sources():
    """The kernel's C sources: what the Makefile compiles into it."""
    out = {}
    for d in ("boot", "arch", "kernel", "mm", "drivers", "tests/kernel"):
        for path in glob.glob(os.path.join(ROOT, d, "**", "*.c"), recursive=True):
            with open(path, encoding="utf-8", errors="replace") as f:
                out[os.path.relpath(path, ROOT)] = f.read()
    return out


# --- Targets -------------------------------------------------------------


def readme_targets(text):
    """The targets the Targets table names: `make` is the default goal, all."""
    targets = set()
    for cell in table_first_cells(section(text, "Targets")):
        for item in re.findall(r"`make(?: ([^`]*))?`", cell):
            targets.add(item.strip() or "all")
    return targets


def phony_targets():
    """The Makefile's .PHONY targets, from make's own database (nothing is built)."""
    out = subprocess.run(["make", "-C", ROOT, "--no-print-directory", "-pq", "FORCE"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    phony = set()
    for line in out.splitlines():
        if line.startswith(".PHONY:"):
            phony.update(line.split(":", 1)[1].split())
    return phony


# The phony targets that are plumbing, not commands for a user.
INTERNAL_TARGETS = {"FORCE"}


def target_drift(named, phony):
    """(phony targets the table does not name, named ones that are no phony target).
    A name with <placeholder> stands for every target it matches."""
    patterns = {n: re.compile("^" + ".+".join(map(re.escape, re.split(r"<[^>]+>", n))) + "$")
                for n in named}
    phony = set(phony) - INTERNAL_TARGETS
    missing = sorted(p for p in phony if not any(r.match(p) for r in patterns.values()))
    stale = sorted(n for n, r in patterns.items() if not any(r.match(p) for p in phony))
    return missing, stale


# --- The tree ------------------------------------------------------------


def readme_tree(text):
    """{directory: its description} of "## The tree": entries are "    dir/  text"."""
    entries, current = {}, None
    for line in section(text, "The tree").splitlines():
        m = re.match(r"^    (\S+/)(?:\s+(.*))?$", line)
        if m:
            current = m.group(1).rstrip("/")
            entries[current] = m.group(2) or ""
        elif current and line.startswith("     "):
            entries[current] += " " + line.strip()
    return entries


SOURCE_EXT = (".c", ".h", ".asm", ".py", ".sh", ".ld", ".mk")


def required_dirs(files):
    """Every directory at depth 1 or 2 holding a file (anywhere below), and
    every deeper one up to depth 3 holding a source file itself."""
    need = set()
    for f in files:
        parts = f.split("/")[:-1]
        for depth in (1, 2):
            if len(parts) >= depth:
                need.add("/".join(parts[:depth]))
        if len(parts) == 3 and f.endswith(SOURCE_EXT):
            need.add("/".join(parts))
    return need


def tree_drift(entries, need, exists):
    """(directories the tree does not cover, entries naming no directory). A
    directory is covered by its own entry, by an entry below it (arch by
    arch/x86/), or by its name with a slash in the entry of its parent
    ("include/asm/" or "shim/" in tests/host/'s text)."""
    def covered(d):
        if d in entries or any(e.startswith(d + "/") for e in entries):
            return True
        parent, name = d.rsplit("/", 1) if "/" in d else ("", d)
        while parent:
            if parent in entries:
                return bool(re.search(r"(?<![\w.-])(?:%s/)?%s/" % (re.escape(parent), re.escape(name)),
                                      entries[parent]))
            parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
        return False
    return sorted(d for d in need if not covered(d)), sorted(e for e in entries if not exists(e))


def tracked_files():
    out = subprocess.run(["git", "-C", ROOT, "ls-files"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    if out.returncode:
        raise unittest.SkipTest("not a git checkout")
    return out.stdout.split()


# --- run_tests.py --only groups --------------------------------------------


def readme_groups(text):
    """The groups the Targets table says `run_tests.py --only` takes."""
    m = re.search(r"run_tests\.py --only (\w+)` \(or ([^)]*)\)", section(text, "Targets"))
    return ({m.group(1)} | set(re.findall(r"`(\w+)`", m.group(2)))) if m else set()


def docstring_groups(doc):
    """The groups run_tests.py's docstring describes: "    name   text" lines of its table."""
    return set(re.findall(r"^    ([a-z]+) {2,}\S", doc, re.M))


# --- run_qemu.py verdicts --------------------------------------------------


def readme_verdicts(text):
    """The verdicts "Reading the output" lists: "one verdict — `pass`, ... — with"."""
    m = re.search(r"one verdict —(.*?)— with", section(text, "Reading the output"), re.S)
    return set(re.findall(r"`([a-z-]+)`", m.group(1))) if m else set()


def classify_verdicts(source):
    """The verdicts run_qemu.py can return: result("x", ...) and _Crash("x", ...) literals."""
    return set(re.findall(r'\b(?:result|_Crash)\("([a-z-]+)"', source))


def docstring_verdicts(doc):
    return set(re.findall(r"^    ([a-z]+(?:-[a-z]+)*) {2,}\S", doc, re.M))


# --- Host programs -----------------------------------------------------------


def readme_host_bullet(text):
    """The "- **Host**" item of README.md's "## Tests" section, or None."""
    body = section(text, "Tests")
    m = re.search(r"^- \*\*Host\*\*(.*?)(?=^- |\Z)", body, re.M | re.S)
    return m.group(1) if m else None


def readme_drift(text, programs):
    """(programs the Host item does not name, names in it that are no program)."""
    bullet = readme_host_bullet(text) or ""
    named = set(re.findall(r"`((?:test|fuzz)_[a-z0-9_]+)`", bullet))
    return sorted(set(programs) - named), sorted(named - set(programs))


def host_programs():
    """tests/host/test_*.c and fuzz_*.c, by program name."""
    paths = glob.glob(os.path.join(ROOT, "tests", "host", "test_*.c")) + \
        glob.glob(os.path.join(ROOT, "tests", "host", "fuzz_*.c"))
    return sorted(os.path.basename(p)[:-2] for p in paths)


# --- System calls ------------------------------------------------------------


SYSCALL_ROW = re.compile(r"^\| (\d+) \| `(\w+)` \| `(\w+)` \|", re.M)


def readme_syscalls(text):
    """{(number, name, function)} of the table under "### System calls"."""
    body = section(text, "User mode and system calls")
    body = body[body.find("### System calls"):] if "### System calls" in body else ""
    return {(int(n), name, fn) for n, name, fn in SYSCALL_ROW.findall(body)}


def built_syscalls(path=os.path.join(ROOT, "build", "syscalls.txt")):
    """{(number, name, function)} the last build wired (scripts/syscalltbl.py --table)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import syscalltbl
    return {(n, name, fn) for n, name, _, fn in syscalltbl.read_list(path) if fn != "-"}


# --- The checks ------------------------------------------------------------


class BootParameterTests(unittest.TestCase):
    def test_table_matches_the_kernel(self):
        params = kernel_params(kernel_sources())
        self.assertIn("vmalloc", params)
        missing, stale = drift(params, readme_params(readme()))
        self.assertEqual(missing, [], "registered in the kernel, not in README.md's Boot "
                         "parameters: %s" % ", ".join("%s (%s)" % (p, params[p]) for p in missing))
        self.assertEqual(stale, [], "in README.md's Boot parameters, registered nowhere")

    def test_drift_is_seen(self):
        text = ("## Boot parameters\n\n| parameter | effect |\n|---|---|\n"
                "| `mem=SIZE` | x |\n| `loglevel=N`, `quiet` | y |\n| `gone[=a,b]` | z |\n\n"
                "## Next\n| `other` | w |\n")
        self.assertEqual(readme_params(text), {"mem", "loglevel", "quiet", "gone"})
        src = {"a.c": '/* __setup("commented", f); */\nearly_param("mem", f);\n'
                      '__setup("quiet", g);\n__setup( "new",h);\n'}
        params = kernel_params(src)
        self.assertEqual(drift(params, readme_params(text)), (["new"], ["gone", "loglevel"]))


class TargetTests(unittest.TestCase):
    def test_table_matches_the_makefile(self):
        phony = phony_targets()
        self.assertIn("test", phony)
        missing, stale = target_drift(readme_targets(readme()), phony)
        self.assertEqual(missing, [], "phony targets of the Makefile not in README.md's Targets")
        self.assertEqual(stale, [], "README.md's Targets names what is no phony target")

    def test_drift_is_seen(self):
        text = ("## Targets\n\n| target | what |\n|---|---|\n| `make` / `make all` | a |\n"
                "| `make run` | b |\n| `make fuzz-run-fuzz_<name>` | c |\n| `make gone` | d |\n")
        named = readme_targets(text)
        self.assertEqual(named, {"all", "run", "fuzz-run-fuzz_<name>", "gone"})
        self.assertEqual(target_drift(named, {"all", "run", "fuzz-run-fuzz_x", "fuzz-run-fuzz_y",
                                              "clean", "FORCE"}), (["clean"], ["gone"]))
        self.assertEqual(target_drift({"fuzz-run-fuzz_<name>"}, set()),
                         ([], ["fuzz-run-fuzz_<name>"]))


class TreeTests(unittest.TestCase):
    def test_tree_matches_the_directories(self):
        entries = readme_tree(readme())
        self.assertIn("mm", entries)
        missing, stale = tree_drift(entries, required_dirs(tracked_files()),
                                    lambda d: os.path.isdir(os.path.join(ROOT, d)))
        self.assertEqual(missing, [], "directories README.md's tree section does not name")
        self.assertEqual(stale, [], "README.md's tree section names what is no directory")

    def test_drift_is_seen(self):
        text = ("## The tree\n\n    boot/         the stub\n    arch/x86/     x86, mm/ below\n"
                "    include/      headers; include/asm/ for x86\n    gone/         nothing\n"
                "    tests/host/   host tests\n                  (see shim/)\n\n## Tests\n")
        entries = readme_tree(text)
        self.assertEqual(sorted(entries), ["arch/x86", "boot", "gone", "include", "tests/host"])
        files = ["boot/a.asm", "arch/x86/a.c", "arch/x86/mm/b.c", "arch/x86/lib/c.c",
                 "include/asm/p.h", "tests/host/shim/s.c", "tests/host/corpus/f/seed",
                 "tests/kernel/k.c", "new/x.py", "README.md"]
        need = required_dirs(files)
        self.assertEqual(need, {"boot", "arch", "arch/x86", "arch/x86/mm", "arch/x86/lib",
                                "include", "include/asm", "tests", "tests/host",
                                "tests/host/shim", "tests/kernel", "new"})
        self.assertEqual(tree_drift(entries, need, lambda d: d != "gone"),
                         (["arch/x86/lib", "new", "tests/kernel"], ["gone"]))


class RunTestsGroupTests(unittest.TestCase):
    def test_groups_everywhere_the_same(self):
        groups = {s.group for s in run_tests.build_steps()}
        self.assertIn("kernel", groups)
        self.assertEqual(set(run_tests.GROUPS), groups, "run_tests.GROUPS vs the steps' groups")
        self.assertEqual(drift(groups, readme_groups(readme())), ([], []),
                         "README.md's `run_tests.py --only` groups (missing, stale)")
        self.assertEqual(drift(groups, docstring_groups(run_tests.__doc__)), ([], []),
                         "run_tests.py's docstring groups (missing, stale)")

    def test_drift_is_seen(self):
        text = ("## Targets\n| `make test` | all. `python3 scripts/run_tests.py --only kernel` "
                "(or `host`, `gone`, step names) runs a subset |\n")
        self.assertEqual(readme_groups(text), {"kernel", "host", "gone"})
        self.assertEqual(docstring_groups("x\n\n    host      a\n    kernel    b\n          c\n"),
                         {"host", "kernel"})


class VerdictTests(unittest.TestCase):
    def test_verdicts_everywhere_the_same(self):
        with open(run_qemu.__file__, encoding="utf-8") as f:
            returned = classify_verdicts(f.read())
        self.assertIn("triple-fault", returned)
        self.assertEqual(drift(run_qemu.VERDICTS, returned), ([], []),
                         "run_qemu.VERDICTS vs what classify() returns (never, undeclared)")
        self.assertEqual(drift(returned, readme_verdicts(readme())), ([], []),
                         "README.md's verdict list (missing, stale)")
        self.assertEqual(drift(returned, docstring_verdicts(run_qemu.__doc__)), ([], []),
                         "run_qemu.py's docstring verdicts (missing, stale)")

    def test_drift_is_seen(self):
        src = 'result("pass", x)\n_Crash("oops", y)\nresult( "no", z)\nreturn result("new-one", m)\n'
        self.assertEqual(classify_verdicts(src), {"pass", "oops", "new-one"})
        text = ("## Reading the output\n\nand gives one verdict — `pass`, `oops`,\n"
                "`gone` — with a message\n")
        self.assertEqual(drift({"pass", "oops", "new-one"}, readme_verdicts(text)),
                         (["new-one"], ["gone"]))


class HostProgramTests(unittest.TestCase):
    """README.md names every host test and fuzzer, and nothing else."""

    def test_every_host_program_is_named(self):
        text = readme()
        self.assertIsNotNone(readme_host_bullet(text), "README.md: no Host item under ## Tests")
        programs = host_programs()
        self.assertIn("fuzz_slab", programs)
        missing, stale = readme_drift(text, programs)
        self.assertEqual(missing, [], "README.md's Tests section does not name these")
        self.assertEqual(stale, [], "README.md's Tests section names programs that do not exist")

    def test_drift_is_seen(self):
        text = ("# X\n\n## Tests\n\n- **Host**: `test_a`, `fuzz_b`,\n  and `test_gone`.\n"
                "- **Kernel**: `test_c` is a kernel test.\n\n## Other\n\n`fuzz_d`\n")
        self.assertEqual(readme_drift(text, ["test_a", "fuzz_b", "test_c", "fuzz_d"]),
                         (["fuzz_d", "test_c"], ["test_gone"]))
        self.assertEqual(readme_drift("# no tests section\n", ["test_a"]), (["test_a"], []))


class SyscallTests(unittest.TestCase):
    """README.md's system-call table is the one the build generated."""

    def test_table_matches_the_build(self):
        path = os.path.join(ROOT, "build", "syscalls.txt")
        self.assertTrue(os.path.exists(path), "no %s: build the kernel first (make)" % path)
        built = built_syscalls(path)
        self.assertIn((20, "getpid", "sys_getpid"), built)
        missing, stale = drift(built, readme_syscalls(readme()))
        self.assertEqual(missing, [], "wired by the build, not in README.md's System calls "
                         "(python3 scripts/syscalltbl.py --readme build/syscalls.txt)")
        self.assertEqual(stale, [], "in README.md's System calls, not wired by the build")

    def test_drift_is_seen(self):
        text = ("## User mode and system calls\n\n### System calls\n\n| number | name | "
                "function | what |\n|---|---|---|---|\n| 1 | `exit` | `sys_exit` | ends |\n"
                "| 7 | `gone` | `sys_gone` | x |\n\n## Next\n\n| 9 | `later` | `sys_later` | y |\n")
        self.assertEqual(readme_syscalls(text), {(1, "exit", "sys_exit"), (7, "gone", "sys_gone")})
        self.assertEqual(drift({(1, "exit", "sys_exit"), (20, "getpid", "sys_getpid")},
                               readme_syscalls(text)),
                         ([(20, "getpid", "sys_getpid")], [(7, "gone", "sys_gone")]))


if __name__ == "__main__":
    sys.exit(ktap_main(__name__, "readme"))
