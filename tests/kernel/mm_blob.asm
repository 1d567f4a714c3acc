; User-mode programs for the mm suite (tests/kernel/mm_test.c): each runs
; in a real address space built with mm_alloc() and do_mmap_pgoff() --
; the code region at MB_CODE (made read-only by mprotect before they
; run), a data region at MB_DATA, a VM_GROWSDOWN stack ending at
; TASK_SIZE -- and talks to the kernel through int 0x80. The suite
; reads the data region back through the same mm.
;
; Position independent (relative jumps only): the blob is copied to
; MB_CODE, not run where it is linked. Each faulting instruction has a
; label *_ip, so the suite can predict Linux's "segfault at" line.

%include "unistd_32.inc"

%macro EXPORT 2
global %1
%1 equ %2
%endmacro

EXPORT MB_CODE,		0x08048000
EXPORT MB_DATA,		0x08050000

EXPORT M_MARK,		0x00	; set just before the deliberate fault
EXPORT M_BRK0,		0x04	; brk(0)
EXPORT M_BRK1,		0x08	; brk(brk0 + 0x3000)
EXPORT M_BRK2,		0x0c	; brk(brk0 - 0x100000): below start_brk, unchanged
EXPORT M_MMAP,		0x10	; mmap2(0, 8192, RW, PRIVATE|ANON)
EXPORT M_MPROT,		0x14	; mprotect(mmap, 4096, PROT_READ)
EXPORT M_MUNMAP,	0x18	; munmap(mmap + 4096, 4096)
EXPORT M_MUNMAP_BAD,	0x1c	; munmap(0x1001, 4096): -EINVAL
EXPORT M_MMAP_BADF,	0x20	; mmap2(.., MAP_PRIVATE, fd 5): -EBADF
EXPORT M_MMAP_ZERO,	0x24	; mmap2(0, 0, ...): -EINVAL
EXPORT M_READBACK,	0x28	; what the heap and the mapping read back (sum)
EXPORT M_DEPTH,		0x2c	; pages the stack program pushed

%define DATA(off)	(MB_DATA + off)

section .rodata
align 16
global mb_blob_start
global mb_blob_end
mb_blob_start:

%macro SYSCALL 1
	mov eax, %1
	int 0x80
%endmacro

%macro EXIT 1
	mov ebx, %1
	SYSCALL __NR_exit
	ud2
%endmacro

; A read of address 0: SIGSEGV, SEGV_MAPERR, error 4.
global mb_null
global mb_null_ip
mb_null:
	mov dword [DATA(M_MARK)], 1
mb_null_ip:
	mov eax, [0]
	EXIT 0

; A write into its own (read-only) code: SIGSEGV, SEGV_ACCERR, error 7.
global mb_write_code
global mb_write_code_ip
mb_write_code:
	mov dword [DATA(M_MARK)], 1
mb_write_code_ip:
	mov [MB_CODE], eax
	EXIT 0

; Push 64 pages, one at a time: the stack region grows under esp (ULK 9.4.1).
global mb_stack_grow
mb_stack_grow:
	mov ecx, 64
.loop:
	sub esp, 4096
	mov [esp], ecx
	inc dword [DATA(M_DEPTH)]
	dec ecx
	jnz .loop
	mov dword [DATA(M_MARK)], 1
	EXIT 0

; Grow without end: RLIMIT_STACK (8 MB) stops it with SIGSEGV.
global mb_stack_limit
mb_stack_limit:
.loop:
	sub esp, 4096
	mov [esp], eax
	inc dword [DATA(M_DEPTH)]
	jmp .loop

; A read 128 KB below esp: beyond esp - 65536 - 32 * 4, not a stack access.
global mb_stack_far
global mb_stack_far_ip
mb_stack_far:
	mov dword [DATA(M_MARK)], 1
mb_stack_far_ip:
	mov eax, [esp - 0x20000]
	EXIT 0

; brk, mmap2, mprotect, munmap from user mode, then a write to the page
; made read-only: SIGSEGV (SEGV_ACCERR, error 7).
global mb_syscalls
global mb_syscalls_ip
mb_syscalls:
	xor ebx, ebx
	SYSCALL __NR_brk
	mov [DATA(M_BRK0)], eax
	mov esi, eax
	lea ebx, [eax + 0x3000]
	SYSCALL __NR_brk
	mov [DATA(M_BRK1)], eax
	mov dword [esi], 0x100
	mov dword [esi + 0x2ffc], 0x20
	lea ebx, [esi - 0x100000]
	SYSCALL __NR_brk
	mov [DATA(M_BRK2)], eax
	xor ebx, ebx
	mov ecx, 8192
	mov edx, 3			; PROT_READ | PROT_WRITE
	mov esi, 0x22			; MAP_PRIVATE | MAP_ANONYMOUS
	mov edi, -1
	xor ebp, ebp
	SYSCALL __NR_mmap2
	mov [DATA(M_MMAP)], eax
	mov edi, eax
	mov dword [edi], 0x3
	mov dword [edi + 4096], 0x4000
	mov ebx, [DATA(M_BRK0)]
	mov eax, [ebx]
	add eax, [ebx + 0x2ffc]
	add eax, [edi]
	add eax, [edi + 4096]
	mov [DATA(M_READBACK)], eax
	mov ebx, edi
	mov ecx, 4096
	mov edx, 1			; PROT_READ
	SYSCALL __NR_mprotect
	mov [DATA(M_MPROT)], eax
	lea ebx, [edi + 4096]
	mov ecx, 4096
	SYSCALL __NR_munmap
	mov [DATA(M_MUNMAP)], eax
	mov ebx, 0x1001
	mov ecx, 4096
	SYSCALL __NR_munmap
	mov [DATA(M_MUNMAP_BAD)], eax
	push edi
	xor ebx, ebx
	mov ecx, 4096
	mov edx, 3
	mov esi, 0x02			; MAP_PRIVATE, a file
	mov edi, 5
	xor ebp, ebp
	SYSCALL __NR_mmap2
	mov [DATA(M_MMAP_BADF)], eax
	xor ebx, ebx
	xor ecx, ecx
	mov edx, 3
	mov esi, 0x22
	mov edi, -1
	SYSCALL __NR_mmap2
	mov [DATA(M_MMAP_ZERO)], eax
	pop edi
	mov dword [DATA(M_MARK)], 1
mb_syscalls_ip:
	mov dword [edi], 5
	EXIT 0

mb_blob_end:

section .note.GNU-stack noalloc noexec nowrite progbits
