#!/usr/bin/python3
"""A robustness check, not a golden: hostile clients against a daemon while a well-behaved one works.
  - garbage: packets whose length word is too small, or too large (over libvirt's 32 MiB limit), and
    random bytes: each such connection must be closed by the daemon within 2 s;
  - flooders: connections that send thousands of calls and PINGs and never read a reply;
  - meanwhile a python3-libvirt client makes CALLS lookup + info calls; it must get every answer right, and
    take at most SLOWDOWN times as long as the same calls took before the flood.
Prints "N passed, M failed" (checks) and the timings; exits 1 on any failure.
Usage: hostile.py SOCKET URI CALLS SLOWDOWN PIDOFDAEMON"""
import os
import random
import socket
import struct
import sys
import threading
import time

import libvirt

sock_path, uri, calls, slowdown, daemon_pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
libvirt.registerErrorHandler(lambda *_: None, None)
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}".rstrip())


def closed_by_daemon(payload):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.settimeout(2)
    try:
        s.sendall(payload)
        while True:
            data = s.recv(65536)
            if not data:
                return True
    except (socket.timeout, TimeoutError):
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True
    finally:
        s.close()


def header(proc, serial, prog=0x20008086, kind=0):
    return struct.pack(">IIiiIi", prog, 1, proc, kind, serial, 0)


def good_client():
    conn = libvirt.open(uri)
    start = time.monotonic()
    wrong = 0
    for n in range(calls // 2):
        dom = conn.lookupByName("test")
        info = dom.info()
        if dom.UUIDString() != "6695eb01-f6a4-8304-79aa-97f2502e193f" or info[1] != 8388608:
            wrong += 1
    elapsed = time.monotonic() - start
    conn.close()
    return elapsed, wrong


def rss():
    with open(f"/proc/{daemon_pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


stop = threading.Event()


def flooder(seed):
    rng = random.Random(seed)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.setblocking(False)
    serial = 0
    while not stop.is_set():
        batch = b""
        for _ in range(200):
            if rng.random() < 0.3:
                batch += struct.pack(">I", 28) + header(1, 0, prog=0x6B656570, kind=2)
            else:
                body = struct.pack(">I", 4) + b"test"
                batch += struct.pack(">I", 28 + len(body)) + header(23, serial) + body
            serial += 1
        try:
            s.send(batch)
        except (BlockingIOError, InterruptedError):
            time.sleep(0.01)
        except OSError:
            break
    s.close()


baseline, wrong = good_client()
check("baseline answers", wrong == 0, f"{wrong} wrong")

check("length word below 4 closes the connection", closed_by_daemon(struct.pack(">I", 2)))
check("length word 4..27 closes the connection", closed_by_daemon(struct.pack(">I", 20) + b"\0" * 16))
check("length over 32 MiB closes the connection", closed_by_daemon(struct.pack(">I", 33554437 + 4) + b"\0" * 64))
rng = random.Random(7)
check("random bytes close the connection", closed_by_daemon(bytes(rng.randrange(256) for _ in range(4096)) + struct.pack(">I", 0xFFFFFFFF)))

rss_before = rss()
threads = [threading.Thread(target=flooder, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
time.sleep(1)
flooded, wrong = good_client()
rss_during = rss()
stop.set()
for t in threads:
    t.join()
check("answers during the flood", wrong == 0, f"{wrong} wrong")
check("no slower than allowed during the flood", flooded <= baseline * slowdown,
      f"{flooded:.2f}s against {baseline:.2f}s alone (at most x{slowdown})")
check("daemon memory bounded during the flood", rss_during < rss_before + 200 * 1024,
      f"{rss_before} KiB -> {rss_during} KiB")
after, wrong = good_client()
check("answers after the flood", wrong == 0)

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)
