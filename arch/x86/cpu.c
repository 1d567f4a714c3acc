/*
 * CPU identification with CPUID: the vendor, family and model, and the
 * feature bits the memory code depends on (PSE for 4 MB pages, PGE for
 * global pages, TSC for measuring) or will (SMEP, SMAP, NX).
 */
#include <kernel.h>
#include <string.h>
#include <asm/processor.h>

struct cpuinfo_x86 boot_cpu_data;

/*
 * startup_32 (boot/head.asm, verify_cpu) has refused an i386 and set
 * cpuid_level: -1 if EFLAGS.ID cannot be flipped (no CPUID: an early
 * i486, family 4, with no feature the kernel may use), else the highest
 * standard CPUID leaf.
 */
void cpu_detect(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	u32 eax, ebx, ecx, edx, max_ext;
	u32 *v = (u32 *)c->x86_vendor_id;

	if (c->cpuid_level < 0) {
		strlcpy(c->x86_vendor_id, "unknown", sizeof(c->x86_vendor_id));
		return;
	}
	cpuid(0, &eax, &v[0], &v[2], &v[1]);
	c->cpuid_level = eax;
	if (c->cpuid_level >= 1) {
		cpuid(1, &eax, &ebx, &ecx, &edx);
		c->x86 = (eax >> 8) & 0xf;
		c->x86_model = (eax >> 4) & 0xf;
		c->x86_mask = eax & 0xf;
		if (c->x86 == 0xf)
			c->x86 += (eax >> 20) & 0xff;
		if (c->x86 >= 0x6)
			c->x86_model += ((eax >> 16) & 0xf) << 4;
		c->x86_capability[0] = edx;
		c->x86_capability[2] = ecx;
	}
	if (c->cpuid_level >= 7) {
		cpuid_count(7, 0, &eax, &ebx, &ecx, &edx);
		c->x86_capability[1] = ebx;
	}
	/* Without extended leaves, Intel CPUs answer with the highest standard leaf. */
	cpuid(0x80000000, &max_ext, &ebx, &ecx, &edx);
	if ((max_ext & 0xffff0000) != 0x80000000)
		max_ext = 0;
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, &eax, &ebx, &ecx, &edx);
		c->x86_capability[3] = edx;
	}
	if (max_ext >= 0x80000004) {
		u32 *m = (u32 *)c->x86_model_id;
		unsigned int i;

		for (i = 0; i < 3; i++)
			cpuid(0x80000002 + i, &m[4 * i], &m[4 * i + 1], &m[4 * i + 2], &m[4 * i + 3]);
		c->x86_model_id[48] = '\0';
	}
}

static const struct {
	int bit;
	const char *name;
} cpu_feature_names[] = {
	{ X86_FEATURE_FPU, "fpu" },
	{ X86_FEATURE_PSE, "pse" },
	{ X86_FEATURE_TSC, "tsc" },
	{ X86_FEATURE_PAE, "pae" },
	{ X86_FEATURE_APIC, "apic" },
	{ X86_FEATURE_PGE, "pge" },
	{ X86_FEATURE_CMOV, "cmov" },
	{ X86_FEATURE_PSE36, "pse36" },
	{ X86_FEATURE_FXSR, "fxsr" },
	{ X86_FEATURE_NX, "nx" },
	{ X86_FEATURE_SMEP, "smep" },
	{ X86_FEATURE_SMAP, "smap" },
	{ X86_FEATURE_HYPERVISOR, "hypervisor" },
};

void print_cpu_info(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	char flags[128];
	unsigned int i;
	int len = 0;

	for (i = 0; i < ARRAY_SIZE(cpu_feature_names); i++)
		len += scnprintf(flags + len, sizeof(flags) - len, " %s%s",
				 cpu_has(c, cpu_feature_names[i].bit) ? "" : "-",
				 cpu_feature_names[i].name);
	if (c->cpuid_level < 0) {
		printk(KERN_INFO "CPU: an i486 without CPUID (EFLAGS.ID is fixed): "
		       "no optional feature used\n");
		return;
	}
	printk(KERN_INFO "CPU: %s family %u model %u stepping %u \"%s\" (CPUID level %d)\n",
	       c->x86_vendor_id, c->x86, c->x86_model, c->x86_mask,
	       strim(c->x86_model_id), c->cpuid_level);
	printk(KERN_INFO "CPU features:%s\n", flags);
}
