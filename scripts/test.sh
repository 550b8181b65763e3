#!/usr/bin/env bash
# The test command: every test stage SwiftVirt has, in order. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

echo "== stage 1: unit, golden, differential and integration tests (swift test)"
swift test

echo "== stage 2: nested Xen 4.17 (scripts/test-xen.sh)"
scripts/test-xen.sh
