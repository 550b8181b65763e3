"""Connections through the daemon: open, URI, liveness, security, close; state shared while connections are
open and reset once the last one closed.

Usage: /usr/bin/python3 preamble.py URI   (URI = test+unix:///default?socket=<dir>/libvirt-sock)
The URI is printed with its socket directory replaced by "<sockdir>".
Run by scripts/daemon-goldens.py; its golden is preamble.out beside this file.
"""
import os
import sys
import time

import libvirt

GUEST = """<domain type='test'>
  <name>guest</name>
  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <memory unit='KiB'>524288</memory>
  <vcpu>2</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>
"""

libvirt.registerErrorHandler(lambda context, error: None, None)


def main():
    uri = sys.argv[1]
    sockdir = os.path.dirname(uri.split("socket=", 1)[1])

    def masked(text):
        return text.replace(sockdir, "<sockdir>")

    def show(label, call):
        try:
            result = call()
        except libvirt.libvirtError as e:
            print(f"{label}: error {e.get_error_code()} {e.get_error_domain()} {masked(e.get_error_message())}")
            return None
        print(f"{label}: {masked(repr(result))}")
        return result

    def names(conn):
        return sorted((d.name(), d.ID()) for d in conn.listAllDomains(0))

    print("== first connection")
    first = libvirt.open(uri)
    show("getURI", first.getURI)
    show("isAlive", first.isAlive)
    show("isSecure", first.isSecure)
    show("isEncrypted", first.isEncrypted)
    show("getType", first.getType)
    show("domains", lambda: names(first))
    show("defineXML(guest)", lambda: first.defineXML(GUEST).name())
    show("destroy test", lambda: first.lookupByName("test").destroy())
    show("domains", lambda: names(first))

    print("== second connection, while the first is open: same state")
    second = libvirt.open(uri)
    show("getURI", second.getURI)
    show("domains", lambda: names(second))
    show("start guest", lambda: second.lookupByName("guest").create())
    show("domains seen by the first", lambda: names(first))

    print("== closing the first, the second still sees the state")
    show("close first", first.close)
    show("domains", lambda: names(second))
    show("close second", second.close)

    print("== a third connection after both closed: the default state again")
    # libvirtd drops its driver connection just after answering CONNECT_CLOSE; give it a moment
    time.sleep(0.5)
    third = libvirt.open(uri)
    show("domains", lambda: names(third))
    show("lookupByName('guest')", lambda: third.lookupByName("guest"))
    show("isAlive", third.isAlive)
    show("close third", third.close)

    print("== a failing open")
    bad = uri.replace("libvirt-sock", "no-such-sock")
    show("open(no such socket)", lambda: libvirt.open(bad))
    show("open('test+unix:///nosuch?socket=...')",
         lambda: libvirt.open(uri.replace("test+unix:///default", "test+unix:///nosuch")))
    show("open('foo+unix:///bar?socket=...')",
         lambda: libvirt.open(uri.replace("test+unix:///default", "foo+unix:///bar")))


if __name__ == "__main__":
    main()
