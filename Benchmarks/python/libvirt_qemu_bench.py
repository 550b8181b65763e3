#!/usr/bin/python3
"""libvirt 9.0's QEMU driver (through libvirtd) timed on the same operations as Benchmarks/QEMUBench, printed
the same way: "<operation> <median ms> <runs>", then "rss-kib <libvirtd's peak resident KiB>".
Usage: libvirt_qemu_bench.py URI DOMAIN-XML-FILE SAVE-FILE RUNS LIBVIRTD-PID"""
import statistics
import sys
import time

import libvirt


def main():
    uri, xml_path, save_path, runs, daemon_pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    xml = open(xml_path).read()
    libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
    conn = libvirt.open(uri)
    samples = {}

    def measure(name, body):
        start = time.monotonic()
        result = body()
        samples.setdefault(name, []).append((time.monotonic() - start) * 1000)
        return result

    def wait_until_off(dom):
        # A transient domain vanishes when it stops.
        while True:
            try:
                if dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF:
                    return
            except libvirt.libvirtError as error:
                if error.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                    return
                raise
            time.sleep(0.005)

    for _ in range(runs):
        dom = measure("create", lambda: conn.createXML(xml, 0))
        time.sleep(6)
        for _ in range(10):
            measure("suspend", dom.suspend)
            measure("resume", dom.resume)
        measure("save", lambda: dom.save(save_path))
        measure("restore", lambda: conn.restore(save_path))
        restored = conn.lookupByName(dom.name())
        measure("shutdown", lambda: (restored.shutdown(), wait_until_off(restored)))
        again = conn.createXML(xml, 0)
        time.sleep(1)
        measure("destroy", again.destroy)

    for name in ["create", "suspend", "resume", "save", "restore", "shutdown", "destroy"]:
        values = samples.get(name, [])
        print("%s %.1f %d" % (name, statistics.median(values) if values else 0, len(values)))
    with open("/proc/%s/status" % daemon_pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print("rss-kib %s" % line.split()[1])


if __name__ == "__main__":
    main()
