#!/usr/bin/python3
"""A load check, not a golden: CLIENTS connections (one thread each) through Debian's python3-libvirt each
make CALLS lookups and info calls, alternating, and check every answer against what test:///default holds.
Prints "N passed, M failed" (calls) and exits 1 on any wrong answer or error.
Usage: concurrent.py URI CLIENTS CALLS"""
import sys
import threading

import libvirt

uri, clients, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
libvirt.registerErrorHandler(lambda *_: None, None)
counts = {"passed": 0, "failed": 0}
lock = threading.Lock()
problems = []


def client(index):
    passed = failed = 0
    try:
        conn = libvirt.open(uri)
    except libvirt.libvirtError as e:
        with lock:
            counts["failed"] += calls
            problems.append(f"client {index}: open: {e}")
        return
    for n in range(calls):
        try:
            if n % 2 == 0:
                dom = conn.lookupByName("test")
                ok = dom.UUIDString() == "6695eb01-f6a4-8304-79aa-97f2502e193f" and dom.ID() == 1
            else:
                info = dom.info()
                ok = info[1] == 8388608 and info[3] == 2
            if ok:
                passed += 1
            else:
                failed += 1
                if len(problems) < 5:
                    problems.append(f"client {index} call {n}: unexpected answer")
        except libvirt.libvirtError as e:
            failed += 1
            if len(problems) < 5:
                problems.append(f"client {index} call {n}: {e}")
    conn.close()
    with lock:
        counts["passed"] += passed
        counts["failed"] += failed


threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for p in problems:
    print(p)
print(f"{counts['passed']} passed, {counts['failed']} failed")
sys.exit(0 if counts["failed"] == 0 and counts["passed"] == clients * calls else 1)
