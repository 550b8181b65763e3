"""Every seed-API call python3-libvirt offers, through the daemon, on test:///default.

Usage: /usr/bin/python3 seed.py URI   (URI = test+unix:///default?socket=<dir>/libvirt-sock)
Prints a deterministic transcript: results, and (code, domain, message) for every expected failure.
Lists are printed sorted (libvirtd's order follows a hash table seeded per process).
Run by scripts/daemon-goldens.py; its golden is seed.out beside this file.
"""
import os
import shutil
import socket
import sys
import tempfile

import libvirt

GUEST = """<domain type='test'>
  <name>guest</name>
  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
  <memory unit='KiB'>524288</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
</domain>
"""

TRANSIENT = GUEST.replace("guest", "transient").replace("4dea22b3", "5dea22b3")
SAME_NAME_OTHER_UUID = GUEST.replace("4dea22b3", "6dea22b3")
TEST_OTHER_UUID = """<domain type='test'>
  <name>test</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <memory unit='KiB'>131072</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
"""

libvirt.registerErrorHandler(lambda context, error: None, None)

# (text, replacement): the save directory made by mkdtemp is printed as "<tmp>", also inside error messages.
MASKS = []


def masked(text):
    for value, replacement in MASKS:
        text = text.replace(value, replacement)
    return text


def show(label, call):
    """Runs call(); prints its result or its error (code, domain, message). Returns the result or None."""
    try:
        result = call()
    except libvirt.libvirtError as e:
        print(f"{label}: error {e.get_error_code()} {e.get_error_domain()} {masked(e.get_error_message())}")
        return None
    print(f"{label}: {masked(describe(result))}")
    return result


def describe(value):
    if isinstance(value, libvirt.virDomain):
        return f"domain name={value.name()} id={value.ID()} uuid={value.UUIDString()}"
    if isinstance(value, list) and value and isinstance(value[0], libvirt.virDomain):
        # sorted by name: libvirtd lists domains in the order of its hash table, which changes from run to run
        return "[" + ", ".join(describe(v) for v in sorted(value, key=lambda d: d.name())) + "]"
    return repr(value)


def info(dom):
    """dom.info() with the CPU time (wall-clock based in the test driver) shown only as positive or not."""
    state, max_mem, memory, vcpus, cpu_time = dom.info()
    return [state, max_mem, memory, vcpus, "cpuTime>0" if cpu_time > 0 else cpu_time]


def vcpus(dom):
    infos, maps = dom.vcpus()
    return [[n, st, "cpuTime>0" if t > 0 else t, cpu] for n, st, t, cpu in infos], maps


def facts(label, dom):
    print(f"-- {label}")
    show("  name/ID/UUIDString", lambda: (dom.name(), dom.ID(), dom.UUIDString()))
    show("  OSType", dom.OSType)
    show("  info", lambda: info(dom))
    show("  state", dom.state)
    show("  maxMemory", dom.maxMemory)
    show("  maxVcpus", dom.maxVcpus)
    show("  isActive", dom.isActive)
    show("  isPersistent", dom.isPersistent)
    show("  autostart", dom.autostart)
    show("  vcpus", lambda: vcpus(dom))
    show("  vcpusFlags(0)", lambda: dom.vcpusFlags(0))
    show("  vcpusFlags(CONFIG|MAXIMUM)", lambda: dom.vcpusFlags(libvirt.VIR_DOMAIN_VCPU_CONFIG
                                                              | libvirt.VIR_DOMAIN_VCPU_MAXIMUM))


