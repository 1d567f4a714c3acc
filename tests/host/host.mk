# Host unit tests and fuzzers (design §6): the kernel's pure code built
# for the host under ASan and UBSan. Included by the top Makefile.
#
#   make host-tests   build build/host/test_* (gcc) and build/host/fuzz_* (clang)
#   make fuzz         run every fuzzer FUZZ_TIME seconds (make -j runs them side by side)
#
# Adding a test: write tests/host/test_<name>.c with TEST()s (harness.h).
# Adding a fuzzer: write tests/host/fuzz_<name>.c defining
# LLVMFuzzerTestOneInput; seeds go in tests/host/corpus/fuzz_<name>/.
# Both are found by wildcard and link against every kernel file in
# HOST_KERNEL_SRC (an archive: only what a program uses is pulled in).
#
# Kernel files are built as on the target but against the shim
# (tests/host/shim first on the include path, no libc headers), with
# the names libc also defines renamed kernel_* (shim/kernel_names.h).
# Host files (tests, fuzzers, harness) use libc and include kernel
# headers by path: #include "include/list.h" (see kapi.h).

HOSTCC    ?= gcc
FUZZCC    ?= clang
HOSTAR    ?= ar
FUZZ_TIME ?= 300

HOST_DIR := tests/host
HOST_B   := $(B)/host

# The kernel sources under test; add a file here when its tests arrive.
HOST_KERNEL_SRC := kernel/vsprintf.c kernel/string.c kernel/params.c \
	kernel/extable.c kernel/kallsyms.c kernel/timer.c arch/x86/e820.c \
	mm/page_alloc.c mm/page_check.c mm/mm_init.c kernel/fault_inject.c kernel/spinlock.c \
	mm/slab.c mm/slab_debug.c mm/kmalloc.c mm/slabinfo.c mm/vmstat.c mm/vmlist.c \
	kernel/crc32.c kernel/wait.c kernel/semaphore.c kernel/rbtree.c kernel/radix-tree.c \
	fs/initramfs.c fs/elf_check.c fs/seq_file.c kernel/rwsem.c mm/mmap.c mm/mprotect.c \
	mm/mremap.c
HOST_SHIM_SRC   := $(HOST_DIR)/shim/kernel_shim.c $(HOST_DIR)/shim/kallsyms_empty.c \
	$(HOST_DIR)/shim/mm_shim.c $(HOST_DIR)/shim/vmallocinfo_empty.c \
	$(HOST_DIR)/shim/kapi_check.c $(HOST_DIR)/shim/mmap_shim.c
HOST_LIB_SRC    := $(HOST_DIR)/hostlib.c

HOST_TESTS   := $(patsubst $(HOST_DIR)/%.c,%,$(wildcard $(HOST_DIR)/test_*.c))
HOST_FUZZERS := $(patsubst $(HOST_DIR)/%.c,%,$(wildcard $(HOST_DIR)/fuzz_*.c))

HOST_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
# Coverage for the fuzzers, without the checkers and byte loops listed there.
FUZZ_COV    := -fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=$(HOST_DIR)/fuzz_nocov.txt
# -MD, not -MMD: kernel headers reach test code through -idirafter, which makes
# them "system" headers, and -MMD would leave them out of the dependencies.
HOST_COMMON := -std=gnu11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer -MD -MP
# Kernel code: its own headers and the compiler's freestanding ones only.
HOST_KFLAGS := -ffreestanding -nostdinc -I$(HOST_DIR)/shim -Iinclude -fno-builtin \
	-include $(HOST_DIR)/shim/kernel_names.h -fno-strict-aliasing -fno-common \
	-Wno-unused-parameter -Wmissing-prototypes -Wstrict-prototypes -DCONFIG_DEBUG_VM
# Host code: libc's headers first; kernel headers by path, "include/list.h".
HOST_UFLAGS := -iquote . -idirafter $(HOST_DIR)/shim -idirafter include -D_GNU_SOURCE

# Expanded when used ('='): clang may be installed by this very make's deps.
HOSTCC_INC = $(shell $(HOSTCC) -print-file-name=include 2>/dev/null)
FUZZCC_INC = $(shell $(FUZZCC) -print-file-name=include 2>/dev/null)

HOST_KOBJ  := $(patsubst %.c,$(HOST_B)/kobj/%.o,$(HOST_KERNEL_SRC) $(HOST_SHIM_SRC))
FUZZ_KOBJ  := $(patsubst %.c,$(HOST_B)/fuzzkobj/%.o,$(HOST_KERNEL_SRC) $(HOST_SHIM_SRC))
HOST_LIBK  := $(HOST_B)/libkernel.a
FUZZ_LIBK  := $(HOST_B)/libkernel-fuzz.a
HOST_HOBJ  := $(HOST_B)/obj/$(HOST_DIR)/harness.o $(HOST_B)/obj/$(HOST_DIR)/hostlib.o
FUZZ_HOBJ  := $(HOST_B)/fuzzobj/$(HOST_DIR)/hostlib.o

