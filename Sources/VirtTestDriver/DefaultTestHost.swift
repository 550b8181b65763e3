import VirtDriver
import VirtXML

extension TestHost {
    /// The state test:///default starts in, as libvirt 9.0's test driver has it: the node above and one
    /// running domain, "test" (id 1).
    static func makeDefault() throws(VirtError) -> TestHost {
        var host = TestHost(node: defaultNode)
        var def = try DomainDefinition(xml: defaultDomainXML, defaults: TestDriver.definitionDefaults)
        TestDriver.nameInterfaces(&def)
        try host.addLoaded(def, persistent: true, state: .running)
        return host
    }

    /// Adds a domain read from a node description: started (with a fresh id) unless its state is shut off.
    /// The state's reason is left "unknown", as libvirt leaves it for loaded domains.
    mutating func addLoaded(_ def: DomainDefinition, persistent: Bool, state: DomainState) throws(VirtError) {
        try add(def, live: false, checkLive: false)
        let id = state == .shutoff ? nil : allocateID()
        try domains.update(def.uuid) { (domain: inout TestDomain) throws(VirtError) in
            domain.persistent = persistent
            if let id { domain.start(id: id, reason: .unknown) }
            domain.state = DomainStateInfo(state: state, reasonCode: 0)
        }
    }

    /// libvirt's built-in test domain.
    static let defaultDomainXML = """
        <domain type='test'>
          <name>test</name>
          <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
          <memory>8388608</memory>
          <currentMemory>2097152</currentMemory>
          <vcpu>2</vcpu>
          <os>
            <type>hvm</type>
          </os>
          <devices>
            <disk type='file' device='disk'>
              <source file='/guest/diskimage1'/>
              <target dev='vda' bus='virtio'/>
              <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
            </disk>
            <interface type='network'>
              <mac address='aa:bb:cc:dd:ee:ff'/>
              <source network='default' bridge='virbr0'/>
              <address type='pci' domain='0x0000' bus='0x00' slot='0x1' function='0x0'/>
            </interface>
            <memballoon model='virtio'>
              <address type='pci' domain='0x0000' bus='0x00' slot='0x2' function='0x0'/>
            </memballoon>
          </devices>
        </domain>
        """
}