def main():
    uri = sys.argv[1]
    conn = libvirt.open(uri)
    print("== connection and node")
    show("getType", conn.getType)
    show("getVersion", conn.getVersion)
    show("getLibVersion", conn.getLibVersion)
    show("libvirt.getVersion", libvirt.getVersion)
    show("getHostname is the machine's hostname", lambda: conn.getHostname() == socket.gethostname())
    show("getInfo", conn.getInfo)
    show("getMaxVcpus('test')", lambda: conn.getMaxVcpus("test"))
    show("getMaxVcpus(None)", lambda: conn.getMaxVcpus(None))
    print("getCapabilities:")
    sys.stdout.write(conn.getCapabilities())

    print("== listing")
    show("numOfDomains", conn.numOfDomains)
    show("listDomainsID (sorted)", lambda: sorted(conn.listDomainsID()))
    show("numOfDefinedDomains", conn.numOfDefinedDomains)
    show("listDefinedDomains (sorted)", lambda: sorted(conn.listDefinedDomains()))
    show("listAllDomains(0)", lambda: conn.listAllDomains(0))
    show("listAllDomains(ACTIVE)", lambda: conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE))
    show("listAllDomains(INACTIVE)", lambda: conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE))

    print("== lookups")
    test = show("lookupByName('test')", lambda: conn.lookupByName("test"))
    show("lookupByID(1)", lambda: conn.lookupByID(1))
    show("lookupByUUIDString", lambda: conn.lookupByUUIDString("6695eb01-f6a4-8304-79aa-97f2502e193f"))
    show("lookupByUUID", lambda: conn.lookupByUUID(bytes.fromhex("6695eb01f6a4830479aa97f2502e193f")))
    show("lookupByName('nosuch')", lambda: conn.lookupByName("nosuch"))
    show("lookupByID(99)", lambda: conn.lookupByID(99))
    show("lookupByUUIDString(unknown)", lambda: conn.lookupByUUIDString("11111111-2222-3333-4444-555555555555"))
    facts("test (running)", test)
    print("XMLDesc(0):")
    sys.stdout.write(test.XMLDesc(0))
    print("XMLDesc(INACTIVE):")
    sys.stdout.write(test.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))

    print("== memory and vCPUs of the running domain")
    show("setMemory(1048576)", lambda: test.setMemory(1048576))
    show("setMemoryFlags(524288, LIVE)", lambda: test.setMemoryFlags(524288, libvirt.VIR_DOMAIN_AFFECT_LIVE))
    show("setMemoryFlags(600000, CONFIG)", lambda: test.setMemoryFlags(600000, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    show("setMemory(99999999) above max", lambda: test.setMemory(99999999))
    show("setMaxMemory(4194304) running", lambda: test.setMaxMemory(4194304))
    show("setMemoryFlags(4194304, CONFIG|MAXIMUM)",
         lambda: test.setMemoryFlags(4194304, libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_MEM_MAXIMUM))
    show("info", lambda: info(test))
    show("maxMemory", test.maxMemory)
    show("setVcpus(1)", lambda: test.setVcpus(1))
    show("vcpusFlags(0)", lambda: test.vcpusFlags(0))
    show("setVcpusFlags(2, LIVE)", lambda: test.setVcpusFlags(2, libvirt.VIR_DOMAIN_AFFECT_LIVE))
    show("setVcpusFlags(1, CONFIG)", lambda: test.setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    show("setVcpus(64) too many", lambda: test.setVcpus(64))
    show("setVcpus(0)", lambda: test.setVcpus(0))
    show("setVcpusFlags(1, bad flag 0x100)", lambda: test.setVcpusFlags(1, 0x100))
    show("pinVcpu(1, (False, True))", lambda: test.pinVcpu(1, (False, True)))
    show("pinVcpu(0, (True, False, True))", lambda: test.pinVcpu(0, (True, False, True)))
    show("pinVcpu(7, (True,)) no such vcpu", lambda: test.pinVcpu(7, (True,)))
    show("vcpus", lambda: vcpus(test))

    print("== life cycle of test")
    show("suspend", test.suspend)
    show("state", test.state)
    show("suspend again", test.suspend)
    show("resume", test.resume)
    show("resume again", test.resume)
    show("state", test.state)
    show("reboot(0)", lambda: test.reboot(0))
    show("state", test.state)
    show("reboot(bad flag 0x100)", lambda: test.reboot(0x100))
    show("shutdown", test.shutdown)
    show("state", test.state)
    show("shutdownFlags(ACPI) on shut-off", lambda: test.shutdownFlags(libvirt.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN))
    show("suspend shut-off", test.suspend)
    show("resume shut-off", test.resume)
    show("destroy shut-off", test.destroy)
    show("reboot shut-off", lambda: test.reboot(0))
    show("shutdown shut-off", test.shutdown)
    show("setVcpus shut-off", lambda: test.setVcpus(1))
    show("vcpus shut-off", lambda: vcpus(test))
    facts("test (shut off)", test)
    show("create", test.create)
    show("ID after create", test.ID)
    show("create again", test.create)
    show("state", test.state)
    show("destroy", test.destroy)
    show("ID after destroy", test.ID)
    show("createWithFlags(0)", lambda: test.createWithFlags(0))
    show("ID", test.ID)
    show("shutdownFlags(bad flag 0x1)", lambda: test.shutdownFlags(1))
    show("destroyFlags(bad flag 0x100)", lambda: test.destroyFlags(0x100))
    show("lookupByID(2)", lambda: conn.lookupByID(2))
    show("lookupByID(1) gone", lambda: conn.lookupByID(1))

    print("== save and restore")
    directory = tempfile.mkdtemp(prefix="seed-save-")
    MASKS.append((directory, "<tmp>"))
    path = os.path.join(directory, "test.sav")
    shown = "<tmp>/test.sav"
    try:
        show(f"save({shown})", lambda: test.save(path))
        show("saved file exists", lambda: os.path.exists(path))
        show("state", test.state)
        show("isActive", test.isActive)
        show(f"save({shown}) shut-off", lambda: test.save(path))
        show(f"restore({shown})", lambda: conn.restore(path))
        show("state", test.state)
        show("lookupByName('test') after restore", lambda: conn.lookupByName("test"))
        show("restore(<tmp>/missing.sav)", lambda: conn.restore(os.path.join(directory, "missing.sav")))
        with open(os.path.join(directory, "garbage.sav"), "w") as f:
            f.write("not a save image\n")
        show("restore(<tmp>/garbage.sav)", lambda: conn.restore(os.path.join(directory, "garbage.sav")))
        show(f"saveFlags({shown}, dxml)", lambda: test.saveFlags(path, GUEST, 0))
        show(f"saveFlags({shown}, bad flag 0x100)", lambda: test.saveFlags(path, None, 0x100))
        show(f"restoreFlags({shown}, RUNNING|PAUSED)",
             lambda: conn.restoreFlags(path, None, libvirt.VIR_DOMAIN_SAVE_RUNNING | libvirt.VIR_DOMAIN_SAVE_PAUSED))
    finally:
        shutil.rmtree(directory)

    print("== define, undefine, createXML")
    guest = show("defineXML(guest)", lambda: conn.defineXML(GUEST))
    facts("guest (defined)", guest)
    show("defineXML(guest) again (same UUID: redefine)", lambda: conn.defineXML(GUEST))
    show("defineXML(guest, other UUID) duplicate", lambda: conn.defineXML(SAME_NAME_OTHER_UUID))
    show("defineXML(test, other UUID) duplicate", lambda: conn.defineXML(TEST_OTHER_UUID))
    show("defineXML('not xml')", lambda: conn.defineXML("not xml"))
    show("defineXML('<domain>') incomplete", lambda: conn.defineXML("<domain>"))
    show("defineXML('<domain type=\"test\"/>') no name", lambda: conn.defineXML("<domain type='test'/>"))
    show("defineXMLFlags(guest, bad flag 0x100)", lambda: conn.defineXMLFlags(GUEST, 0x100))
    show("numOfDefinedDomains", conn.numOfDefinedDomains)
    show("listDefinedDomains (sorted)", lambda: sorted(conn.listDefinedDomains()))
    show("listAllDomains(0)", lambda: conn.listAllDomains(0))
    show("setMaxMemory(1048576) inactive", lambda: guest.setMaxMemory(1048576))
    show("setMemory(300000) inactive", lambda: guest.setMemory(300000))
    show("setMemoryFlags(300000, CONFIG) inactive",
         lambda: guest.setMemoryFlags(300000, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    show("setVcpusFlags(1, CONFIG) inactive", lambda: guest.setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    show("info", lambda: info(guest))
    show("create", guest.create)
    show("state", guest.state)
    show("undefine running", guest.undefine)
    show("isPersistent", guest.isPersistent)
    show("destroy", guest.destroy)
    show("lookupByName('guest') after destroy", lambda: conn.lookupByName("guest"))
    guest = show("defineXML(guest)", lambda: conn.defineXML(GUEST))
    show("undefine", guest.undefine)
    show("undefine again", guest.undefine)
    show("lookupByName('guest')", lambda: conn.lookupByName("guest"))
    transient = show("createXML(transient)", lambda: conn.createXML(TRANSIENT, 0))
    facts("transient (running)", transient)
    show("createXML(transient) again", lambda: conn.createXML(TRANSIENT, 0))
    show("createXML(test, other UUID) duplicate", lambda: conn.createXML(TEST_OTHER_UUID, 0))
    show("createXML('not xml')", lambda: conn.createXML("not xml", 0))
    show("createXML(guest, AUTODESTROY) unsupported flag",
         lambda: conn.createXML(GUEST, libvirt.VIR_DOMAIN_START_AUTODESTROY))
    show("listDomainsID (sorted)", lambda: sorted(conn.listDomainsID()))
    show("undefine transient", transient.undefine)
    show("destroy transient", transient.destroy)
    show("lookupByName('transient')", lambda: conn.lookupByName("transient"))
    show("listAllDomains(0)", lambda: conn.listAllDomains(0))
    show("listAllDomains(bad flag 1<<30)", lambda: conn.listAllDomains(1 << 30))
    show("close", conn.close)


if __name__ == "__main__":
    main()
