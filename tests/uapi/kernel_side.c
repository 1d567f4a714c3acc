/*
 * The kernel's side of the UAPI check (tests/uapi/layouts.h): the
 * kernel's own headers, compiled with the kernel's flags.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <sched.h>
#include <utsname.h>
#include <fs.h>
#include <stat.h>
#include <tty.h>
#include <mman.h>
#include <poll.h>
#include <resource.h>
#include <asm/ldt.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/sigcontext.h>
#include <time.h>
#include <asm/unistd.h>

#pragma GCC diagnostic ignored "-Woverflow"	/* bitfield = -1: all its bits */

#define UAPI_PASS_DATA
#include "markers.h"
#include "layouts.h"
#undef UAPI_PASS_DATA

void uapi_kernel_side(void);
void uapi_kernel_side(void)
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
