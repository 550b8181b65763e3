import Testing
import VirtModel
import VirtXML
import VirtXenConfig
import VirtTestSupport

/// SwiftVirt's answers against libvirt 9.0's for the whole corpus: Fixtures/libvirt/<dir>/<case>.{cfg,xml,err}
/// is what Debian's libvirtd with its libxl driver answered in the Xen lab (scripts/xl-goldens.sh), text or
/// virsh's "error: ..." line. Every case must give libvirt's answer byte for byte, except the deviations
/// below, each with its reason; a listed case that agrees again fails too, so the list stays true.
@Suite("parity with libvirt 9.0's xen-xl conversions")
struct LibvirtParityTests {
    static let deviations: [String: String] = [
        // Extensions: what libvirt drops, SwiftVirt writes.
        "xml2cfg/pv-direct-kernel": "<vcpupin> becomes a per-vCPU cpus list; libvirt drops <cputune>",
        "xml2cfg/hvm-vcpu-pins":
            "per-vCPU cpus list, managed='yes' as seize=1, and the VGA card as vga/videoram; libvirt drops all three",
        "cfg2xml/hvm-passthrough": "seize=1 becomes managed='yes'; libvirt ignores seize",
        "cfg2xml/legacy-pv-disks": "the phy: prefix makes a phy-backed block device; libxlu ignores prefixes, so libvirt makes a QEMU file",
        // xl reads these; libvirt's own config parser does not.
        "cfg2xml/legacy-hvm-builder": "rtc_timeoffset below zero; libvirt writes such numbers but cannot read them back",
        "cfg2xml/legacy-xl-syntax": "xl's hexadecimal numbers, += and escapes; libvirt stops at the first",
        "cfg2xml/pvh-kept": "a cpus list (per-vCPU affinity) and settings kept in <metadata>; libvirt reads only cpus strings",
        "syntax/append-string-to-list": "xl's +=: refused for mixing a list and a string; libvirt knows no +=",
        "syntax/unknown-escape": "xl refuses an unknown backslash escape; libvirt takes backslashes literally",
        "syntax/numeric-escape": "xl 4.17 cannot read \\xHH escapes; libvirt takes backslashes literally",
        "unsupported/offline-vcpu-pins": "cpus lists are read (this one pins offline vCPUs apart); libvirt reads only cpus strings",
        // libvirt drops these without a word; SwiftVirt says what it cannot express.
        "unsupported/automatic-vcpu-placement": "libvirt drops placement='auto' and its <numatune>",
        "unsupported/disk-cache-mode": "libvirt drops the disk cache mode",
        "unsupported/emulator-pin": "libvirt drops <emulatorpin>",
        "unsupported/floppy-disk": "libvirt drops floppy disks",
        "unsupported/host-passthrough-cpu":
            "SwiftVirt does not convert <cpu> (nestedhvm, cpuid); libvirt writes nestedhvm",
        "unsupported/interface-vlan": "libvirt writes Open vSwitch VLANs as bridge.tag; not converted here",
        "unsupported/pv-serial-port": "libvirt drops serial ports of paravirtual guests",
        "unsupported/sound-device": "libvirt's writer drops <sound> (its reader would make soundhw); not converted here",
        "unsupported/spice-graphics": "libvirt writes SPICE settings; not converted here",
        "unsupported/title": "libvirt drops <title>",
        "unsupported/usb-controller": "libvirt writes usbctrl; not converted here",
        "unsupported/virtio-disk-bus": "libvirt drops the bus; xl would put 'vda' nowhere",
        "unsupported/disk-script": "libvirt ignores script= in disk specifications",
        "unsupported/fewer-maxvcpus": "libvirt shrinks vcpus to maxvcpus without a word",
        "unsupported/usb-host-device": "libvirt ignores usbdevice entries other than tablet, mouse, keyboard",
        "unsupported/vif-mtu": "libvirt ignores vif options it does not know",
        "unsupported/vif-rate-interval": "libvirt ignores the rate's @interval",
        // libvirt fails too, with another message.
        "unsupported/disk-format": "libvirt reports no cause for a bad disk specification (libxlu printed it)",
        "unsupported/network-interface":
            "libvirt asks the host's network driver for the bridge; the conversion has no host to ask",
        "unsupported/numa-node-affinity": "libvirt fails to parse 'nodes:0' as a CPU list; SwiftVirt says why",
    ]

