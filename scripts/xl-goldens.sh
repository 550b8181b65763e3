#!/usr/bin/env bash
# Records what Debian's libvirt 9.0 answers for every case of the xl.cfg conversion corpus, by running the
# real thing: libvirtd with its libxl driver, in the Xen lab's dom0 (scripts/xen-lab), with
# `virsh domxml-to-native xen-xl` and `virsh domxml-from-native xen-xl`.
#
# Writes Tests/VirtXenConfigTests/Fixtures/libvirt/<dir>/<case>.{cfg,xml,err}: the converted text, or
# virsh's error lines when libvirt refused. For the XML of xml2cfg/ and defaults/ it also records how the libxl
# driver defines it (`virsh define` then `dumpxml --inactive`: <case>.defined.xml), which pins
# DefinitionDefaults.xen. Tests/VirtXenConfigTests/LibvirtParityTests.swift compares SwiftVirt's answers
# with these.
#
# Needs (as root): the lab images (scripts/xen-lab/build.sh), and on this host libvirt-daemon (libvirtd),
# libvirt-clients (virsh) and libvirt-daemon-driver-xen, which are copied into dom0 with the libraries they
# use (dom0 is Debian 12 too). Usage: scripts/xl-goldens.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIXTURES="$ROOT/Tests/VirtXenConfigTests/Fixtures"
DRIVER=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_libxl.so
for need in /usr/sbin/libvirtd /usr/bin/virsh "$DRIVER"; do
    [ -e "$need" ] || { echo "xl-goldens: $need is missing (apt-get install libvirt-daemon libvirt-clients libvirt-daemon-driver-xen)" >&2; exit 2; }
done

SHARE=$(mktemp -d /tmp/xl-goldens.XXXXXX)
trap 'rm -rf "$SHARE"' EXIT
mkdir -p "$SHARE/libvirt/lib" "$SHARE/libvirt/share" "$SHARE/cases" "$SHARE/out"

# libvirt's programs and the libraries they load, except glibc's and Xen's own (dom0 has those).
cp /usr/sbin/libvirtd /usr/bin/virsh "$DRIVER" "$SHARE/libvirt/"
for program in /usr/sbin/libvirtd /usr/bin/virsh "$DRIVER"; do ldd "$program"; done |
    awk '$3 ~ /^\// { print $3 }' | sort -u |
    grep -v -E '/(libc|libm|libpthread|libdl|librt|libresolv|ld-linux-x86-64)\.so|/libxen' |
    xargs cp -L -t "$SHARE/libvirt/lib"
cp -r /usr/share/libvirt/cpu_map /usr/share/libvirt/schemas "$SHARE/libvirt/share/"
# Under QEMU's TCG libvirt finds no CPU model matching the feature words Xen reports, and the libxl driver
# then refuses to start. A model with no features always matches; the conversions never look at it.
cat >"$SHARE/libvirt/share/cpu_map/x86_xenlab.xml" <<'EOF'
<cpus>
  <model name='xenlab'>
    <decode host='on' guest='off'/>
  </model>
</cpus>
EOF
sed -i "s|    <include filename='x86_486.xml'/>|    <include filename='x86_xenlab.xml'/>\n&|" \
    "$SHARE/libvirt/share/cpu_map/index.xml"

