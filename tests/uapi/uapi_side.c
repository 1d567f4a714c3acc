/*
 * Linux's side of the UAPI check (tests/uapi/layouts.h): Linux's UAPI
 * headers for i386 (linux-libc-dev:i386), compiled by the cross
 * compiler for i686 -- the ABI user programs are built against.
 */
#include <linux/types.h>
#include <asm/errno.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/unistd.h>
#include <asm/ldt.h>
#include <asm/ptrace.h>
#include <asm/sigcontext.h>
#include <asm/resource.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/time.h>
#include <linux/resource.h>
#include <linux/futex.h>
#include <linux/reboot.h>
#include <linux/times.h>
#include <linux/sysinfo.h>
#include <asm/ucontext.h>
#include <linux/elf.h>
#include <linux/auxvec.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <linux/uio.h>
#include <asm/stat.h>
#include <asm/termbits.h>
#include <asm/ioctls.h>
#include <asm/termios.h>
#include <linux/mman.h>
#include <linux/resource.h>
#include <linux/poll.h>

#pragma GCC diagnostic ignored "-Woverflow"

#define UAPI_SIDE
#define UAPI_PASS_DATA
#include "markers.h"
#include "layouts.h"
#undef UAPI_PASS_DATA

void uapi_linux_side(void);
void uapi_linux_side(void)
{
#undef CONSTANT
#undef KERNEL_ONLY
#undef STRUCT_AS
#undef FIELD_AS
#undef OFFSET_AS
#undef BITFIELD_AS
#include "markers.h"
#include "layouts.h"
#include "constants.h"
}
