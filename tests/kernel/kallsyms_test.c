/* The embedded symbol table against the linker's own symbols. */
#include <kernel.h>
#include <string.h>
#include <kallsyms.h>
#include <ktest.h>

void start_kernel(unsigned long magic, unsigned long mbi_phys);

static void test_lookup_name(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("start_kernel"), (unsigned long)start_kernel);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("printk"), (unsigned long)printk);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("no_such_symbol"), 0UL);
}

static void test_lookup_address(struct ktest *t)
{
	unsigned long size, offset;
	const char *name = kallsyms_lookup((unsigned long)printk + 5, &size, &offset);

	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_EXPECT_STREQ(t, name, "printk");
	KTEST_EXPECT_EQ(t, offset, 5UL);
	KTEST_EXPECT_GT(t, size, 5UL);
	KTEST_EXPECT_LT(t, size, 4096UL);
	/* Data is not text. */
	KTEST_EXPECT_NULL(t, kallsyms_lookup((unsigned long)&kallsyms_num_syms, NULL, NULL));
}

/*
 * Sorted, inside the kernel's text, and every name found again by its
 * own lookup (static functions of different files may share a name:
 * the lookup then finds one of them, which must carry that name).
 */
static void test_table_consistent(struct ktest *t)
{
	extern char _text[], _etext[];
	unsigned int i, unsorted = 0, outside = 0, mismatched = 0;

	KTEST_ASSERT_GT(t, kallsyms_num_syms, 100u);
	for (i = 0; i < kallsyms_num_syms; i++) {
		unsigned long a = kallsyms_addresses[i];
		const char *name;

		if (i && kallsyms_addresses[i - 1] > a)
			unsorted++;
		if (a < (unsigned long)_text)
			outside++;
		name = kallsyms_lookup(a, NULL, NULL);
		if (!name || strcmp(kallsyms_lookup(kallsyms_lookup_name(name), NULL, NULL), name))
			mismatched++;
	}
	KTEST_EXPECT_EQ(t, unsorted, 0u);
	KTEST_EXPECT_EQ(t, outside, 0u);
	KTEST_EXPECT_EQ(t, mismatched, 0u);
	KTEST_EXPECT_GE(t, kallsyms_addresses[kallsyms_num_syms], (unsigned long)_etext);
}

static struct ktest_case kallsyms_cases[] = {
	KTEST_CASE(test_lookup_name),
	KTEST_CASE(test_lookup_address),
	KTEST_CASE(test_table_consistent),
	{}
};

static struct ktest_suite kallsyms_suite = {
	.name = "kallsyms",
	.test_cases = kallsyms_cases,
};
ktest_register_suite(kallsyms_suite);
