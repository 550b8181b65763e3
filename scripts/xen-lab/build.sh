#!/usr/bin/env bash
# Builds the Xen lab's boot images from Debian packages only, into a cache keyed by package versions:
#   xen.elf          Xen 4.17 (xen-hypervisor-4.17-amd64), gunzipped to the multiboot ELF QEMU loads
#   vmlinuz          Debian's generic kernel (the cloud kernel lacks CONFIG_XEN_DOM0), as dom0 kernel
#   dom0.cpio        Debian 12 rootfs + xen-utils-4.17 + the Xen backend modules + dom0/init, uncompressed
#   domu-vmlinux.gz  the same kernel, uncompressed ELF then gzipped (libxenguest loads it far faster than
#                    the xz bzImage, which it would decompress inside dom0 under TCG)
#   domu-initrd.gz   busybox + xen-blkfront/netfront + domu/init (readiness marker, a tick a second)
# Usage: build.sh            prints the image directory on stdout; quiet otherwise unless it fails.
# Cache: ${SWIFTVIRT_XENLAB:-${XDG_CACHE_HOME:-$HOME/.cache}/swiftvirt/xenlab}. Needs root (debootstrap) and the Debian archive.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BUILD_LOG=""

# Runs one build step with its output in the build log; on failure shows the log's tail and stops.
step() {
    local name="$1"; shift
    local t0; t0=$(now_ms)
    echo "== $name" >>"$BUILD_LOG"
    # A subshell outside any condition, so that errexit holds inside the step's function.
    local rc=0
    set +e
    (set -e; "$@") >>"$BUILD_LOG" 2>&1
    rc=$?
    set -e
    if [ "$rc" -ne 0 ]; then
        say "step '$name' failed; last lines of $BUILD_LOG:"
        tail -n 40 "$BUILD_LOG" >&2
        exit 1
    fi
    printf '%-28s %6d ms\n' "$name" $(($(now_ms) - t0)) >>"$WORK/build-times.txt"
}

# The host's package lists decide which versions are "current"; refresh them when older than a day,
# so a new Debian point release (or security update) is noticed and rebuilds the lab.
refresh_apt_lists() {
    local lists=/var/lib/apt/lists
    if [ -z "$(find "$lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit 2>/dev/null)" ] ||
       [ -z "$(candidate_version "$XENLAB_HYPERVISOR_PKG")" ]; then
        apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"
    fi
}

# Sets the versions everything is keyed on, from the host's apt lists.
resolve_versions() {
    KERNEL_PKG=$(kernel_abi_package)
    [ -n "$KERNEL_PKG" ] || die "cannot resolve the kernel package behind $XENLAB_KERNEL_META_PKG"
    KVER="${KERNEL_PKG#linux-image-}"
    HV_VERSION=$(candidate_version "$XENLAB_HYPERVISOR_PKG")
    KERNEL_VERSION=$(candidate_version "$KERNEL_PKG")
    TOOLS_VERSION=$(candidate_version "$XENLAB_TOOLS_PKG")
    BUSYBOX_VERSION=$(candidate_version busybox-static)
    LIBC_VERSION=$(candidate_version libc6)
    LIBXML2_VERSION=$(candidate_version libxml2)
    local v
    for v in HV_VERSION KERNEL_VERSION TOOLS_VERSION BUSYBOX_VERSION LIBC_VERSION LIBXML2_VERSION; do
        [ -n "${!v}" ] || die "no candidate version for $v in the host's apt lists (is this Debian 12?)"
    done
    # Hypervisor and toolstack must be the same Xen release (security updates move both together).
    [ "$HV_VERSION" = "$TOOLS_VERSION" ] ||
        die "$XENLAB_HYPERVISOR_PKG $HV_VERSION and $XENLAB_TOOLS_PKG $TOOLS_VERSION differ; refresh apt lists"
    MIRROR="${XENLAB_MIRROR:-$(mirror_for_suite "$XENLAB_SUITE")}"
    SECURITY_MIRROR="${XENLAB_SECURITY_MIRROR:-$(mirror_for_suite "$XENLAB_SUITE-security")}"
    [ -n "$MIRROR" ] || die "the host's apt has no $XENLAB_SUITE/main source; set XENLAB_MIRROR"
}

versions_text() {
    cat <<EOF
$XENLAB_HYPERVISOR_PKG $HV_VERSION
$KERNEL_PKG $KERNEL_VERSION
$XENLAB_TOOLS_PKG $TOOLS_VERSION
busybox-static $BUSYBOX_VERSION
libc6 $LIBC_VERSION
libxml2 $LIBXML2_VERSION
EOF
}

