; A complete static i386 ELF executable, as bytes, for the exec suite
; (tests/kernel/exec_test.c writes it to a RAM file and execs it): two
; PT_LOAD segments -- text (R+X) with the headers, data (R+W) of one
; word and a bss of two pages -- and PT_GNU_STACK. The program exits
; with argc + the data word (40) + what it reads at the far end of the
; bss (must be 0), and before that checks its auxiliary vector: it exits
; with 99 if AT_PAGESZ is not 4096 or AT_ENTRY is not its entry.
;
;   file offset 0       ELF header, program headers, code  -> 0x08048000
;   file offset DATA    the data word (40)                 -> 0x08058000 + DATA
;   bss to 0x08058000 + DATA + 0x2000, anonymous

BASE	equ 0x08048000
DBASE	equ 0x08058000
AT_PAGESZ equ 6
AT_ENTRY  equ 9

	section .rodata
	global exec_elf_start, exec_elf_end, exec_elf_data_offset
exec_elf_start:
ehdr:
	db 0x7f, "ELF", 1, 1, 1, 0
	times 8 db 0
	dw 2			; ET_EXEC
	dw 3			; EM_386
	dd 1
	dd BASE + (code - ehdr)	; e_entry
	dd phdrs - ehdr		; e_phoff
	dd 0			; e_shoff
	dd 0			; e_flags
	dw 52, 32, 3		; e_ehsize, e_phentsize, e_phnum
	dw 0, 0, 0
phdrs:
	dd 1, 0, BASE, BASE, text_end - ehdr, text_end - ehdr, 5, 0x1000
	dd 1, data - ehdr, DBASE + (data - ehdr), DBASE + (data - ehdr), 4, 0x2000, 6, 0x1000
	dd 0x6474e551, 0, 0, 0, 0, 0, 6, 16
code:
	mov esi, esp
	mov ecx, [esi]			; argc
	lea edi, [esi + 4 + ecx * 4 + 4]	; envp
.env:	add edi, 4
	cmp dword [edi - 4], 0
	jne .env			; edi: auxv
	xor ebx, ebx			; what was seen: bit 0 AT_PAGESZ, bit 1 AT_ENTRY
.aux:	mov eax, [edi]
	test eax, eax
	jz .auxdone
	cmp eax, AT_PAGESZ
	jne .notpg
	cmp dword [edi + 4], 4096
	jne .bad
	or ebx, 1
.notpg:	cmp eax, AT_ENTRY
	jne .next
	cmp dword [edi + 4], BASE + (code - ehdr)
	jne .bad
	or ebx, 2
.next:	add edi, 8
	jmp .aux
.auxdone:
	cmp ebx, 3
	jne .bad
	mov ebx, ecx
	add ebx, [DBASE + (data - ehdr)]
	add ebx, [DBASE + (data - ehdr) + 0x1ffc]	; the bss's last word: 0
	mov dword [DBASE + (data - ehdr) + 0x1ffc], 7	; and writable
	mov eax, 1			; exit
	int 0x80
.bad:	mov ebx, 99
	mov eax, 1
	int 0x80
text_end:
	align 16, db 0
data:
	dd 40
exec_elf_end:
exec_elf_data_offset equ data - ehdr

section .note.GNU-stack noalloc noexec nowrite progbits
