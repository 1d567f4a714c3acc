# Busybox on Mneme (issue 13): Debian's busybox-static:i386, fetched with
# apt-get download by scripts/fetch_busybox.py into ~/.cache/mneme-busybox
# (never rebuilt or patched), and two initramfs of it written by
# tests/busybox/initramfs.py:
#
#   build/busybox/shell.cpio    /init is busybox's init (tests/busybox/etc/
#                               inittab): a login shell on the console
#   build/busybox/session.cpio  /init is tests/busybox/session.sh, the
#                               scripted session make test compares with
#                               Linux's (tests/busybox/expected/session.out)
#
#   make shell   boot Mneme with the shell initramfs, the serial console on
#                this terminal (Ctrl-C to the guest; Ctrl-D or poweroff ends
#                it; Ctrl-A x quits QEMU). BOOT=kernel boots with -kernel
#                instead of the GRUB ISO; QEMU_MEM= the memory (128M).

BB := $(B)/busybox
BOOT ?= iso
BB_INITRAMFS_DEPS := $(BB)/busybox tests/busybox/initramfs.py tests/user/mkinitramfs.py \
	$(wildcard tests/busybox/etc/*)

.PHONY: busybox shell
busybox: $(BB)/shell.cpio $(BB)/session.cpio

# Fetched once: nothing here changes the package.
$(BB)/busybox: | deps
	@mkdir -p $(dir $@)
	$(quiet) FETCH $@
	$(Q)$(PYTHON) scripts/fetch_busybox.py -o $@

$(BB)/shell.cpio: $(BB_INITRAMFS_DEPS)
	$(quiet) CPIO $@
	$(Q)$(PYTHON) tests/busybox/initramfs.py -o $@ --busybox $(BB)/busybox --init busybox

$(BB)/session.cpio: $(BB_INITRAMFS_DEPS) tests/busybox/session.sh
	$(quiet) CPIO $@
	$(Q)$(PYTHON) tests/busybox/initramfs.py -o $@ --busybox $(BB)/busybox \
		--init tests/busybox/session.sh

# A session prints no KTAP: its normal end (poweroff, or /init exiting)
# is the verdict no-ktap; a crash is not.
shell: $(B)/mneme.elf $(BB)/shell.cpio
	$(PYTHON) scripts/run_qemu.py --boot $(BOOT) --mem $(QEMU_MEM) --cmdline "" \
		--initrd $(BB)/shell.cpio --interactive --serial-raw --timeout 0 --expect no-ktap \
		--log $(B)/logs/shell.txt

# make compare-linux runs the busybox sessions on Linux too (scripts/compare_linux.py).
compare-linux: $(BB)/shell.cpio $(BB)/session.cpio
