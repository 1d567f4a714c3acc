"""The base of every command and convenience function, their registry,
mneme-help (lx-help) and the convenience functions $container_of and
$lx_symbol.

A command subclasses MnemeCommand, sets `name` and a docstring whose
first line is its one-line summary (mneme-help lists it), puts its work
in run(arg, from_tty) and is instantiated once at the end of its module.
Anything it raises as MnemeError is printed as a one-line message;
gdb.MemoryError and gdb.error are turned into one too, so a command
never dumps a Python traceback at the user; NotYet prints its message in
parentheses.
"""
import gdb

from .symbols import symbolize
from .utils import MnemeError, NotYet, container_of, out

_commands = {}          # name -> MnemeCommand, as registered
_functions = {}         # usage -> MnemeFunction


def commands():
    """Every registered command, by name."""
    return sorted(_commands.values(), key=lambda c: c.name)


def summary(obj):
    """The first line of a command's or function's docstring."""
    return (obj.__doc__ or "").strip().splitlines()[0]


class MnemeCommand(gdb.Command):
    """Base of every Mneme command (see the module's docstring)."""

    name = None
    takes_args = True       # False: any argument is a usage error

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_DATA)
        _commands[self.name] = self

    def invoke(self, arg, from_tty):
        self.dont_repeat()
        try:
            if arg.strip() and not self.takes_args:
                raise MnemeError("usage: %s (no arguments)" % self.name)
            self.run(arg.strip(), from_tty)
        except NotYet as e:
            out("(%s)" % e)
        except MnemeError as e:
            raise MnemeError("%s: %s" % (self.name, e))
        except gdb.MemoryError as e:
            raise MnemeError("%s: cannot read target memory: %s" % (self.name, e))
        except gdb.GdbError:
            raise
        except gdb.error as e:
            raise MnemeError("%s: %s" % (self.name, e))
        except ValueError as e:         # a malformed number in the arguments
            raise MnemeError("%s: %s (see `help %s`)" % (self.name, e, self.name))

    def run(self, arg, from_tty):
        raise NotImplementedError


class MnemeHelp(MnemeCommand):
    """List Mneme's gdb commands and convenience functions.

Usage: mneme-help (or lx-help)
Each command also has `help <command>`."""

    name = "mneme-help"
    takes_args = False

    def run(self, arg, from_tty):
        out("Mneme gdb helpers (scripts/gdb/mneme/):")
        cmds = [c for c in commands() if c.name not in ("mneme-help", "lx-help")]
        w = max(len(c.name) for c in commands())
        for c in cmds:
            out("  %-*s %s" % (w, c.name, summary(c)))
        out("  %-*s %s" % (w, "lx-help", "this list (also mneme-help)"))
        out("  %-*s %s" % (w, "mneme-help", "this list (also lx-help)"))
        out("Convenience functions:")
        for usage, f in _functions.items():
            out("  %s\n      %s" % (usage, summary(f)))
        out("`help <command>` shows a command's options.")


class LxHelp(MnemeHelp):
    """List Mneme's gdb commands (same as mneme-help)."""

    name = "lx-help"


class MnemeFunction(gdb.Function):
    """Base of the convenience functions: `usage` is how mneme-help shows it."""

    usage = None

    def __init__(self, name):
        super().__init__(name)
        _functions[self.usage] = self


class ContainerOf(MnemeFunction):
    """Cast a member pointer back to its containing structure (container_of).

$container_of(PTR, "struct TYPE", "MEMBER") -> struct TYPE *
e.g. p *$container_of(timer_base.tv1[3].next, "struct timer_list", "entry")"""

    usage = '$container_of(p, "type", "member")'

    def __init__(self):
        super().__init__("container_of")

    def invoke(self, ptr, typename, member):
        return container_of(ptr, typename.string(), member.string())


class LxSymbol(MnemeFunction):
    """The symbol+offset of an address, as a string ($lx_symbol($pc))."""

    usage = "$lx_symbol(addr)"

    def __init__(self):
        super().__init__("lx_symbol")

    def invoke(self, addr):
        return symbolize(int(addr))


MnemeHelp()
LxHelp()
ContainerOf()
LxSymbol()
