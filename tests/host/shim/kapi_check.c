/*
 * Compiled as kernel code (kernel_names.h's renames, the kernel's own
 * headers): tests/host/kapi.h's copies of the kernel's declarations meet
 * the originals in one translation unit, so a prototype that drifts
 * (a parameter's type, the return type) stops the build instead of
 * leaving a host test calling a function with the wrong signature.
 * Nothing here is linked in.
 */
#include <kernel.h>
#include <string.h>
#define KAPI_KERNEL_DECLS_ONLY
#include "../kapi.h"
