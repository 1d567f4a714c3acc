/*
 * include/list.h: random operation sequences on a few lists, checked
 * against an array model after every step, walking each list forwards
 * and backwards and through every iterator.
 */
#include <stdlib.h>
#include "harness.h"
#include "include/list.h"

#define NR_HEADS	3
#define NR_ITEMS	24

struct item {
	int id;
	struct list_head link;
};

struct model {
	struct list_head head[NR_HEADS];
	struct item *items;
	int seq[NR_HEADS][NR_ITEMS];	/* ids, first to last */
	int len[NR_HEADS];
	int where[NR_ITEMS];		/* head index, or -1 when on no list */
};

static void model_insert(struct model *m, int h, int pos, int id)
{
	int i;

	for (i = m->len[h]; i > pos; i--)
		m->seq[h][i] = m->seq[h][i - 1];
	m->seq[h][pos] = id;
	m->len[h]++;
	m->where[id] = h;
}

static int model_remove(struct model *m, int id)
{
	int h = m->where[id], i, pos;

	for (pos = 0; m->seq[h][pos] != id; pos++)
		;
	for (i = pos; i + 1 < m->len[h]; i++)
		m->seq[h][i] = m->seq[h][i + 1];
	m->len[h]--;
	m->where[id] = -1;
	return pos;
}

/* Every way of looking at list h must agree with the model. */
static void check_list(struct model *m, int h)
{
	struct list_head *head = &m->head[h], *pos, *n;
	struct item *it, *tmp;
	int i;

	ASSERT_EQ(list_count(head), m->len[h]);
	EXPECT_EQ(list_empty(head), m->len[h] == 0);
	EXPECT_EQ(list_is_singular(head), m->len[h] == 1);

	i = 0;
	list_for_each(pos, head) {
		ASSERT_LT(i, m->len[h]);
		it = list_entry(pos, struct item, link);
		EXPECT_EQ(it->id, m->seq[h][i]);
		EXPECT_PTR_EQ(pos->next->prev, pos);
		EXPECT_PTR_EQ(pos->prev->next, pos);
		EXPECT_EQ(list_is_last(pos, head), i == m->len[h] - 1);
		i++;
	}
	EXPECT_EQ(i, m->len[h]);

	i = m->len[h];
	list_for_each_entry_reverse(it, head, link) {
		ASSERT_GT(i, 0);
		EXPECT_EQ(it->id, m->seq[h][--i]);
	}
	EXPECT_EQ(i, 0);

	i = 0;
	list_for_each_entry(it, head, link)
		EXPECT_EQ(it->id, m->seq[h][i++]);
	EXPECT_EQ(i, m->len[h]);

	i = 0;
	list_for_each_entry_safe(it, tmp, head, link)
		EXPECT_EQ(it->id, m->seq[h][i++]);
	i = 0;
	list_for_each_safe(pos, n, head)
		EXPECT_PTR_EQ(pos, &m->items[m->seq[h][i++]].link);

	if (m->len[h]) {
		EXPECT_EQ(list_first_entry(head, struct item, link)->id, m->seq[h][0]);
		EXPECT_EQ(list_last_entry(head, struct item, link)->id, m->seq[h][m->len[h] - 1]);
	}
	EXPECT_PTR_EQ(head->next->prev, head);
	EXPECT_PTR_EQ(head->prev->next, head);
}

static int pick_free(struct model *m)
{
	int tries;

	for (tries = 0; tries < 4 * NR_ITEMS; tries++) {
		int id = ht_rand_below(NR_ITEMS);

		if (m->where[id] < 0)
			return id;
	}
	return -1;
}

static int pick_listed(struct model *m)
{
	int tries;

	for (tries = 0; tries < 4 * NR_ITEMS; tries++) {
		int id = ht_rand_below(NR_ITEMS);

		if (m->where[id] >= 0)
			return id;
	}
	return -1;
}

enum op { ADD, ADD_TAIL, DEL, DEL_INIT, MOVE, MOVE_TAIL, SPLICE, SPLICE_INIT,
	  SPLICE_TAIL_INIT, REPLACE, NR_OPS };

