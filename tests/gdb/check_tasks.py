"""Checks of lx-ps and lx-bt on the 1 GB kmap run: when the first
latecomer thread of kmap's test_exhaustion_sleeps_and_wakes starts (init
asleep in msleep, two threads not run yet), with three threads asleep in
kmap(), and against what show_state() has just printed (sched's
test_show_state)."""
import re

import gdb

from driver import Abort, check
from mneme.constants import (EXIT_ZOMBIE, PAGE_SIZE, TASK_DEAD, TASK_INTERRUPTIBLE,
                             TASK_RUNNING, TASK_UNINTERRUPTIBLE)

NR_LATECOMERS = 3               # tests/kernel/kmap_test.c
PS_RE = re.compile(r"^\s*(\d+) (.{14}) +(\d+) +(\d+) +(\d+) ([0-9a-f]{8}) (\S+) +"
                   r"([0-9a-f]{8}) ([0-9a-f]{8}) (.*)$")
PS_HEADER = "  PID STATE          VOLCSW INVOLCSW RUNTIME(ms) STACK    COMM"
STATE_NAMES = {TASK_RUNNING: "R (runnable)", TASK_INTERRUPTIBLE: "S (sleeping)",
               TASK_UNINTERRUPTIBLE: "D (disk sleep)", EXIT_ZOMBIE: "Z (zombie)",
               TASK_DEAD: "X (dead)"}


def tasks_direct(s):
    """task_list read with gdb expressions: [{pid, state, comm, stack, addr, ...}]."""
    head = s.addr_of("task_list")
    off = s.val("(unsigned long)&((struct task_struct *)0)->tasks")
    node = s.val("(unsigned long)task_list.next") & 0xFFFFFFFF
    cur = s.val("(unsigned long)current_task") & 0xFFFFFFFF
    tasks = []
    while node != head and len(tasks) < 256:
        a = node - off
        t = "((struct task_struct *)%d)" % a
        state = s.val(t + "->state")
        tasks.append({"addr": a, "pid": s.val(t + "->pid"), "state": state,
                      "name": "R (running)" if a == cur else STATE_NAMES.get(state, "?"),
                      "comm": gdb.parse_and_eval(t + "->comm").string(),
                      "stack": s.val("(unsigned long)%s->stack" % t) & 0xFFFFFFFF,
                      "esp": s.val("%s->thread.esp" % t) & 0xFFFFFFFF,
                      "arg": s.val("(unsigned long)%s->thread_arg" % t) & 0xFFFFFFFF,
                      "current": a == cur})
        node = s.val("(unsigned long)((struct list_head *)%d)->next" % node) & 0xFFFFFFFF
    return tasks


def ps(s, chk):
    """lx-ps, checked against task_list read directly: ({pid: row}, tasks, output)."""
    out = s.command(chk, "lx-ps")
    rows = {}
    for line in out.splitlines()[1:]:
        m = PS_RE.match(line)
        if m:
            rows[int(m.group(1))] = {"state": m.group(2).strip(), "comm": m.group(7),
                                     "stack": int(m.group(6), 16), "wchan": m.group(10),
                                     "line": line}
    chk.expect(out.startswith(PS_HEADER), "lx-ps: no show_state() header first: %r" % out[:200])
    checks = [l for l in out.splitlines() if l.startswith("check:")]
    chk.expect(checks and checks[0].startswith("check: consistent:") and "<-" not in out,
               "lx-ps reports problems: %r" % ([l for l in out.splitlines()
                                                if "<-" in l] + checks)[:6])
    tasks = tasks_direct(s)
    chk.expect(sorted(rows) == sorted(t["pid"] for t in tasks),
               "lx-ps lists pids %s, task_list holds %s" % (sorted(rows),
                                                           [t["pid"] for t in tasks]))
    for t in tasks:
        r = rows.get(t["pid"])
        if r:
            chk.expect((r["state"], r["comm"], r["stack"]) == (t["name"], t["comm"], t["stack"]),
                       "pid %d: lx-ps says %s %s stack %08x; the task_struct %s %s %08x"
                       % (t["pid"], r["state"], r["comm"], r["stack"], t["name"],
                          t["comm"], t["stack"]))
    return rows, tasks, out


