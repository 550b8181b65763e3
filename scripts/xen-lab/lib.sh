# shellcheck shell=bash disable=SC2034
# Shared helpers of the Xen lab scripts (sourced, not run).
# The lab: Debian's Xen 4.17 hypervisor nested under QEMU TCG, a Debian 12 dom0 in an initramfs, tiny domUs.
# Everything it builds lives in the cache below, never in the repository.

XENLAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
XENLAB="${SWIFTVIRT_XENLAB:-${XDG_CACHE_HOME:-$HOME/.cache}/swiftvirt/xenlab}"

# The Debian packages the lab is made of. The kernel's ABI package is not named here: it is whatever
# linux-image-amd64 depends on today, so a point release that moves the ABI name is picked up.
XENLAB_HYPERVISOR_PKG=xen-hypervisor-4.17-amd64
XENLAB_KERNEL_META_PKG=linux-image-amd64
XENLAB_TOOLS_PKG=xen-utils-4.17
XENLAB_SUITE=bookworm

# Prints a message on stderr, prefixed with the script's name.
say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { say "$*"; exit 2; }

# Fails, naming every missing command and the Debian package that provides it ("cmd:package" pairs).
require_commands() {
    local pair cmd pkg missing=()
    for pair in "$@"; do
        cmd="${pair%%:*}" pkg="${pair#*:}"
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd (apt-get install $pkg)")
    done
    [ ${#missing[@]} -eq 0 ] || die "missing host tools: ${missing[*]}"
}

require_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap chroots, device nodes in the initramfs)"
}

# Milliseconds since the epoch, from bash's own clock (no fork).
now_ms() { local t="${EPOCHREALTIME/./}"; echo "${t:0:-3}"; }

# The candidate version of a package in the host's apt lists, or nothing.
candidate_version() {
    apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { if ($2 != "(none)") print $2; exit }'
}

# The kernel ABI package linux-image-amd64 depends on (linux-image-6.1.0-NN-amd64).
kernel_abi_package() {
    apt-cache depends "$XENLAB_KERNEL_META_PKG" 2>/dev/null |
        awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

# The archive URL the host's apt uses for a suite ("bookworm" or "bookworm-security"), so debootstrap
# and the chroot's apt talk to the same mirror (or proxy) as the host. Overridable for odd setups.
mirror_for_suite() {
    apt-cache policy 2>/dev/null |
        awk -v s="$1/main" '$3 == s && $4 ~ /amd64/ { print $2; exit }'
}

# A short stable hash of stdin.
short_hash() { sha256sum | cut -c1-12; }

# The directory of the newest complete build, or nothing.
current_images() {
    [ -f "$XENLAB/current/.done" ] && readlink -f "$XENLAB/current"
}

# A Debian root for the lab in DIR: debootstrap minbase of the suite with PACKAGES (comma-separated), then
# xen-utils pinned to TOOLS_VERSION (the hypervisor's: security updates move them together) and every update;
# DIR/.packages lists what it holds. Reads MIRROR and SECURITY_MIRROR (mirror_for_suite).
# Usage: bootstrap_root DIR PACKAGES TOOLS_VERSION
bootstrap_root() {
    local dir="$1" packages="$2" tools_version="$3"
    rm -rf "$dir"
    debootstrap --variant=minbase --include="$packages" "$XENLAB_SUITE" "$dir" "$MIRROR"
    {
        echo "deb $MIRROR $XENLAB_SUITE main"
        echo "deb $MIRROR $XENLAB_SUITE-updates main"
        [ -z "$SECURITY_MIRROR" ] || echo "deb $SECURITY_MIRROR $XENLAB_SUITE-security main"
    } >"$dir/etc/apt/sources.list"
    chroot "$dir" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get install -y -qq --no-install-recommends \
        "$XENLAB_TOOLS_PKG=$tools_version" "libxenmisc4.17=$tools_version"
    DEBIAN_FRONTEND=noninteractive chroot "$dir" apt-get upgrade -y -qq
    chroot "$dir" apt-get clean
    chroot "$dir" dpkg-query -W >"$dir/.packages"
}
