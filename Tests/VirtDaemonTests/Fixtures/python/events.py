"""Domain lifecycle and reboot events through the daemon, on test:///default.

Usage: /usr/bin/python3 events.py URI   (URI = test+unix:///default?socket=<dir>/libvirt-sock)
Registers libvirt's default event loop (run in a thread), callbacks for LIFECYCLE and REBOOT on all
domains and one LIFECYCLE callback for the domain 'test' only, then performs define, create, suspend,
resume, shutdown, start, reboot, destroy, undefine, createXML + destroy, save + restore. After each step it
waits until no event has come for a while and prints the events received, in order.
Run by scripts/daemon-goldens.py; its golden is events.out beside this file.
"""
import os
import shutil
import sys
import tempfile
import threading
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
TRANSIENT = GUEST.replace("guest", "transient").replace("4dea22b3", "5dea22b3")

EVENTS = ["DEFINED", "UNDEFINED", "STARTED", "SUSPENDED", "RESUMED", "STOPPED", "SHUTDOWN", "PMSUSPENDED",
          "CRASHED"]
DETAILS = {
    0: ["ADDED", "UPDATED", "RENAMED", "FROM_SNAPSHOT"],
    1: ["REMOVED", "RENAMED"],
    2: ["BOOTED", "MIGRATED", "RESTORED", "FROM_SNAPSHOT", "WAKEUP"],
    3: ["PAUSED", "MIGRATED", "IOERROR", "WATCHDOG", "RESTORED", "FROM_SNAPSHOT", "API_ERROR", "POSTCOPY",
        "POSTCOPY_FAILED"],
    4: ["UNPAUSED", "MIGRATED", "FROM_SNAPSHOT", "POSTCOPY", "POSTCOPY_FAILED"],
    5: ["SHUTDOWN", "DESTROYED", "CRASHED", "MIGRATED", "SAVED", "FAILED", "FROM_SNAPSHOT"],
    6: ["FINISHED", "GUEST", "HOST"],
    7: ["MEMORY", "DISK"],
    8: ["PANICKED", "CRASHLOADED"],
}

libvirt.registerErrorHandler(lambda context, error: None, None)

received = []
lock = threading.Lock()


def name_of(table, index):
    return table[index] if 0 <= index < len(table) else f"?{index}"


def lifecycle(conn, dom, event, detail, opaque):
    with lock:
        received.append(f"{opaque}: LIFECYCLE(0) dom={dom.name()} id={dom.ID()} event={event} "
                        f"{name_of(EVENTS, event)} detail={detail} "
                        f"{name_of(DETAILS.get(event, []), detail)}")


def reboot(conn, dom, opaque):
    with lock:
        received.append(f"{opaque}: REBOOT(1) dom={dom.name()} id={dom.ID()}")


def settle(label):
    """Waits until no event came for 0.3 s (at most 3 s), then prints what came since the last step."""
    deadline = time.time() + 3
    last = -1
    quiet_since = time.time()
    while time.time() < deadline:
        with lock:
            count = len(received)
        if count != last:
            last, quiet_since = count, time.time()
        elif time.time() - quiet_since >= 0.3:
            break
        time.sleep(0.02)
    with lock:
        events, received[:] = list(received), []
    print(f"== {label}: {len(events)} event(s)")
    for line in events:
        print("  " + line)


def step(label, call):
    try:
        call()
    except libvirt.libvirtError as e:
        print(f"{label}: error {e.get_error_code()} {e.get_error_domain()} {e.get_error_message()}")
    settle(label)


def main():
    uri = sys.argv[1]
    libvirt.virEventRegisterDefaultImpl()
    running = True

    def loop():
        while running:
            libvirt.virEventRunDefaultImpl()
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    conn = libvirt.open(uri)
    test = conn.lookupByName("test")
    ids = [
        ("all-lifecycle", conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle,
                                                      "all-lifecycle")),
        ("all-reboot", conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT, reboot, "all-reboot")),
        ("test-lifecycle", conn.domainEventRegisterAny(test, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle,
                                                       "test-lifecycle")),
    ]
    # callback IDs are handed out by the client library per connection
    print("registered: " + ", ".join(f"{label}={cid}" for label, cid in ids))
    settle("registration")

    guest = None

    def define():
        nonlocal guest
        guest = conn.defineXML(GUEST)
    step("define guest", define)
    step("create guest", lambda: guest.create())
    step("suspend guest", lambda: guest.suspend())
    step("resume guest", lambda: guest.resume())
    step("shutdown guest", lambda: guest.shutdown())
    step("start guest", lambda: guest.create())
    step("reboot guest", lambda: guest.reboot(0))
    step("destroy guest", lambda: guest.destroy())
    step("undefine guest", lambda: guest.undefine())
    transient = None

    def create_transient():
        nonlocal transient
        transient = conn.createXML(TRANSIENT, 0)
    step("createXML transient", create_transient)
    step("suspend transient", lambda: transient.suspend())
    step("destroy transient", lambda: transient.destroy())
    step("suspend test", lambda: test.suspend())
    step("resume test", lambda: test.resume())
    step("reboot test", lambda: test.reboot(0))
    directory = tempfile.mkdtemp(prefix="events-save-")
    try:
        step("save test", lambda: test.save(os.path.join(directory, "test.sav")))
        step("restore test", lambda: conn.restore(os.path.join(directory, "test.sav")))
    finally:
        shutil.rmtree(directory)
    step("destroy test", lambda: test.destroy())
    step("start test", lambda: test.create())
    step("define guest again, then a failing suspend (DEFINED only)", lambda: conn.defineXML(GUEST).suspend())
    step("undefine guest", lambda: conn.lookupByName("guest").undefine())

    for label, cid in ids:
        conn.domainEventDeregisterAny(cid)
        print(f"deregistered {label}")
    step("destroy test after deregistering (no event)", lambda: test.destroy())
    try:
        conn.domainEventDeregisterAny(ids[0][1])
    except libvirt.libvirtError as e:
        print(f"deregister again: error {e.get_error_code()} {e.get_error_domain()} {e.get_error_message()}")
    print("close:", conn.close())
    running = False
    # wake the loop up once so the thread can notice; it is a daemon thread anyway
    libvirt.virEventAddTimeout(0, lambda timer, opaque: libvirt.virEventRemoveTimeout(timer), None)
    thread.join(timeout=2)


if __name__ == "__main__":
    main()
