; The context switch (ULK 3.3.3, switch_to): save the callee-saved
; registers on the old task's stack and its stack pointer in its
; thread_struct, load the new task's stack pointer, restore its
; registers, and return -- into wherever the new task called
; __switch_to() itself, or, for a task never run, into
; ret_from_kernel_thread (copy_thread() builds that first frame).

%include "asm-offsets.inc"

extern schedule_tail
extern do_exit

section .text

; struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
; Returns prev (in the new task's context).
global __switch_to
__switch_to:
	mov eax, [esp + 4]		; prev
	mov edx, [esp + 8]		; next
	push ebp
	push ebx
	push esi
	push edi
	mov [eax + TASK_THREAD_ESP], esp
	mov esp, [edx + TASK_THREAD_ESP]
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; A new kernel thread starts here: ebx = fn, esi = arg (from copy_thread()).
global ret_from_kernel_thread
ret_from_kernel_thread:
	call schedule_tail		; interrupts on
	push esi
	call ebx			; fn(arg)
	add esp, 4
	push eax
	call do_exit			; do_exit(fn's return value): never returns
.hang:
	ud2

section .note.GNU-stack noalloc noexec nowrite progbits
