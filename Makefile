# Mneme: build, run, test, debug. See README.md.
#
#   make run     build the GRUB ISO and boot it in QEMU running every self-test
#   make shell   boot to a busybox shell on the serial console (tests/busybox/)
#   make test    every test: host unit tests and fuzzers, kernel self-tests at
#                several memory sizes, a GRUB boot, the runner's own tests, gdb
#   make bench   benchmarks in instructions (qemu -icount), with their goals
#   make debug   QEMU halted with its gdb stub, and gdb attached to it
#
# Missing packages are installed by scripts/install-deps.sh (Debian 12).

CROSS   ?= i686-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
NASM    := nasm
PYTHON  := python3
B       := build

# Quiet output, Linux style; "make V=1" shows the commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

# Kernel C flags. Freestanding 32-bit code for the i486 and later
# (boot/head.asm refuses an i386; what came after the i486 -- PSE, PGE,
# the TSC -- is used only where CPUID reports it): no SSE/x87 state in
# the kernel, so the stack kept 4-byte aligned as Linux's i386 kernel
# keeps it (-mpreferred-stack-boundary=2: no padding around every call),
# frame pointers for stack traces, nothing from the host's libc.
KCFLAGS = -m32 -march=i486 -std=gnu11 -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-fno-pic -fno-pie -fno-stack-protector -fno-common -fno-strict-aliasing \
	-fno-delete-null-pointer-checks \
	-mno-sse -mno-mmx -mno-80387 -mpreferred-stack-boundary=2 -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wmissing-prototypes -Wstrict-prototypes \
	-D__KERNEL__ -DCONFIG_DEBUG_VM -Iinclude -I$(B)/include -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf -I$(B)/include/ -Iinclude/

# Every source file of these directories and their subdirectories
# (arch/x86/mm/ ...) is part of the kernel.
KERNEL_DIRS := boot arch/x86 kernel mm fs tests/kernel
KERNEL_C   := $(filter-out arch/x86/asm-offsets.c, \
		$(shell find $(KERNEL_DIRS) -name '*.c' | LC_ALL=C sort))
KERNEL_ASM := $(shell find $(KERNEL_DIRS) -name '*.asm' | LC_ALL=C sort)
KERNEL_OBJ := $(KERNEL_C:%.c=$(B)/%.o) $(KERNEL_ASM:%.asm=$(B)/%.o)

ASM_OFFSETS := $(B)/include/asm-offsets.inc
# The few of those linker.ld uses (INCLUDE asm-offsets.ld).
LD_OFFSETS  := $(B)/include/asm-offsets.ld
LD_CONSTANTS := __PAGE_OFFSET PAGE_SIZE PROVISIONAL_MAP_SIZE
VERSION_H   := $(B)/include/version.h
# Linux's system-call numbers for C (asm/unistd.h) and NASM, generated
# from linux-libc-dev:i386's asm/unistd_32.h by scripts/syscalltbl.py,
# which also builds the table from the first link's sys_* functions.
UNISTD_32_H ?= /usr/include/i386-linux-gnu/asm/unistd_32.h
# uname's release is the Linux ABI those headers describe (kernel/sys.c).
LINUX_VERSION_H ?= /usr/include/linux/version.h
UNISTD_H    := $(B)/include/asm/unistd.h
UNISTD_INC  := $(B)/include/unistd_32.inc
# The gdb helpers' constants (scripts/gdb/mneme/constants.c), imported by
# the package scripts/gdb/mneme from here.
GDB_CONSTANTS := $(B)/scripts/gdb/mneme/constants.py

.PHONY: all deps run test bench debug host-tests fuzz clean FORCE
.DEFAULT_GOAL := all

all: $(B)/mneme.elf $(B)/mneme.iso $(GDB_CONSTANTS) user-programs busybox

# Install what is missing (cheap when nothing is).
deps:
	@bash scripts/install-deps.sh

$(B)/%.o: %.c $(VERSION_H) $(UNISTD_H) | deps
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.o: %.asm $(ASM_OFFSETS) $(UNISTD_INC) | deps
	@mkdir -p $(dir $@)
	$(quiet) NASM $<
	$(Q)$(NASM) $(NASMFLAGS) -MD $(B)/$*.d -MP $< -o $@

