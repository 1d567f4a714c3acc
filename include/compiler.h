/* Compiler attributes and helpers, named as in Linux. */
#ifndef _MNEME_COMPILER_H
#define _MNEME_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define __always_inline	inline __attribute__((always_inline))
#define noinline	__attribute__((noinline))
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __maybe_unused	__attribute__((unused))
#define __weak		__attribute__((weak))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __cold		__attribute__((cold))

/*
 * Linux 2.6's fastcall (include/asm-i386/linkage.h): the first three
 * arguments in eax, edx and ecx instead of on the stack. 2.6.11 marks
 * its page allocator's entry points so (__alloc_pages(), __free_pages(),
 * free_pages(), __get_free_pages(), get_zeroed_page(), free_hot_page(),
 * free_cold_page()); Mneme also __kmalloc() and kfree(), where it saves
 * instructions (not kmem_cache_alloc()/_free(): with their arguments on
 * the stack their fast paths need one saved register fewer). Part of
 * the function's type: declaration and definition both carry it. (The
 * host tests' x86-64 passes arguments in registers anyway.)
 */
#ifdef __i386__
#define fastcall	__attribute__((regparm(3)))
#else
#define fastcall
#endif

/*
 * A pointer into user space (sparse's address space annotation in
 * Linux; here documentation only): never dereferenced directly, only
 * through include/asm/uaccess.h. __force marks a deliberate cast.
 */
#define __user
#define __force

#define barrier()	__asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x)	 (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) do { *(volatile __typeof__(x) *)&(x) = (v); } while (0)

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#endif
