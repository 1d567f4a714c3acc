; The context switch (ULK 3.3.3, switch_to), in two halves as Linux
; since 4.9: __switch_to_asm saves the callee-saved registers on the
; old task's stack and its stack pointer in its thread_struct, loads
; the new task's stack pointer and registers, and jumps to the C half,
; __switch_to() (arch/x86/process.c: FPU, TSS.esp0, TLS, %fs, %gs),
; whose ret lands wherever the new task called __switch_to_asm itself
; -- or, for a task never run, in ret_from_kernel_thread or
; ret_from_fork (copy_thread() builds that first frame).
;
; What a switched-out task leaves at thread.esp (scripts/gdb/mneme/tasks.py
; reads it): edi, esi, ebx, ebp, the return address into schedule().

%include "asm-offsets.inc"

extern __switch_to
extern schedule_tail
extern do_exit
extern resume_userspace
extern syscall_exit

section .text

; struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next)
; Returns prev (in the new task's context), as __switch_to() does.
global __switch_to_asm
__switch_to_asm:
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
	jmp __switch_to			; fastcall: prev in eax, next in edx

; A new kernel thread starts here: ebx = fn, esi = arg (from
; copy_thread()), esp = its task_pt_regs(). fn's return value is its
; exit code -- unless fn made the thread a user task (start_thread(),
; PF_KTHREAD cleared: a kernel_execve()), which then leaves for user
; mode with the registers in that pt_regs, as Linux's kernel threads
; do after a successful kernel_execve().
global ret_from_kernel_thread
ret_from_kernel_thread:
	call schedule_tail		; schedule_tail(prev: eax, from __switch_to): interrupts on
	push esi
	call ebx			; fn(arg)
	add esp, 4
	mov ecx, [current_task]
	test dword [ecx + TASK_FLAGS], PF_KTHREAD
	jz resume_userspace
	push eax
	call do_exit			; do_exit(fn's return value): never returns
.hang:
	ud2

; A forked user task (copy_thread() with regs) starts here, esp at its
; pt_regs, which hold the parent's user registers with eax = 0.
global ret_from_fork
ret_from_fork:
	call schedule_tail
	jmp syscall_exit

extern current_task

section .note.GNU-stack noalloc noexec nowrite progbits
