import Testing
import VirtModel
import VirtXML
@testable import VirtXenConfig

/// The device strings inside xl.cfg lists: vif, pci and character devices (disks are checked against libxlutil
/// in LibxluCrossCheckTests).
@Suite("xl.cfg device specifications")
struct DeviceSpecTests {
    @Test("vif rates in kilobytes per second, as libvirt counts them", arguments: [
        ("10240KB/s", UInt64(10240)), ("10MB/s", 10240), ("1GB/s", 1_048_576), ("1Gb/s", 131_072), ("800b/s", 100),
        ("100B/s", 100),
    ])
    func rates(_ text: String, _ kbps: UInt64) throws {
        #expect(try XLVifSpec(parsing: "rate=\(text)").rateKBps == kbps)
    }

    @Test("bad vif rates and options are refused by name")
    func badVifs() {
        #expect(throws: VirtError(.internalError, .xen, "Invalid rate '10kB/s' specified")) {
            try XLVifSpec(parsing: "rate=10kB/s")
        }
        #expect(throws: VirtError(.configUnsupported, .xen, "vif rate '1MB/s@20ms': a replenishment interval has no libvirt equivalent")) {
            try XLVifSpec(parsing: "rate=1MB/s@20ms")
        }
        #expect(throws: VirtError(.confSyntax, .xen, "vif specification 'bridge=br0,colour=blue': unknown option 'colour'")) {
            try XLVifSpec(parsing: "bridge=br0,colour=blue")
        }
        #expect(throws: VirtError(.confSyntax, .xen, "vif specification 'bridge=br0,trusted': option 'trusted' has no value")) {
            try XLVifSpec(parsing: "bridge=br0,trusted")
        }
        #expect((try? XLVifSpec(parsing: "bridge=br0, mtu=9000"))?.unsupported == ["mtu=9000"])
    }

    @Test("vif text in libvirt's order: addresses before the script with a bridge, after it without")
    func vifText() throws {
        let bridged = try XLVifSpec(parsing: "vifname=v0,script=s,ip=10.0.0.1,bridge=br0,mac=00:16:3e:00:00:01,model=e1000")
        #expect(bridged.text == "mac=00:16:3e:00:00:01,bridge=br0,ip=10.0.0.1,script=s,model=e1000,vifname=v0")
        let routed = try XLVifSpec(parsing: "ip=10.0.0.1 10.0.0.2,script=vif-route,type=vif")
        #expect(routed.text == "script=vif-route,ip=10.0.0.1 10.0.0.2,type=vif")
    }

    @Test("PCI addresses with or without the domain, and their options")
    func pci() throws {
        let short = try XLPCISpec(parsing: "3:0.1")
        #expect(short.text == "0000:03:00.1")
        let full = try XLPCISpec(parsing: "0001:0a:1f.7,permissive=0,seize=1")
        #expect(full.text == "0001:0a:1f.7,permissive=0,seize=1")
        #expect(throws: VirtError(.internalError, .xen, "Malformed PCI address 03:00")) { try XLPCISpec(parsing: "03:00") }
        #expect(throws: VirtError(.configUnsupported, .xen, "PCI option 'msitranslate=1' in '03:00.0,msitranslate=1' has no libvirt equivalent")) {
            try XLPCISpec(parsing: "03:00.0,msitranslate=1")
        }
    }

    @Test("PCI devices survive <hostdev> and back")
    func pciHostdev() throws {
        let spec = try XLPCISpec(parsing: "0000:81:00.3,permissive=1")
        let element = try #require(spec.hostdev.parsed)
        #expect(try XLPCISpec(hostdev: element) == spec)
    }

    @Test("character devices", arguments: [
        ("pty", "pty", nil), ("null", "null", nil), ("file:/var/log/g.log", "file", "/var/log/g.log"),
        ("pipe:/run/g", "pipe", "/run/g"), ("/dev/ttyS1", "dev", "/dev/ttyS1"),
    ] as [(String, String, String?)])
    func charDevices(_ text: String, _ type: String, _ path: String?) throws {
        let device = try XenCharSpec.device(parsing: text)
        #expect(device.type == type && device.sourcePath == path)
        #expect(XenCharSpec.text(type: type, path: path) == text)
    }

    @Test("network character devices are refused, unknown ones are libvirt's error")
    func badCharDevices() {
        #expect(throws: VirtError(.configUnsupported, .xen, "character device 'tcp:localhost:4555' is not supported by this conversion")) {
            try XenCharSpec.device(parsing: "tcp:localhost:4555")
        }
        #expect(throws: VirtError(.internalError, .xen, "unknown chr device type 'serialish'")) {
            try XenCharSpec.device(parsing: "serialish:x")
        }
    }
}
