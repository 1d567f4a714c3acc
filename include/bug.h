/*
 * BUG(), BUG_ON(), WARN_ON() and the levelled assertions.
 *
 * BUG() is Linux's: a ud2 instruction plus an entry in __bug_table
 * mapping its address to file:line. The invalid-opcode trap finds the
 * entry, prints "kernel BUG at file:line!" and oopses with the full
 * register state of the place that hit it.
 *
 * Assertion levels (all type-check their expression when compiled out):
 *   BUG_ON(c)            always on: a broken invariant, never continue.
 *   VM_BUG_ON(c)         CONFIG_DEBUG_VM: cheap checks on mm hot paths.
 *   VM_BUG_ON_EXPENSIVE  CONFIG_DEBUG_VM_EXPENSIVE: whole-structure walks.
 */
#ifndef _MNEME_BUG_H
#define _MNEME_BUG_H

#include <compiler.h>

struct bug_entry {
	unsigned long bug_addr;
	const char *file;
	unsigned short line;
	unsigned short flags;
};

#ifdef __KERNEL__
#define BUG() do {							\
	__asm__ __volatile__("1:\tud2\n"				\
		".pushsection __bug_table,\"aw\"\n"			\
		"2:\t.long 1b, %c0\n"					\
		"\t.word %c1, 0\n"					\
		"\t.org 2b + %c2\n"					\
		".popsection"						\
		:: "i" (__FILE__), "i" (__LINE__),			\
		   "i" (sizeof(struct bug_entry)));			\
	__builtin_unreachable();					\
} while (0)
#else	/* host builds of kernel code: tests/host/shim provides host_bug() */
__noreturn void host_bug(const char *file, int line);
#define BUG()	host_bug(__FILE__, __LINE__)
#endif

#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

__cold void warn_slowpath(const char *file, int line, const char *func,
			  const char *fmt, ...) __printf(4, 5);

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		warn_slowpath(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__); \
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond)	WARN(cond, NULL)
#define WARN_ON_ONCE(cond) ({						\
	static int __warned;						\
	int __ret_once = !!(cond);					\
	if (unlikely(__ret_once && !__warned)) {			\
		__warned = 1;						\
		warn_slowpath(__FILE__, __LINE__, __func__, NULL);	\
	}								\
	unlikely(__ret_once);						\
})

#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#define __typecheck_only(cond)	((void)sizeof(!(cond)))

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	WARN_ON(cond)
#else
#define VM_BUG_ON(cond)		__typecheck_only(cond)
#define VM_WARN_ON(cond)	__typecheck_only(cond)
#endif

#ifdef CONFIG_DEBUG_VM_EXPENSIVE
#define VM_BUG_ON_EXPENSIVE(cond)	BUG_ON(cond)
#else
#define VM_BUG_ON_EXPENSIVE(cond)	__typecheck_only(cond)
#endif

const struct bug_entry *find_bug(unsigned long addr);

#endif
