"""Checks of the slab commands: lx-slabinfo against the kernel's report
and cache_chain read directly, lx-slab's totals and consistency on every
cache, lx-slabobj and lx-page on objects in use, free and in the per-CPU
array; with slab_debug, lx-slab -v and lx-slabobj on red zones, poison
and the last user."""
import re

import gdb

from driver import check
from mneme.constants import BUFCTL_ACTIVE, BUFCTL_END, RED_ACTIVE, SLAB_RED_ZONE

SLAB_CACHE = "size-64"          # lx-slab and lx-slabobj are checked on it (or on another
                                # cache with objects in use, if it has none)
SLABINFO_RE = re.compile(r"^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) : tunables\s+(\d+)"
                         r"\s+(\d+)\s+(\d+) : slabdata\s+(\d+)\s+(\d+)\s+(\d+)$")


def slabinfo_rows(lines):
    """{cache name: {active_objs, num_objs, ..., num_slabs}} of slabinfo lines."""
    rows = {}
    for line in lines[2:]:
        m = SLABINFO_RE.match(line)
        if m:
            v = [int(x) for x in m.groups()[1:]]
            rows[m.group(1)] = dict(zip(("active_objs", "num_objs", "objsize", "objperslab",
                                         "pagesperslab", "limit", "batchcount", "shared",
                                         "active_slabs", "num_slabs", "sharedavail"), v))
    return rows


def slab_caches(s):
    """[(address, name)] of cache_chain, read with gdb expressions only."""
    head = s.addr_of("cache_chain")
    off = s.val("(unsigned long)&((struct kmem_cache_s *)0)->next")
    node = s.val("(unsigned long)cache_chain.next") & 0xFFFFFFFF
    caches = []
    while node != head and len(caches) < 1024:
        c = node - off
        caches.append((c, gdb.parse_and_eval("((struct kmem_cache_s *)%d)->name" % c).string()))
        node = s.val("(unsigned long)((struct list_head *)%d)->next" % node) & 0xFFFFFFFF
    return caches


def cache_val(s, c, field):
    return s.val("(unsigned long)((struct kmem_cache_s *)%d)->%s" % (c, field)) & 0xFFFFFFFF


def array_entries(s, c):
    ac = "((struct kmem_cache_s *)%d)->array[0]" % c
    avail = s.val("%s->avail" % ac)
    return [s.val("(unsigned long)((void **)(%s + 1))[%d]" % (ac, i)) & 0xFFFFFFFF
            for i in range(min(avail, 1024))]


def slab_in_use(s, c, allocated=False):
    """(slab, s_mem, index of a BUFCTL_ACTIVE object) of cache c, by gdb expressions;
    allocated: one handed out to a user (not sitting in the per-CPU array)."""
    entries = set(array_entries(s, c)) if allocated else set()
    list_off = s.val("(unsigned long)&((struct slab *)0)->list")
    for lst in ("slabs_partial", "slabs_full"):
        head = c + s.val("(unsigned long)&((struct kmem_cache_s *)0)->lists.%s" % lst)
        nxt = cache_val(s, c, "lists.%s.next" % lst)
        if nxt == head:
            continue
        slab = nxt - list_off
        num, objsize = cache_val(s, c, "num"), cache_val(s, c, "objsize")
        s_mem = s.val("(unsigned long)((struct slab *)%d)->s_mem" % slab) & 0xFFFFFFFF
        bufctl = "((unsigned int *)((struct slab *)%d + 1))" % slab
        for i in range(num):
            if s.val("%s[%d]" % (bufctl, i)) & 0xFFFFFFFF == BUFCTL_ACTIVE and \
                    s_mem + i * objsize not in entries:
                return slab, s_mem, i
    raise LookupError("cache 0x%x has no object in use in its slabs" % c)


def pick_cache(s, allocated=False, red_zone=False):
    """(address, name) of SLAB_CACHE, or else of the first cache on the chain,
    with an object in use in its slabs (allocated, with red zones: see slab_in_use)."""
    for addr, name in sorted(slab_caches(s), key=lambda c: c[1] != SLAB_CACHE):
        if red_zone and not cache_val(s, addr, "flags") & SLAB_RED_ZONE:
            continue
        try:
            slab_in_use(s, addr, allocated)
            return addr, name
        except LookupError:
            continue
    raise LookupError("no cache has an object %s" % ("allocated" if allocated else "in use"))