@check
def kmap_latecomer_starts_lx_ps_lx_bt(s, chk):
    s.break_at("latecomer", 15, "the first latecomer thread (kmap test_exhaustion_sleeps_and_wakes)")
    rows, tasks, out = ps(s, chk)
    late = [t for t in tasks if t["comm"] == "latecomer"]
    cur = [t for t in tasks if t["current"]]
    if not chk.expect(len(late) == NR_LATECOMERS and cur and cur[0] in late,
                      "expected %d latecomer threads, one of them current: %r"
                      % (NR_LATECOMERS, out)):
        return
    for t in late:
        r = rows.get(t["pid"], {})
        want = "running: latecomer" if t["current"] else "new: latecomer"
        chk.expect(r.get("wchan", "").startswith(want), "pid %d: WCHAN %r, expected %r"
                   % (t["pid"], r.get("wchan"), want))
    r = rows.get(1, {})
    chk.expect(r.get("state") == "D (disk sleep)" and
               r.get("wchan", "").startswith("schedule_timeout+"),
               "init (pid 1) should sleep in msleep -> schedule_timeout: %r" % r.get("line"))
    chk.note(r.get("line", ""))
    bt = s.command(chk, "lx-bt 1")
    frames = re.findall(r"^#(\d+) +0x([0-9a-f]{8}) in (\S+)", bt, re.M)
    names = [f[2].split("+")[0] for f in frames]
    for want in ("schedule", "schedule_timeout", "msleep",
                 "test_exhaustion_sleeps_and_wakes", "ret_from_kernel_thread"):
        chk.expect(want in names, "lx-bt 1: no frame in %s: %r" % (want, bt))
    chk.expect([int(f[0]) for f in frames] == list(range(len(frames))),
               "lx-bt 1: frames not numbered 0..n: %r" % bt)
    init = [t for t in tasks if t["pid"] == 1][0]
    ret = s.val("*(unsigned long *)%d" % (init["esp"] + 16)) & 0xFFFFFFFF
    chk.expect(frames and int(frames[0][1], 16) == ret,
               "lx-bt 1: frame #0 should be __switch_to's return address 0x%08x "
               "(thread.esp + 16)" % ret)
    chk.note("lx-bt 1: " + " <- ".join(names))
    new = [t for t in late if not t["current"]][0]
    bt = s.command(chk, "lx-bt %d" % new["pid"])
    want = "not run yet; will call latecomer(0x%08x)" % new["arg"]
    chk.expect(want in bt, "lx-bt %d: expected %r in %r" % (new["pid"], want, bt))
    bt = s.command(chk, "lx-bt")
    chk.expect("gdb's backtrace" in bt and re.search(r"^#0 +latecomer ", bt, re.M),
               "lx-bt of the running latecomer should be gdb's bt in latecomer: %r" % bt)


@check
def kmap_sleepers_lx_ps_lx_bt(s, chk):
    rows, tasks, out = ps(s, chk)
    late = [t for t in tasks if t["comm"] == "latecomer"]
    chk.expect(len(late) == NR_LATECOMERS, "expected %d latecomers: %r" % (NR_LATECOMERS, out))
    for t in late:
        r = rows.get(t["pid"], {})
        chk.expect(r.get("state") == "D (disk sleep)" and
                   re.match(r"kmap\+0x[0-9a-f]+ \(map_new_virtual\)$", r.get("wchan", "")),
                   "pid %d should sleep in kmap (map_new_virtual inlined): %r"
                   % (t["pid"], r.get("line")))
    r = rows.get(1, {})
    chk.expect(r.get("state") == "R (running)" and
               r.get("wchan", "").startswith("running: test_exhaustion_sleeps_and_wakes+"),
               "init should run test_exhaustion_sleeps_and_wakes: %r" % r.get("line"))
    if not late:
        return
    pid = late[0]["pid"]
    bt = s.command(chk, "lx-bt %d" % pid)
    frames = re.findall(r"^#\d+ +0x[0-9a-f]{8} in (\S+)(?: \[inlined: ([^\]]*)\])?", bt, re.M)
    names = [f[0].split("+")[0] for f in frames]
    chk.expect(names[:1] == ["schedule"] and "kmap" in names and "latecomer" in names and
               names[-1:] == ["ret_from_kernel_thread"] and "(the walk stops" not in bt,
               "lx-bt %d: expected schedule <- kmap <- latecomer <- ret_from_kernel_thread: %r"
               % (pid, bt))
    kmap = [f for f in frames if f[0].startswith("kmap+")]
    chk.expect(kmap and "map_new_virtual" in kmap[0][1],
               "lx-bt %d: the kmap frame should name map_new_virtual (inlined): %r" % (pid, bt))
    chk.note("lx-bt %d: %s" % (pid, " <- ".join(
        n + ("[%s]" % f[1] if f[1] else "") for n, f in zip(names, frames))))


