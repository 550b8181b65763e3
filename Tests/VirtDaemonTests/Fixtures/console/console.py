#!/usr/bin/python3
"""A guest's serial console through a daemon, as a python3-libvirt client sees it (streams).

Usage: console.py URI GUEST_XML   (URI reaches the daemon's qemu driver read-write; the read-only URI is the
same with libvirt-sock-ro; GUEST_XML is guest.xml.in beside it filled in: a guest "cons" with a pty console).
Prints only what does not vary run to run. Recorded against libvirtd 9.0 by scripts/qemu-console-goldens.sh
(console.out); VirtDaemonTests run it against virtd and compare.
"""
import sys
import time

import libvirt

uri, xml_path = sys.argv[1:3]
libvirt.registerErrorHandler(lambda ctx, err: None, None)

XML = open(xml_path).read()


def error(e):
    return f"error {e.get_error_code()} {e.get_error_domain()} {e.get_error_message()}"


def attempt(label, action):
    try:
        result = action()
        print(f"{label}: ok" + ("" if result is None else f" {result}"))
    except libvirt.libvirtError as e:
        print(f"{label}: {error(e)}")


from ticks import shows


def read_until(stream, marker=None, seconds=60):
    """What the stream gives until `marker` appears (with None, until its end): 'found', 'end of data', or an
    error."""
    text = b""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            data = stream.recv(4096)
        except libvirt.libvirtError as e:
            return error(e)
        if data == -2:
            time.sleep(0.05)
            continue
        if not data:
            return "end of data"
        text += data
        if marker is not None and shows(text, marker):
            return "found"
    return "timed out"


conn = libvirt.open(uri)
dom = conn.createXML(XML, libvirt.VIR_DOMAIN_START_PAUSED)

first = conn.newStream(0)
attempt("open the console while paused", lambda: dom.openConsole(None, first, 0))
dom.resume()
print("the guest's boot reaches the stream:", read_until(first, b"SWIFTVIRT-GUEST-READY"))
first.send(b"typed-on-the-console\r")
print("what is typed comes back (the guest's tty echoes):", read_until(first, b"typed-on-the-console", 10))

second = conn.newStream(0)
attempt("a second session", lambda: dom.openConsole(None, second, 0))
attempt("a device that does not exist", lambda: dom.openConsole("serial1", conn.newStream(0), 0))
attempt("unknown flags", lambda: dom.openConsole(None, conn.newStream(0), 0x100))

forced = conn.newStream(0)
attempt("a forced session", lambda: dom.openConsole("serial0", forced, libvirt.VIR_DOMAIN_CONSOLE_FORCE))
print("the session taken over reads:", read_until(first, None, 30))
attempt("it finishes", first.finish)
print("the forced session reads the guest:", read_until(forced, b"SWIFTVIRT-TICK", 30))

other = libvirt.open(uri)
other.lookupByName("cons").destroy()
other.close()
print("after destroy the session reads:", read_until(forced, None, 30))
attempt("it finishes", forced.finish)

aborted = conn.newStream(0)
dom = conn.createXML(XML, 0)
attempt("a console of the new guest", lambda: dom.openConsole(None, aborted, 0))
print("it reads the guest:", read_until(aborted, b"SWIFTVIRT-GUEST-READY"))
attempt("it aborts", aborted.abort)
again = conn.newStream(0)
attempt("the console is free again", lambda: dom.openConsole(None, again, 0))
attempt("that session aborts", again.abort)

readonly = libvirt.openReadOnly(uri.replace("libvirt-sock", "libvirt-sock-ro"))
attempt("read-only", lambda: readonly.lookupByName("cons").openConsole(None, readonly.newStream(0), 0))
readonly.close()
dom.destroy()

persistent = conn.defineXML(XML)
attempt("a domain that is not running", lambda: persistent.openConsole(None, conn.newStream(0), 0))
persistent.undefine()
conn.close()
