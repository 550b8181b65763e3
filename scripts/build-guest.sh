#!/bin/sh
# build-guest.sh: builds the tiny SwiftVirt test guest (a kernel and a busybox
# initramfs) from Debian packages only, and caches it.
#
# Usage: scripts/build-guest.sh            prints  kernel=<path>  and  initrd=<path>
#        SWIFTVIRT_GUEST_CACHE=<dir>       cache directory
#                                          (default ${XDG_CACHE_HOME:-$HOME/.cache}/swiftvirt/guest)
#
# The guest: Debian 12's cloud kernel (linux-image-cloud-amd64) and a busybox-static
# initramfs whose init (scripts/guest/) loads the virtio and ACPI button modules, then
#   prints  SWIFTVIRT-GUEST-READY        once the ACPI power button is being listened to,
#           SWIFTVIRT-TICK <n>           every second (none while the guest is paused),
#           SWIFTVIRT-MEMTOTAL <kB>      at start and when the balloon changes MemTotal,
#           SWIFTVIRT-CPUS <n>           at start and when vCPUs are hotplugged (brought online),
#           SWIFTVIRT-GUEST-POWEROFF     on the ACPI power button (QMP system_powerdown), then powers off,
#           SWIFTVIRT-GUEST-SHUTDOWN     before an in-guest reboot or poweroff (e.g. Ctrl-Alt-Del),
#           SWIFTVIRT-GUEST-ACT <action> when the kernel argument swiftvirt.after=N:ACTION
#                                        (poweroff, reboot, panic) makes it act by itself at tick N.
# A panic reaches QEMU through the pvpanic device (GUEST_PANICKED) when the domain has one.
#
# Boot it with, for example:
#   qemu-system-x86_64 -accel tcg -m 128 -nographic -no-reboot -kernel <kernel> -initrd <initrd> \
#       -append 'console=ttyS0 panic=-1 quiet' -device virtio-balloon \
#       -qmp unix:/tmp/qmp.sock,server=on,wait=off
# (-no-reboot also turns QMP system_reset into an exit; use -no-shutdown to keep QEMU
# alive across resets and guest power-offs.) Under TCG it prints SWIFTVIRT-GUEST-READY
# 2.5 to 3.5 s after QEMU starts (QEMU 7.2, measured on a busy 2-core host).
#
# The result is keyed by the two package versions and a hash of this script and its
# guest files, so a change to any of them builds a new guest; otherwise the run is a
# cache hit that downloads nothing. Needs: apt-get with current package lists (run
# `apt-get update` as root once), dpkg-deb, gzip, sha256sum, flock. busybox from the
# downloaded package does the rest (depmod, cpio), so nothing is installed on the host.
set -eu

kernel_meta=linux-image-cloud-amd64
busybox_package="busybox-static"
here=$(cd "$(dirname "$0")" && pwd)
guest_files="$here/guest"
cache=${SWIFTVIRT_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/swiftvirt/guest}

die() {
    echo "build-guest.sh: $*" >&2
    exit 1
}

