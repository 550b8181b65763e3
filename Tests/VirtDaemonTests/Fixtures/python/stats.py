"""The statistics monitoring exporters read, through the daemon, on test:///default.

Usage: /usr/bin/python3 stats.py URI RO_URI
Reads every statistics call an exporter makes (getAllDomainStats, domainListGetStats, memoryStats,
blockStats, blockStatsFlags, interfaceStats) on both sockets, with their errors. The test driver's block and
interface counters come from the clock, so only their count and sign are printed.
Run by scripts/daemon-goldens.py; its golden is stats.out beside this file.
"""
import sys

import libvirt


def error(call):
    try:
        result = call()
        print("  ok", result)
    except libvirt.libvirtError as e:
        print("  error", e.get_error_code(), e.get_error_domain(), e.get_error_message())


def counters(values):
    return f"{len(values)} counters, all positive: {all(v > 0 for v in values)}"


libvirt.registerErrorHandler(lambda ctx, err: None, None)
for uri in sys.argv[1:3]:
    conn = libvirt.open(uri) if uri == sys.argv[1] else libvirt.openReadOnly(uri)
    print("connection", "rw" if uri == sys.argv[1] else "ro")
    dom = conn.lookupByName("test")
    for stats, flags in [(0, 0), (libvirt.VIR_DOMAIN_STATS_STATE, 0), (libvirt.VIR_DOMAIN_STATS_VCPU, 0),
                         (0, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE),
                         (0, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE)]:
        print("getAllDomainStats", stats, flags)
        print("  ", [(d.name(), sorted(p.items())) for d, p in conn.getAllDomainStats(stats, flags)])
    print("getAllDomainStats enforced vcpu")
    error(lambda: conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_VCPU,
                                         libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS))
    print("getAllDomainStats unknown flag")
    error(lambda: conn.getAllDomainStats(0, 1 << 20))
    print("domainListGetStats")
    print("  ", [(d.name(), sorted(p.items())) for d, p in conn.domainListGetStats([dom], 0, 0)])
    print("domainListGetStats inactive only")
    print("  ", conn.domainListGetStats([dom], 0, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE))
    print("memoryStats", sorted(dom.memoryStats().items()))
    print("blockStats vda", counters(dom.blockStats("vda")))
    print("blockStats missing")
    error(lambda: dom.blockStats("sdz"))
    print("blockStats whole domain")
    error(lambda: dom.blockStats(""))
    print("blockStatsFlags vda")
    error(lambda: dom.blockStatsFlags("vda"))
    print("interfaceStats testnet0", counters(dom.interfaceStats("testnet0")))
    print("interfaceStats by MAC", counters(dom.interfaceStats("aa:bb:cc:dd:ee:ff")))
    print("interfaceStats missing")
    error(lambda: dom.interfaceStats("vnet0"))
    conn.close()
