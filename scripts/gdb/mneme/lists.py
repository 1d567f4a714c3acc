"""Walks of the kernel's doubly linked lists (include/list.h), checked:
a walk stops, saying why, on a NULL or poisoned pointer (a list_head
never initialised, an entry used after list_del()), on unreadable memory
and past a bound (a cycle that misses the head)."""
import gdb

from .constants import LIST_POISON1, LIST_POISON2
from .utils import MnemeError, container_of, get_type, offset_of, read_u32

BAD_POINTERS = (0, LIST_POISON1, LIST_POISON2)


def _next_prev():
    return offset_of("struct list_head", "next"), offset_of("struct list_head", "prev")


def list_walk(head, first, limit, visit=None, what="entries"):
    """Walk the list whose head is at address head, from its first node
    (head->next) back to head: (items, problem), problem None for a clean
    walk, else why it stopped early.

    visit(node) -> (item, the next node) reads one entry; it may raise
    MnemeError to stop the walk (e.g. "0x... is no page's lru"). Without
    it the items are the nodes' addresses."""
    nxt = _next_prev()[0]
    if visit is None:
        def visit(node):
            return node, read_u32(node + nxt)
    items, node = [], first
    while node != head:
        if node in BAD_POINTERS:
            return items, ("a NULL next pointer after %d %s (a list_head not initialised?)"
                           % (len(items), what) if node == 0 else
                           "poisoned pointer 0x%08x after %d %s (an entry used after list_del?)"
                           % (node, len(items), what))
        if len(items) >= limit:
            return items, "more than %d %s (corrupt or cyclic?)" % (limit, what)
        try:
            item, node = visit(node)
        except MnemeError as e:
            return items, "%s after %d %s" % (e, len(items), what)
        items.append(item)
    return items, None


def list_for_each(head, limit=1 << 20):
    """Each node (a struct list_head * value) of the list at head, a
    struct list_head value or pointer; MnemeError if the walk breaks."""
    lh_ptr = get_type("struct list_head").pointer()
    if head.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        head_addr = int(head)
    else:
        head_addr = int(head.address)
    nodes, problem = list_walk(head_addr, int(gdb.Value(head_addr).cast(lh_ptr)["next"]), limit)
    if problem:
        raise MnemeError("list at 0x%08x: %s" % (head_addr, problem))
    return [gdb.Value(n).cast(lh_ptr) for n in nodes]


def list_for_each_entry(head, typ, member):
    """A pointer to each typ (gdb.Type or name) linked through member."""
    return [container_of(node, typ, member) for node in list_for_each(head)]


def list_empty(head):
    """True for an empty list; None for a head never initialised (next == NULL)."""
    nxt = int(head["next"])
    if nxt == 0:
        return None
    return nxt == int(head.address)


def list_head_of(entry, heads, limit=1 << 16, valid=None):
    """Which list the entry whose list_head is at address entry is on.

    Checks that it is linked (its neighbours point back at it), then
    follows its next pointers to one of heads ({head address: value};
    valid(node), if given, says whether a node on the way may be an entry
    of such a list). Returns (heads[head], steps to it) or (None, why)."""
    nxt_off, prev_off = _next_prev()
    try:
        nxt, prv = read_u32(entry + nxt_off), read_u32(entry + prev_off)
        if nxt in BAD_POINTERS or prv in BAD_POINTERS or nxt == entry:
            return None, "not linked into a list (next 0x%08x, prev 0x%08x)" % (nxt, prv)
        if read_u32(prv + nxt_off) != entry or read_u32(nxt + prev_off) != entry:
            return None, "its list neighbours do not point back at it: not on a list"
        node, steps = nxt, 1
        while node not in heads:
            if node in BAD_POINTERS or (valid is not None and not valid(node)):
                return None, "its list leads to 0x%08x, no list head" % node
            if steps >= limit:
                return None, "no list head within %d steps" % steps
            node = read_u32(node + nxt_off)
            steps += 1
    except MnemeError as e:
        return None, "its list leads to unreadable memory (%s)" % e
    return heads[node], steps
