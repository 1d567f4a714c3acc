/*
 * The macros of layouts.h, for kernel_side.c (the kernel's names and
 * headers) and uapi_side.c (UAPI_SIDE: Linux's): each item becomes a
 * "->KEY value" line in the compiler's assembly output, as Linux's
 * asm-offsets.c does, keyed by the kernel's names on both sides.
 * Bitfields have no offsetof(): each becomes a constant object with
 * just that field's bits set, uapi_bf_<struct>__<field>, which
 * uapi_check.py reads back from the assembly.
 *
 * layouts.h is included twice: at file scope with UAPI_PASS_DATA (the
 * bitfield objects), then inside a function (the markers).
 */
#ifdef UAPI_SIDE
#define PICK(kernel, linux)	linux
#else
#define PICK(kernel, linux)	kernel
#endif

#define STRUCT(s)		STRUCT_AS(s, s)
#define FIELD(s, f)		FIELD_AS(s, f, s, f)
#define BITFIELD(s, f)		BITFIELD_AS(s, f, s, f)

#define UAPI_MARK(key, val) \
	__asm__ __volatile__("\n.ascii \"->" key " %0\"" :: "i"((long)(val)))

#ifdef UAPI_PASS_DATA
#define CONSTANT(group, name)
#define KERNEL_ONLY(name)
#define STRUCT_AS(s, ls)
#define FIELD_AS(s, f, ls, lf)
#define OFFSET_AS(s, f, ls, lf)
#define BITFIELD_AS(s, f, ls, lf)					\
	static const union {						\
		struct PICK(s, ls) s;					\
		unsigned char bytes[sizeof(struct PICK(s, ls))];	\
	} uapi_bf_##s##__##f __attribute__((used)) = { .s = { .PICK(f, lf) = -1 } };
#else
#define CONSTANT(group, name)		UAPI_MARK("C." #group "." #name, name);
#define KERNEL_ONLY(name)
#define STRUCT_AS(s, ls)		UAPI_MARK("S." #s, sizeof(struct PICK(s, ls)));
#define OFFSET_AS(s, f, ls, lf)						\
	UAPI_MARK("O." #s "." #f, __builtin_offsetof(struct PICK(s, ls), PICK(f, lf)));
#define FIELD_AS(s, f, ls, lf)						\
	OFFSET_AS(s, f, ls, lf)						\
	UAPI_MARK("Z." #s "." #f, sizeof(((struct PICK(s, ls) *)0)->PICK(f, lf)));
#define BITFIELD_AS(s, f, ls, lf)	UAPI_MARK("B." #s "." #f, 0);
#endif
