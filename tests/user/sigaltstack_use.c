/* sigaltstack_use.c - SS_ONSTACK inside a handler on the alternate stack; changing it there: EPERM. */
#include "ktap.h"

static char alt[32 * 1024], alt2[32 * 1024];
static volatile int flags_inside = -1, change_err = -1;

static void handler(int sig)
{
	stack_t cur, other = { .ss_sp = alt2, .ss_size = sizeof(alt2) };

	sigaltstack(NULL, &cur);
	flags_inside = cur.ss_flags;
	change_err = sigaltstack(&other, NULL) == -1 ? errno : 0;
}

int main(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) }, now;
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_ONSTACK };

	plan(5);
	sigaltstack(&ss, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	ok_eq(flags_inside, SS_ONSTACK, "inside the handler: SS_ONSTACK");
	ok_eq(change_err, EPERM, "changing the stack while on it: EPERM");
	sigaltstack(NULL, &now);
	ok(now.ss_flags == 0 && now.ss_sp == alt, "after the handler: off it, unchanged");
	ss.ss_flags = SS_DISABLE;
	ok_sys(sigaltstack(&ss, NULL), "SS_DISABLE");
	sigaltstack(NULL, &now);
	ok_eq(now.ss_flags, SS_DISABLE, "reads back SS_DISABLE");
	return done();
}