for tool in apt-get apt-cache dpkg-deb gzip sha256sum flock; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing (this script needs Debian's apt and coreutils)"
done

# One apt-cache call (apt here may keep no binary cache, so each call costs ~0.5 s):
# the metapackage's candidate pins the kernel package, e.g.
# "Depends: linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)".
package_records() {
    apt-cache show --no-all-versions "$kernel_meta" "$busybox_package" 2>/dev/null
}
records=$(package_records) || records=
if [ -z "$records" ] && [ "$(id -u)" = 0 ]; then
    apt-get update -qq || die "apt-get update failed"
    records=$(package_records) || records=
fi
[ -n "$records" ] || die "apt does not know $kernel_meta or $busybox_package; run 'sudo apt-get update' first"
field() { # $1 = package, $2 = field
    echo "$records" | awk -v p="$1" -v f="$2:" '$1 == "Package:" { cur = $2 } cur == p && $1 == f { sub(/^[^ ]* /, ""); print; exit }'
}
kernel_depends=$(field "$kernel_meta" Depends)
kernel_package=$(echo "$kernel_depends" | sed -n 's/^\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\1/p')
kernel_version=$(echo "$kernel_depends" | sed -n 's/^\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\2/p')
busybox_version=$(field "$busybox_package" Version)
if [ -z "$kernel_package" ] || [ -z "$kernel_version" ]; then
    die "cannot read the kernel package from $kernel_meta's Depends: '$kernel_depends'"
fi
[ -n "$busybox_version" ] || die "no installable version of $busybox_package"

recipe_hash=$(cd "$here" && find build-guest.sh guest -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
key="${kernel_package#linux-image-}_${kernel_version}_busybox-${busybox_version#*:}_${recipe_hash}"
out="$cache/$key"

print_result() {
    echo "kernel=$out/vmlinuz"
    echo "initrd=$out/initrd.img"
}

if [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ]; then
    print_result
    exit 0
fi

mkdir -p "$cache"
# One build at a time per cache (parallel test runs share it); the loser finds the result.
exec 9>"$cache/.lock"
flock 9
if [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ]; then
    print_result
    exit 0
fi

work=$(mktemp -d "$cache/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# apt's download sandbox user cannot write into a private temporary directory as root.
sandbox=
[ "$(id -u)" = 0 ] && sandbox="-o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get download -qq $sandbox "$kernel_package=$kernel_version" "$busybox_package=$busybox_version" \
    || die "apt-get download of $kernel_package and $busybox_package failed"
mkdir kernel busybox root
dpkg-deb -x "$kernel_package"_*.deb kernel
dpkg-deb -x "$busybox_package"_*.deb busybox
busybox="$work/busybox/bin/busybox"
[ -x "$busybox" ] || die "$busybox_package has no bin/busybox"

set -- kernel/boot/vmlinuz-*
[ -f "$1" ] || die "$kernel_package has no /boot/vmlinuz-*"
release=${1#kernel/boot/vmlinuz-}
moddir="kernel/lib/modules/$release"
# Debian generates modules.dep at install time; busybox depmod builds it here.
"$busybox" depmod -b "$work/kernel" "$release" || die "depmod failed"

# Load order: each module after everything it depends on (modules.dep lists the
# full closure), each once.
load_order=
add_module() { # $1 = path relative to the module directory
    case " $load_order " in *" $1 "*) return ;; esac
    deps=$(sed -n "s|^$1: *||p" "$moddir/modules.dep")
    for dep in $deps; do
        add_module "$dep"
    done
    load_order="$load_order $1"
}
grep -v '^#' "$guest_files/modules" | while read -r name; do
    [ -n "$name" ] || continue
    path=$(sed -n "s|^\(.*/$name\.ko[.a-z]*\):.*|\1|p" "$moddir/modules.dep")
    [ -n "$path" ] || die "module $name is not in $kernel_package (built in, or renamed?)"
    echo "$path"
done >module-paths
while read -r path; do
    add_module "$path"
done <module-paths

# The initramfs tree: busybox and its applet links, the guest files, the modules.
mkdir -p root/bin root/sbin root/usr/bin root/usr/sbin root/etc/swiftvirt root/etc/acpi \
    root/proc root/sys root/dev root/run root/tmp root/lib/modules
cp "$busybox" root/bin/busybox
"$busybox" --list-full | while read -r applet; do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "root/$applet"
done
cp "$guest_files/init" root/init
cp "$guest_files/inittab" root/etc/inittab
cp "$guest_files/ticker" "$guest_files/shutdown" root/etc/swiftvirt/
cp -R "$guest_files/acpi/." root/etc/acpi/
for path in $load_order; do
    case "$path" in
        *.ko) ;;
        *) die "$path is compressed; busybox insmod needs plain .ko files" ;;
    esac
    mkdir -p "root/lib/modules/$(dirname "$path")"
    cp "$moddir/$path" "root/lib/modules/$path"
    echo "$path" >>root/etc/swiftvirt/modules
done
chmod 0755 root/init root/etc/swiftvirt/ticker root/etc/swiftvirt/shutdown root/etc/acpi/PWRF/00000080

mkdir "$work/result"
(cd root && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -9 >"$work/result/initrd.img"
cp "$1" "$work/result/vmlinuz"
rm -rf "$out"
mv "$work/result" "$out"
print_result
