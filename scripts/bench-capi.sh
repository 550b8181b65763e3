#!/usr/bin/env bash
# Benchmark (not a test): what a C call costs through SwiftVirt's libvirt.so compared with Debian's
# libvirt 9.0, on test:///default, both in-process. Builds the release library, compiles
# Benchmarks/c/capi-bench.c against both with the same flags, and prints a table.
# Usage: scripts/bench-capi.sh [CALLS]   (default 200000 per run, best of 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ours="$(scripts/build-capi.sh release)"
cc -O2 -Wall -Wextra -Werror Benchmarks/c/capi-bench.c -o "$work/bench-swiftvirt" \
    $(PKG_CONFIG_PATH="$ours" pkg-config --cflags --libs libvirt)
cc -O2 -Wall -Wextra -Werror Benchmarks/c/capi-bench.c -o "$work/bench-libvirt" \
    $(env -u PKG_CONFIG_PATH pkg-config --cflags --libs libvirt)

(cd "$work" && env -u LIBVIRT_DEFAULT_URI ./bench-swiftvirt "$calls") > "$work/swiftvirt.txt"
(cd "$work" && env -u LIBVIRT_DEFAULT_URI ./bench-libvirt "$calls") > "$work/libvirt.txt"

printf '%-40s %14s %14s %8s\n' "call (test:///default)" "SwiftVirt ns" "libvirt ns" "ratio"
join <(sort "$work/swiftvirt.txt") <(sort "$work/libvirt.txt") | sort -k1,1 |
    awk '{ printf "%-40s %14d %14d %7.2fx\n", $1, $2, $3, ($3 > 0 ? $2 / $3 : 0) }'
echo "(ratio = SwiftVirt / libvirt: below 1 means SwiftVirt is faster; $calls calls per run, best of 5)"
