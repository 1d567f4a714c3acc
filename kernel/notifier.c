/*
 * Notifier chains (Linux kernel/notifier.c, simplified for one CPU:
 * changes happen with interrupts off, so a chain walked from an
 * interrupt never sees a half-linked entry).
 */
#include <errno.h>
#include <notifier.h>
#include <asm/irqflags.h>

int notifier_chain_register(struct notifier_block **head, struct notifier_block *nb)
{
	unsigned long flags;

	local_irq_save(flags);
	while (*head && (*head)->priority >= nb->priority)
		head = &(*head)->next;
	nb->next = *head;
	*head = nb;
	local_irq_restore(flags);
	return 0;
}

int notifier_chain_unregister(struct notifier_block **head, struct notifier_block *nb)
{
	unsigned long flags;
	int ret = -ENOENT;

	local_irq_save(flags);
	for (; *head; head = &(*head)->next) {
		if (*head == nb) {
			*head = nb->next;
			ret = 0;
			break;
		}
	}
	local_irq_restore(flags);
	return ret;
}

/* Call each block in priority order until one returns with NOTIFY_STOP_MASK. */
int notifier_call_chain(struct notifier_block **head, unsigned long action, void *data)
{
	struct notifier_block *nb = *head, *next;
	int ret = NOTIFY_DONE;

	while (nb) {
		next = nb->next;
		ret = nb->notifier_call(nb, action, data);
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next;
	}
	return ret;
}