# Constants and offsets for the assembly, generated from the C headers.
$(ASM_OFFSETS): arch/x86/asm-offsets.c scripts/asm_offsets.py $(wildcard include/*.h include/asm/*.h) \
		$(UNISTD_H) | deps
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)$(CC) $(KCFLAGS) -MF $(B)/asm-offsets.d -S $< -o $(B)/asm-offsets.s
	$(Q)$(PYTHON) scripts/asm_offsets.py < $(B)/asm-offsets.s > $@.tmp && mv $@.tmp $@

$(LD_OFFSETS): $(ASM_OFFSETS) Makefile
	$(quiet) GEN $@
	$(Q)$(PYTHON) scripts/asm_offsets.py --ld $(LD_CONSTANTS) < $(B)/asm-offsets.s > $@.tmp && \
		mv $@.tmp $@

# The same for the gdb helpers, as Linux's scripts/gdb/linux/constants.py:
# compiled with the kernel's flags and headers (-I. for mm/internal.h),
# the markers turned into Python; the .d file lists the headers it read.
$(GDB_CONSTANTS): scripts/gdb/mneme/constants.c scripts/asm_offsets.py | deps
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)$(CC) $(KCFLAGS) -I. -MF $(B)/gdb-constants.d -MT $@ -S $< -o $(B)/gdb-constants.s
	$(Q)$(PYTHON) scripts/asm_offsets.py --python < $(B)/gdb-constants.s > $@.tmp && mv $@.tmp $@

# The headers are rewritten only when their text changes (so a change to
# the script alone rebuilds nothing); the stamp records the run.
$(B)/include/.unistd.stamp: scripts/syscalltbl.py $(UNISTD_32_H) | deps
	@mkdir -p $(dir $(UNISTD_H))
	$(quiet) GEN $(UNISTD_H)
	$(Q)UNISTD_32_H=$(UNISTD_32_H) $(PYTHON) scripts/syscalltbl.py --header $(UNISTD_H) $(UNISTD_INC)
	@touch $@
$(UNISTD_H) $(UNISTD_INC): $(B)/include/.unistd.stamp
	@:

# The version string: rewritten only when it changes.
$(VERSION_H): FORCE | deps
	@mkdir -p $(dir $@)
	@v=$$(git describe --always --dirty 2>/dev/null || echo unknown); \
	 c=$$($(CC) --version | head -n1); \
	 l=$$(awk '/define LINUX_VERSION_MAJOR/ { a = $$3 } /define LINUX_VERSION_PATCHLEVEL/ { b = $$3 } \
		   END { if (a != "" && b != "") print a "." b ".0" }' $(LINUX_VERSION_H)); \
	 [ -n "$$l" ] || { echo "no Linux version in $(LINUX_VERSION_H)" >&2; exit 1; }; \
	 printf '#define MNEME_VERSION "0.1-%s"\n#define MNEME_COMPILER "%s"\n' "$$v" "$$c" > $@.tmp; \
	 printf '#define UTS_RELEASE "%s-mneme"\n' "$$l" >> $@.tmp; \
	 cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
FORCE:

# Link twice to embed the symbol table (see scripts/kallsyms.py): the
# first link, with an empty table, fixes every text address; the table
# lives after the text, so filling it moves no function. The final
# table is checked against the final image. The system-call table is
# made the same way (scripts/syscalltbl.py): the first link's sys_*
# functions are the ones wired; it has the same size in both links.
LIBGCC = $(shell $(CC) -m32 -print-libgcc-file-name)
KLINK = $(LD) -m elf_i386 -L $(B)/include -T linker.ld -nostdlib --build-id=none \
	--no-warn-rwx-segments
$(B)/mneme.elf: $(KERNEL_OBJ) linker.ld $(LD_OFFSETS) scripts/kallsyms.py scripts/syscalltbl.py
	$(quiet) LD $@
	$(Q)$(PYTHON) scripts/kallsyms.py --empty > $(B)/kallsyms0.c
	$(Q)$(CC) $(KCFLAGS) -c $(B)/kallsyms0.c -o $(B)/kallsyms0.o
	$(Q)UNISTD_32_H=$(UNISTD_32_H) $(PYTHON) scripts/syscalltbl.py --empty-table $(B)/syscall_table0.c
	$(Q)$(CC) $(KCFLAGS) -c $(B)/syscall_table0.c -o $(B)/syscall_table0.o
	$(Q)$(KLINK) -o $(B)/.tmp_mneme0.elf $(KERNEL_OBJ) $(B)/kallsyms0.o $(B)/syscall_table0.o \
		$(LIBGCC)
	$(Q)$(NM) -n $(B)/.tmp_mneme0.elf > $(B)/.tmp_mneme0.nm
	$(Q)$(PYTHON) scripts/kallsyms.py < $(B)/.tmp_mneme0.nm > $(B)/kallsyms.c
	$(Q)$(CC) $(KCFLAGS) -c $(B)/kallsyms.c -o $(B)/kallsyms.o
	$(Q)UNISTD_32_H=$(UNISTD_32_H) $(PYTHON) scripts/syscalltbl.py --table $(B)/syscall_table.c \
		$(B)/syscalls.txt < $(B)/.tmp_mneme0.nm
	$(Q)$(CC) $(KCFLAGS) -c $(B)/syscall_table.c -o $(B)/syscall_table.o
	$(Q)$(KLINK) -o $@ $(KERNEL_OBJ) $(B)/kallsyms.o $(B)/syscall_table.o $(LIBGCC)
	$(Q)$(NM) -n $@ | $(PYTHON) scripts/kallsyms.py | cmp -s - $(B)/kallsyms.c || \
		{ echo "kallsyms: the symbol table moved between links" >&2; rm -f $@; exit 1; }

$(B)/mneme.iso: $(B)/mneme.elf boot/grub.cfg $(B)/initramfs.cpio | deps
	$(quiet) ISO $@
	$(Q)rm -rf $(B)/isodir
	$(Q)mkdir -p $(B)/isodir/boot/grub
	$(Q)cp $(B)/mneme.elf $(B)/isodir/boot/mneme.elf
	$(Q)cp $(B)/initramfs.cpio $(B)/isodir/boot/initramfs.cpio
	$(Q)cp boot/grub.cfg $(B)/isodir/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(B)/isodir > $(B)/grub-mkrescue.log 2>&1 || \
		{ cat $(B)/grub-mkrescue.log; exit 1; }

# The user programs, their initramfs, compare-linux and bench-linux.
include tests/user/user.mk

# Debian's busybox, its initramfs, make shell.
include tests/busybox/busybox.mk

# Host unit tests and fuzzers of the kernel's pure code (tests/host/host.mk
# defines host-tests, the binaries build/host/test_* and build/host/fuzz_*).
-include tests/host/host.mk

# The UAPI check (tests/uapi/): tests/uapi/layouts.h and the constants of
# the kernel's UAPI-facing headers, compiled once against the kernel's
# headers (with the kernel's flags) and once against Linux's i386 UAPI
# headers (linux-libc-dev:i386); make test compares the two
# (tests/uapi/uapi_check.py). Built with the host tests.
UAPI_B      := $(B)/uapi
UAPI_CONSTANT_HEADERS := include/errno.h include/signal.h $(UNISTD_H)
# '=', not ':=': on a fresh machine the cross compiler is installed by
# the deps step of this very make, after the Makefile has been read.
UAPI_CFLAGS = -m32 -O2 -Wall -Werror -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I/usr/include/i386-linux-gnu -I/usr/include -I$(UAPI_B) -MMD -MP
host-tests: $(UAPI_B)/kernel_side.s $(UAPI_B)/uapi_side.s

$(UAPI_B)/constants.h: tests/uapi/uapi_check.py tests/uapi/layouts.h $(UAPI_CONSTANT_HEADERS) | deps
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)$(PYTHON) tests/uapi/uapi_check.py --constants $(UAPI_CONSTANT_HEADERS) > $@.tmp && mv $@.tmp $@

$(UAPI_B)/kernel_side.s: tests/uapi/kernel_side.c tests/uapi/markers.h tests/uapi/layouts.h \
		$(UAPI_B)/constants.h $(VERSION_H) | deps
	$(quiet) CC $<
	$(Q)$(CC) $(KCFLAGS) -I$(UAPI_B) -S $< -o $@

$(UAPI_B)/uapi_side.s: tests/uapi/uapi_side.c tests/uapi/markers.h tests/uapi/layouts.h \
		$(UAPI_B)/constants.h | deps
	$(quiet) CC $<
	$(Q)$(CC) $(UAPI_CFLAGS) -S $< -o $@

QEMU_MEM ?= 128M
run: $(B)/mneme.iso
	$(PYTHON) scripts/run_qemu.py --boot iso --mem $(QEMU_MEM) --interactive

test: all host-tests
	$(PYTHON) scripts/run_tests.py

bench: $(B)/mneme.elf
	$(PYTHON) scripts/bench.py

debug: $(B)/mneme.elf $(GDB_CONSTANTS)
	bash scripts/debug.sh $(B)/mneme.elf

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