static void step(struct model *m)
{
	enum op op = ht_rand_below(NR_OPS);
	int h = ht_rand_below(NR_HEADS), h2 = ht_rand_below(NR_HEADS);
	int id, id2, pos, i;
	struct list_head *e;

	switch (op) {
	case ADD:
	case ADD_TAIL:
		if ((id = pick_free(m)) < 0)
			return;
		if (op == ADD) {
			list_add(&m->items[id].link, &m->head[h]);
			model_insert(m, h, 0, id);
		} else {
			list_add_tail(&m->items[id].link, &m->head[h]);
			model_insert(m, h, m->len[h], id);
		}
		break;
	case DEL:
	case DEL_INIT:
		if ((id = pick_listed(m)) < 0)
			return;
		e = &m->items[id].link;
		model_remove(m, id);
		if (op == DEL) {
			list_del(e);
			EXPECT_PTR_EQ(e->next, LIST_POISON1);
			EXPECT_PTR_EQ(e->prev, LIST_POISON2);
		} else {
			list_del_init(e);
			EXPECT_TRUE(list_empty(e));
			EXPECT_PTR_EQ(e->prev, e);
		}
		break;
	case MOVE:
	case MOVE_TAIL:
		if ((id = pick_listed(m)) < 0)
			return;
		model_remove(m, id);
		if (op == MOVE) {
			list_move(&m->items[id].link, &m->head[h]);
			model_insert(m, h, 0, id);
		} else {
			list_move_tail(&m->items[id].link, &m->head[h]);
			model_insert(m, h, m->len[h], id);
		}
		break;
	case SPLICE:
	case SPLICE_INIT:
	case SPLICE_TAIL_INIT:
		if (h == h2)
			return;
		/* Move every entry of h to the front (or back) of h2. */
		if (op == SPLICE)
			list_splice(&m->head[h], &m->head[h2]);
		else if (op == SPLICE_INIT)
			list_splice_init(&m->head[h], &m->head[h2]);
		else
			list_splice_tail_init(&m->head[h], &m->head[h2]);
		pos = op == SPLICE_TAIL_INIT ? m->len[h2] : 0;
		for (i = 0; i < m->len[h]; i++)
			model_insert(m, h2, pos + i, m->seq[h][i]);
		m->len[h] = 0;
		if (op == SPLICE)	/* list_splice leaves the old head stale */
			INIT_LIST_HEAD(&m->head[h]);
		else
			EXPECT_TRUE(list_empty(&m->head[h]));
		break;
	case REPLACE:
		if ((id = pick_listed(m)) < 0 || (id2 = pick_free(m)) < 0)
			return;
		h = m->where[id];
		pos = model_remove(m, id);
		list_replace(&m->items[id].link, &m->items[id2].link);
		model_insert(m, h, pos, id2);
		break;
	default:
		break;
	}
}

static struct model *model_new(void)
{
	struct model *m = calloc(1, sizeof(*m));
	int i;

	m->items = calloc(NR_ITEMS, sizeof(*m->items));
	for (i = 0; i < NR_HEADS; i++)
		INIT_LIST_HEAD(&m->head[i]);
	for (i = 0; i < NR_ITEMS; i++) {
		m->items[i].id = i;
		m->where[i] = -1;
	}
	return m;
}

static void model_free(struct model *m)
{
	free(m->items);
	free(m);
}

TEST(empty_head)
{
	LIST_HEAD(head);
	struct list_head local;

	EXPECT_TRUE(list_empty(&head));
	EXPECT_FALSE(list_is_singular(&head));
	EXPECT_EQ(list_count(&head), 0);
	INIT_LIST_HEAD(&local);
	EXPECT_TRUE(list_empty(&local));
	EXPECT_PTR_EQ(local.next, &local);
	EXPECT_PTR_EQ(local.prev, &local);
}

TEST(singular_and_last)
{
	LIST_HEAD(head);
	struct item a = { .id = 1 }, b = { .id = 2 };

	list_add(&a.link, &head);
	EXPECT_TRUE(list_is_singular(&head));
	EXPECT_TRUE(list_is_last(&a.link, &head));
	list_add_tail(&b.link, &head);
	EXPECT_FALSE(list_is_singular(&head));
	EXPECT_FALSE(list_is_last(&a.link, &head));
	EXPECT_TRUE(list_is_last(&b.link, &head));
	EXPECT_EQ(list_first_entry(&head, struct item, link)->id, 1);
	EXPECT_EQ(list_last_entry(&head, struct item, link)->id, 2);
	list_del_init(&a.link);
	EXPECT_TRUE(list_is_singular(&head));
	/* Splicing an empty list changes nothing. */
	list_splice_init(&a.link, &head);
	list_splice_tail_init(&a.link, &head);
	list_splice(&a.link, &head);
	EXPECT_EQ(list_count(&head), 1);
	EXPECT_TRUE(list_empty(&a.link));
}

TEST(random_operations)
{
	int round, i, h;

	for (round = 0; round < 200 && !ht_failed(); round++) {
		struct model *m = model_new();

		for (i = 0; i < 400 && !ht_failed(); i++) {
			step(m);
			for (h = 0; h < NR_HEADS; h++)
				check_list(m, h);
		}
		model_free(m);
	}
}

/* The safe iterator allows deleting the current entry. */
TEST(delete_while_iterating)
{
	struct model *m = model_new();
	struct item *it, *tmp;
	int i, kept = 0;

	for (i = 0; i < NR_ITEMS; i++) {
		list_add_tail(&m->items[i].link, &m->head[0]);
		model_insert(m, 0, i, i);
	}
	list_for_each_entry_safe(it, tmp, &m->head[0], link) {
		if (it->id % 3 == 0) {
			list_del(&it->link);
			model_remove(m, it->id);
		} else {
			kept++;
		}
	}
	EXPECT_EQ(list_count(&m->head[0]), kept);
	check_list(m, 0);
	model_free(m);
}
