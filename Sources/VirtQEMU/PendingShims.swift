// TEMPORARY: names the XML module will provide; removed when it lands.
import VirtXML
import VirtDriver

extension DefinitionDefaults {
    static let qemu = DefinitionDefaults(arch: "x86_64", machine: "pc")
}

enum DomainSchema {
    static func validate(_ xml: String) throws(VirtError) {}
}
