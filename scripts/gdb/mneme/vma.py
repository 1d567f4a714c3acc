"""Address spaces (include/mm_types.h, mm/mmap.c, mm/mm_struct.c; ULK 9):
lx-mm (a task's memory descriptor) and lx-vmas (its regions as
/proc/PID/maps prints them, the sorted list checked against the
red-black tree, map_count and total_vm). lx-pte ADDR PID (pgtable.py)
walks a task's own page tables.

A task is named by pid or task_struct address, or is current without
an argument; a kernel thread has no mm of its own and shows the one it
borrows (active_mm).
"""
import gdb

from . import constants as C
from .command import MnemeCommand
from .cpus import current_task
from .tasks import all_tasks, find_task
from .utils import MnemeError, get_type, out, require_target

VM_FLAG_NAMES = [(C.VM_READ, "rd"), (C.VM_WRITE, "wr"), (C.VM_EXEC, "ex"), (C.VM_SHARED, "sh"),
                 (C.VM_MAYREAD, "mr"), (C.VM_MAYWRITE, "mw"), (C.VM_MAYEXEC, "me"),
                 (C.VM_MAYSHARE, "ms"), (C.VM_GROWSDOWN, "gd"), (C.VM_GROWSUP, "gu"),
                 (C.VM_DENYWRITE, "dw"), (C.VM_EXECUTABLE, "exe"), (C.VM_LOCKED, "lo"),
                 (C.VM_IO, "io"), (C.VM_SEQ_READ, "sr"), (C.VM_RAND_READ, "rr"),
                 (C.VM_DONTCOPY, "dc"), (C.VM_DONTEXPAND, "de"), (C.VM_RESERVED, "rs"),
                 (C.VM_ACCOUNT, "ac"), (C.VM_NORESERVE, "nr")]
MAX_REGIONS = 70000     # above Linux's max_map_count: a list that long loops


def vm_flags_str(flags):
    """The VM_* bits by the two-letter names of /proc/PID/smaps' VmFlags."""
    return " ".join(n for bit, n in VM_FLAG_NAMES if flags & bit)


def task_and_mm(arg):
    """(task label, task Value, the mm shown, whether it is borrowed) for a pid/address or current."""
    require_target()
    tasks = all_tasks()
    addr = find_task(tasks, arg).addr if arg else current_task()
    task = gdb.Value(addr).cast(get_type("struct task_struct").pointer()).dereference()
    label = "pid %d (%s)" % (int(task["pid"]), task["comm"].string())
    mm = task["mm"]
    borrowed = int(mm) == 0
    if borrowed:
        mm = task["active_mm"]
        if int(mm) == 0:
            raise MnemeError("%s has no mm and borrows none (a kernel thread never run)" % label)
    return label, task, mm.dereference(), borrowed


def regions(mm):
    """The regions on mm->mmap, in list order (bounded)."""
    vmas = []
    vma = mm["mmap"]
    while int(vma):
        vmas.append(vma.dereference())
        if len(vmas) > MAX_REGIONS:
            raise MnemeError("mm->mmap has more than %d regions: the list loops" % MAX_REGIONS)
        vma = vma["vm_next"]
    return vmas


def tree_in_order(mm):
    """The vm_area_struct addresses of mm->mm_rb, in order (an explicit stack: no recursion)."""
    off = int(gdb.parse_and_eval("&((struct vm_area_struct *)0)->vm_rb"))
    node_t = get_type("struct rb_node").pointer()
    result, stack = [], []
    node = mm["mm_rb"]["rb_node"]
    while stack or int(node):
        while int(node):
            stack.append(node)
            node = node["rb_left"]
            if len(stack) > 64:
                raise MnemeError("mm_rb is deeper than 64: not a red-black tree of regions")
        node = stack.pop()
        result.append(int(node) - off)
        if len(result) > MAX_REGIONS:
            raise MnemeError("mm_rb has more than %d nodes" % MAX_REGIONS)
        node = node["rb_right"].cast(node_t)
    return result


def maps_line(mm, v):
    """One /proc/PID/maps line (anonymous regions: inode 0, [heap] and [stack] named)."""
    start, end, flags = int(v["vm_start"]), int(v["vm_end"]), int(v["vm_flags"])
    perms = ("r" if flags & C.VM_READ else "-") + ("w" if flags & C.VM_WRITE else "-") + \
        ("x" if flags & C.VM_EXEC else "-") + ("s" if flags & C.VM_MAYSHARE else "p")
    pgoff = int(v["vm_pgoff"]) << C.PAGE_SHIFT if int(v["vm_file"]) else 0
    name = ""
    if int(v["vm_file"]):
        name = "(file %s)" % v["vm_file"]
    elif start <= int(mm["start_brk"]) and end >= int(mm["brk"]) and int(mm["brk"]):
        name = "[heap]"
    elif start <= int(mm["start_stack"]) <= end and int(mm["start_stack"]):
        name = "[stack]"
    elif flags & C.VM_GROWSDOWN:
        name = "[stack]"
    line = "%08x-%08x %s %08x 00:00 0" % (start, end, perms, pgoff & 0xFFFFFFFF)
    return (line + " " * max(1, 73 - len(line)) + name) if name else line


