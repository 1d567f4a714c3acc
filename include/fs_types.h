/*
 * File offsets, modes and device numbers (Linux's loff_t, umode_t,
 * dev_t), apart from include/types.h because host programs see libc's
 * own (64-bit) versions of these names.
 */
#ifndef _MNEME_FS_TYPES_H
#define _MNEME_FS_TYPES_H

typedef long long loff_t;
typedef unsigned short umode_t;
typedef unsigned int dev_t;

#endif
