/*
 * Red-black trees (include/rbtree.h), as Linux 2.6's lib/rbtree.c:
 * insertion recolours and rotates bottom-up (at most two rotations),
 * removal splices the node out and repairs a missing black with at most
 * three rotations. Cormen, Leiserson, Rivest and Stein, chapter 13, has
 * the cases; the comments name them with the node letters used there:
 *
 *   n  the node being fixed       p  its parent      g  its grandparent
 *   u  its uncle (p's sibling)    s  its sibling
 */
#include <rbtree.h>

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = rb_color(rb) | (unsigned long)p;
}

static inline void rb_set_color(struct rb_node *rb, int color)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & ~1UL) | color;
}

#define rb_set_red(r)	rb_set_color(r, RB_RED)
#define rb_set_black(r)	rb_set_color(r, RB_BLACK)

/* parent's link to old (or the root's) now points to new. */
static inline void rb_change_child(struct rb_node *old, struct rb_node *new,
				   struct rb_node *parent, struct rb_root *root)
{
	if (parent) {
		if (parent->rb_left == old)
			parent->rb_left = new;
		else
			parent->rb_right = new;
	} else {
		root->rb_node = new;
	}
}

/*
 *      n               r
 *     / \             / \
 *    a   r    -->    n   c
 *       / \         / \
 *      b   c       a   b
 */
static void rb_rotate_left(struct rb_node *n, struct rb_root *root)
{
	struct rb_node *r = n->rb_right, *parent = rb_parent(n);

	n->rb_right = r->rb_left;
	if (r->rb_left)
		rb_set_parent(r->rb_left, n);
	r->rb_left = n;
	rb_set_parent(r, parent);
	rb_change_child(n, r, parent, root);
	rb_set_parent(n, r);
}

/* The mirror image of rb_rotate_left. */
static void rb_rotate_right(struct rb_node *n, struct rb_root *root)
{
	struct rb_node *l = n->rb_left, *parent = rb_parent(n);

	n->rb_left = l->rb_right;
	if (l->rb_right)
		rb_set_parent(l->rb_right, n);
	l->rb_right = n;
	rb_set_parent(l, parent);
	rb_change_child(n, l, parent, root);
	rb_set_parent(n, l);
}

/*
 * n was just linked in red. Only rule 2 can be broken, between n and a
 * red parent p (then p is not the root, so g exists and is black):
 *
 *   case 1: u is red: recolour p and u black, g red, go on from g;
 *   case 2: n is an inner child: rotate it outward at p (becomes case 3);
 *   case 3: n is an outer child: rotate g toward u, swap p's and g's colours.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);
		if (parent == gparent->rb_left) {
			struct rb_node *uncle = gparent->rb_right;

			if (uncle && rb_is_red(uncle)) {		/* case 1 */
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (parent->rb_right == node) {			/* case 2 */
				struct rb_node *tmp;

				rb_rotate_left(parent, root);
				tmp = parent;
				parent = node;
				node = tmp;
			}
			rb_set_black(parent);				/* case 3 */
			rb_set_red(gparent);
			rb_rotate_right(gparent, root);
		} else {
			struct rb_node *uncle = gparent->rb_left;

			if (uncle && rb_is_red(uncle)) {
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (parent->rb_left == node) {
				struct rb_node *tmp;

				rb_rotate_right(parent, root);
				tmp = parent;
				parent = node;
				node = tmp;
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			rb_rotate_left(gparent, root);
		}
	}
	rb_set_black(root->rb_node);
}

/*
 * A black node was removed above node (which may be NULL, an empty
 * leaf) under parent: the paths through node lack one black.
 *
 *   case 1: s is red: rotate at p toward node, recolour (s becomes black);
 *   case 2: s and both its children black: s red, the lack moves up to p;
 *   case 3: s's far child black, near child red: rotate at s (-> case 4);
 *   case 4: s's far child red: rotate at p toward node, s takes p's
 *           colour, p and the far child black: done.
 */
