#!/bin/bash
# Debug Mneme: QEMU halted with its gdb stub, and gdb-multiarch attached,
# stopped at start_kernel with source lines and the helper commands of the
# package scripts/gdb/mneme loaded (with its constants, generated from the
# kernel's headers into build/ by make). `make debug` runs this.
#
#   scripts/debug.sh [ELF]               QEMU in the background, gdb here
#   scripts/debug.sh --qemu-only [ELF]   terminal 1: QEMU, serial on this terminal
#   scripts/debug.sh --gdb-only [ELF]    terminal 2: gdb attached to it
#
# Environment:
#   MNEME_CMDLINE    kernel command line (default "ktest"; "" for none; add
#                    "show_mem" for the kernel's own buddyinfo/zoneinfo/meminfo/
#                    slabinfo/vmallocinfo reports in the serial log, to set
#                    beside lx-buddyinfo ... lx-slabinfo, lx-vmallocinfo;
#                    "slab_debug" for red zones, poison and the last user in
#                    every cache: lx-slab -v). To stop inside a self-test, e.g.
#                    "ktest=kmap" with QEMU_MEM=1G and `break latecomer`:
#                    lx-ps, lx-bt PID, lx-pkmap
#   QEMU_MEM         guest memory (default 128M)
#   MNEME_BOOT       "elf" (default: qemu -kernel ELF) or "iso" (build/mneme.iso
#                    through GRUB; the command line is then boot/grub.cfg's)
#   MNEME_GDB_PORT   gdb stub port (default: a free one; 1234 in the
#                    two-terminal mode, where both sides must agree)
#   MNEME_BREAK      an extra breakpoint before start_kernel, e.g. startup_32
#   MNEME_SERIAL     serial log (default build/debug-serial.txt)
#   MNEME_DEBUG_EXIT 1: add isa-debug-exit, so the kernel can end QEMU (as in
#                    `make test`); by default a panic or the end of the
#                    self-tests leaves the machine halted for inspection
#   MNEME_QEMU_ARGS  extra QEMU arguments (e.g. "-d int,cpu_reset -D build/qemu.log")
#   MNEME_BUILD      the build directory with the helpers' generated constants
#                    (default build)
#   GDB, QEMU        the programs (default gdb-multiarch, qemu-system-i386)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export MNEME_ROOT=$ROOT

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
	exit "${1:-0}"
}

mode=both
ELF=
while [ $# -gt 0 ]; do
	case "$1" in
	--qemu-only) mode=qemu ;;
	--gdb-only) mode=gdb ;;
	-h|--help) usage 0 ;;
	-*) echo "debug.sh: unknown option $1" >&2; usage 2 >&2 ;;
	*) ELF=$1 ;;
	esac
	shift
done
ELF=${ELF:-build/mneme.elf}

CMDLINE=${MNEME_CMDLINE-ktest}
MEM=${QEMU_MEM:-128M}
BOOT=${MNEME_BOOT:-elf}
SERIAL=${MNEME_SERIAL:-build/debug-serial.txt}
GDB=${GDB:-gdb-multiarch}
QEMU=${QEMU:-qemu-system-i386}
CROSS=${CROSS:-i686-linux-gnu-}

die() { echo "debug.sh: $*" >&2; exit 1; }

[ -f "$ELF" ] || die "$ELF not found (run make first)"
mkdir -p build
export MNEME_BUILD=${MNEME_BUILD:-$ROOT/build}
# The helpers' constants (cheap when up to date; `make debug` has made them).
if [ "$mode" != qemu ]; then
	B=${MNEME_BUILD#"$ROOT"/}
	make -s --no-print-directory B="$B" "$B/scripts/gdb/mneme/constants.py" ||
		die "cannot generate the gdb helpers' constants (see above)"
fi

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ -n "${MNEME_GDB_PORT:-}" ]; then
	PORT=$MNEME_GDB_PORT
elif [ $mode = both ]; then
	PORT=$(free_port)
else
	PORT=1234
fi

# gdb's symbols: a copy of the ELF without .debug_aranges. NASM describes
# a file with two code sections (boot/head.asm: .boot.text and
# .text.entry) by one compile unit whose address range covers only the
# first, while its .debug_aranges claims both; gdb then prints "pc ... in
# address map, but not in symtab" warnings whenever it unwinds into
# startup_32_high, i.e. at every stop in start_kernel. Without the
# aranges gdb builds the map from the compile units' own ranges, which
# are right. Harmless once each .asm file has one code section.
gdb_symbols() {
	local out objcopy
	out=build/$(basename "${ELF%.elf}")-gdb.elf
	for objcopy in "${CROSS}objcopy" objcopy; do
		command -v "$objcopy" >/dev/null || continue
		if [ "$out" -nt "$ELF" ] ||
		   "$objcopy" --remove-section=.debug_aranges "$ELF" "$out" 2>/dev/null; then
			echo "$out"
			return
		fi
	done
	echo "$ELF"
}

