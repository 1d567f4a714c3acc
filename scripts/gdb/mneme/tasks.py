"""Tasks (include/sched.h, kernel/sched.c, kernel/fork.c, kernel/exit.c,
arch/x86/switch_to.asm, arch/x86/process.c; ULK 3): task_list, the run
queue, each task's saved context and kernel stack, wait queues; lx-ps and
lx-bt.

A task that is not running was switched out by __switch_to_asm(), which
pushed ebp, ebx, esi and edi on its stack and saved esp in thread.esp:
there lie [edi, esi, ebx, ebp, return address into schedule()], and
from that ebp the frame-pointer chain (-fno-omit-frame-pointer: [ebp]
the caller's ebp, [ebp+4] the return address) leads down to
ret_from_kernel_thread, or for a task that entered from user mode to
the entry code (ebp 0 ends it: arch/x86/entry.asm clears it on entry
from user mode). A thread never run yet has the frame copy_thread()
built: the return address is ret_from_kernel_thread itself, ebx the
function and esi its argument.

A user task (PF_KTHREAD clear) has its user-mode registers in the
struct pt_regs at the top of its kernel stack (task_pt_regs()): lx-ps
and lx-bt show its user eip and esp from there. A task with an address
space (task->mm) has its resident pages counted in the mm (anon_rss,
file_rss: /proc/<pid>/status's RssAnon and RssFile): lx-ps shows them.
"""
import gdb

from . import constants as C
from .command import MnemeCommand
from .cpus import current_task
from .lists import list_empty, list_for_each, list_for_each_entry, list_walk
from .symbols import (inlined_at, kallsyms_lookup, kernel_text_address, ksym_short,
                      source_line, sprint_backtrace, sprint_symbol)
from .utils import (MnemeError, NotYet, cstring, get_type, lookup_var, offset_of, out,
                    parse_address, parse_flag, read_bytes, s32, struct_layout, symbol_address, u32)

# kernel/sched.c's task_state_name()
TASK_STATE_NAMES = {C.TASK_RUNNING: "R (runnable)", C.TASK_INTERRUPTIBLE: "S (sleeping)",
                    C.TASK_UNINTERRUPTIBLE: "D (disk sleep)", C.EXIT_ZOMBIE: "Z (zombie)",
                    C.TASK_DEAD: "X (dead)"}
SWITCH_FRAME = ("edi", "esi", "ebx", "ebp", "ret")      # at thread.esp
SCHED_FUNCS = ("schedule", "__switch_to", "__switch_to_asm")   # skipped for WCHAN
BT_MAX_FRAMES = 64
PT_REGS = ("ebx", "ecx", "edx", "esi", "edi", "ebp", "eax", "xds", "xes", "orig_eax", "eip",
           "xcs", "eflags", "esp", "xss")
TASK_MEMBERS = ("state", "flags", "pid", "stack", "thread.esp", "thread.esp0", "run_list.next",
                "tasks.next", "parent", "time_slice", "nvcsw", "nivcsw", "runtime",
                "exit_code", "thread_fn", "thread_arg", "comm", "mm")
MM_RSS = ("anon_rss", "file_rss")


