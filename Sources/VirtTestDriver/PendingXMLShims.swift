// TEMPORARY: names the XML module will provide; removed when it lands.
import VirtDriver
import VirtXML

extension DefinitionDefaults {
    static let libvirtTestDriver = DefinitionDefaults(arch: "i686")
}

enum DomainSchema {
    static func validate(_ xml: String) throws(VirtError) {}
}

enum TestNodeFile {
    static func load(path: String) throws(VirtError) -> TestHost {
        throw VirtError(.noSupport, .test, "node files not yet")
    }
}
