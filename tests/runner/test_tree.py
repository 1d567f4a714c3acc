#!/usr/bin/env python3
"""Checks of the source tree itself, which the compiler does not make:

    declarations   every function include/ and mm/internal.h declare is
                   defined: in the kernel image (build/mneme.elf, so `make`
                   must have run, as `make test` does first), inline in a
                   header, or in the host shims for what only host builds
                   declare. A prototype nothing defines is dead code that
                   still reads like an interface (kmem_cache_init_late(),
                   show_mem() and two more were).
    gdb paths      no kernel source's path is the tail of another's: gdb
                   takes 'mm/highmem.c' (in 'mm/highmem.c'::pkmap_count or
                   `break mm/highmem.c:99`) as a suffix, so it would also
                   match an arch/x86/mm/highmem.c.

Each check has a twin on made-up input that must find the fault. KTAP on
stdout, as test_runner.py.
"""
import glob
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from test_runner import ktap_main  # noqa: E402

ELF = os.path.join(ROOT, "build", "mneme.elf")
NM = os.environ.get("NM", "i686-linux-gnu-nm")
KERNEL_DIRS = ("boot", "arch", "kernel", "mm", "include", "tests/kernel")

# Declared on purpose and never defined: the link fails if they are used.
NEVER_DEFINED = {
    "__get_user_bad": "asm/uaccess.h: __get_user() of an unsupported size",
    "__put_user_bad": "asm/uaccess.h: __put_user() of an unsupported size",
}


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def strip_comments_and_cpp(text):
    """C text without comments, string literals' contents, and preprocessor lines."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", text, flags=re.M)


ATTRIBUTE = re.compile(r"\b(?:__attribute__\s*\(\(.*?\)\)|__printf\s*\([^)]*\)|__\w+)\s*$", re.S)


def declared_functions(text):
    """The names of the functions text declares without defining (prototypes ending in ';')."""
    text = strip_comments_and_cpp(text)
    names, stmt, depth = [], [], 0
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                head = "".join(stmt)
                head = head[:head.find("{")] if "{" in head else head
                if head.rstrip().endswith(")"):
                    stmt = []               # a function definition: not a declaration
                    continue
        if depth == 0 and ch == ";":
            decl = "".join(stmt).strip()
            stmt = []
            if "{" in decl or "=" in decl or decl.startswith(("typedef", "extern")):
                continue
            while True:                     # trailing attributes
                stripped = ATTRIBUTE.sub("", decl).rstrip()
                if stripped == decl:
                    break
                decl = stripped
            if not decl.endswith(")"):
                continue
            level, i = 0, len(decl) - 1     # the parameter list's "("
            while i >= 0:
                level += {")": 1, "(": -1}.get(decl[i], 0)
                if level == 0:
                    break
                i -= 1
            m = re.search(r"(\w+)\s*$", decl[:i])
            if m and not decl[:i].rstrip().endswith(")"):   # not (*fn)(...)
                names.append(m.group(1))
            continue
        stmt.append(ch)
    return names


def defined_in_sources(texts):
    """Function names defined in these sources (a parameter list followed by a body)."""
    names = set()
    for text in texts:
        for m in re.finditer(r"\b(\w+)\s*\([^;{}()]*(?:\([^()]*\)[^;{}()]*)*\)\s*\{",
                             strip_comments_and_cpp(text)):
            names.add(m.group(1))
    return names


def image_symbols():
    out = subprocess.run([NM, ELF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode:
        raise AssertionError("cannot read %s (run make first): %s" % (ELF, out.stderr.strip()))
    return {line.split()[-1] for line in out.stdout.splitlines() if line.strip()}


def undefined_declarations(headers, defined):
    """{name: header} of the functions headers declare and nothing defines."""
    missing = {}
    for path, text in headers.items():
        for name in declared_functions(text):
            if name not in defined and name not in NEVER_DEFINED:
                missing[name] = path
    return missing


def suffix_clashes(paths):
    """Pairs (a, b) of paths where b ends with "/" + a: gdb cannot tell a from b."""
    paths = sorted(set(paths))
    return [(a, b) for a in paths for b in paths if b.endswith("/" + a)]


def kernel_paths():
    found = []
    for d in KERNEL_DIRS:
        for ext in ("c", "h", "asm"):
            found += glob.glob(os.path.join(ROOT, d, "**", "*." + ext), recursive=True)
    return [os.path.relpath(p, ROOT) for p in found]


class DeclarationTests(unittest.TestCase):
    def test_every_declared_function_is_defined(self):
        headers = {os.path.relpath(p, ROOT): read(p)
                   for p in glob.glob(os.path.join(ROOT, "include", "**", "*.h"), recursive=True)
                   + [os.path.join(ROOT, "mm", "internal.h")]}
        sources = [read(p) for p in glob.glob(os.path.join(ROOT, "**", "*.[ch]"), recursive=True)
                   if "/build/" not in p]
        defined = image_symbols() | defined_in_sources(sources)
        self.assertIn("kmem_cache_alloc", defined)
        declared = {n for t in headers.values() for n in declared_functions(t)}
        self.assertIn("vmalloc", declared)
        self.assertIn("vsnprintf", declared)    # behind __printf()
        missing = undefined_declarations(headers, defined)
        self.assertEqual(missing, {}, "declared, defined nowhere (a header's dead prototype)")

    def test_twin(self):
        header = ("/* void commented(void); */\n#define M(x) f(x);\n"
                  "typedef int (*fn_t)(int);\nextern int var;\nstruct s { int (*op)(void); };\n"
                  "__printf(1, 2) int logf(const char *fmt, ...);\nvoid gone(void);\n"
                  "static inline int inl(int a)\n{\n\treturn a;\n}\n"
                  "void attr(int) __attribute__((noreturn));\nint __get_user_bad(void);\n")
        self.assertEqual(declared_functions(header), ["logf", "gone", "attr", "__get_user_bad"])
        self.assertEqual(undefined_declarations({"x.h": header}, {"logf", "attr"}),
                         {"gone": "x.h"})
        self.assertEqual(defined_in_sources(["int logf(const char *f, ...)\n{\n}\n"
                                             "void w(void (*cb)(int))\n{\n}\n"]), {"logf", "w"})


class GdbPathTests(unittest.TestCase):
    def test_no_path_is_the_tail_of_another(self):
        paths = kernel_paths()
        self.assertIn("mm/highmem.c", paths)
        self.assertEqual(suffix_clashes(paths), [],
                         "gdb would take the first for the second too: rename one")

    def test_twin(self):
        self.assertEqual(suffix_clashes(["mm/highmem.c", "arch/x86/mm/highmem.c",
                                         "kernel/extable.c", "arch/x86/mm/extable.c",
                                         "highmem.c"]),
                         [("highmem.c", "arch/x86/mm/highmem.c"), ("highmem.c", "mm/highmem.c"),
                          ("mm/highmem.c", "arch/x86/mm/highmem.c")])


if __name__ == "__main__":
    sys.exit(ktap_main(__name__, "tree"))