class Task:
    """One task_struct, read in one go."""

    def __init__(self, addr):
        lay = struct_layout("struct task_struct", TASK_MEMBERS)
        self.addr = addr & 0xFFFFFFFF
        raw = read_bytes(self.addr, lay.size)
        v = lay.decode(raw)
        self.state = s32(raw, lay["state"])
        self.flags, self.pid = v["flags"], s32(raw, lay["pid"])
        self.stack, self.esp, self.esp0 = v["stack"], v["thread.esp"], v["thread.esp0"]
        self.run_list = self.addr + lay["run_list.next"]
        self.run_list_next = v["run_list.next"]
        self.parent, self.time_slice = v["parent"], v["time_slice"]
        self.nvcsw, self.nivcsw, self.runtime = v["nvcsw"], v["nivcsw"], v["runtime"]
        self.exit_code = s32(raw, lay["exit_code"])
        self.thread_fn, self.thread_arg = v["thread_fn"], v["thread_arg"]
        self.is_user = not self.flags & C.PF_KTHREAD
        self.mm = v["mm"]
        n = get_type("struct task_struct")["comm"].type.sizeof
        self.comm = cstring(raw[lay["comm"]:lay["comm"] + n])

    @property
    def top(self):
        return (self.stack + C.THREAD_SIZE) & 0xFFFFFFFF

    def label(self):
        return "pid %d (%s)" % (self.pid, self.comm)

    def user_regs(self):
        """{register: value} of the pt_regs at the top of the kernel stack, and its
        address (task_pt_regs()): the user-mode registers of a user task."""
        lay = struct_layout("struct pt_regs", PT_REGS)
        addr = self.top - lay.size
        return lay.decode(read_bytes(addr, lay.size)), addr

    def user_summary(self):
        """"user eip 0x... esp 0x..." for a user task (from its pt_regs), else ""."""
        if not self.is_user:
            return ""
        regs, _ = self.user_regs()
        if regs["xcs"] & 3 != 3:
            raise MnemeError("a user task, but pt_regs.xcs 0x%04x is not a user selector"
                             % (regs["xcs"] & 0xffff))
        return "user eip 0x%08x esp 0x%08x" % (regs["eip"], regs["esp"])

    def mm_summary(self):
        """"mm 0x... rss N kB (file F, anon A)" (in kB, as status's VmRSS, RssFile,
        RssAnon) for a task with an address space, else ""."""
        if not self.mm:
            return ""
        lay = struct_layout("struct mm_struct", MM_RSS)
        v = lay.decode(read_bytes(self.mm, lay.size))
        k = C.PAGE_SIZE // 1024
        return "mm 0x%08x rss %d kB (file %d, anon %d)" % (
            self.mm, (v["file_rss"] + v["anon_rss"]) * k, v["file_rss"] * k, v["anon_rss"] * k)

    def state_name(self, current):
        """task_state_name(): "R (running)" for the current task."""
        if self.addr == current:
            return "R (running)"
        return TASK_STATE_NAMES.get(self.state, "?")

    def saved_frame(self, stack_raw=None):
        """{edi, esi, ebx, ebp, ret} that __switch_to() left at thread.esp."""
        if not self.stack <= self.esp <= self.top - 4 * len(SWITCH_FRAME):
            raise MnemeError("%s: saved esp 0x%08x is outside its stack 0x%08x-0x%08x"
                             % (self.label(), self.esp, self.stack, self.top))
        if stack_raw is not None:
            off = self.esp - self.stack
            raw = stack_raw[off:off + 4 * len(SWITCH_FRAME)]
        else:
            raw = read_bytes(self.esp, 4 * len(SWITCH_FRAME))
        return {r: u32(raw, 4 * i) for i, r in enumerate(SWITCH_FRAME)}

    def is_new(self, frame):
        """Never run yet: copy_thread()'s frame returns to ret_from_kernel_thread itself."""
        rfkt = symbol_address("ret_from_kernel_thread")
        return rfkt is not None and frame["ret"] == rfkt

    def walk(self):
        """The sleeping task's call chain from its saved frame:
        (frames [(return address, where it lies on the stack)], stack bytes,
        saved frame, problem or None)."""
        raw = read_bytes(self.stack, C.THREAD_SIZE)
        frame = self.saved_frame(raw)
        frames = [(frame["ret"], self.esp + 16)]
        if self.is_new(frame):
            return frames, raw, frame, None
        ebp, low, problem = frame["ebp"], self.esp + 20, None
        while ebp:
            if not low <= ebp <= self.top - 8:
                problem = "ebp 0x%08x is outside the stack above 0x%08x: the chain ends" % (
                    ebp, low)
                break
            off = ebp - self.stack
            ret, nxt = u32(raw, off + 4), u32(raw, off)
            if not ret:
                break
            frames.append((ret, ebp + 4))
            if not kernel_text_address(ret):
                problem = "return address 0x%08x at 0x%08x is not kernel text" % (ret, ebp + 4)
                break
            if len(frames) >= BT_MAX_FRAMES:
                problem = "more than %d frames" % BT_MAX_FRAMES
                break
            low, ebp = ebp + 8, nxt
        return frames, raw, frame, problem


