/*
 * Notifier chains: callbacks ordered by priority, as in Linux. The die
 * chain (traps) is the first user: a handler that returns NOTIFY_STOP
 * claims the event (a debugger's breakpoint, a test's expected trap).
 */
#ifndef _MNEME_NOTIFIER_H
#define _MNEME_NOTIFIER_H

struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long action, void *data);
	struct notifier_block *next;
	int priority;
};

#define NOTIFY_DONE	0x0000
#define NOTIFY_OK	0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_STOP	(NOTIFY_OK | NOTIFY_STOP_MASK)

int notifier_chain_register(struct notifier_block **head, struct notifier_block *nb);
int notifier_chain_unregister(struct notifier_block **head, struct notifier_block *nb);
int notifier_call_chain(struct notifier_block **head, unsigned long action, void *data);

/* The die chain (arch/x86/traps.c). */
enum die_val {
	DIE_OOPS = 1,
	DIE_INT3,
	DIE_DEBUG,
	DIE_GPF,
	DIE_TRAP,
	DIE_PAGE_FAULT,
	DIE_NMI,
};

struct pt_regs;
struct die_args {
	struct pt_regs *regs;
	const char *str;
	long err;
	int trapnr;
};

int register_die_notifier(struct notifier_block *nb);
int unregister_die_notifier(struct notifier_block *nb);
int notify_die(enum die_val val, const char *str, struct pt_regs *regs, long err, int trapnr);

#endif
