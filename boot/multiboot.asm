; The multiboot (v1) header. It must lie 32-bit aligned in the image's
; first 8 KB; the linker script puts section .multiboot first in .text.
; We ask for page-aligned modules and for the memory map; being an ELF
; image, no a.out load addresses are given (flags bit 16 clear).

%include "asm-offsets.inc"

section .multiboot progbits alloc noexec nowrite align=4
global multiboot_header
multiboot_header:
	dd MULTIBOOT_HEADER_MAGIC
	dd MULTIBOOT_HEADER_FLAGS
	dd -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

section .note.GNU-stack noalloc noexec nowrite progbits
