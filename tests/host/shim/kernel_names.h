/*
 * Force-included (-include) into every kernel object built for the host.
 *
 * The kernel defines functions libc also defines. Linked into one host
 * program they would clash, or worse, silently replace libc's (and
 * ASan's interceptors) for the whole process. So on the host the
 * kernel's versions are renamed kernel_<name>; host code calls them by
 * that name (tests/host/kapi.h declares them). Add a line here when
 * the kernel grows a function whose name libc also uses.
 */
#ifndef _HOST_KERNEL_NAMES_H
#define _HOST_KERNEL_NAMES_H

/* kernel/string.c */
#define memset		kernel_memset
#define memcpy		kernel_memcpy
#define memmove		kernel_memmove
#define memcmp		kernel_memcmp
#define memchr		kernel_memchr
#define strlen		kernel_strlen
#define strnlen		kernel_strnlen
#define strcmp		kernel_strcmp
#define strncmp		kernel_strncmp
#define strchr		kernel_strchr
#define strrchr		kernel_strrchr
#define strstr		kernel_strstr
#define strlcpy		kernel_strlcpy
#define strlcat		kernel_strlcat
#define strsep		kernel_strsep

/* kernel/vsprintf.c */
#define vsnprintf	kernel_vsnprintf
#define snprintf	kernel_snprintf
#define vscnprintf	kernel_vscnprintf
#define scnprintf	kernel_scnprintf
#define sprintf		kernel_sprintf

#endif
