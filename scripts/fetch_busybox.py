#!/usr/bin/env python3
"""Fetch Debian's busybox-static:i386 (issue 13): the package's own binary,
never rebuilt or patched.

    fetch_busybox.py -o build/busybox/busybox

`apt-get download busybox-static:i386` into ~/.cache/mneme-busybox
(MNEME_BUSYBOX_CACHE), unpacked there with dpkg-deb -x, as
scripts/compare_linux.py fetches Linux. The i386 architecture must be
known to dpkg and apt (scripts/install-deps.sh adds it for musl-dev:i386).
The binary is checked to be a static i386 ELF executable
(tests/user/mkinitramfs.py's check_static_i386) and copied to -o. With no
network, the newest version already in the cache is used.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "user"))
from mkinitramfs import check_static_i386  # noqa: E402

PACKAGE = "busybox-static:i386"
CACHE = os.environ.get("MNEME_BUSYBOX_CACHE", os.path.expanduser("~/.cache/mneme-busybox"))
HINT = ("is the i386 architecture added and apt's lists fresh? (scripts/install-deps.sh "
        "does it: dpkg --add-architecture i386; apt-get update)")


def fail(msg):
    sys.exit("fetch_busybox: " + msg)


def candidate():
    """apt's candidate version of the package, or None."""
    try:
        out = subprocess.run(["apt-cache", "policy", PACKAGE], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.splitlines():
        key, _, value = line.strip().partition(":")
        if key == "Candidate" and value.strip() not in ("", "(none)"):
            return value.strip()
    return None


def unpacked(version):
    """The cache directory of a version ("1:1.35.0-4" -> x-1%3a1.35.0-4, the .deb's spelling)."""
    return os.path.join(CACHE, "x-" + version.replace(":", "%3a"))


def fetch():
    """Path of bin/busybox of the candidate version, downloaded and unpacked on first use."""
    os.makedirs(CACHE, exist_ok=True)
    version = candidate()
    if version is None:
        have = sorted(glob.glob(os.path.join(CACHE, "x-*", "bin", "busybox")))
        if have:
            print("fetch_busybox: apt knows no %s; using the cached %s" % (PACKAGE, have[-1]))
            return have[-1]
        fail("apt knows no %s and nothing is cached in %s: %s" % (PACKAGE, CACHE, HINT))
    binary = os.path.join(unpacked(version), "bin", "busybox")
    if os.path.exists(binary):
        return binary
    deb_glob = os.path.join(CACHE, "busybox-static_%s_i386.deb" % version.replace(":", "%3a"))
    debs = glob.glob(deb_glob)
    if not debs:
        print("fetch_busybox: apt-get download %s=%s (into %s)" % (PACKAGE, version, CACHE),
              flush=True)
        r = subprocess.run(["apt-get", "download", "%s=%s" % (PACKAGE, version)], cwd=CACHE)
        debs = glob.glob(deb_glob)
        if r.returncode != 0 or not debs:
            fail("apt-get download %s failed (network? %s)" % (PACKAGE, HINT))
    tmp = unpacked(version) + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", debs[0], tmp], check=True)
    if not os.path.exists(os.path.join(tmp, "bin", "busybox")):
        fail("no bin/busybox in %s" % debs[0])
    os.replace(tmp, unpacked(version))
    return binary


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", required=True, help="where to copy the binary")
    args = ap.parse_args()
    binary = fetch()
    why = check_static_i386(binary)
    if why:
        fail("%s: %s (want a static i386 executable)" % (binary, why))
    os.makedirs(os.path.dirname(os.path.abspath(args.o)), exist_ok=True)
    shutil.copyfile(binary, args.o + ".tmp")
    os.chmod(args.o + ".tmp", 0o755)
    os.replace(args.o + ".tmp", args.o)


if __name__ == "__main__":
    main()
