; Kernel entry and exit (ULK 4.5, 4.6, 10.3; Linux 2.6's entry.S):
; exceptions, interrupts and the int 0x80 system call all leave the
; interrupted registers on the kernel stack as a struct pt_regs
; (include/asm/ptrace.h) and leave through one exit path.
;
; Exceptions and interrupts: every stub leaves the same two words above
; the CPU's frame,
;
;     [esp+4]  error code   the CPU's, a 0 pushed for exceptions without
;                           one, or the vector for the generic stubs
;     [esp]    handler      the C function to call
;
; error_code then saves the registers in struct pt_regs order: the
; handler word becomes the xes slot, the error code is handed to the
; handler and its slot, orig_eax, set to -1 ("not a system call": what
; signal delivery will test before restarting one). It calls
; handler(regs, error_code).
;
; System calls (system_call, the DPL 3 trap gate at vector 0x80): eax
; is the number, ebx, ecx, edx, esi, edi, ebp the arguments; the result
; goes back in eax (-errno on failure). SAVE_ALL, then the handler from
; sys_call_table (generated: scripts/syscalltbl.py), its result stored
; in the frame's eax.
;
; The way out (ret_from_exception, syscall_exit): to kernel mode,
; straight back -- the kernel is not preemptible; to user mode,
; resume_userspace first, with interrupts off: while need_resched is set
; schedule(), while a _TIF_WORK_MASK flag is set do_notify_resume()
; (signals, wave 2), and check again, so nothing that arrives between
; the check and the iret is lost. This is where the timer preempts a
; task running in user mode.
;
; The user's %fs and %gs are not saved here (ULK's SAVE_ALL has no room
; for them: the kernel never loads them); __switch_to() switches them
; with the task.

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
extern do_iret_error
extern do_notify_resume
extern schedule
extern current_task
extern need_resched_flag
extern sys_call_table
extern sys_ni_syscall

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

; Save the registers a C function may clobber, and the data segments,
; in pt_regs order (above them the caller has pushed orig_eax).
%macro SAVE_ALL 0
	cld
	push es
	push ds
	push eax
	push ebp
	push edi
	push esi
	push edx
	push ecx
	push ebx
%endmacro

; Entered from user mode: ebp = 0, so that stack walks (the oops trace,
; gdb's lx-bt) end at the entry instead of following the user's frame
; pointer. The user's ebp is in the frame.
%macro END_FRAME_IF_USER 0
	test byte [esp + PT_XCS], SEGMENT_RPL_MASK
	jz %%kernel
	xor ebp, ebp
%%kernel:
%endmacro

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
	mov dword [esp + PT_ORIG_EAX], -1
	mov ecx, __KERNEL_DS
	mov ds, ecx
	mov es, ecx
	END_FRAME_IF_USER
	mov eax, esp
	push edx
	push eax
	call edi
	add esp, 8
	jmp ret_from_exception

; int 0x80. The six arguments are pushed again below the frame as the
; C function's own: gcc may store into a function's argument slots
; (a modified parameter, a sibling call), and those must not be the
; user's saved ebx .. ebp (Linux 2.6 guarded against it with
; prevent_tail_call(); Linux since 4.17 passes the pt_regs instead).
; A system call that needs the frame itself (fork, exec, sigreturn)
; finds it with current_pt_regs() -- for a call from user mode it is at
; the top of the kernel stack.
global system_call
system_call:
	push eax			; orig_eax: the number
	SAVE_ALL
	push ebp			; the arguments, again
	push edi
	push esi
	push edx
	push ecx
	push ebx
	mov eax, __KERNEL_DS
	mov ds, eax
	mov es, eax
	mov eax, [esp + 24 + PT_ORIG_EAX]
	test byte [esp + 24 + PT_XCS], SEGMENT_RPL_MASK
	jz .kernel
	xor ebp, ebp			; from user mode: the frame chain ends here
.kernel:
	cmp eax, NR_syscalls
	jae .badsys
	call [sys_call_table + eax * 4]
.done:
	add esp, 24
	mov [esp + PT_EAX], eax
	jmp syscall_exit
.badsys:
	call sys_ni_syscall		; fastcall: the number in eax
	jmp .done

; Back from an exception, an interrupt or a system call.
global ret_from_exception
global syscall_exit
ret_from_exception:
syscall_exit:
	test byte [esp + PT_XCS], SEGMENT_RPL_MASK
	jz restore_all			; to kernel mode: no preemption
global resume_userspace
resume_userspace:
	cli
	mov ecx, [current_task]
	mov edx, [ecx + TASK_TI_FLAGS]
	and edx, _TIF_WORK_MASK
	jnz work_notifysig
	cmp dword [need_resched_flag], 0
	jnz work_resched
restore_all:
	pop ebx
	pop ecx
	pop edx
	pop esi
	pop edi
	pop ebp
	pop eax
.pop_ds:
	pop ds
.pop_es:
	pop es
	add esp, 4			; orig_eax
.iret:
	iret

; With interrupts off, as on the way out; schedule() comes back the same.
work_resched:
	call schedule
	jmp resume_userspace

; With interrupts on: delivering a signal writes to the user stack,
; which may fault and sleep.
work_notifysig:
	sti
	mov eax, esp
	push edx			; the work flags
	push eax			; regs
	call do_notify_resume
	add esp, 8
	jmp resume_userspace

; A data segment that cannot be loaded (a TLS entry cleared while the
; user had it in ds or es): the null selector instead, as Linux does;
; the user's next access through it faults in user mode.
; A failing iret (an ss or cs that cannot be loaded, a frame a signal
; return made up): the task is at fault, not the kernel -- the frame
; becomes the pt_regs of a trap, do_iret_error(), at the same place.
section .fixup progbits alloc exec nowrite
fix_pop_ds:
	mov dword [esp], 0
	jmp restore_all.pop_ds
fix_pop_es:
	mov dword [esp], 0
	jmp restore_all.pop_es
fix_iret:
	push 0
	push do_iret_error
	jmp error_code

section __ex_table progbits alloc noexec nowrite align=4
	dd restore_all.pop_ds, fix_pop_ds
	dd restore_all.pop_es, fix_pop_es
	dd restore_all.iret, fix_iret

section .note.GNU-stack noalloc noexec nowrite progbits