@check
def sched_show_state_matches_lx_ps(s, chk):
    s.break_at("show_state", 15, "show_state() (sched test_show_state)")
    s.finish_call("show_state()")
    log = s.dmesg_lines()
    try:
        i = len(log) - 1 - log[::-1].index(PS_HEADER)
    except ValueError:
        raise Abort("no show_state() header %r in the kernel log" % PS_HEADER)
    kernel = []
    for line in log[i:]:
        kernel.append(line)
        if re.match(r"\d+ tasks, \d+ runnable, \d+ context switches$", line):
            break
    mine = [l for l in s.command(chk, "lx-ps").splitlines() if not l.startswith("check:")]
    chk.expect(len(mine) == len(kernel), "lx-ps has %d lines, show_state() printed %d:\n%s"
               % (len(mine), len(kernel), "\n".join(kernel)))
    for k, m in zip(kernel, mine):
        if m.startswith(k):
            continue
        # The running task's RUNTIME may have ticked since show_state() printed it
        # (its interrupts were off while it printed; a loaded host delays ticks).
        km, mm = PS_RE.match(k + " 00000000 00000000 00000000 -"), PS_RE.match(m)
        if km and mm and "R (running)" in k and \
                [km.group(g) for g in (1, 2, 3, 4, 6, 7)] == \
                [mm.group(g) for g in (1, 2, 3, 4, 6, 7)] and \
                0 <= int(mm.group(5)) - int(km.group(5)) <= 5000:
            chk.note("the running task's RUNTIME ticked: %s -> %s" % (km.group(5), mm.group(5)))
            continue
        chk.expect(False, "show_state() printed %r, lx-ps %r" % (k, m))
    chk.note("show_state(): %s" % " | ".join(kernel[1:]))


@check
def usermode_task_lx_ps_lx_bt(s, chk):
    """A task preempted in user mode (usermode's test_timer_preempts_user_busy_loop,
    stopped where it calls usermode_test_checkpoint()): lx-ps and lx-bt show the
    user eip and esp of its pt_regs, and its kernel side ends in the entry code;
    lx-ps shows an mm only if the task has one."""
    s.break_at("usermode_test_checkpoint", 15,
               "usermode_test_checkpoint() (usermode test_timer_preempts_user_busy_loop)")
    pid = s.val("usermode_checkpoint.pid")
    lo = s.val("usermode_checkpoint.eip_lo") & 0xFFFFFFFF
    hi = s.val("usermode_checkpoint.eip_hi") & 0xFFFFFFFF
    want_esp = s.val("usermode_checkpoint.esp") & 0xFFFFFFFF
    task = [t for t in tasks_direct(s) if t["pid"] == pid]
    if not chk.expect(task, "no task with pid %d on task_list" % pid):
        return
    regs = "((struct pt_regs *)((unsigned long)((struct task_struct *)%d)->stack + %d) - 1)" % (
        task[0]["addr"], s.val("sizeof(init_thread_union)"))
    eip, esp = s.val(regs + "->eip") & 0xFFFFFFFF, s.val(regs + "->esp") & 0xFFFFFFFF
    chk.expect(lo <= eip < hi and esp == want_esp,
               "pid %d's pt_regs: eip 0x%08x esp 0x%08x; the spinning program is at "
               "0x%08x..0x%08x with esp 0x%08x" % (pid, eip, esp, lo, hi, want_esp))
    mm = s.val("(unsigned long)((struct task_struct *)%d)->mm" % task[0]["addr"]) & 0xFFFFFFFF
    rss = ["((struct mm_struct *)%d)->%s_rss" % (mm, k) for k in ("file", "anon")]
    kb = [s.val(r) * PAGE_SIZE // 1024 for r in rss] if mm else [0, 0]
    rows, tasks, out = ps(s, chk)
    r = rows.get(pid, {})
    # The program runs on a borrowed page directory, with no mm of its own: no mm part.
    want = ("mm 0x%08x rss %d kB (file %d, anon %d); " % (mm, kb[0] + kb[1], kb[0], kb[1])
            if mm else "") + "user eip 0x%08x esp 0x%08x" % (eip, esp)
    chk.expect(r.get("state") == "R (runnable)" and r.get("wchan", "").endswith("; " + want) and
               ("; mm " in r.get("wchan", "")) == bool(mm),
               "lx-ps: pid %d should be runnable with %r: %r" % (pid, want, r.get("line")))
    bt = s.command(chk, "lx-bt %d" % pid)
    frames = re.findall(r"^#\d+ +0x[0-9a-f]{8} in (\S+)", bt, re.M)
    names = [f.split("+")[0] for f in frames]
    chk.expect(names[:1] == ["schedule"] and "(the walk stops" not in bt,
               "lx-bt %d: expected schedule first, the walk ending at ebp 0: %r" % (pid, bt))
    m = re.search(r"^user mode: eip 0x([0-9a-f]{8}) esp 0x([0-9a-f]{8}) eflags 0x([0-9a-f]{8}) "
                  r"cs 0x0073 ss 0x007b", bt, re.M)
    chk.expect(m and (int(m.group(1), 16), int(m.group(2), 16)) == (eip, esp) and
               int(m.group(3), 16) & 0x200,
               "lx-bt %d should end with the user registers (eip 0x%08x esp 0x%08x, IF set, "
               "__USER_CS, __USER_DS): %r" % (pid, eip, esp, bt))
    chk.note("lx-bt %d: %s; %s" % (pid, " <- ".join(names), m.group(0) if m else "?"))
