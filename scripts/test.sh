#!/usr/bin/env bash
# The test command: every test stage SwiftVirt has, in order. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

echo "== stage 1: unit, golden, differential and integration tests (swift test)"
swift build --build-tests
swift test --skip-build --skip VirtDaemonTests

# The daemon's tests run Debian's virsh and python3-libvirt against virtd by the thousand; alone, so their
# load never starves the timing-sensitive tests of stage 1 (QMP negotiation, guest boots) on 2 cores.
echo "== stage 1b: virtd against libvirtd's goldens, real clients and load (swift test --filter VirtDaemonTests)"
swift test --skip-build --filter VirtDaemonTests

echo "== stage 2: nested Xen 4.17 (scripts/test-xen.sh)"
scripts/test-xen.sh