def all_tasks():
    """Every task on task_list, in list order (show_state()'s)."""
    head = lookup_var("task_list", "the tasks")
    if list_empty(head) is not False:
        raise NotYet("task_list is empty: sched_init() has not made the boot thread task 0 "
                     "yet; `continue` past it (e.g. `break rest_init`)")
    off = offset_of("struct task_struct", "tasks")
    return [Task(int(node) - off) for node in list_for_each(head, 1 << 15)]


def find_task(tasks, spec):
    """A task by pid, or by task_struct address (any gdb expression)."""
    v = parse_address(spec)
    for t in tasks:
        if t.pid == v or t.addr == v:
            return t
    if v >= C.PAGE_OFFSET:
        t = Task(v)
        out("warning: task_struct 0x%08x (%s) is not on task_list" % (v, t.label()))
        return t
    raise MnemeError("no task with pid %d (pids: %s)" % (v, " ".join(str(t.pid) for t in tasks)))


def wchan(t, frames):
    """Where a task that is not running waits: the first return address
    outside schedule() (its caller), with the functions inlined there."""
    for pc, _ in frames:
        s = kallsyms_lookup(pc - 1)
        if s and s[0] in SCHED_FUNCS:
            continue
        inl = inlined_at(pc - 1)
        return ("%s+0x%x" % (s[0], s[1] + 1) if s else "0x%08x" % pc) + \
            (" (%s)" % inl[0] if inl else "")
    return "?"


def runqueue_tasks():
    """(addresses of the tasks on runqueue.queue, nr_running, nr_switches, idle, problem)."""
    rq = lookup_var("runqueue", "the run queue")
    off = offset_of("struct task_struct", "run_list")
    q = rq["queue"]
    nodes, problem = list_walk(int(q.address), int(q["next"]), 1 << 15)
    if problem:
        problem = "list at 0x%08x: %s" % (int(q.address), problem)
    return ([n - off for n in nodes], int(rq["nr_running"]) & 0xFFFFFFFF, int(rq["nr_switches"]) & 0xFFFFFFFF,
            int(rq["idle"]) & 0xFFFFFFFF, problem)


