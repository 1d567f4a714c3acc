/* Deterministic fault injection (include/fault_inject.h). */
#include <kernel.h>
#include <errno.h>
#include <init.h>
#include <fault_inject.h>

bool should_fail(struct fault_attr *attr)
{
	if (!attr->interval || !attr->times)
		return false;
	if (++attr->count % attr->interval)
		return false;
	if (attr->times > 0)
		attr->times--;
	attr->failed++;
	return true;
}

void fault_attr_set(struct fault_attr *attr, unsigned long interval, long times)
{
	attr->interval = interval;
	attr->times = times;
	attr->count = 0;
	attr->failed = 0;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	unsigned long interval;
	long times = -1;
	char *end;

	if (!str || !*str)
		return -EINVAL;
	interval = simple_strtoul(str, &end, 0);
	if (end == str)			/* ",2": no interval */
		return -EINVAL;
	if (*end == ',') {
		const char *t = end + 1;

		times = simple_strtol(t, &end, 0);
		if (end == t)		/* "3,": no times */
			return -EINVAL;
	}
	if (*end)
		return -EINVAL;
	fault_attr_set(attr, interval, times);
	printk(KERN_NOTICE "fault injection: %s fails every %lu%s call%s\n", attr->name,
	       interval, interval == 1 ? "st" : interval == 2 ? "nd" : interval == 3 ? "rd" : "th",
	       times < 0 ? "" : " (limited)");
	return 0;
}

static int __init setup_fail_page_alloc(char *str)
{
	return setup_fault_attr(&fail_page_alloc, str);
}
__setup("fail_page_alloc", setup_fail_page_alloc);
