#!/usr/bin/env bash
# Builds SwiftVirt's libvirt.so and its libvirt.pc, then prints the directory to use:
#   PKG_CONFIG_PATH="$(scripts/build-capi.sh)" cc prog.c $(pkg-config --cflags --libs libvirt)
# Usage: scripts/build-capi.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
config="${1:-release}"
swift build -c "$config" --product virt >&2
dir="$(swift build -c "$config" --show-bin-path)"
scripts/libvirt-pc.sh "$dir"
echo "$dir"