class LxPs(MnemeCommand):
    """List every task (task_list) as the kernel's show_state() does, with where each waits.

Usage: lx-ps
The columns of show_state() (kernel/sched.c, SysRq-T), line for line:
PID, STATE ("R (running)" is the current task), voluntary and involuntary
context switches, RUNTIME in ms (HZ 1000), STACK (the lowest address of
the 8 KB kernel stack) and COMM; then TOP (STACK + 8 KB, which
thread.esp0 must be: the stack is STACK..TOP), ESP (the saved
thread.esp; $esp for the running task) and WCHAN: for a task that is
not running, the function that called schedule() (found from the
return addresses of its saved frame and ebp chain, as lx-bt; the
innermost function inlined there in parentheses), "new: FN" for a
thread not run yet; for the running one "running: " and $pc; for a
task with an address space then "; mm ADDR rss N kB (file F, anon A)",
its mm_struct and resident pages in kB (status's VmRSS, RssFile,
RssAnon); for a user task (PF_KTHREAD clear) then "; user eip ... esp
...", its user-mode registers from the pt_regs at the top of its
kernel stack.
Then show_state()'s
totals, and checks: task_list against nr_threads, the run queue against
nr_running and the states, each saved esp inside its stack.
`lx-bt PID` shows a task's whole call chain."""

    name = "lx-ps"
    takes_args = False

    def run(self, arg, from_tty):
        tasks = all_tasks()
        cur = current_task()
        queue, nr_running, nr_switches, idle, qproblem = runqueue_tasks()
        nr_threads = int(lookup_var("nr_threads")) & 0xFFFFFFFF
        on_queue = set(queue)
        out("  PID STATE          VOLCSW INVOLCSW RUNTIME(ms) STACK    COMM            "
            "TOP      ESP      WCHAN")
        problems = []
        for t in tasks:
            where, esp, bad = "?", t.esp, []
            if t.addr == cur:
                try:
                    frame = gdb.newest_frame()
                    esp = int(frame.read_register("esp")) & 0xFFFFFFFF
                    where = "running: " + ksym_short(int(frame.pc()))
                except (gdb.error, ValueError):
                    pass
                if not t.stack <= esp < t.top:
                    bad.append("$esp 0x%08x is not on its stack" % esp)
            else:
                try:
                    frames, _, frame, _ = t.walk()
                    where = "new: " + ksym_short(frame["ebx"]) if t.is_new(frame) \
                        else wchan(t, frames)
                except MnemeError as e:
                    bad.append(str(e).replace(t.label() + ": ", ""))
            if t.esp0 != t.top:
                bad.append("thread.esp0 0x%08x is not the stack's top" % t.esp0)
            if t.state == C.TASK_RUNNING and t.addr not in (cur, idle) and t.addr not in on_queue:
                bad.append("runnable but not on the run queue")
            extra = []
            try:
                extra = [x for x in (t.mm_summary(), t.user_summary()) if x]
            except MnemeError as e:
                bad.append(str(e))
            out("%5d %-14s %6d %8d %11d %08x %-15s %08x %08x %s%s%s" % (
                t.pid, t.state_name(cur), t.nvcsw, t.nivcsw,
                ((t.runtime * 1000) & 0xFFFFFFFF) // C.HZ, t.stack, t.comm, t.top, esp, where,
                "".join("; " + x for x in extra), "".join("  <- " + b for b in bad)))
            problems += ["%s: %s" % (t.label(), b) for b in bad]
        out("%d tasks, %d runnable, %d context switches" % (nr_threads, nr_running, nr_switches))
        by_addr = {t.addr: t for t in tasks}
        if cur not in by_addr:
            problems.append("current_task 0x%08x is not on task_list" % cur)
        if nr_threads != len(tasks):
            problems.append("task_list has %d tasks, nr_threads says %d" % (len(tasks), nr_threads))
        if qproblem:
            problems.append("the run queue: %s" % qproblem)
        if len(queue) != nr_running:
            problems.append("the run queue holds %d tasks, nr_running says %d"
                            % (len(queue), nr_running))
        for a in queue:
            t = by_addr.get(a)
            if t is None:
                problems.append("0x%08x on the run queue is no task on task_list" % a)
            elif t.state != C.TASK_RUNNING and a != cur:
                problems.append("%s is on the run queue in state %s" % (t.label(),
                                                                        t.state_name(cur)))
            if a == idle:
                problems.append("the idle task is on the run queue")
        if problems:
            for p in problems:
                out("check: %s  <-" % p)
        else:
            out("check: consistent: %d tasks on task_list (nr_threads), %d on the run queue "
                "(nr_running), idle task pid %s, current pid %d"
                % (len(tasks), len(queue), by_addr[idle].pid if idle in by_addr else "?",
                   by_addr[cur].pid))


