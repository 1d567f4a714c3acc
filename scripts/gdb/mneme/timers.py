"""The dynamic timers on the timer wheel (kernel/timer.c, include/timer.h,
ULK 6.5): lx-timers."""
import gdb

from .command import MnemeCommand
from .constants import TIMER_MAGIC
from .lists import list_empty, list_for_each_entry
from .symbols import symbolize
from .utils import MnemeError, array_len, has_symbol, lookup_var, out


def jiffies_now():
    """jiffies_64 as an int."""
    return int(lookup_var("jiffies_64")) & 0xFFFFFFFFFFFFFFFF


class LxTimers(MnemeCommand):
    """List the pending dynamic timers on the timer wheel (timer_base).

Usage: lx-timers
For each timer: expiry (absolute and relative to jiffies), function,
data, the timer_list's address, and the wheel level and bucket holding it."""

    name = "lx-timers"
    takes_args = False

    def run(self, arg, from_tty):
        base = lookup_var("timer_base", "the timer wheel")
        base.fetch_lazy()       # one read of the whole wheel, not one per bucket
        now = jiffies_now() & 0xFFFFFFFF
        tj = int(base["timer_jiffies"]) & 0xFFFFFFFF
        running = int(base["running_timer"])
        npend = None
        if has_symbol("nr_pending_timers"):
            npend = int(lookup_var("nr_pending_timers"))
        if tj == 0 and int(base["tv1"][0]["next"]) == 0:
            out("(the timer wheel is not initialised: init_timers() has not run yet)")
            return
        out("jiffies 0x%08x, wheel at timer_jiffies 0x%08x, nr_pending_timers %s%s"
            % (now, tj, "?" if npend is None else npend,
               ", running %s" % symbolize(running) if running else ""))
        rows = []
        for vec in ("tv1", "tv2", "tv3", "tv4", "tv5"):
            try:
                arr = base[vec]
            except gdb.error:
                continue
            for b in range(array_len(arr)):
                head = arr[b]
                if list_empty(head) is None:
                    raise MnemeError("%s[%d] is not initialised (init_timers() not run?)"
                                     % (vec, b))
                for t in list_for_each_entry(head, "struct timer_list", "entry"):
                    t = t.dereference()
                    exp = int(t["expires"]) & 0xFFFFFFFF
                    delta = (exp - now) & 0xFFFFFFFF
                    if delta >= 0x80000000:
                        delta -= 0x100000000
                    rows.append((delta, exp, int(t["function"]), int(t["data"]),
                                 int(t.address), "%s[%d]" % (vec, b),
                                 int(t["magic"]) if "magic" in
                                 [f.name for f in t.type.fields()] else TIMER_MAGIC))
        if not rows:
            out("no pending timers")
        else:
            rows.sort()
            out("%-10s %-12s %-32s %-10s %-10s %s"
                % ("expires", "in (jiffies)", "function", "data", "timer", "wheel"))
            for delta, exp, fn, data, addr, where, magic in rows:
                out("0x%08x %-+12d %-32s 0x%08x 0x%08x %s%s"
                    % (exp, delta, symbolize(fn), data, addr, where,
                       "" if magic == TIMER_MAGIC else "  BAD MAGIC 0x%08x" % magic))
        if npend is not None and npend != len(rows):
            out("warning: %d timers on the wheel but nr_pending_timers = %d"
                % (len(rows), npend))


LxTimers()