qemu_args() {
	local dev=()
	case "$BOOT" in
	elf) dev=(-kernel "$ELF" -append "$CMDLINE") ;;
	iso)
		make -s build/mneme.iso >&2 || die "cannot build build/mneme.iso"
		[ -z "${MNEME_CMDLINE+set}" ] ||
			echo "debug.sh: MNEME_BOOT=iso: the command line comes from boot/grub.cfg; MNEME_CMDLINE ignored" >&2
		dev=(-cdrom build/mneme.iso -boot d) ;;
	*) die "MNEME_BOOT must be elf or iso, not '$BOOT'" ;;
	esac
	QARGS=("${dev[@]}" -m "$MEM" -display none -monitor none -no-reboot
	       -gdb "tcp:127.0.0.1:$PORT" -S)
	if [ "${MNEME_DEBUG_EXIT:-0}" = 1 ]; then
		QARGS+=(-device "isa-debug-exit,iobase=0xf4,iosize=4")
	fi
	# shellcheck disable=SC2206
	QARGS+=(${MNEME_QEMU_ARGS:-})
}

run_gdb() {
	local syms extra=()
	syms=$(gdb_symbols)
	[ -z "${MNEME_BREAK:-}" ] || extra=(-ex "break $MNEME_BREAK")
	"$GDB" -q -iex "set debuginfod enabled off" \
		-ex "set \$mneme_port = $PORT" "${extra[@]}" \
		-x scripts/gdb/gdbinit "$syms"
}

describe() {
	if [ "$BOOT" = iso ]; then
		echo "  boot:     build/mneme.iso through GRUB (command line from boot/grub.cfg), $MEM"
	else
		echo "  boot:     $ELF, command line \"$CMDLINE\", $MEM"
	fi
	echo "  gdb stub: 127.0.0.1:$PORT (QEMU halted until gdb continues)"
}

case $mode in
gdb)
	command -v "$GDB" >/dev/null || die "$GDB not found"
	echo "debug.sh: attaching $GDB to QEMU at 127.0.0.1:$PORT" >&2
	run_gdb
	;;
qemu)
	command -v "$QEMU" >/dev/null || die "$QEMU not found"
	qemu_args
	: > "$SERIAL"
	{
		echo "debug.sh: QEMU is waiting for gdb; in another terminal run"
		echo "    scripts/debug.sh --gdb-only${MNEME_GDB_PORT:+  (with MNEME_GDB_PORT=$PORT)}"
		describe
		echo "  serial:   this terminal (also logged to $SERIAL); Ctrl-C here ends QEMU"
	} >&2
	exec "$QEMU" "${QARGS[@]}" -chardev "stdio,id=com1,logfile=$SERIAL,signal=on" \
		-serial chardev:com1
	;;
both)
	command -v "$QEMU" >/dev/null || die "$QEMU not found"
	command -v "$GDB" >/dev/null || die "$GDB not found"
	QLOG=build/debug-qemu.log
	QEMU_PID=
	cleanup() {
		if [ -n "$QEMU_PID" ] && kill -0 "$QEMU_PID" 2>/dev/null; then
			kill "$QEMU_PID" 2>/dev/null || true
			wait "$QEMU_PID" 2>/dev/null || true
		fi
		echo "debug.sh: QEMU stopped; the serial output is in $SERIAL" >&2
	}
	trap cleanup EXIT
	trap 'exit 130' HUP TERM
	for attempt in 1 2 3; do
		qemu_args
		: > "$SERIAL"
		# Its own session: Ctrl-C in gdb must interrupt the kernel, not kill QEMU.
		setsid "$QEMU" "${QARGS[@]}" -serial "file:$SERIAL" > "$QLOG" 2>&1 < /dev/null &
		QEMU_PID=$!
		sleep 0.3
		kill -0 "$QEMU_PID" 2>/dev/null && break
		wait "$QEMU_PID" 2>/dev/null || true
		QEMU_PID=
		if grep -q "available port" "$QLOG" && [ -z "${MNEME_GDB_PORT:-}" ] && [ $attempt -lt 3 ]; then
			PORT=$(free_port)	# taken meanwhile: try another
			continue
		fi
		cat "$QLOG" >&2
		die "QEMU did not start (see above)"
	done
	{
		echo "debug.sh: QEMU started (pid $QEMU_PID), halted, waiting for gdb"
		describe
		echo "  serial:   $SERIAL -- in another terminal: tail -f $SERIAL"
		echo "  QEMU is stopped when gdb exits."
	} >&2
	run_gdb || true
	;;
esac