static void rb_erase_color(struct rb_node *node, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *other;

	while ((!node || rb_is_black(node)) && node != root->rb_node) {
		if (parent->rb_left == node) {
			other = parent->rb_right;
			if (rb_is_red(other)) {				/* case 1 */
				rb_set_black(other);
				rb_set_red(parent);
				rb_rotate_left(parent, root);
				other = parent->rb_right;
			}
			if ((!other->rb_left || rb_is_black(other->rb_left)) &&
			    (!other->rb_right || rb_is_black(other->rb_right))) {	/* case 2 */
				rb_set_red(other);
				node = parent;
				parent = rb_parent(node);
			} else {
				if (!other->rb_right || rb_is_black(other->rb_right)) {	/* case 3 */
					rb_set_black(other->rb_left);
					rb_set_red(other);
					rb_rotate_right(other, root);
					other = parent->rb_right;
				}
				rb_set_color(other, rb_color(parent));		/* case 4 */
				rb_set_black(parent);
				rb_set_black(other->rb_right);
				rb_rotate_left(parent, root);
				node = root->rb_node;
				break;
			}
		} else {
			other = parent->rb_left;
			if (rb_is_red(other)) {
				rb_set_black(other);
				rb_set_red(parent);
				rb_rotate_right(parent, root);
				other = parent->rb_left;
			}
			if ((!other->rb_left || rb_is_black(other->rb_left)) &&
			    (!other->rb_right || rb_is_black(other->rb_right))) {
				rb_set_red(other);
				node = parent;
				parent = rb_parent(node);
			} else {
				if (!other->rb_left || rb_is_black(other->rb_left)) {
					rb_set_black(other->rb_right);
					rb_set_red(other);
					rb_rotate_left(other, root);
					other = parent->rb_left;
				}
				rb_set_color(other, rb_color(parent));
				rb_set_black(parent);
				rb_set_black(other->rb_left);
				rb_rotate_right(parent, root);
				node = root->rb_node;
				break;
			}
		}
	}
	if (node)
		rb_set_black(node);
}

/*
 * Remove node. With two children it is replaced by its successor (the
 * leftmost node of its right subtree), which takes its place and colour;
 * the repair then starts where the successor was taken from.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int color;

	if (!node->rb_left) {
		child = node->rb_right;
	} else if (!node->rb_right) {
		child = node->rb_left;
	} else {
		struct rb_node *old = node, *left;

		node = node->rb_right;
		while ((left = node->rb_left) != NULL)
			node = left;
		rb_change_child(old, node, rb_parent(old), root);

		child = node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);

		if (parent == old) {
			parent = node;
		} else {
			if (child)
				rb_set_parent(child, parent);
			parent->rb_left = child;
			node->rb_right = old->rb_right;
			rb_set_parent(old->rb_right, node);
		}
		node->__rb_parent_color = old->__rb_parent_color;
		node->rb_left = old->rb_left;
		rb_set_parent(old->rb_left, node);
		goto color;
	}

	parent = rb_parent(node);
	color = rb_color(node);
	if (child)
		rb_set_parent(child, parent);
	rb_change_child(node, child, parent, root);
color:
	if (color == RB_BLACK)
		rb_erase_color(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/*
 * The next node in order: the leftmost of the right subtree if there is
 * one, else the first ancestor of which node is in the left subtree.
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	rb_change_child(victim, new, parent, root);
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	*new = *victim;
}

/* The black height of the subtree at n, or -1 with *err set. Recursion depth <= 2 log2(n+1). */
static int rb_check_node(const struct rb_node *n, const struct rb_node *parent,
			 unsigned long *count, const char **err)
{
	int lh, rh;

	if (!n)
		return 1;
	(*count)++;
	if (rb_parent(n) != parent) {
		*err = "a node's parent pointer is wrong";
		return -1;
	}
	if (n->__rb_parent_color & 2) {
		*err = "a node's parent word has bit 1 set";
		return -1;
	}
	if (rb_is_red(n) && parent && rb_is_red(parent)) {
		*err = "a red node has a red parent";
		return -1;
	}
	lh = rb_check_node(n->rb_left, n, count, err);
	if (lh < 0)
		return -1;
	rh = rb_check_node(n->rb_right, n, count, err);
	if (rh < 0)
		return -1;
	if (lh != rh) {
		*err = "two paths cross different numbers of black nodes";
		return -1;
	}
	return lh + rb_is_black(n);
}

const char *rb_check(const struct rb_root *root, unsigned long *nodes, int *black_height)
{
	const char *err = NULL;
	unsigned long count = 0;
	int h;

	if (root->rb_node && rb_is_red(root->rb_node))
		return "the root is red";
	h = rb_check_node(root->rb_node, NULL, &count, &err);
	if (err)
		return err;
	if (nodes)
		*nodes = count;
	if (black_height)
		*black_height = h;
	return NULL;
}
