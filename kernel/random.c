/*
 * Random bytes (Linux's drivers/char/random.c, reduced to what its users
 * here need): get_random_bytes() for AT_RANDOM and getrandom(2). Not
 * cryptographic -- a 64-bit xorshift* stream stirred with the time
 * stamp counter and jiffies at every call -- only different from one
 * call, one exec, one boot to the next. Said in the README.
 */
#include <kernel.h>
#include <errno.h>
#include <jiffies.h>
#include <random.h>
#include <sched.h>
#include <string.h>
#include <syscalls.h>
#include <asm/processor.h>
#include <asm/uaccess.h>

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

static u64 random_state = 0x9e3779b97f4a7c15ULL;

void get_random_bytes(void *buf, int nbytes)
{
	u8 *p = buf;
	u64 x;
	int i;

	random_state ^= (u64)jiffies * 0x9e3779b97f4a7c15ULL;
	if (cpu_has_tsc)
		random_state ^= rdtsc();
	x = random_state ? random_state : 1;
	for (i = 0; i < nbytes; i++) {
		if (i % 8 == 0) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
		}
		p[i] = (u8)((x * 0x2545f4914f6cdd1dULL) >> (56 - 8 * (i % 8)));
	}
	random_state = x;
}

/*
 * getrandom(buf, count, flags) with Linux 6.1's checks: the pool is
 * always ready, so GRND_NONBLOCK and GRND_RANDOM never wait. The bytes
 * copied (at most INT_MAX), or -EFAULT if none could be.
 */
long sys_getrandom(char __user *ubuf, unsigned long count, unsigned int flags)
{
	unsigned long done = 0;
	u8 chunk[64];

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (count > 0x7fffffffUL)
		count = 0x7fffffffUL;
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)sizeof(chunk)), left;

		get_random_bytes(chunk, (int)n);
		left = copy_to_user(ubuf + done, chunk, n);
		done += n - left;
		if (left)
			break;
		if (need_resched())
			cond_resched();
		if (signal_pending(current))
			break;
	}
	memset(chunk, 0, sizeof(chunk));
	return !done && count ? -EFAULT : (long)done;
}
