#!/usr/bin/env python3
"""The interactive busybox session (issue 13), driven through the serial
port: boot the shell initramfs (/init is busybox's init, tests/busybox/
etc/inittab), wait for the prompt, type commands as a user would and
check what comes back, Ctrl-C a sleep, end with Ctrl-D. KTAP on stdout,
one test per exchange.

    interactive.py [--mem 128M] [--initrd build/busybox/shell.cpio]
                   [--linux VMLINUZ] [--log PATH] [--timeout 60]
                   [--end ctrl-d|poweroff]

Mneme (build/mneme.elf, -kernel, the initramfs as a multiboot module) by
default; --linux boots that Linux kernel the same way (the oracle). The
guest's console is QEMU's -serial stdio, read and written through pipes.
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, "build")
sys.path.insert(0, os.path.join(ROOT, "tests", "user"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import run_on_mneme  # noqa: E402
# The end of /etc/profile's PS1, then what line editing may send after it
# (ESC [6n: where is the cursor?).
PROMPT_END = r"# (?:\x1b\[[0-9;?]*[A-Za-z])*$"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\r")
MAPS_LINE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{8} r[-w][-x]p [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} "
                       r"\d+ +/bin/busybox$")


class Console:
    """QEMU's serial console: everything it printed, and a way to wait for more."""

    def __init__(self, proc, log):
        self.proc, self.log = proc, log
        self.data = ""
        self.cond = threading.Condition()
        self.eof = False
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            self.log.write(chunk)
            self.log.flush()
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.data += chunk.decode("utf-8", "replace")
                self.cond.notify_all()

    def expect(self, pattern, start, timeout):
        """The match of pattern in the output from offset start, or None after timeout s."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                m = re.compile(pattern).search(self.data, start)
                if m or self.eof:
                    return m
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()


def output_of(text, command):
    """The lines a command printed: after its echo, before the next prompt, escapes removed."""
    lines = ANSI.sub("", text).split("\n")
    for i, l in enumerate(lines):
        if command in l:
            return [x for x in lines[i + 1:-1]]
    return lines[:-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mem", default="128M")
    ap.add_argument("--initrd", default=os.path.join(BUILD, "busybox", "shell.cpio"))
    ap.add_argument("--kernel", default=os.path.join(BUILD, "mneme.elf"))
    ap.add_argument("--linux", help="boot this Linux vmlinuz instead of Mneme")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--log", default=os.path.join(BUILD, "logs", "busybox-interactive.txt"))
    ap.add_argument("--timeout", type=float, default=60, help="seconds to the prompt")
    ap.add_argument("--end", choices=("ctrl-d", "poweroff"), default="ctrl-d",
                    help="how to end the session: Ctrl-D at the prompt, or typing poweroff")
    args = ap.parse_args()
    cmd = ["qemu-system-i386", "-m", args.mem, "-display", "none", "-monitor", "none",
           "-no-reboot", "-serial", "stdio", "-initrd", args.initrd]
    if args.linux:
        cmd += ["-kernel", args.linux, "-append",
                ("console=ttyS0 loglevel=1 panic=-1 " + args.cmdline).strip()]
    else:
        cmd += ["-kernel", args.kernel, "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
                "-append", args.cmdline]
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    results = []
    with open(args.log, "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        con = Console(proc, log)
        try:
            run_session(con, args.timeout, results, args.end)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    return run_on_mneme.print_ktap(results)

def run_session(con, timeout, results, end="ctrl-d"):
    def check(ok, name, *diags):
        results.append((bool(ok), name, [d for d in diags if d]))
        return ok

    def tail():
        return "output so far ends with %r" % con.data[-200:]

    m = con.expect(PROMPT_END, 0, timeout)
    if not check(m, "the prompt after the banner", None if m else tail()):
        return
    if not check("Things to try" in con.data, "the banner of /etc/profile"):
        pass

    def exchange(command, want, name, wait=20):
        """Type command; True if its output (a list of lines) passes want."""
        start = len(con.data)
        con.send(command + "\n")
        m = con.expect(PROMPT_END, start + len(command), wait)
        got = output_of(con.data[start:], command) if m else None
        ok = m is not None and want(got)
        check(ok, name, "typed %r, got %r" % (command, got) if not ok else None,
              None if m else tail())
        return ok

    exchange("echo $((6*7))", lambda o: o == ["42"], "arithmetic: echo $((6*7)) prints 42")
    exchange("ls /proc | grep -x self", lambda o: o == ["self"], "a pipe: ls /proc | grep -x self")
    # Ctrl-C: the line discipline's SIGINT to the foreground job.
    start = len(con.data)
    con.send("sleep 30\n")
    early = con.expect(PROMPT_END, start + len("sleep 30"), 2)
    t0, sent = time.monotonic(), len(con.data)
    con.send("\x03")
    m = con.expect(PROMPT_END, sent, 5)
    check(m and not early, "Ctrl-C ends sleep 30 (prompt again within 5 s)",
          "the prompt came back before Ctrl-C" if early else None,
          None if m else tail(), "%.1f s" % (time.monotonic() - t0) if m else None)
    exchange("echo $?", lambda o: o == ["130"], "its status: echo $? prints 130")
    # Ctrl-Z: SIGTSTP stops the job, the shell takes the terminal back; fg
    # continues it (SIGCONT) in the foreground again, where Ctrl-C ends it.
    start = len(con.data)
    con.send("sleep 30\n")
    early = con.expect(PROMPT_END, start + len("sleep 30"), 2)
    sent = len(con.data)
    con.send("\x1a")
    m = con.expect(PROMPT_END, sent, 5)
    stopped = m is not None and "Stopped" in con.data[sent:]
    check(stopped and not early, "Ctrl-Z stops sleep 30 (the prompt and 'Stopped' within 5 s)",
          None if m else tail())
    exchange("jobs", lambda o: len(o) == 1 and re.match(r"^\[1\]\+ +Stopped +sleep 30$", o[0]),
             "jobs: [1]+ Stopped sleep 30")
    start = len(con.data)
    con.send("fg\n")
    early = con.expect(PROMPT_END, start + 2, 2)
    sent = len(con.data)
    con.send("\x03")
    m = con.expect(PROMPT_END, sent, 5)
    check(m and not early, "fg continues it in the foreground, Ctrl-C ends it",
          "the prompt came back before Ctrl-C" if early else None, None if m else tail())
    exchange("echo $?", lambda o: o == ["130"], "its status: echo $? prints 130")
    exchange("cat /proc/self/maps | head -1", lambda o: len(o) == 1 and MAPS_LINE.match(o[0]),
             "cat /proc/self/maps | head -1: busybox's text")
    # Ctrl-D at the prompt: the login shell ends, init powers off, QEMU
    # exits. Or poweroff: busybox's signals init (SIGUSR2), which does it.
    name = "%s ends the session and QEMU" % ("Ctrl-D" if end == "ctrl-d" else end)
    con.send("\x04" if end == "ctrl-d" else end + "\n")
    t0 = time.monotonic()
    try:
        con.proc.wait(20)
        check(True, name, "%.1f s" % (time.monotonic() - t0))
    except subprocess.TimeoutExpired:
        check(False, name, "QEMU still running after 20 s", tail())


if __name__ == "__main__":
    sys.exit(main())
