import Testing
import VirtModel
@testable import VirtXML

/// Elements and attributes the model does not know are kept and written back where libvirt would put them.
@Suite struct KeptXMLTests {
    static let input = """
        <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0' extra='1'>
          <test:runstate>5</test:runstate>
          <name>kept</name>
          <uuid>11111111-2222-3333-4444-555555555555</uuid>
          <bogus flag='yes'><inner>text &amp; more</inner></bogus>
          <memory dumpCore='on'>65536</memory>
          <os firmware='efi'><type>hvm</type><smbios mode='sysinfo'/></os>
          <features><acpi/><kvm><hidden state='on'/></kvm></features>
          <devices>
            <disk type='file' device='disk' snapshot='no'>
              <driver name='qemu' type='raw' io='native'/>
              <source file='/a.img' startupPolicy='optional'/>
              <target dev='vda' bus='virtio' rotation_rate='1'/>
              <serial>abc</serial>
              <alias name='ua-disk'/>
            </disk>
            <interface type='network' trustGuestRxFilters='yes'>
              <mac address='52:54:00:00:00:01'/>
              <source network='default' portgroup='web'/>
              <link state='up'/>
            </interface>
            <hub type='usb'/>
          </devices>
        </domain>
        """

    @Test func everythingUnknownIsWrittenBackInLibvirtsPlaces() throws {
        let definition = try DomainDefinition(xml: Self.input, defaults: .libvirtTestDriver)
        let expected = """
            <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0' extra='1'>
              <name>kept</name>
              <uuid>11111111-2222-3333-4444-555555555555</uuid>
              <memory dumpCore='on' unit='KiB'>65536</memory>
              <currentMemory unit='KiB'>65536</currentMemory>
              <vcpu placement='static'>1</vcpu>
              <os firmware='efi'>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
                <smbios mode='sysinfo'/>
              </os>
              <features>
                <acpi/>
                <kvm>
                  <hidden state='on'/>
                </kvm>
              </features>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk' snapshot='no'>
                  <driver name='qemu' type='raw' io='native'/>
                  <source file='/a.img' startupPolicy='optional'/>
                  <target dev='vda' bus='virtio' rotation_rate='1'/>
                  <serial>abc</serial>
                  <alias name='ua-disk'/>
                </disk>
                <interface type='network' trustGuestRxFilters='yes'>
                  <mac address='52:54:00:00:00:01'/>
                  <source network='default' portgroup='web'/>
                  <link state='up'/>
                </interface>
                <hub type='usb'/>
              </devices>
              <bogus flag='yes'>
                <inner>text &amp; more</inner>
              </bogus>
              <test:runstate>5</test:runstate>
            </domain>

            """
        expectSameText(definition.xml(), expected, "kept")
        let again = try DomainDefinition(xml: definition.xml(), defaults: .libvirtTestDriver)
        #expect(again == definition)
    }

    @Test func keptMixedContentKeepsItsText() throws {
        let xml = """
            <domain type='test'><name>m</name><memory>1024</memory><os><type>hvm</type></os>
            <bogus>line one
              line two <b>bold</b> tail</bogus></domain>
            """
        let definition = try DomainDefinition(xml: xml, defaults: .libvirtTestDriver)
        #expect(definition.unknown.elements.map(\.xml) == ["<bogus>line one\n  line two <b>bold</b> tail</bogus>"])
        let again = try DomainDefinition(xml: definition.xml(), defaults: .libvirtTestDriver)
        #expect(again.unknown == definition.unknown)
    }
}
