/*
 * What uname() reports (Linux's struct new_utsname, six strings of 65
 * bytes; the layout is checked against linux/utsname.h by tests/uapi/).
 * kernel/sys.c says what Mneme puts there and why.
 */
#ifndef _MNEME_UTSNAME_H
#define _MNEME_UTSNAME_H

#define __NEW_UTS_LEN	64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

/* The system's names now (the machine field depends on the CPU). */
void get_utsname(struct new_utsname *name);

#endif
