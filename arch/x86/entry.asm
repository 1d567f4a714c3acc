; Exception and interrupt entry (ULK 4.5, 4.6; Linux 2.6 entry.S).
;
; Every stub leaves the same two words above the CPU's frame:
;
;     [esp+4]  error code   the CPU's, a 0 pushed for exceptions without
;                           one, or the vector for the generic stubs
;     [esp]    handler      the C function to call
;
; error_code then saves the registers in struct pt_regs order (see
; include/asm/ptrace.h): the handler word becomes the xes slot and the
; error code stays in orig_eax. It calls handler(regs, error_code) and
; returns with iret through ret_from_exception.

%include "asm-offsets.inc"

extern do_divide_error
extern do_debug
extern do_nmi
extern do_int3
extern do_overflow
extern do_bounds
extern do_invalid_op
extern do_device_not_available
extern do_coprocessor_segment_overrun
extern do_invalid_TSS
extern do_segment_not_present
extern do_stack_segment
extern do_general_protection
extern do_page_fault
extern do_spurious_interrupt_bug
extern do_coprocessor_error
extern do_alignment_check
extern do_machine_check
extern do_simd_coprocessor_error
extern do_IRQ
extern do_unexpected_vector

%define FIRST_EXTERNAL_VECTOR	0x20
%define NR_IRQS			16

section .text

; An exception for which the CPU pushes no error code.
%macro TRAP 2
global %1
%1:
	push 0
	push %2
	jmp error_code
%endmacro

; An exception for which the CPU pushes an error code.
%macro TRAP_ERR 2
global %1
%1:
	push %2
	jmp error_code
%endmacro

TRAP     divide_error,			do_divide_error			;  0 #DE
TRAP     debug,				do_debug			;  1 #DB
TRAP     nmi,				do_nmi				;  2 NMI
TRAP     int3,				do_int3				;  3 #BP
TRAP     overflow,			do_overflow			;  4 #OF
TRAP     bounds,			do_bounds			;  5 #BR
TRAP     invalid_op,			do_invalid_op			;  6 #UD
TRAP     device_not_available,		do_device_not_available		;  7 #NM
;  8 #DF is a task gate: arch/x86/doublefault.c
TRAP     coprocessor_segment_overrun,	do_coprocessor_segment_overrun	;  9
TRAP_ERR invalid_TSS,			do_invalid_TSS			; 10 #TS
TRAP_ERR segment_not_present,		do_segment_not_present		; 11 #NP
TRAP_ERR stack_segment,			do_stack_segment		; 12 #SS
TRAP_ERR general_protection,		do_general_protection		; 13 #GP
TRAP_ERR page_fault,			do_page_fault			; 14 #PF
TRAP     spurious_interrupt_bug,	do_spurious_interrupt_bug	; 15
TRAP     coprocessor_error,		do_coprocessor_error		; 16 #MF
TRAP_ERR alignment_check,		do_alignment_check		; 17 #AC
TRAP     machine_check,			do_machine_check		; 18 #MC
TRAP     simd_coprocessor_error,	do_simd_coprocessor_error	; 19 #XM

; Generic stubs for vectors 20..255, 16 bytes apart from
; vector_entries_start: the hardware IRQs (0x20..0x2f) go to do_IRQ,
; every other vector to do_unexpected_vector; both get the vector in
; the error-code slot. (Vectors 21, 29 and 30 would push an error code,
; but only CPUs with CET/SEV raise them, and we enable neither.)
global vector_entries_start
align 16
vector_entries_start:
%assign vec 20
%rep 256 - 20
	push dword vec
%if vec >= FIRST_EXTERNAL_VECTOR && vec < FIRST_EXTERNAL_VECTOR + NR_IRQS
	push dword do_IRQ
%else
	push dword do_unexpected_vector
%endif
	jmp near error_code
	align 16
%assign vec vec + 1
%endrep

global error_code
error_code:
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
	cld
	mov edi, [esp + PT_XES]		; the handler
	mov ecx, es
	mov [esp + PT_XES], ecx
	mov edx, [esp + PT_ORIG_EAX]	; the error code
	mov ecx, __KERNEL_DS
	mov ds, ecx
	mov es, ecx
	mov eax, esp
	push edx
	push eax
	call edi
	add esp, 8

global ret_from_exception
ret_from_exception:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
	pop ds
	pop es
	add esp, 4			; orig_eax
	iret

section .note.GNU-stack noalloc noexec nowrite progbits