def compare_slabinfo(s, chk):
    out = s.command(chk, "lx-slabinfo").splitlines()
    kernel = s.compare_report(chk, "slabinfo", out)
    if not kernel:
        return
    # And against cache_chain read directly: the same caches in the same order.
    caches = slab_caches(s)
    rows = slabinfo_rows(out)
    names = [n for _, n in caches]
    chk.expect(list(rows) == names, "lx-slabinfo lists %s, cache_chain holds %s"
               % (list(rows), names))
    for addr, name in caches:
        if name in rows:
            ns = cache_val(s, addr, "num_slabs")
            chk.expect(rows[name]["num_slabs"] == ns, "%s: lx-slabinfo num_slabs %d, the "
                       "cache's num_slabs %d" % (name, rows[name]["num_slabs"], ns))
    line = [l for l in kernel if l.startswith(SLAB_CACHE + " ")]
    chk.note("%d caches, e.g. %r" % (len(caches), line[0] if line else kernel[-1]))


@check
def lx_slabinfo_matches_kernel(s, chk):
    compare_slabinfo(s, chk)


@check
def lx_slab_consistent_totals(s, chk):
    kernel = slabinfo_rows(s.serial_report("slabinfo") or [])
    c, name = pick_cache(s)
    if not chk.expect(name in kernel, "no %s line in the kernel's slabinfo report" % name):
        return
    out = s.command(chk, "lx-slab %s" % name)
    chk.expect("<-" not in out, "lx-slab %s flags problems: %r" % (
        name, [l for l in out.splitlines() if "<-" in l][:5]))
    m = re.search(r"^  slabinfo: active_objs (\d+), num_objs (\d+), active_slabs (\d+), "
                  r"num_slabs (\d+)", out, re.M)
    if chk.expect(m, "no '  slabinfo: active_objs ...' line in %r" % out[:600]):
        got = dict(zip(("active_objs", "num_objs", "active_slabs", "num_slabs"),
                       (int(x) for x in m.groups())))
        want = {k: kernel[name][k] for k in got}
        chk.expect(got == want, "lx-slab %s counted %s on the lists, the kernel reported %s"
                   % (name, got, want))
    m = re.search(r"^check: consistent: (\d+) slabs?, (\d+) objects?: (\d+) active \((\d+) in "
                  r"the per-CPU arrays, (\d+) held by users\), (\d+) free in the slabs$",
                  out, re.M)
    if chk.expect(m, "no 'check: consistent: ...' line: %r" % out.splitlines()[-1:]):
        chk.note("%s: %s" % (name, m.group(0)))
        slabs, objs, active, in_arrays, users, free = (int(x) for x in m.groups())
        direct = {"num_slabs": cache_val(s, c, "num_slabs"),
                  "free_objects": cache_val(s, c, "lists.free_objects"),
                  "avail": s.val("((struct kmem_cache_s *)%d)->array[0]->avail" % c)}
        chk.expect((slabs, free, in_arrays) == (direct["num_slabs"], direct["free_objects"],
                                               direct["avail"]),
                   "lx-slab: %d slabs, %d free, %d in the array; the cache says %s"
                   % (slabs, free, in_arrays, direct))
        slab_lines = re.findall(r"^  slab 0x[0-9a-f]{8}: pfn ", out, re.M)
        chk.expect(slabs > 16 or len(slab_lines) == slabs,      # -n's default: 16 a list
                   "%d slab lines for %d slabs" % (len(slab_lines), slabs))
    # Every cache with slabs, by address: consistent too.
    bad = []
    for addr, n in slab_caches(s):
        if not cache_val(s, addr, "num_slabs"):
            continue
        o = s.command(chk, "lx-slab 0x%x -n 1" % addr)
        if not re.search(r"^check: consistent: ", o, re.M) or "<-" in o:
            bad.append("%s: %r" % (n, [l for l in o.splitlines() if "<-" in l or
                                       l.startswith("check:")][:4]))
    chk.expect(not bad, "lx-slab flags problems in: %s" % "; ".join(bad[:5]))


