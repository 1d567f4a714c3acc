#!/usr/bin/env bash
# Install the Debian 12 packages Mneme needs (design.md §1), only those missing.
# Called by the Makefile when a tool is not found; safe to run by hand.
# As root it calls apt-get directly, otherwise through sudo.
set -euo pipefail

# tool -> package providing it
declare -A need=(
  [i686-linux-gnu-gcc]=gcc-i686-linux-gnu
  [i686-linux-gnu-ld]=binutils-i686-linux-gnu
  [nasm]=nasm
  [grub-mkrescue]=grub-common
  [xorriso]=xorriso
  [mformat]=mtools
  [qemu-system-i386]=qemu-system-x86
  [gdb-multiarch]=gdb-multiarch
  [python3]=python3
  [gcc]=gcc
  [clang]=clang
  [make]=make
)
# files -> package (things that are not commands)
declare -A need_files=(
  [/usr/lib/grub/i386-pc/moddep.lst]=grub-pc-bin
  [/usr/bin/cpio]=cpio
)
# i386 packages (multiarch): musl for the user programs, which the cross
# gcc links against; Linux's UAPI headers, the source of the system-call
# numbers and of the layouts user space sees.
declare -A need_i386=(
  [/usr/lib/i386-linux-musl/libc.a]=musl-dev:i386
  [/usr/include/i386-linux-gnu/asm/unistd_32.h]=linux-libc-dev:i386
)

missing=()
for tool in "${!need[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${need[$tool]}")
done
for f in "${!need_files[@]}"; do
  [ -e "$f" ] || missing+=("${need_files[$f]}")
done
missing_i386=()
for f in "${!need_i386[@]}"; do
  [ -e "$f" ] || missing_i386+=("${need_i386[$f]}")
done
# libFuzzer runtime for clang (host fuzzers)
if ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  missing+=(libclang-rt-14-dev)
fi

[ ${#missing[@]} -eq 0 ] && [ ${#missing_i386[@]} -eq 0 ] && exit 0

[ ${#missing[@]} -gt 0 ] && mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "install-deps: installing ${missing[*]} ${missing_i386[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing_i386[@]} -gt 0 ] && ! dpkg --print-foreign-architectures | grep -qx i386; then
  $SUDO dpkg --add-architecture i386
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" "${missing_i386[@]}"
