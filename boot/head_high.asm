; startup_32_high: the rest of the entry path, now at the linked (high)
; addresses with paging on. It is a file of its own because NASM's
; debug information for one file with two code sections at unrelated
; addresses confuses gdb (see boot/head.asm for the first part).

%include "asm-offsets.inc"

extern init_thread_union
extern gdt_descr
extern start_kernel

section .text.entry progbits alloc exec nowrite align=16
global startup_32_high
startup_32_high:
	lgdt [gdt_descr]
	jmp __KERNEL_CS:.reload_cs
.reload_cs:
	mov eax, __KERNEL_DS
	mov ds, eax
	mov es, eax
	mov ss, eax
	xor eax, eax
	mov fs, eax
	mov gs, eax
	lldt ax

	mov esp, init_thread_union + THREAD_SIZE
	xor ebp, ebp			; the end of every stack trace
	push ebx			; mbi (physical)
	push esi			; magic
	call start_kernel
.hang:					; start_kernel does not return
	cli
	hlt
	jmp .hang


section .note.GNU-stack noalloc noexec nowrite progbits