# The rootfs depends on the Debian versions only; the images also on the lab's own build inputs.
ROOTFS_PACKAGES="xen-utils-4.17,xenstore-utils,kmod,procps,iproute2,libxml2"
rootfs_key() { { versions_text; echo "$ROOTFS_PACKAGES"; } | short_hash; }
images_key() {
    { versions_text; cat "$XENLAB_DIR/build.sh" "$XENLAB_DIR/lib.sh" "$XENLAB_DIR"/dom0/init \
        "$XENLAB_DIR"/domu/*; } | short_hash
}

download_debs() {
    mkdir -p "$XENLAB/debs"
    cd "$XENLAB/debs"
    apt-get download -q "$XENLAB_HYPERVISOR_PKG=$HV_VERSION" "$KERNEL_PKG=$KERNEL_VERSION" \
        "busybox-static=$BUSYBOX_VERSION"
    cd - >/dev/null
}

# apt-get download names files package_version_arch.deb, with the epoch's colon escaped.
deb_file() { echo "$XENLAB/debs/$1_${2//:/%3a}_amd64.deb"; }

build_rootfs() {
    bootstrap_root "$1" "$ROOTFS_PACKAGES" "$TOOLS_VERSION"
    touch "$1/.done"
}

unpack_debs() {
    dpkg-deb -x "$(deb_file "$XENLAB_HYPERVISOR_PKG" "$HV_VERSION")" "$WORK/hv"
    dpkg-deb -x "$(deb_file "$KERNEL_PKG" "$KERNEL_VERSION")" "$WORK/kernel"
    dpkg-deb -x "$(deb_file busybox-static "$BUSYBOX_VERSION")" "$WORK/busybox"
    depmod -b "$WORK/kernel" "$KVER"
    gunzip -c "$WORK/hv/boot/xen-4.17-amd64.gz" >"$WORK/xen.elf"
    cp "$WORK/kernel/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
}

# Copies modules and their dependencies (in load order) into a tree; prints their paths in load order.
copy_modules() {
    local dest="$1"; shift
    local m line path rel
    for m in "$@"; do
        modprobe -d "$WORK/kernel" -S "$KVER" --show-depends "$m"
    done | while read -r line path _; do
        [ "$line" = insmod ] || continue
        rel="${path#"$WORK/kernel/lib/modules/$KVER/"}"
        mkdir -p "$dest/lib/modules/$KVER/$(dirname "$rel")"
        cp -n "$path" "$dest/lib/modules/$KVER/$rel"
        echo "$rel"
    done | awk '!seen[$0]++'
}

# Writes a newc cpio of a tree, owned by root, with the /dev/console node the kernel opens for init.
make_cpio() {
    local tree="$1" out="$2"
    mkdir -p "$tree/dev"
    [ -e "$tree/dev/console" ] || mknod -m 600 "$tree/dev/console" c 5 1
    (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$out"
}

# What a dom0 that only runs the toolstack and test programs never uses: docs, python (pygrub),
# perl, apt and its TLS stack, udev's hwdb, the PVH shim, iconv modules (libxml2 reads UTF-8 itself),
# timezones, dpkg's file lists, ICU beyond what libxml2 links. check_dom0_libraries proves nothing
# left behind needed them.
DOM0_SLIM=(
    'usr/share/'{doc,man,info,locale,lintian,bash-completion,common-licenses,perl5,zoneinfo,python3}
    'usr/lib/python3*' 'usr/bin/python3*' 'usr/lib/x86_64-linux-gnu/perl*' 'usr/bin/perl*'
    'usr/bin/apt*' usr/lib/apt 'usr/lib/x86_64-linux-gnu/lib'{apt-,gnutls,p11-kit,sqlite3,db-}'*'
    usr/sbin/arpd usr/lib/x86_64-linux-gnu/gconv 'usr/lib/x86_64-linux-gnu/libicu'{i18n,io,test,tu}'*'
    usr/lib/udev/hwdb.bin usr/lib/udev/hwdb.d etc/udev/hwdb.bin usr/lib/xen-4.17/boot
    'var/cache/*' 'var/lib/apt/lists/*' var/lib/dpkg/info 'var/log/*' etc/resolv.conf .packages .done
)

# Every ELF file left in the tree must still find its libraries (ldd inside the tree).
check_dom0_libraries() {
    local tree="$1" missing
    missing=$(chroot "$tree" /bin/bash -c '
        { find /usr/bin /usr/sbin /usr/lib/xen-4.17 -type f -perm -u+x
          find /usr/lib/x86_64-linux-gnu -maxdepth 1 -type f -name "*.so*"; } |
        while read -r f; do
            ldd "$f" 2>/dev/null | grep -q "not found" && echo "$f: $(ldd "$f" | grep "not found" | tr -s " \t" " ")"
        done; true')
    [ -z "$missing" ] || { echo "libraries removed but still needed:"; echo "$missing"; return 1; }
}

# The dom0 initramfs: the cached rootfs, slimmed, plus the Xen backend modules and the lab's init.
# It is uncompressed (unpacking is faster under TCG) and must stay near 100 MB: with dom0_mem=512M
# the kernel holds it twice while unpacking, and 130 MB fails.
make_dom0_initramfs() {
    local tree="$WORK/dom0"
    cp -a "$ROOTFS/." "$tree"
    # The patterns are expanded here, relative to the tree (unquoted on purpose).
    # shellcheck disable=SC2048
    (cd "$tree" && shopt -s nullglob && rm -rf ${DOM0_SLIM[*]})
    check_dom0_libraries "$tree"
    copy_modules "$tree" xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-blkback xen-netback \
        loop bridge virtio_pci 9pnet_virtio 9p >/dev/null
    cp "$WORK/kernel/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$tree/lib/modules/$KVER/"
    depmod -b "$tree" "$KVER"
    install -m 755 "$XENLAB_DIR/dom0/init" "$tree/init"
    echo dom0 >"$tree/etc/hostname"
    make_cpio "$tree" "$WORK/dom0.cpio"
    rm -rf "$tree"
}

# The guest kernel: the ELF inside Debian's xz bzImage, found by the xz stream's magic bytes.
make_domu_kernel() {
    local off
    off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$WORK/vmlinuz" | head -1 | cut -d: -f1)
    [ -n "$off" ] || { echo "no xz stream in vmlinuz"; return 1; }
    # xz stops at the stream's end and complains about the bzImage's trailing bytes: expected.
    tail -c +$((off + 1)) "$WORK/vmlinuz" | xz -dc >"$WORK/domu-vmlinux" 2>/dev/null || true
    file -b "$WORK/domu-vmlinux" | grep -q '^ELF 64-bit' || { echo "vmlinux extraction failed"; return 1; }
    gzip -6 -n -f "$WORK/domu-vmlinux"
}

make_domu_initramfs() {
    local tree="$WORK/domu" applet
    mkdir -p "$tree"/{bin,sbin,proc,sys,dev,tmp,lib/modules}
    cp "$WORK/busybox/bin/busybox" "$tree/bin/busybox"
    for applet in $("$tree/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$tree/bin/$applet"
    done
    copy_modules "$tree" xen-blkfront xen-netfront >"$tree/lib/modules/load-order"
    install -m 755 "$XENLAB_DIR/domu/init" "$tree/init"
    # The kernel runs /sbin/poweroff when the toolstack asks for a shutdown: power off at once.
    install -m 755 "$XENLAB_DIR/domu/poweroff" "$tree/sbin/poweroff"
    make_cpio "$tree" "$WORK/domu-initrd"
    gzip -6 -n -f "$WORK/domu-initrd"
    rm -rf "$tree"
}

# Switches the "current" link atomically (rename), so a run starting meanwhile sees old or new images.
point_current_at() {
    ln -sfn "$1" "$XENLAB/current.new"
    mv -T "$XENLAB/current.new" "$XENLAB/current"
}

# Old builds are a gigabyte each: keep only the current images and the rootfs they came from.
prune_old() {
    local d
    for d in "$XENLAB"/images/* "$XENLAB"/rootfs/*; do
        [ "$d" = "$IMAGES" ] || [ "$d" = "$ROOTFS" ] || rm -rf "$d"
    done
    find "$XENLAB/debs" "$XENLAB/logs" -type f -mtime +30 -delete
}

main() {
    require_root
    require_commands apt-get:apt dpkg-deb:dpkg debootstrap:debootstrap cpio:cpio xz:xz-utils \
        gzip:gzip depmod:kmod modprobe:kmod file:file mknod:coreutils flock:util-linux
    mkdir -p "$XENLAB"/{images,rootfs,logs}
    case "$XENLAB" in *[,\ ]*) die "the cache path must not contain commas or spaces: $XENLAB" ;; esac
    # One build at a time per cache (a concurrent one waits, then finds the images done).
    exec 9>"$XENLAB/.build.lock"
    flock 9
    refresh_apt_lists
    resolve_versions
    IMAGES="$XENLAB/images/$(images_key)"
    ROOTFS="$XENLAB/rootfs/$(rootfs_key)"
    if [ -f "$IMAGES/.done" ]; then
        point_current_at "$IMAGES"
        echo "$IMAGES"
        return
    fi
    local t0; t0=$(now_ms)
    WORK="$IMAGES.tmp"
    rm -rf "$WORK" && mkdir -p "$WORK"
    BUILD_LOG="$XENLAB/logs/build-$(date +%Y%m%d-%H%M%S).log"
    step "download debs" download_debs
    [ -f "$ROOTFS/.done" ] || step "debootstrap dom0 rootfs" build_rootfs "$ROOTFS"
    step "unpack debs" unpack_debs
    step "dom0 initramfs" make_dom0_initramfs
    step "domU kernel" make_domu_kernel
    step "domU initramfs" make_domu_initramfs
    rm -rf "$WORK"/{hv,kernel,busybox}
    { versions_text; echo "kernel-abi $KVER"; } >"$WORK/versions.txt"
    cp "$ROOTFS/.packages" "$WORK/dom0-packages.txt"
    touch "$WORK/.done"
    rm -rf "$IMAGES" && mv "$WORK" "$IMAGES"
    point_current_at "$IMAGES"
    prune_old
    say "built $IMAGES in $(( ($(now_ms) - t0) / 1000 )) s (log: $BUILD_LOG)"
    echo "$IMAGES"
}

main "$@"
