/*
 * The kmap_atomic() slots (ULK 8.1.6, "Temporary kernel mappings"):
 * each kernel path that needs a temporary mapping uses its own slot,
 * so two paths never share one, and none ever sleeps holding it.
 */
#ifndef _ASM_KMAP_TYPES_H
#define _ASM_KMAP_TYPES_H

enum km_type {
	KM_BOUNCE_READ,
	KM_USER0,
	KM_USER1,
	KM_BIO_SRC_IRQ,
	KM_BIO_DST_IRQ,
	KM_PTE0,
	KM_PTE1,
	KM_IRQ0,
	KM_IRQ1,
	KM_SOFTIRQ0,
	KM_SOFTIRQ1,
	KM_TYPE_NR
};

#endif
