#!/usr/bin/env bash
# The long fuzz run of what reads files and documents from users: domain XML (VirtXML, with each driver's
# defaults, and what it accepts formatted back and read again) and the save-image readers (qemu:/// and
# xen:/// headers, the test driver's libvirt-layout files with XML inside). Structure-aware mutations;
# debug build (assertions on). Fails on any error other than the reader's own, on an input that takes over
# a second, or on more than 512 MiB of memory. The test suite runs a short version on every build.
# Measured (2026-12-07): 10,000,000 XML inputs in 616 s, slowest input 0.05 s; 1,000,000 qemu:/// and xen:///
# save images in 20 s and 1,000,000 test driver images in 39 s; peak resident memory 169 MiB; nothing failed.
# Usage: scripts/fuzz-inputs.sh [XML_INPUTS [SAVE_INPUTS [SEED]]]   (default 10,000,000 and 1,000,000 each)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
SWIFTVIRT_FUZZ_XML="${1:-10000000}" SWIFTVIRT_FUZZ_SAVE="${2:-1000000}" SWIFTVIRT_FUZZ_SEED="${3:-61474}" \
    swift test --filter 'InputFuzzTests|SaveImageFuzzTests' 2>&1 |
    grep -E "fuzz-|✘|passed after|failed after|error:"