@check
def lx_slabobj_lx_page_name_the_cache(s, chk):
    c, name = pick_cache(s)
    objsize, dbghead, num = (cache_val(s, c, f) for f in ("objsize", "dbghead", "num"))
    slab, s_mem, i = slab_in_use(s, c)
    slot = s_mem + i * objsize
    obj = slot + dbghead
    entries = array_entries(s, c)
    out = s.command(chk, "lx-slabobj 0x%x" % (obj + 5))
    head = "0x%08x: cache '%s' (0x%08x), slab 0x%08x" % (obj + 5, name, c, slab)
    chk.expect(out.startswith(head), "lx-slabobj: expected %r first, got %r" % (head, out[:300]))
    want = "object %d of %d: starts at 0x%08x" % (i, num, obj)
    chk.expect(want in out, "lx-slabobj: expected %r in %r" % (want, out[:500]))
    want = "state: in the per-CPU array" if slot in entries else "state: allocated"
    chk.expect(want in out, "lx-slabobj: expected %r in %r" % (want, out[:500]))
    chk.note("0x%08x: object %d of slab 0x%08x of %s (%s)" % (obj + 5, i, slab, name, want[7:]))
    if entries:
        e = entries[-1]
        out = s.command(chk, "lx-slabobj 0x%x" % (e + dbghead))
        want = "state: in the per-CPU array (array[0] entry %d of avail %d" % (
            len(entries) - 1, len(entries))
        chk.expect(want in out and "cache '%s'" % name in out,
                   "lx-slabobj on the array's newest entry 0x%08x: expected %r in %r"
                   % (e, want, out[:500]))
    free = s.val("((struct slab *)%d)->free" % slab) & 0xFFFFFFFF
    if free != BUFCTL_END:
        out = s.command(chk, "lx-slabobj 0x%x" % (s_mem + free * objsize + dbghead))
        chk.expect("state: free in its slab: entry 1 of" in out,
                   "lx-slabobj on the slab's first free object %d: %r" % (free, out[:500]))
    out = s.command(chk, "lx-page -a 0x%x" % obj)
    want = "slab page of cache '%s' (0x%08x), slab 0x%08x" % (name, c, slab)
    chk.expect(want in out, "lx-page -a 0x%x: expected %r in %r" % (obj, want, out[-600:]))
    s.expect_listed(chk, ("lx-slabinfo", "lx-slab", "lx-slabobj"))


@check
def slab_debug_boot(s, chk):
    s.run_to_boot_complete()
    chk.expect(s.val("slab_debug_all") == 1, "slab_debug_all is not 1 with slab_debug "
               "on the command line")


@check
def slab_debug_lx_slabinfo_matches_kernel(s, chk):
    compare_slabinfo(s, chk)


@check
def slab_debug_lx_slab_red_zones(s, chk):
    c, name = pick_cache(s, allocated=True, red_zone=True)
    objsize, dbghead, num = (cache_val(s, c, f) for f in ("objsize", "dbghead", "num"))
    out = s.command(chk, "lx-slab %s -v -n 0" % name)
    s.expect_consistent(chk, out, "lx-slab %s -v" % name)
    flags = re.search(r"^  flags 0x[0-9a-f]+: (\S+)$", out, re.M)
    flags = flags.group(1).split("|") if flags else []
    chk.expect(all(f in flags for f in ("SLAB_RED_ZONE", "SLAB_POISON", "SLAB_STORE_USER")),
               "flags do not say SLAB_RED_ZONE|SLAB_POISON|SLAB_STORE_USER: %r" % flags)
    objs = re.findall(r"^    \[\s*(\d+)\] (0x[0-9a-f]{8}) (allocated|in the array|free)\s+"
                      r"red zones (\w+)/(\w+)(?:, poison (\w+))?, last user (\S+)$", out, re.M)
    nslabs = cache_val(s, c, "num_slabs")
    chk.expect(len(objs) == nslabs * num, "%d object lines with red zones, expected %d x %d"
               % (len(objs), nslabs, num))
    seen = {}
    for idx, addr, state, rz1, rz2, poison, user in objs:
        seen.setdefault(state, (int(addr, 16), user))
        if state == "allocated":
            ok = rz1 == rz2 == "active" and not poison and not user.startswith(("0x", "-"))
        else:
            ok = rz1 == rz2 == "inactive" and poison == "intact"
        chk.expect(ok, "object %s at %s (%s): red zones %s/%s, poison %s, last user %s"
                   % (idx, addr, state, rz1, rz2, poison or "-", user))
    chk.note("%s: %d objects: %s" % (name, len(objs), ", ".join(
        "%d %s" % (sum(1 for o in objs if o[2] == st), st) for st in sorted(seen))))
    if not chk.expect("allocated" in seen, "no allocated object in %s" % name):
        return
    obj, user = seen["allocated"]
    for off in (-4, cache_val(s, c, "reallen")):
        v = s.val("*(unsigned int *)0x%x" % (obj + off)) & 0xFFFFFFFF
        chk.expect(v == RED_ACTIVE, "the word at 0x%x is 0x%08x, expected RED_ACTIVE"
                   % (obj + off, v))
    out = s.command(chk, "lx-slabobj 0x%x" % obj)
    want = "debug: red zones active/active, last user %s" % user
    chk.expect("state: allocated" in out and want in out,
               "lx-slabobj 0x%x: expected 'state: allocated' and %r in %r" % (obj, want, out))
    out = s.command(chk, "lx-slabobj 0x%x" % (obj - 4))
    chk.expect("address is in red zone 1" in out, "lx-slabobj 0x%x: %r" % (obj - 4, out))
    chk.note("object 0x%08x (slot %d bytes, dbghead %d): last user %s"
             % (obj, objsize, dbghead, user))
