import Foundation
import Testing
import VirtModel
@testable import VirtXML

/// The post-parse stage as drivers configure it, and the format options.
@Suite struct DefaultsTests {
    static let guest = """
        <domain type='kvm'>
          <name>guest</name>
          <memory unit='GiB'>1</memory>
          <os><type>hvm</type></os>
          <devices>
            <interface type='network'><source network='default'/></interface>
            <graphics type='vnc' passwd='pw'/>
          </devices>
        </domain>
        """

    @Test func qemuDefaultsFillMachineEmulatorAndDevices() throws {
        let definition = try DomainDefinition(xml: Self.guest, defaults: .qemu)
        #expect(definition.os.arch == "x86_64")
        #expect(definition.os.machine == "pc")
        #expect(definition.devices.emulator == "/usr/bin/qemu-system-x86_64")
        #expect(definition.devices.inputs.map { "\($0.type)/\($0.bus ?? "")" } == ["mouse/ps2", "keyboard/ps2"])
        #expect(definition.devices.controllers.map(\.type) == ["usb", "pci"])
        #expect(definition.devices.videos.first?.modelType == "vga")
        #expect(definition.devices.memballoon?.model == "virtio")
        let again = try DomainDefinition(xml: definition.xml([.secure]), defaults: .qemu)
        #expect(again == definition)
    }

    @Test func qemuRefusesOtherDomainTypes() {
        #expect(throws: VirtError(.invalidArg, .capabilities, "could not find capabilities for domaintype=test ")) {
            try DomainDefinition(xml: Self.guest.replacingOccurrences(of: "'kvm'", with: "'test'"), defaults: .qemu)
        }
    }

    @Test func generatedIdentityIsFilledIn() throws {
        let first = try DomainDefinition(xml: Self.guest, defaults: .libvirtTestDriver)
        let second = try DomainDefinition(xml: Self.guest, defaults: .libvirtTestDriver)
        #expect(first.uuid != second.uuid)
        let mac = try #require(first.devices.interfaces.first?.mac)
        #expect(mac.hasPrefix("52:54:00:"))
        var xen = DefinitionDefaults.libvirtTestDriver
        xen.macPrefix = [0x00, 0x16, 0x3e]
        #expect(try DomainDefinition(xml: Self.guest, defaults: xen).devices.interfaces.first?.mac?.hasPrefix("00:16:3e:") == true)
    }

    @Test func passwordsOnlyWithSecureAndIdOnlyWhenLive() throws {
        var definition = try DomainDefinition(xml: Self.guest, defaults: .libvirtTestDriver)
        #expect(!definition.xml().contains("passwd"))
        #expect(definition.xml([.secure]).contains("passwd='pw'"))
        definition.id = 3
        #expect(definition.xml().hasPrefix("<domain type='kvm' id='3'>\n"))
        #expect(definition.xml([.inactive]).hasPrefix("<domain type='kvm'>\n"))
    }

    @Test func driverFeatureChecks() {
        var defaults = DefinitionDefaults.libvirtTestDriver
        defaults.supportsMemoryHotplug = false
        let hotplug = Self.guest.replacingOccurrences(
            of: "<os>", with: "<maxMemory slots='2' unit='GiB'>2</maxMemory><os>")
        #expect(
            throws: VirtError(
                .configUnsupported, .domain,
                "memory hotplug tunables <maxMemory> are not supported by this hypervisor driver")
        ) {
            try DomainDefinition(xml: hotplug, defaults: defaults)
        }
        var slashes = DefinitionDefaults.libvirtTestDriver
        slashes.allowsSlashInName = true
        #expect(throws: Never.self) {
            try DomainDefinition(xml: Self.guest.replacingOccurrences(of: ">guest<", with: ">a/b<"), defaults: slashes)
        }
    }

    @Test func schemaValidationOfDocuments() throws {
        let valid = try Fixtures.read("domains", "full.inactive.xml")
        try DomainSchema.shared.validate(xml: valid)
        #expect(throws: VirtError.self) {
            try DomainSchema.shared.validate(xml: "<domain type='test'><name>x</name><bogus/></domain>")
        }
        let missing = DomainSchema(path: "/nonexistent/domain.rng")
        #expect {
            try missing.validate(xml: valid)
        } throws: { error in
            let error = error as? VirtError
            return error?.code == .internalError && error?.message.contains("not installed") == true
        }
    }
}

@Suite struct RunTimeStateTests {
    @Test func ptyPathsAreRunTimeState() throws {
        let xml = """
            <domain type='test'><name>p</name><memory>1024</memory><os><type>hvm</type></os>
            <devices><serial type='pty'><source path='/dev/pts/9'/></serial></devices></domain>
            """
        // A definition read as configuration drops the pty path, as libvirt does.
        #expect(try DomainDefinition(xml: xml, defaults: .libvirtTestDriver).devices.serials.first?.sourcePath == nil)
        var live = try DomainDefinition(xml: xml, defaults: .libvirtTestDriver, options: [.live])
        live.id = 4
        let text = live.xml()
        #expect(text.contains("<console type='pty' tty='/dev/pts/9'>\n      <source path='/dev/pts/9'/>"))
        #expect(!live.xml([.inactive]).contains("/dev/pts/9"))
        let again = try DomainDefinition(xml: text, defaults: .libvirtTestDriver, options: [.live])
        #expect(again.xml() == text)
    }
}
