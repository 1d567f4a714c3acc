; kernel_setjmp / kernel_longjmp (include/asm/setjmp.h): save and
; restore the callee-saved registers, the stack pointer and the
; return address, as the i386 C calling convention requires, and the
; atomic-context count (include/preempt.h): the frames abandoned by a
; longjmp may have held spinlocks or kmap_atomic() slots.

extern __preempt_count

section .text

; int kernel_setjmp(struct kernel_jmp_buf *buf): 0 now, val after a longjmp.
global kernel_setjmp
kernel_setjmp:
	mov eax, [esp + 4]
	mov [eax + 0], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]		; esp once setjmp has returned
	mov [eax + 16], ecx
	mov ecx, [esp]			; the return address
	mov [eax + 20], ecx
	mov ecx, [__preempt_count]
	mov [eax + 24], ecx
	xor eax, eax
	ret

; void kernel_longjmp(struct kernel_jmp_buf *buf, int val): setjmp returns val (1 if 0).
global kernel_longjmp
kernel_longjmp:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax
.nonzero:
	mov ecx, [edx + 24]
	mov [__preempt_count], ecx
	mov ebx, [edx + 0]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]

section .note.GNU-stack noalloc noexec nowrite progbits
