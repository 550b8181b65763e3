#!/usr/bin/python3
"""`virsh console` on a terminal, as a user runs it: prints what does not vary run to run.

Usage: virsh-session.py VIRSH URI DOMAIN ENDING   (ENDING: escape = the user types Ctrl-]; destroy = another
virsh (Debian's) destroys the domain meanwhile). The domain must be running with a pty console. Recorded
with Debian's virsh against libvirtd 9.0 by scripts/qemu-console-goldens.sh (virsh-session.out); the tests
run it with Debian's and SwiftVirt's virsh against virtd, and with SwiftVirt's against libvirtd.
"""
import os
import pty
import select
import subprocess
import sys
import time

virsh, uri, domain, ending = sys.argv[1:5]
pid, terminal = pty.fork()
if pid == 0:
    os.environ["PATH"] = "/usr/bin:/bin"
    os.execv(virsh, ["virsh", "-c", uri, "console", domain])

from ticks import shows

output = b""


def wait_for(text, seconds):
    global output
    deadline = time.time() + seconds
    def seen():
        return shows(output, text)

    while not seen() and time.time() < deadline:
        ready, _, _ = select.select([terminal], [], [], 0.1)
        if ready:
            try:
                data = os.read(terminal, 4096)
            except OSError:
                return False
            if not data:
                return False
            output += data
    return seen()


def yes(flag):
    return "yes" if flag else "no"


print("the banner:", yes(wait_for(f"Connected to domain '{domain}'\r\nEscape character is ^] (Ctrl + ])\r\n".encode(), 10)))
print("the guest's output reaches the terminal:", yes(wait_for(b"SWIFTVIRT-TICK", 60)))
os.write(terminal, f"typed-{ending}\r".encode())
came_back = wait_for(f"typed-{ending}\r\n".encode(), 10)
print("typed keys reach the guest and come back:", yes(came_back))
if not came_back:
    print(f"what the terminal showed: {output[-800:]!r}", file=sys.stderr)
if ending == "escape":
    os.write(terminal, b"\x1d")
else:
    subprocess.run(["/usr/bin/virsh", "-c", uri, "destroy", domain], stdout=subprocess.DEVNULL, check=True)
wait_for(b"\x00never", 2)
deadline = time.time() + 10
status = None
while status is None and time.time() < deadline:
    done, raw = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(raw)
    else:
        time.sleep(0.1)
if status is None:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
print(f"virsh ends on {ending}:", "still running after 10 s" if status is None else f"exit {status}")