# Every case, named <dir>__<case>.<ext> so that one flat directory holds them.
for dir in xml2cfg cfg2xml syntax unsupported defaults; do
    for file in "$FIXTURES/$dir"/*.xml "$FIXTURES/$dir"/*.cfg; do
        [ -e "$file" ] || continue
        base=$(basename "$file")
        case "$dir/$base" in
        xml2cfg/*.cfg | cfg2xml/*.xml) continue ;;  # SwiftVirt's own goldens, not inputs
        esac
        cp "$file" "$SHARE/cases/${dir}__${base}"
    done
done

cat >"$SHARE/test.sh" <<'EOF'
#!/bin/bash
# In dom0: put libvirt in place, start libvirtd, convert every case with virsh.
S="$XENLAB_SHARE/libvirt"
mkdir -p /usr/lib/x86_64-linux-gnu/libvirt/connection-driver /usr/share/libvirt /etc/libvirt /var/lib/libvirt \
    /run/libvirt /var/log/libvirt /var/cache/libvirt /scratch/libvirt-lib
cp "$S/libvirt_driver_libxl.so" /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/
cp -r "$S/share/"* /usr/share/libvirt/
cp "$S/lib/"* /scratch/libvirt-lib/
cp "$S/libvirtd" "$S/virsh" /scratch/
export LD_LIBRARY_PATH=/scratch/libvirt-lib
/scratch/libvirtd --daemon >"$XENLAB_LOGS/libvirtd.out" 2>&1
for _ in $(seq 1 120); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.5; done
OUT="$XENLAB_SHARE/out"
/scratch/virsh -c xen:///system version >"$OUT/version.txt" 2>&1 || exit 1
for file in "$XENLAB_SHARE"/cases/*; do
    base=$(basename "$file")
    case "$base" in
    *.xml) command=domxml-to-native ;;
    *.cfg) command=domxml-from-native ;;
    esac
    case "$base" in
    xml2cfg__* | defaults__*)
        name=$(sed -n 's|^  <name>\(.*\)</name>$|\1|p' "$file")
        if /scratch/virsh -c xen:///system define "$file" >/dev/null 2>"$OUT/$base.define-err"; then
            /scratch/virsh -c xen:///system dumpxml --inactive "$name" >"$OUT/$base.defined"
            /scratch/virsh -c xen:///system undefine "$name" >/dev/null
        fi
        ;;
    esac
    [ "${base%%__*}" = defaults ] && continue
    rc=0
    /scratch/virsh -c xen:///system "$command" xen-xl "$file" >"$OUT/$base.stdout" 2>"$OUT/$base.stderr" || rc=$?
    echo "$rc" >"$OUT/$base.rc"
done
cp /var/log/libvirt/libvirtd.log "$XENLAB_LOGS/" 2>/dev/null || true
EOF

XENLAB_QEMU_CPU="${XENLAB_QEMU_CPU:-EPYC,-monitor}" "$ROOT/scripts/xen-lab/run.sh" "$SHARE" 600
grep -q "Running hypervisor: Xen" "$SHARE/out/version.txt" || { cat "$SHARE/out/version.txt" >&2; exit 1; }

# virsh ends its output with one newline of its own; libvirt's error lines are kept as printed.
for rc_file in "$SHARE"/out/*.rc; do
    base=$(basename "$rc_file" .rc)
    dir=${base%%__*}
    file=${base#*__}
    name=${file%.*}
    mkdir -p "$FIXTURES/libvirt/$dir"
    rm -f "$FIXTURES/libvirt/$dir/$name".{cfg,xml,err,defined.xml}
    if [ "$(cat "$rc_file")" = 0 ]; then
        case "$file" in *.xml) ext=cfg ;; *.cfg) ext=xml ;; esac
        head -c -1 "$SHARE/out/$base.stdout" >"$FIXTURES/libvirt/$dir/$name.$ext"
    else
        cp "$SHARE/out/$base.stderr" "$FIXTURES/libvirt/$dir/$name.err"
    fi
done
for defined in "$SHARE"/out/*.defined; do
    base=$(basename "$defined" .defined)
    dir=${base%%__*}
    file=${base#*__}
    mkdir -p "$FIXTURES/libvirt/$dir"
    head -c -1 "$defined" >"$FIXTURES/libvirt/$dir/${file%.xml}.defined.xml"
done
for failed in "$SHARE"/out/*.define-err; do
    [ -s "$failed" ] && { echo "xl-goldens: libvirt could not define $(basename "$failed" .define-err):" >&2; cat "$failed" >&2; }
done
echo "xl-goldens: recorded $(ls "$SHARE"/out/*.rc | wc -l) cases in $FIXTURES/libvirt"
