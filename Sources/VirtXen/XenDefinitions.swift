import VirtDriver
import VirtXML

/// Domain XML for Xen, read as libvirt 9.0's libxl driver reads it (``DefinitionDefaults/xen``: x86_64,
/// Xen's MAC prefix, the PV console, Xen's balloon and the xenbus controller, no memory hotplug).
enum XenDefinitions {
    static let defaults = DefinitionDefaults.xen

    /// Parses domain XML for Xen (`options`: live state, schema validation).
    static func parse(_ xml: String, options: DefinitionParseOptions) throws(VirtError) -> DomainDefinition {
        try DomainDefinition(xml: xml, defaults: defaults, options: options)
    }
}
