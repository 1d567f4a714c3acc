"""Per-CPU data and the current task. Mneme runs one CPU (NR_CPUS is 1,
as Linux 2.6 without CONFIG_SMP), but its per-CPU structures are arrays
indexed by CPU as in Linux (zone->pageset[], kmem_cache->array[], the
kmap_atomic() fixmap slots): the helpers reach them through here."""
from .constants import NR_CPUS
from .utils import MnemeError, array_len, lookup_var


def cpu_ids():
    """Every possible CPU."""
    return range(NR_CPUS)


def smp_processor_id():
    """The CPU gdb sees (QEMU's stub shows one thread per CPU; Mneme has one)."""
    return 0


def per_cpu(array, cpu=None):
    """Element cpu (default: this CPU) of a per-CPU array value, checked
    against NR_CPUS and the array's length in the debug info."""
    cpu = smp_processor_id() if cpu is None else cpu
    if not 0 <= cpu < min(NR_CPUS, array_len(array)):
        raise MnemeError("no CPU %d (NR_CPUS %d)" % (cpu, NR_CPUS))
    return array[cpu]


def current_task():
    """The address of the running task's task_struct (current)."""
    return int(lookup_var("current_task", "the tasks")) & 0xFFFFFFFF