HOST_BINS := $(HOST_TESTS:%=$(HOST_B)/%) $(HOST_FUZZERS:%=$(HOST_B)/%)

# Programs built on slab_host.h watch the arena with ASan: the page
# allocator's entry points are wrapped so that pages not allocated are
# poisoned (see slab_host.h). Found by their #include line.
HOST_ARENA_PROGS := $(patsubst $(HOST_DIR)/%.c,%,$(shell grep -l '^\#include "slab_host.h"' \
	$(HOST_DIR)/test_*.c $(HOST_DIR)/fuzz_*.c 2>/dev/null))
HOST_LDFLAGS :=
ifneq ($(HOST_ARENA_PROGS),)
$(HOST_ARENA_PROGS:%=$(HOST_B)/%): HOST_LDFLAGS += -Wl,--wrap=__alloc_pages \
	-Wl,--wrap=free_pages -Wl,--wrap=__free_pages
endif

# Keep the objects make would otherwise delete as intermediate.
.SECONDARY: $(HOST_TESTS:%=$(HOST_B)/obj/$(HOST_DIR)/%.o) \
	$(HOST_FUZZERS:%=$(HOST_B)/fuzzobj/$(HOST_DIR)/%.o) $(HOST_HOBJ) $(FUZZ_HOBJ)

.PHONY: host-tests fuzz $(HOST_FUZZERS:%=fuzz-run-%)

host-tests: $(HOST_BINS)

# Kernel code, gcc (unit tests) and clang (fuzzers, with coverage).
$(HOST_B)/kobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(HOST_COMMON) $(HOST_SAN) -isystem $(HOSTCC_INC) $(HOST_KFLAGS) \
		-fno-tree-loop-distribute-patterns -c $< -o $@

$(HOST_B)/fuzzkobj/%.o: %.c $(HOST_DIR)/fuzz_nocov.txt
	@mkdir -p $(dir $@)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZCC) $(HOST_COMMON) $(HOST_SAN) $(FUZZ_COV) \
		-isystem $(FUZZCC_INC) $(HOST_KFLAGS) -c $< -o $@

# Host code.
$(HOST_B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(quiet) HOSTCC $<
	$(Q)$(HOSTCC) $(HOST_COMMON) $(HOST_SAN) $(HOST_UFLAGS) -c $< -o $@

$(HOST_B)/fuzzobj/%.o: %.c $(HOST_DIR)/fuzz_nocov.txt
	@mkdir -p $(dir $@)
	$(quiet) FUZZCC $<
	$(Q)$(FUZZCC) $(HOST_COMMON) $(HOST_SAN) $(FUZZ_COV) $(HOST_UFLAGS) -c $< -o $@

$(HOST_LIBK): $(HOST_KOBJ)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(HOSTAR) rcs $@ $^

$(FUZZ_LIBK): $(FUZZ_KOBJ)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(HOSTAR) rcs $@ $^

$(HOST_B)/test_%: $(HOST_B)/obj/$(HOST_DIR)/test_%.o $(HOST_HOBJ) $(HOST_LIBK)
	$(quiet) HOSTLD $@
	$(Q)$(HOSTCC) $(HOST_SAN) $(HOST_LDFLAGS) -o $@ $^

$(HOST_B)/fuzz_%: $(HOST_B)/fuzzobj/$(HOST_DIR)/fuzz_%.o $(FUZZ_HOBJ) $(FUZZ_LIBK)
	$(quiet) FUZZLD $@
	$(Q)$(FUZZCC) $(HOST_SAN) -fsanitize=fuzzer $(HOST_LDFLAGS) -o $@ $^

# Fuzzing campaigns: new inputs collect in build/host/fuzzcorpus/<fuzzer>
# (the seeds in tests/host/corpus/<fuzzer> are read, never written);
# crashes land in build/host/fuzzlog/.
fuzz: $(HOST_FUZZERS:%=fuzz-run-%)

$(HOST_FUZZERS:%=fuzz-run-%): fuzz-run-%: $(HOST_B)/%
	@mkdir -p $(HOST_B)/fuzzcorpus/$* $(HOST_B)/fuzzlog
	$(quiet) FUZZ "$* ($(FUZZ_TIME) s)"
	$(Q)$(HOST_B)/$* -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=$(HOST_B)/fuzzlog/$*- \
		$(HOST_B)/fuzzcorpus/$* $(wildcard $(HOST_DIR)/corpus/$*) \
		> $(HOST_B)/fuzzlog/$*.log 2>&1 || \
		{ tail -n 40 $(HOST_B)/fuzzlog/$*.log; echo "$*: failed, see $(HOST_B)/fuzzlog/$*.log" >&2; exit 1; }
	$(Q)grep -E '^stat::number_of_executed_units' $(HOST_B)/fuzzlog/$*.log | sed 's/^/  $*: /'
