"""Read-only connections through the daemon, on test:///default.

Usage: /usr/bin/python3 readonly.py RW-URI RO-URI
    RW-URI = test+unix:///default?socket=<dir>/libvirt-sock, RO-URI = the same with libvirt-sock-ro
Part 1 opens RO-URI with libvirt.open() (flags 0: the socket alone makes it read-only), part 2 opens RW-URI
with openReadOnly() (CONNECT_OPEN flag 1). Each part runs the reads that are allowed and tries every
mutating seed call, printing (code, domain, message) of each refusal; a last check on a read-write
connection shows that nothing changed. An event loop runs, so event registration reaches the daemon
(allowed read-only; the callback left registered makes close() return 1).
Run by scripts/daemon-goldens.py; its golden is readonly.out beside this file.
"""
import os
import shutil
import sys
import tempfile
import threading

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
MASKS = []


def show(label, call):
    try:
        result = call()
    except libvirt.libvirtError as e:
        message = e.get_error_message()
        for value, replacement in MASKS:
            message = message.replace(value, replacement)
        print(f"  {label}: error {e.get_error_code()} {e.get_error_domain()} {message}")
        return None
    if isinstance(result, libvirt.virDomain):
        result = f"domain name={result.name()} id={result.ID()}"
    elif isinstance(result, tuple) and len(result) == 5 and isinstance(result[0], int):
        result = list(result[:4]) + ["cpuTime"]
    print(f"  {label}: {result!r}")
    return result


def exercise(conn, directory):
    show("getType", conn.getType)
    show("getInfo", conn.getInfo)
    show("isSecure", conn.isSecure)
    show("listAllDomains", lambda: sorted(d.name() for d in conn.listAllDomains(0)))
    show("numOfDomains", conn.numOfDomains)
    test = show("lookupByName('test')", lambda: conn.lookupByName("test"))
    test = conn.lookupByName("test")
    show("state", test.state)
    show("info", lambda: (lambda i: i[:4])(test.info()))
    show("XMLDesc(0) length", lambda: len(test.XMLDesc(0)))
    show("XMLDesc(SECURE)", lambda: len(test.XMLDesc(libvirt.VIR_DOMAIN_XML_SECURE)))
    show("vcpusFlags(0)", lambda: test.vcpusFlags(0))
    show("autostart", test.autostart)
    show("domainEventRegisterAny(LIFECYCLE) allowed",
         lambda: conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                             lambda *a: None, None) >= 0)
    print(" mutating calls:")
    show("defineXML", lambda: conn.defineXML(GUEST))
    show("createXML", lambda: conn.createXML(GUEST, 0))
    show("restore", lambda: conn.restore(os.path.join(directory, "none.sav")))
    show("suspend", test.suspend)
    show("resume", test.resume)
    show("shutdown", test.shutdown)
    show("shutdownFlags(0)", lambda: test.shutdownFlags(0))
    show("reboot", lambda: test.reboot(0))
    show("destroy", test.destroy)
    show("destroyFlags(0)", lambda: test.destroyFlags(0))
    show("create", test.create)
    show("createWithFlags(0)", lambda: test.createWithFlags(0))
    show("undefine", test.undefine)
    show("undefineFlags(0)", lambda: test.undefineFlags(0))
    show("save", lambda: test.save(os.path.join(directory, "test.sav")))
    show("setMaxMemory", lambda: test.setMaxMemory(4194304))
    show("setMemory", lambda: test.setMemory(1048576))
    show("setMemoryFlags(LIVE)", lambda: test.setMemoryFlags(1048576, libvirt.VIR_DOMAIN_AFFECT_LIVE))
    show("setVcpus", lambda: test.setVcpus(1))
    show("setVcpusFlags(LIVE)", lambda: test.setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_LIVE))
    show("pinVcpu", lambda: test.pinVcpu(0, (True,)))
    show("setAutostart", lambda: test.setAutostart(1))
    show("state after all that", test.state)


def main():
    rw_uri, ro_uri = sys.argv[1], sys.argv[2]
    # an event loop, so that event registration reaches the daemon (it is allowed on read-only connections)
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)], daemon=True).start()
    directory = tempfile.mkdtemp(prefix="readonly-")
    MASKS.append((directory, "<tmp>"))
    try:
        print("== open(RO-URI): the read-only socket")
        conn = libvirt.open(ro_uri)
        exercise(conn, directory)
        print("  close:", conn.close())
        print("== openReadOnly(RW-URI)")
        conn = libvirt.openReadOnly(rw_uri)
        exercise(conn, directory)
        print("  close:", conn.close())
        print("== openReadOnly(RO-URI)")
        conn = libvirt.openReadOnly(ro_uri)
        show("destroy", conn.lookupByName("test").destroy)
        print("  close:", conn.close())
        print("== a read-write connection beside a read-only one")
        ro = libvirt.open(ro_uri)
        rw = libvirt.open(rw_uri)
        show("rw defineXML", lambda: rw.defineXML(GUEST))
        show("ro sees it", lambda: ro.lookupByName("guest"))
        show("ro undefine", lambda: ro.lookupByName("guest").undefine())
        show("rw undefine", lambda: rw.lookupByName("guest").undefine())
        show("ro listAllDomains", lambda: sorted(d.name() for d in ro.listAllDomains(0)))
        show("saved file exists", lambda: os.path.exists(os.path.join(directory, "test.sav")))
        print("  close rw:", rw.close())
        print("  close ro:", ro.close())
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
