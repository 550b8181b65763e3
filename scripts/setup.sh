#!/usr/bin/env bash
# Installs, on Debian 12, everything SwiftVirt's build, tests and benchmarks need besides Swift itself
# (Swift 6.3 is expected at /opt/swift or on PATH). Idempotent; run as root or with sudo available.
set -euo pipefail

packages=(
    pkg-config libxml2-dev          # build: the XML parser
    libxml2-utils                   # tests: xmllint validates our XML against libvirt's schema
    libvirt-clients libvirt-dev python3-libvirt   # tests: libvirt 9.0 is the reference we diff against
    libvirt-daemon-system           # tests and benchmarks: private libvirtds (goldens, consoles, side-by-side QEMU numbers)
    valgrind gcc                    # tests: C API programs under memcheck
    systemd                         # tests: systemd-analyze verifies virtd's units, systemd-socket-activate hands it sockets
    openssl                         # tests: the throwaway x509 PKI of the TLS tests (scripts/make-test-pki.sh)
    openssh-client libwrap0         # tests: the ssh transport (scripts/test-ssh-host.sh; libwrap0: what sshd links, unpacked below)
    netcat-openbsd                  # tests: the ssh transport's netcat proxy (nc -U on the far side, libvirt's legacy mode)
    qemu-system-x86 qemu-utils      # qemu:/// driver and its integration tests
    libedit2                        # virsh's shell: line editing (loaded at run time when present)
    libxen-dev                      # build: libxenlight headers for xen:/// (the library is loaded only at run time)
    debootstrap cpio xz-utils kmod file   # the nested Xen lab (scripts/xen-lab)
    virt-manager xvfb xdotool imagemagick dbus-x11 librsvg2-common   # virt-manager headless (scripts/virt-manager-check.sh); librsvg2-common: its SVG icons
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The ssh transport's tests run OpenSSH's sshd as the far host (scripts/test-ssh-host.sh). It is unpacked from
# Debian's openssh-server, not installed: installing it would set up (and start) an ssh service on this machine.
sshd_cache="${XDG_CACHE_HOME:-$HOME/.cache}/swiftvirt/openssh-server"
sshd_version=$(apt-cache policy openssh-server | awk '/Candidate:/ { print $2; exit }')
if [ ! -x "$sshd_cache/$sshd_version/usr/sbin/sshd" ]; then
    download=$(mktemp -d)
    chmod 755 "$download"  # apt downloads as its own user when it can
    (cd "$download" && apt-get download -q openssh-server >/dev/null 2>&1)
    mkdir -p "$sshd_cache/$sshd_version"
    dpkg-deb -x "$download"/openssh-server_*.deb "$sshd_cache/$sshd_version"
    rm -rf "$download"
fi

if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
    echo "setup: Swift 6.3 was not found on PATH or at /opt/swift; install it from swift.org" >&2
    exit 1
fi
echo "setup: Debian packages are in place"