class LxMm(MnemeCommand):
    """A task's memory descriptor (struct mm_struct, ULK table 9-2).

Usage: lx-mm [PID|TASK]   (current without an argument)
The page directory (virtual and physical), the users and references,
the region count and the layout (mmap_base, top-down or legacy), the
code/data/heap/stack bounds, the page counters (total_vm, locked_vm,
stack_vm, anon_rss, file_rss and their high-water marks, page tables).
A kernel thread shows the mm it borrows (active_mm)."""

    name = "lx-mm"

    def run(self, arg, from_tty):
        label, task, mm, borrowed = task_and_mm(arg)
        addr = int(mm.address)
        pgd = int(mm["pgd"])
        out("%s: mm 0x%08x%s" % (label, addr, " (borrowed: active_mm, a kernel thread)"
                                 if borrowed else ""))
        out("  pgd 0x%08x (physical 0x%08x)  mm_users %d  mm_count %d  map_count %d"
            % (pgd, (pgd - C.PAGE_OFFSET) & 0xFFFFFFFF, int(mm["mm_users"]["counter"]),
               int(mm["mm_count"]["counter"]), int(mm["map_count"])))
        out("  mmap_base 0x%08x (%s)  free_area_cache 0x%08x  mmap_cache 0x%08x"
            % (int(mm["mmap_base"]), "legacy bottom-up" if int(mm["legacy_layout"])
               else "top-down", int(mm["free_area_cache"]), int(mm["mmap_cache"])))
        out("  code 0x%08x-0x%08x  data 0x%08x-0x%08x  brk 0x%08x-0x%08x  stack 0x%08x"
            % tuple(int(mm[f]) for f in ("start_code", "end_code", "start_data", "end_data",
                                          "start_brk", "brk", "start_stack")))
        out("  total_vm %d  locked_vm %d  stack_vm %d  hiwater_vm %d (pages)"
            % tuple(int(mm[f]) for f in ("total_vm", "locked_vm", "stack_vm", "hiwater_vm")))
        out("  anon_rss %d  file_rss %d  hiwater_rss %d  nr_ptes %d  def_flags [%s]"
            % (int(mm["anon_rss"]), int(mm["file_rss"]), int(mm["hiwater_rss"]),
               int(mm["nr_ptes"]), vm_flags_str(int(mm["def_flags"]))))


class LxVmas(MnemeCommand):
    """A task's memory regions, as /proc/PID/maps prints them, checked.

Usage: lx-vmas [PID|TASK]   (current without an argument)
One line per region of mm->mmap (start-end, rwx and p/s, offset,
device, inode, [heap]/[stack]), then its vm_area_struct and VM_* flags.
The check: the list sorted and non-overlapping, the red-black tree
mm_rb holding the same regions in the same order, map_count and
total_vm what the regions add up to."""

    name = "lx-vmas"

    def run(self, arg, from_tty):
        label, task, mm, borrowed = task_and_mm(arg)
        vmas = regions(mm)
        out("%s: mm 0x%08x, %d region%s%s" % (label, int(mm.address), len(vmas),
                                            "" if len(vmas) == 1 else "s",
                                            " (borrowed)" if borrowed else ""))
        problems, pages, prev_end = [], 0, 0
        for v in vmas:
            out(maps_line(mm, v))
            out("    vma 0x%08x  [%s]" % (int(v.address), vm_flags_str(int(v["vm_flags"]))))
            start, end = int(v["vm_start"]), int(v["vm_end"])
            if start >= end or start < prev_end:
                problems.append("region 0x%08x-0x%08x out of order or empty" % (start, end))
            prev_end = end
            pages += (end - start) >> C.PAGE_SHIFT
        tree = tree_in_order(mm)
        if tree != [int(v.address) for v in vmas]:
            problems.append("the tree (%d nodes) differs from the list (%d regions)"
                            % (len(tree), len(vmas)))
        if int(mm["map_count"]) != len(vmas):
            problems.append("map_count %d, the list has %d" % (int(mm["map_count"]), len(vmas)))
        if int(mm["total_vm"]) != pages:
            problems.append("total_vm %d, the regions have %d pages" % (int(mm["total_vm"]), pages))
        if problems:
            out("check: PROBLEMS: " + "; ".join(problems))
        else:
            out("check: consistent: list and tree agree (%d regions, %d pages)"
                % (len(vmas), pages))


LxMm()
LxVmas()