    static func recorded() throws -> [String] {
        let answers = try ["xml2cfg", "cfg2xml", "syntax", "unsupported"].flatMap { directory in
            try ["cfg", "xml", "err"].flatMap { ext in
                try Fixture.someCases("libvirt/\(directory)", ext).filter { !$0.hasSuffix(".defined") }
                    .map { "\(directory)/\($0)" }
            }
        }
        return try FixtureCases.nonEmpty(answers.sorted(), "libvirt's recorded answers")
    }

    /// XML that libvirt's libxl driver defined and gave back (`virsh define`, `dumpxml --inactive`).
    static func defined() throws -> [String] {
        try ["xml2cfg", "defaults"].flatMap { directory in
            try Fixture.cases("libvirt/\(directory)", "defined.xml").map { "\(directory)/\($0)" }
        }
    }

    @Test("DefinitionDefaults.xen fills in what libvirt's libxl driver fills in", arguments: try defined())
    func defaults(_ path: String) throws {
        let parts = path.split(separator: "/").map(String.init)
        let input = try Fixture.text(parts[0], "\(parts[1]).xml")
        let libvirt = try Fixture.text("libvirt/\(parts[0])", "\(parts[1]).defined.xml")
        let ours = try DomainDefinition(xml: input, defaults: .xen).xml([.inactive])
        #expect(ours == libvirt, "\(Fixture.diff(libvirt, ours))")
    }

    @Test("the whole corpus was recorded")
    func complete() throws {
        var inputs: [String] = []
        for directory in ["xml2cfg", "cfg2xml", "syntax", "unsupported"] {
            for ext in ["xml", "cfg"] where !(directory == "xml2cfg" && ext == "cfg") && !(directory == "cfg2xml" && ext == "xml") {
                inputs += try Fixture.someCases(directory, ext).map { "\(directory)/\($0)" }
            }
        }
        #expect(try Self.recorded() == inputs.sorted(), "run scripts/xl-goldens.sh after changing the corpus")
        let xml = try ["xml2cfg", "defaults"].flatMap { directory in
            try Fixture.cases(directory, "xml").map { "\(directory)/\($0)" }
        }
        #expect(try Self.defined() == xml, "libvirt defined every XML input")
        #expect(Set(Self.deviations.keys).isSubset(of: Set(try Self.recorded())))
    }

    @Test("SwiftVirt answers as libvirt does", arguments: try recorded())
    func parity(_ path: String) throws {
        let libvirt = try libvirtAnswer(path)
        let ours = try swiftVirtAnswer(path)
        if let reason = Self.deviations[path] {
            #expect(ours != libvirt, "\(path) agrees with libvirt now; drop its deviation (\(reason))")
        } else {
            #expect(ours == libvirt, "\(path):\n\(Fixture.diff(libvirt, ours))")
        }
    }

    /// The recorded answer: the converted text, or virsh's error lines.
    private func libvirtAnswer(_ path: String) throws -> String {
        let directory = "libvirt/" + path.split(separator: "/")[0]
        let name = String(path.split(separator: "/")[1])
        for ext in ["cfg", "xml", "err"] {
            if let text = try? Fixture.text(directory, "\(name).\(ext)") { return text }
        }
        throw RecordingMissing(path: path)
    }

    /// The same conversion here, with an error shown the way virsh prints it.
    private func swiftVirtAnswer(_ path: String) throws -> String {
        let parts = path.split(separator: "/").map(String.init)
        let xmlInput = (try? Fixture.text(parts[0], "\(parts[1]).xml")).flatMap { parts[0] == "cfg2xml" ? nil : $0 }
        do {
            if let xml = xmlInput { return try XenConfig.toNative(xml: xml) }
            return try XenConfig.fromNative(config: Fixture.text(parts[0], "\(parts[1]).cfg"))
        } catch let error as VirtError {
            return "error: \(error.message)\n"
        }
    }

    struct RecordingMissing: Error {
        var path: String
    }
}
