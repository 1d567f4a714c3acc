# The user-program suite (tests/user/, issue 11): static i386 programs
# built with the cross gcc against Debian's musl-dev:i386 -- musl's
# headers, crt files and libc.a, gcc's own crtbeginT/crtend and libgcc;
# nothing of glibc -- packed with /init into build/initramfs.cpio. The
# programs touch NULL and other bad addresses on purpose: gcc must neither
# turn those into traps nor warn about them.
#
#   make user-programs   build/user/<prog> for every tests/user/*.c,
#                        build/user/bench and build/initramfs.cpio
#   make compare-linux   run them on Debian's Linux 686 in QEMU and on
#                        Mneme (build/mneme.elf), and compare (RECORD=1
#                        rewrites tests/user/expected/; MNEME=0 leaves
#                        Mneme out)
#   make bench-linux     run build/user/bench on Debian's Linux 686 and
#                        on Mneme (RECORD=1 rewrites
#                        tests/user/bench/linux.txt, make bench's
#                        reference; MNEME=0 leaves Mneme out)
#
# Adding a program: write tests/user/<name>.c printing KTAP through
# tests/user/ktap.h, record its output with `make compare-linux RECORD=1`
# and commit tests/user/expected/<name>.out (README: User programs).

MUSL_LIB  ?= /usr/lib/i386-linux-musl
MUSL_INC  ?= /usr/include/i386-linux-musl
UB        := $(B)/user
# (The compiler paths are read when used: = not :=, as in the Makefile, so
# that the first make of a fresh machine, which installs gcc, finds them.)
# Linux's UAPI headers (linux/, asm/, asm-generic/ of linux-libc-dev:i386)
# without the rest of /usr/include, which is glibc's.
UAPI_INC  := $(UB)/include
USER_CFLAGS = -m32 -march=i686 -std=gnu11 -O2 -static -fno-pie -fno-stack-protector \
	-nostdinc -isystem $(MUSL_INC) -isystem $(UAPI_INC) \
	-isystem $(shell $(CC) -print-file-name=include) -Itests/user \
	-Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP \
	-fno-delete-null-pointer-checks -fno-isolate-erroneous-paths-dereference \
	-Wno-array-bounds -Wno-stringop-overflow
USER_LDFLAGS := -m32 -static -no-pie -nostdlib -Wl,--build-id=none
USER_CRT0 = $(MUSL_LIB)/crt1.o $(MUSL_LIB)/crti.o $(shell $(CC) -print-file-name=crtbeginT.o)
USER_CRT1 = $(shell $(CC) -print-file-name=crtend.o) $(MUSL_LIB)/crtn.o
USER_LIBS := -Wl,--start-group $(MUSL_LIB)/libc.a $(LIBGCC) -Wl,--end-group

# The programs init runs, in this order (init.c's list is generated from
# it); helpers/ are programs the tests execve, not run by init.
USER_PROGS   := $(sort $(basename $(notdir $(filter-out tests/user/init.c, \
			$(wildcard tests/user/*.c)))))
USER_HELPERS := $(sort $(basename $(notdir $(wildcard tests/user/helpers/*.c))))
USER_BINS    := $(USER_PROGS:%=$(UB)/t/%) $(USER_HELPERS:%=$(UB)/bin/%) $(UB)/bin/bench

.PHONY: user-programs compare-linux bench-linux
user-programs: $(B)/initramfs.cpio

$(UAPI_INC)/.stamp: | deps
	@mkdir -p $(UAPI_INC)
	$(Q)ln -sfn /usr/include/linux $(UAPI_INC)/linux
	$(Q)ln -sfn /usr/include/asm-generic $(UAPI_INC)/asm-generic
	$(Q)ln -sfn /usr/include/i386-linux-gnu/asm $(UAPI_INC)/asm
	@touch $@

$(UB)/progs.h: tests/user/user.mk $(wildcard tests/user/*.c)
	@mkdir -p $(dir $@)
	$(quiet) GEN $@
	$(Q)printf '"%s",\n' $(USER_PROGS) > $@.tmp
	$(Q)cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(UB)/obj/init.o: $(UB)/progs.h
$(UB)/obj/%.o: tests/user/%.c $(UAPI_INC)/.stamp | deps
	@mkdir -p $(dir $@)
	$(quiet) UCC $<
	$(Q)$(CC) $(USER_CFLAGS) -I$(UB) -c $< -o $@
$(UB)/obj/helpers/%.o: tests/user/helpers/%.c $(UAPI_INC)/.stamp | deps
	@mkdir -p $(dir $@)
	$(quiet) UCC $<
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@
$(UB)/obj/bench/%.o: tests/user/bench/%.c $(UAPI_INC)/.stamp | deps
	@mkdir -p $(dir $@)
	$(quiet) UCC $<
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

USER_LINK = $(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIBS) $(USER_CRT1)
$(UB)/t/%: $(UB)/obj/%.o
	@mkdir -p $(dir $@)
	$(quiet) ULD $@
	$(Q)$(USER_LINK)
$(UB)/bin/%: $(UB)/obj/helpers/%.o
	@mkdir -p $(dir $@)
	$(quiet) ULD $@
	$(Q)$(USER_LINK)
# entryregs has its own _start (it records the registers exec gave it).
$(UB)/bin/entryregs: USER_CRT0 = $(MUSL_LIB)/crti.o $(shell $(CC) -print-file-name=crtbeginT.o)
$(UB)/bin/bench: $(UB)/obj/bench/bench.o
	@mkdir -p $(dir $@)
	$(quiet) ULD $@
	$(Q)$(USER_LINK)
$(UB)/init: $(UB)/obj/init.o
	$(quiet) ULD $@
	$(Q)$(USER_LINK)

# cpio newc, written by tests/user/mkinitramfs.py (no root needed for
# /dev/console), after it has checked every binary is static i386.
$(B)/initramfs.cpio: $(UB)/init $(USER_BINS) tests/user/mkinitramfs.py
	$(quiet) CPIO $@
	$(Q)$(PYTHON) tests/user/mkinitramfs.py -o $@ --init $(UB)/init \
		--dir t $(USER_PROGS:%=$(UB)/t/%) --dir bin $(USER_HELPERS:%=$(UB)/bin/%) $(UB)/bin/bench

# Debian's Linux 686 as the oracle (scripts/compare_linux.py fetches it with
# apt-get download into ~/.cache/mneme-linux). Not part of make test.
# MNEME=0 leaves Mneme's boot out (Linux only).
MNEME_RUN = $(if $(filter 0,$(MNEME)),,--mneme)
compare-linux: $(B)/initramfs.cpio $(B)/mneme.elf
	$(PYTHON) scripts/compare_linux.py $(if $(RECORD),--record) $(if $(BENCH),--bench) \
		$(MNEME_RUN)

bench-linux: $(B)/initramfs.cpio $(B)/mneme.elf
	$(PYTHON) scripts/compare_linux.py --bench-only $(MNEME_RUN) $(if $(RECORD),--record)
.PRECIOUS: $(UB)/obj/%.o $(UB)/obj/helpers/%.o $(UB)/obj/bench/%.o
