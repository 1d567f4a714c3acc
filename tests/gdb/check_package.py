"""Checks of the helper package itself, with the kernel's symbols and no
QEMU: every command gdb knows is listed by mneme-help and in README.md's
gdb table (and nothing else is), each fails in one line of its own
without a live target, and the constants generated from the headers
agree with what the debug info of the same build says."""
import os
import re

import gdb

import mneme.constants as C
from driver import ROOT, check
from mneme.command import commands

README = os.path.join(ROOT, "README.md")


def gdb_commands():
    """The lx-* and mneme-* commands gdb itself completes (not the package's registry)."""
    names = set()
    for prefix in ("lx-", "mneme-"):
        names |= set(gdb.execute("complete " + prefix, to_string=True).split())
    return names


def readme_table_commands():
    """The commands named in the first column of README.md's gdb table."""
    text = open(README).read()
    m = re.search(r"^## Debugging\n(.*?)^## ", text, re.M | re.S)
    if not m:
        return None
    names = set()
    for row in re.findall(r"^\| (.*?) \|", m.group(1), re.M):
        names |= set(re.findall(r"`((?:lx|mneme)-[a-z0-9-]+)", row))
    return names


@check
def commands_listed_in_help_and_readme(s, chk):
    known = gdb_commands()
    registered = {c.name for c in commands()}
    chk.expect(known == registered, "gdb completes %s, the package registered %s"
               % (sorted(known), sorted(registered)))
    helptext = s.command(chk, "mneme-help")
    missing = [n for n in sorted(known) if not re.search(r"^  %s " % re.escape(n), helptext, re.M)]
    chk.expect(not missing, "mneme-help does not list %s" % missing)
    table = readme_table_commands()
    if chk.expect(table is not None, "no gdb table under '## Debugging' in README.md"):
        chk.expect(table == known, "README.md's gdb table: missing %s, not commands %s"
                   % (sorted(known - table), sorted(table - known)))
    chk.note("%d commands: %s" % (len(known), " ".join(sorted(known))))


@check
def commands_without_target_fail_in_one_line(s, chk):
    for c in commands():
        try:
            text = s.ex(c.name)
            chk.expect(c.name in ("mneme-help", "lx-help"), "`%s` without a target did not "
                       "fail: %r" % (c.name, text[:200]))
        except gdb.error as e:
            msg = str(e)
            chk.expect(msg.startswith(c.name + ": ") and "\n" not in msg.strip() and
                       "Error occurred in Python" not in msg,
                       "`%s` without a target: expected one line '%s: ...', got %r"
                       % (c.name, c.name, msg))


@check
def generated_constants_match_debug_info(s, chk):
    def n(expr):
        return int(gdb.parse_and_eval(expr)) & 0xFFFFFFFF

    def nelem(arr):
        return n("sizeof(%s) / sizeof(%s[0])" % (arr, arr))
    zone = "contig_page_data.node_zones[0]"
    pairs = [
        ("MAX_ORDER", C.MAX_ORDER, nelem(zone + ".free_area")),
        ("NR_CPUS", C.NR_CPUS, nelem(zone + ".pageset")),
        ("NR_PCP_LISTS", C.NR_PCP_LISTS, nelem(zone + ".pageset[0].pcp")),
        ("1 << ZONES_SHIFT >= zones", 1 << C.ZONES_SHIFT,
         max(1 << C.ZONES_SHIFT, nelem("contig_page_data.node_zones"))),
        # The definition's file: without a frame, gdb may find the size-less
        # `extern int pkmap_count[]` of a file that includes highmem.h first.
        ("LAST_PKMAP", C.LAST_PKMAP, nelem("'mm/highmem.c'::pkmap_count")),
        ("1 << PA_HASH_ORDER", 1 << C.PA_HASH_ORDER, nelem("page_address_htable")),
        ("LOG_BUF_LEN", C.LOG_BUF_LEN, n("sizeof(log_buf)")),
        ("THREAD_SIZE", C.THREAD_SIZE, n("sizeof(init_thread_union)")),
        ("PAGE_OFFSET", C.PAGE_OFFSET, n("(unsigned long)&__PAGE_OFFSET")),
        ("FIXADDR_START", C.FIXADDR_START,
         C.FIXADDR_TOP - (n("__end_of_fixed_addresses") << C.PAGE_SHIFT)),
        ("PTRS_PER_PGD", C.PTRS_PER_PGD, nelem("swapper_pg_dir")),
    ]
    for name, generated, debug_info in pairs:
        chk.expect(generated == debug_info, "%s: generated 0x%x, the debug info says 0x%x"
                   % (name, generated, debug_info))
    chk.note("%d constants from %s, %d compared" % (
        len([k for k in vars(C) if k.isupper() or k.startswith("_PAGE")]),
        os.path.relpath(C.__file__, ROOT), len(pairs)))
