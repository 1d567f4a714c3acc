/* Deterministic fault injection (include/fault_inject.h). */
#include <kernel.h>
#include <errno.h>
#include <string.h>
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

static const char *ordinal(unsigned long n)
{
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* The attributes a boot parameter set, to be armed once boot is complete. */
static struct fault_attr *boot_attrs[4];
static unsigned int nr_boot_attrs;

/*
 * One number of "<interval>[,<times>]": the len bytes at s, decimal or
 * 0x hex, at most max. 0, or -EINVAL/-ERANGE after saying why.
 */
static int parse_part(const struct fault_attr *attr, const char *str, const char *what,
		      const char *s, size_t len, unsigned long max, unsigned long *res)
{
	char buf[24];
	unsigned int v;
	int err;

	if (len >= sizeof(buf)) {
		err = -ERANGE;
	} else {
		memcpy(buf, s, len);
		buf[len] = '\0';
		err = kstrtouint(buf, 0, &v);
		if (!err && v > max)
			err = -ERANGE;
	}
	if (err == -ERANGE)
		printk(KERN_ERR "fault injection: %s=%s: %s '%.*s' is out of range (0 .. %lu)\n",
		       attr->name, str, what, (int)len, s, max);
	else if (err)
		printk(KERN_ERR "fault injection: %s=%s: %s '%.*s' is not a non-negative number\n",
		       attr->name, str, what, (int)len, s);
	else
		*res = v;
	return err;
}

int setup_fault_attr(struct fault_attr *attr, const char *str)
{
	unsigned long interval, times = 0;
	const char *comma;
	unsigned int i;
	int err;

	if (!str || !*str) {
		printk(KERN_ERR "fault injection: %s needs a value: %s=<interval>[,<times>]\n",
		       attr->name, attr->name);
		return -EINVAL;
	}
	comma = strchr(str, ',');
	err = parse_part(attr, str, "interval", str, comma ? (size_t)(comma - str) : strlen(str),
			 FAULT_INTERVAL_MAX, &interval);
	if (!err && comma)
		err = parse_part(attr, str, "times", comma + 1, strlen(comma + 1),
				 FAULT_TIMES_MAX, &times);
	if (err)
		return err;

	attr->boot_interval = interval;
	attr->boot_times = comma ? (long)times : -1;
	for (i = 0; i < nr_boot_attrs && boot_attrs[i] != attr; i++)
		;
	if (i == nr_boot_attrs && nr_boot_attrs < ARRAY_SIZE(boot_attrs))
		boot_attrs[nr_boot_attrs++] = attr;
	printk(KERN_NOTICE "fault injection: %s will fail every %lu%s call%s once boot is complete\n",
	       attr->name, interval, ordinal(interval),
	       comma ? " (a limited number of times)" : "");
	return 0;
}

void fault_inject_arm_boot(void)
{
	unsigned int i;

	for (i = 0; i < nr_boot_attrs; i++) {
		struct fault_attr *attr = boot_attrs[i];

		fault_attr_set(attr, attr->boot_interval, attr->boot_times);
		if (attr->boot_times < 0)
			printk(KERN_NOTICE "fault injection: %s armed: every %lu%s call fails\n",
			       attr->name, attr->interval, ordinal(attr->interval));
		else
			printk(KERN_NOTICE "fault injection: %s armed: every %lu%s call fails, "
			       "at most %ld times\n", attr->name, attr->interval,
			       ordinal(attr->interval), attr->times);
	}
}

static int __init setup_fail_page_alloc(char *str)
{
	return setup_fault_attr(&fail_page_alloc, str);
}
__setup("fail_page_alloc", setup_fail_page_alloc);
