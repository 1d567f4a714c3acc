; startup_32: the first instructions of Mneme (ULK 2.5.5, "Provisional
; kernel page tables"). The loader enters here with paging off, the
; flat segments of the multiboot spec, EAX = 0x2BADB002, EBX = the
; physical address of the multiboot information, and no stack.
;
; This section is linked at its physical address (see linker.ld), so
; labels here are physical and gdb can step it before paging is on.
; Symbols of the high kernel must be converted with "- __PAGE_OFFSET"
; while paging is off.
;
;  1. check the magic; without it, say so on COM1 and halt
;  2. clear .bss (the loader should have, but do not depend on it)
;     and find out what the CPU is: an i386 is refused on COM1 (with
;     the panic status on QEMU's isa-debug-exit); without CPUID the
;     kernel runs with no optional feature (boot_cpu_data.cpuid_level -1)
;  3. build initial_page_table: the first PROVISIONAL_MAP_SIZE bytes
;     (8 MB, include/asm/pgtable.h) mapped twice,
;         PDE 0,1     -> pg0 (identity, so the next instruction
;                        still has a mapping once paging is on)
;         PDE 768,769 -> pg0 (PAGE_OFFSET, where the kernel is linked)
;  4. CR3 = initial_page_table, CR0.PG|WP on
;  5. jump to the high half: load the GDT, reload every segment
;     register, switch to the init stack and call start_kernel(magic, mbi)

%include "asm-offsets.inc"

extern __bss_start
extern __bss_stop
extern startup_32_high
extern boot_cpu_data

%define PHYS(x)		((x) - __PAGE_OFFSET)
%define PTE_BOOT	(_PAGE_PRESENT | _PAGE_RW)

section .boot.text progbits alloc exec nowrite align=16
global startup_32
startup_32:
	cli
	cld
	; A physical stack pointer, so the early serial helpers can be called.
	mov esp, PHYS(init_thread_union) + THREAD_SIZE

	cmp eax, MULTIBOOT_BOOTLOADER_MAGIC
	jne no_multiboot
	mov esi, eax			; keep magic in esi, mbi stays in ebx

	; 2. Clear .bss, which holds the init stack and the page tables.
	xor eax, eax
	mov edi, PHYS(__bss_start)
	mov ecx, PHYS(__bss_stop)
	sub ecx, edi
	shr ecx, 2
	rep stosd

	call verify_cpu

	; 3. pg0: one entry per page of 0 .. PROVISIONAL_MAP_SIZE.
	mov edi, PHYS(pg0)
	mov eax, PTE_BOOT
	mov ecx, PROVISIONAL_MAP_SIZE / PAGE_SIZE
.fill_pte:
	stosd
	add eax, PAGE_SIZE
	loop .fill_pte

	; pg0's PROVISIONAL_PGD_PTRS page tables go in PDE 0.. and in
	; PDE KERNEL_PGD_INDEX.. (768, 769 for 8 MB).
	mov edi, PHYS(initial_page_table)
	mov eax, PHYS(pg0) + PTE_BOOT
	xor ecx, ecx
.fill_pde:
	mov [edi + ecx * 4], eax
	mov [edi + (KERNEL_PGD_INDEX * 4) + ecx * 4], eax
	add eax, PAGE_SIZE
	inc ecx
	cmp ecx, PROVISIONAL_PGD_PTRS
	jne .fill_pde

	; 4. Paging on. WP makes the kernel honour read-only pages too,
	;    which copy-on-write depends on.
	mov eax, edi
	mov cr3, eax
	mov eax, cr0
	or eax, X86_CR0_PG | X86_CR0_WP
	mov cr0, eax

	; 5. Continue at the linked (high) address.
	mov eax, startup_32_high
	jmp eax

; No multiboot magic: we cannot trust EBX, so report and stop.
no_multiboot:
	mov edx, eax
	call early_serial_init
	mov esi, msg_no_multiboot
	call early_puts
	mov eax, edx
	call early_puthex
	mov esi, msg_expected
	call early_puts
.halt:
	cli
	hlt
	jmp .halt

; verify_cpu: what the kernel can run on (Linux's head_32.S does the
; same probes). A flag of EFLAGS that software can flip exists:
;   AC (bit 18)  only from the i486 on. The i386 lacks what Mneme is
;                built for (-march=i486: invlpg, cmpxchg, xadd, bswap,
;                and CR0.WP, which copy-on-write needs): refused.
;   ID (bit 21)  CPUID exists. Without it (early i486s), boot_cpu_data
;                says cpuid_level -1, family 4, and no feature bit:
;                no CR4 write, 4 KB pages, no TSC.
; The labels cpu_ac_probed and cpu_id_probed hold EFLAGS as read back
; in eax and as it was in ecx: scripts/run_tests.py makes a gdb set
; eax = ecx there to play an i386 or a CPU without CPUID.
verify_cpu:
	pushad
	mov dword [PHYS(boot_cpu_data) + CPUINFO_cpuid_level], -1
	mov byte [PHYS(boot_cpu_data) + CPUINFO_x86], 4
	mov edx, X86_EFLAGS_AC
	call flip_eflags
cpu_ac_probed:
	xor eax, ecx
	test eax, X86_EFLAGS_AC
	jz is_386
	mov edx, X86_EFLAGS_ID
	call flip_eflags
cpu_id_probed:
	xor eax, ecx
	test eax, X86_EFLAGS_ID
	jz .done
	xor eax, eax
	cpuid
	mov [PHYS(boot_cpu_data) + CPUINFO_cpuid_level], eax
.done:
	popad
	ret

; flip_eflags: try to flip the EFLAGS bits in edx; ecx = EFLAGS before,
; eax = EFLAGS after the attempt. EFLAGS is restored.
flip_eflags:
	pushfd
	pop ecx
	mov eax, ecx
	xor eax, edx
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	ret

is_386:
	call early_serial_init
	mov esi, msg_386
	call early_puts
	mov dx, QEMU_EXIT_PORT		; leave QEMU as panic() would
	mov eax, QEMU_EXIT_PANIC
	out dx, eax
.halt:
	cli
	hlt
	jmp .halt

; COM1 at 115200 8N1, FIFO on, without interrupts.
early_serial_init:
	push eax
	push edx
	mov dx, SERIAL_PORT + 1		; IER: no interrupts
	mov al, 0
	out dx, al
	mov dx, SERIAL_PORT + 3		; LCR: DLAB on
	mov al, 0x80
	out dx, al
	mov dx, SERIAL_PORT + 0		; divisor 1 = 115200 baud
	mov al, 1
	out dx, al
	mov dx, SERIAL_PORT + 1
	mov al, 0
	out dx, al
	mov dx, SERIAL_PORT + 3		; LCR: 8N1, DLAB off
	mov al, 0x03
	out dx, al
	mov dx, SERIAL_PORT + 2		; FCR: enable and clear FIFOs
	mov al, 0xc7
	out dx, al
	pop edx
	pop eax
	ret

; early_putc: al -> COM1 once the transmit holding register is empty.
early_putc:
	push edx
	push eax
	mov dx, SERIAL_PORT + 5		; LSR
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	pop eax
	mov dx, SERIAL_PORT
	out dx, al
	pop edx
	ret

; early_puts: the NUL-terminated string at esi.
early_puts:
	push eax
	push esi
.next:
	lodsb
	test al, al
	jz .done
	call early_putc
	jmp .next
.done:
	pop esi
	pop eax
	ret

; early_puthex: eax as 8 hex digits.
early_puthex:
	push eax
	push ebx
	push ecx
	mov ebx, eax
	mov ecx, 8
.digit:
	rol ebx, 4
	mov eax, ebx
	and eax, 0xf
	mov al, [hex_digits + eax]
	call early_putc
	loop .digit
	pop ecx
	pop ebx
	pop eax
	ret

section .boot.data progbits alloc noexec write align=4
msg_no_multiboot:
	db 13, 10, "Mneme: not started by a multiboot loader: EAX=0x", 0
msg_expected:
	db ", expected 0x2BADB002. Boot Mneme through GRUB (multiboot) or qemu -kernel. Halting.", 13, 10, 0
; In panic()'s words, so that scripts/run_qemu.py reports it as one.
msg_386:
	db 13, 10, "Kernel panic - not syncing: Mneme needs an i486 or later CPU: "
	db "EFLAGS.AC cannot be set, so this is an i386 (no invlpg, cmpxchg, xadd, "
	db "bswap or CR0.WP). Halting.", 13, 10, 0
hex_digits:
	db "0123456789ABCDEF"

; The provisional page directory and the page tables covering
; PROVISIONAL_MAP_SIZE (two for 8 MB), then the init task's stack with an
; unmapped guard page below it (protect_init_stack() clears its PTE), so
; that overflowing the stack faults at once -- a double fault -- instead
; of silently running down through the kernel's data. They live in the high kernel's .bss; the
; code above reaches them through PHYS() while paging is off.
;
;   +0     initial_page_table   4 KB
;   +4K    pg0                  4 KB per 4 MB mapped (8 KB)
;   +12K   init_stack_guard     4 KB, unmapped after boot
;   +16K   init_thread_union    THREAD_SIZE, aligned to its size
section .bss..page_aligned nobits alloc noexec write align=THREAD_SIZE
global initial_page_table
global pg0
global init_stack_guard
global init_thread_union
initial_page_table:
	resb PAGE_SIZE
pg0:
	resb PAGE_SIZE * PROVISIONAL_PGD_PTRS
init_stack_guard:
	resb PAGE_SIZE
init_thread_union:
	resb THREAD_SIZE

section .note.GNU-stack noalloc noexec nowrite progbits
