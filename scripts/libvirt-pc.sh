#!/usr/bin/env bash
# Makes a directory holding SwiftVirt's libvirt.so usable by C programs: adds the libvirt.so.0 (soname)
# link the loader looks for, and libvirt.pc, so that
#   PKG_CONFIG_PATH=DIR pkg-config --cflags --libs libvirt
# compiles and links against SwiftVirt's headers and library.
# Usage: scripts/libvirt-pc.sh DIR   (DIR: where `swift build --product virt` put libvirt.so)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)"

if [ ! -f "$dir/libvirt.so" ]; then
    echo "libvirt-pc: $dir/libvirt.so not found; build it with: swift build --product virt" >&2
    exit 1
fi
ln -sfn libvirt.so "$dir/libvirt.so.0"
sed -e "s|@LIBDIR@|$dir|" -e "s|@INCLUDEDIR@|$root/Sources/CLibvirt/include|" \
    "$root/Sources/LibvirtC/libvirt.pc.in" > "$dir/libvirt.pc.tmp"
mv "$dir/libvirt.pc.tmp" "$dir/libvirt.pc"