class LxBt(MnemeCommand):
    """Backtrace of a task: from its saved frame if it sleeps, gdb's `bt` if it runs.

Usage: lx-bt [-v] [PID | TASK]   (a pid, or a task_struct address; default:
                                  the running task)
A task that is not running is walked from what __switch_to() saved at
thread.esp (edi, esi, ebx, ebp, the return address into schedule()) up
its ebp chain, inside its kernel stack: one line per frame with the
return address and its symbol as Linux's %pB prints it (the kernel's
kallsyms: name+offset/size of the call, return address - 1, so that a
call that never returns is not put in the next function), the functions
gdb's debug info says were inlined there, and the source line.
A thread never run yet shows the function and argument it will start
with. The running task gets gdb's own `bt` (its registers are the CPU's).
A user task ends with its user-mode registers, from the pt_regs at the
top of its kernel stack (task_pt_regs()): "user mode: eip ... esp ...".
  -v  also the saved registers, each frame's ebp, and every other word
      on the stack that is a kernel text address (as "?", like the
      kernel's own call traces: stale values or frames without ebp)."""

    name = "lx-bt"

    def run(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        verbose = parse_flag(args, "-v")
        if len(args) > 1:
            raise MnemeError("usage: lx-bt [-v] [PID | TASK]")
        tasks = all_tasks()
        cur = current_task()
        t = find_task(tasks, args[0]) if args else Task(cur)
        out("%s, %s, stack 0x%08x-0x%08x" % (t.label(), t.state_name(cur), t.stack, t.top))
        if t.addr == cur:
            out("the running task: gdb's backtrace from the CPU's registers")
            out(gdb.execute("bt", to_string=True).rstrip("\n"))
            self.user(t)
            return
        frames, raw, frame, problem = t.walk()
        used = t.top - t.esp
        out("switched out at esp 0x%08x (%d of %d stack bytes in use)%s"
            % (t.esp, used, C.THREAD_SIZE, "" if not verbose else ": edi 0x%08x esi 0x%08x "
               "ebx 0x%08x ebp 0x%08x" % tuple(frame[r] for r in SWITCH_FRAME[:4])))
        if t.is_new(frame):
            out("#0  0x%08x in %s: not run yet; will call %s(0x%08x)" % (
                frame["ret"], sprint_symbol(frame["ret"]), ksym_short(frame["ebx"]),
                frame["esi"]))
            return
        slots = {slot for _, slot in frames}
        for n, (pc, slot) in enumerate(frames):
            if verbose and n:
                self.scan(raw, t, frames[n - 1][1] + 4, slot, slots)
            inl = inlined_at(pc - 1)
            line = source_line(pc - 1)
            out("#%-2d 0x%08x in %s%s%s%s" % (
                n, pc, sprint_backtrace(pc), " [inlined: %s]" % " -> ".join(inl[::-1]) if inl else "",
                " at " + line if line else "",
                "  (frame at 0x%08x)" % (slot - 4) if verbose and n else ""))
        if problem:
            out("(the walk stops: %s)" % problem)
        if verbose:
            self.scan(raw, t, frames[-1][1] + 4, t.top, slots)
        self.user(t)

    @staticmethod
    def user(t):
        if not t.is_user:
            return
        regs, addr = t.user_regs()
        out("user mode: eip 0x%08x esp 0x%08x eflags 0x%08x cs 0x%04x ss 0x%04x "
            "(pt_regs at 0x%08x)" % (regs["eip"], regs["esp"], regs["eflags"],
                                     regs["xcs"] & 0xffff, regs["xss"] & 0xffff, addr))

    @staticmethod
    def scan(raw, t, start, end, slots):
        for a in range(start, end, 4):
            w = u32(raw, a - t.stack)
            if a not in slots and kernel_text_address(w):
                out("    ? 0x%08x %s  (at 0x%08x)" % (w, sprint_symbol(w), a))


def wait_queue_tasks(head):
    """[(Task, exclusive)] waiting on a wait_queue_head_t value."""
    return [(Task(int(w["task"])), bool(int(w["flags"]) & C.WQ_FLAG_EXCLUSIVE))
            for w in list_for_each_entry(head["task_list"], "struct __wait_queue", "task_list")]


LxPs()
LxBt()
