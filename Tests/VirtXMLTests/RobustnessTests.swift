import Testing
import VirtModel
@testable import VirtXML

/// Broken documents of every kind must end in a VirtError, never a crash.
@Suite struct RobustnessTests {
    /// Every prefix of a rich document, every single-byte deletion, and hostile values in each attribute.
    @Test func truncatedAndDamagedDocumentsNeverCrash() throws {
        let source = try Fixtures.read("domains", "full.xml")
        let bytes = Array(source.utf8)
        var outcomes = 0
        for length in stride(from: 0, to: bytes.count, by: 3) {
            outcomes += attempt(String(decoding: bytes[..<length], as: UTF8.self))
        }
        for position in stride(from: 0, to: bytes.count, by: 5) {
            var damaged = bytes
            damaged.remove(at: position)
            outcomes += attempt(String(decoding: damaged, as: UTF8.self))
        }
        #expect(outcomes > 0)
    }

    @Test(arguments: [
        "", "-1", "-", "0x", "99999999999999999999999", "4294967296", "18446744073709551616", " ", "\t7 ", "1e9",
        "0-", "^", ",", "1-0", "16384", "65535-65537", "&amp;", "<", "'", "&#1;", "\u{00e9}\u{1F600}",
    ])
    func hostileValuesNeverCrash(_ value: String) throws {
        let escaped = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "'", with: "&apos;")
        let templates = [
            "<memory unit='\(escaped)'>1</memory>", "<memory>\(escaped)</memory>", "<vcpu current='\(escaped)'>2</vcpu>",
            "<vcpu cpuset='\(escaped)'>\(escaped)</vcpu>", "<maxMemory slots='\(escaped)'>\(escaped)</maxMemory>",
            "<cputune><vcpupin vcpu='\(escaped)' cpuset='\(escaped)'/><emulatorpin cpuset='\(escaped)'/></cputune>",
            "<uuid>\(escaped)</uuid>", "<clock offset='variable' adjustment='\(escaped)' basis='\(escaped)'/>",
            "<cpu><topology sockets='\(escaped)' dies='\(escaped)' cores='1' threads='1'/></cpu>",
            "<devices><disk type='file'><source file='/a'/><target dev='\(escaped)'/></disk></devices>",
            "<devices><disk type='file'><source file='/a'/><target dev='vda'/><address type='pci' domain='\(escaped)' slot='\(escaped)'/></disk></devices>",
            "<devices><disk type='file'><source file='/a'/><target dev='hda'/><address type='drive' unit='\(escaped)'/></disk></devices>",
            "<devices><interface type='user'><mac address='\(escaped)'/></interface></devices>",
            "<devices><serial type='pty'><target port='\(escaped)'/></serial><console type='\(escaped)'/></devices>",
            "<devices><graphics type='vnc' port='\(escaped)' autoport='\(escaped)' listen='\(escaped)'/></devices>",
            "<devices><video><model type='vga' vram='\(escaped)' heads='\(escaped)'/></video></devices>",
            "<devices><controller type='ide' index='\(escaped)'/></devices>",
            "<os><type arch='\(escaped)' machine='\(escaped)'>hvm</type><bootmenu enable='yes' timeout='\(escaped)'/></os>",
        ]
        for template in templates {
            let document = """
                <domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os>\(template)</domain>
                """
            _ = attempt(document)
        }
    }

    @Test func structuralOddities() {
        let documents = [
            "<domain/>", "<domain type='test'/>", "<?xml version='1.0'?>", "<!-- only a comment -->",
            "<domain type='test'><name>x</name><name>y</name><memory>1</memory><os><type>hvm</type></os></domain>",
            "<domain xmlns='urn:other' type='test'><name>x</name></domain>",
            "<domain type='test'><name>x</name><memory>1</memory><os><type>hvm</type></os><devices><devices/></devices></domain>",
            "<domain type='test'><name>x</name><memory>1</memory><os><type>hvm</type></os>\(String(repeating: "<a>", count: 300))</domain>",
            "<domain type='test'><name>x</name><memory>1</memory><os><type>hvm</type></os><devices><console type='pty'/><console type='pty'/></devices></domain>",
            "<domain type='test'><name>x</name><memory>1</memory><vcpu>4294967295</vcpu><os><type>hvm</type></os></domain>",
            "<domain type='test'><name>x</name><memory>1</memory><os><type>hvm</type></os><devices><serial type='pty'><target type='isa-serial' port='9'/></serial></devices></domain>",
            "<domain type='test'><name>x</name><memory>1</memory><os><type>exe</type><init>/sbin/init</init></os></domain>",
        ]
        for document in documents { _ = attempt(document) }
    }

    @Test("vCPU counts drivers allocate by are bounded where parsed (libvirt accepts 4294967295, then aborts)")
    func vcpuCountsAreBounded() throws {
        for text in ["4294967295", "-1", "16385"] {
            let xml = "<domain type='test'><name>x</name><memory>1024</memory><vcpu>\(text)</vcpu><os><type>hvm</type></os></domain>"
            let error = #expect(throws: VirtError.self) { try DomainDefinition(xml: xml, defaults: .libvirtTestDriver) }
            #expect(error?.code == .configUnsupported)
            #expect(error?.message == "unsupported configuration: vCPU count '\(text)' is out of range: at most 16384 vCPUs are supported")
        }
        let largest = "<domain type='test'><name>x</name><memory>1024</memory><vcpu>16384</vcpu><os><type>hvm</type></os></domain>"
        var def = try DomainDefinition(xml: largest, defaults: .libvirtTestDriver)
        #expect(def.vcpu.maximum == 16384)
        let error = #expect(throws: VirtError.self) { try def.setMaximumVcpus(UInt32.max) }
        #expect(error?.code == .configUnsupported)
        #expect(def.vcpu.maximum == 16384)
    }

    @Test("bytes that are not UTF-8 are refused with libxml2's error, unless the document declares its encoding")
    func bytesAreCheckedNotReplaced() throws {
        let bad = Array("<domain><name>bad".utf8) + [0xff, 0xfe] + Array("</name></domain>".utf8)
        let error = #expect(throws: VirtError.self) {
            try XMLBytes.text(bad, documentName: "(domain_definition)", errorDomain: .domain)
        }
        #expect(error?.code == .xmlDetail)
        #expect(error?.domain == .domain)
        #expect(error?.message.hasPrefix("(domain_definition):1: Input is not proper UTF-8, indicate encoding !\nBytes: 0xFF 0xFE") == true)

        let latin1 = Array("<?xml version='1.0' encoding='ISO-8859-1'?><domain><name>caf".utf8) + [0xe9] + Array("</name></domain>".utf8)
        let text = try XMLBytes.text(latin1, documentName: "(domain_definition)", errorDomain: .domain)
        #expect(text.contains("<name>caf\u{e9}</name>"))
        #expect(try XMLBytes.text(Array("<a>\u{e9}</a>".utf8), documentName: "x", errorDomain: .domain) == "<a>\u{e9}</a>")
    }

    /// Parses `xml`; if it parses, formats it and parses that again. Returns 1 when it parsed.
    private func attempt(_ xml: String) -> Int {
        do {
            let definition = try DomainDefinition(xml: xml, defaults: .libvirtTestDriver)
            let again = try DomainDefinition(xml: definition.xml(), defaults: .libvirtTestDriver)
            #expect(again.xml() == definition.xml())
            return 1
        } catch {
            #expect(!error.message.isEmpty)
            return 0
        }
    }
}

extension RobustnessTests {
    @Test("disks cannot make a definition imply millions of controllers (libvirt adds them until it runs out)",
          arguments: ["<target dev='sdccsi'/>", "<target dev='sdzzzzzz'/>",
                      "<target dev='sda'/><address type='drive' controller='4000000000' bus='0' target='0' unit='0'/>"])
    func impliedControllersAreBounded(_ target: String) throws {
        let xml = """
            <domain type='test'><name>x</name><memory>1024</memory><os><type>hvm</type></os>
            <devices><disk type='file'><source file='/a'/>\(target)</disk></devices></domain>
            """
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: VirtError.self) { try DomainDefinition(xml: xml, defaults: .libvirtTestDriver) }
        #expect(clock.now - started < .seconds(1))
        #expect(error?.code == .configUnsupported)
        #expect(error?.message.hasSuffix("at most 1024 controllers of one type are supported") == true, "\(error?.message ?? "")")
    }
}
