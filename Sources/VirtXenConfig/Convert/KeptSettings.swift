import VirtModel
import VirtXML

/// xl.cfg settings the XML has no place for travel in the definition's `<metadata>`, so that xl.cfg -> XML
/// -> xl.cfg gives them back instead of losing them:
///
/// ```xml
/// <metadata>
///   <xenxl:settings xmlns:xenxl='urn:swiftvirt:xen-xl'>
///     <xenxl:setting name='cpus_soft'>"2-3"</xenxl:setting>
///   </xenxl:settings>
/// </metadata>
/// ```
///
/// Each value is written in xl.cfg syntax. Writing the definition as xl.cfg appends them after the settings
/// the definition itself gives. A domain defined from such XML keeps them as inert metadata: the hypervisor
/// driver does not act on them.
enum KeptSettings {
    static let namespace = "urn:swiftvirt:xen-xl"
    static let prefix = "xenxl"

    /// The `<metadata>` element holding `settings`, or nil when there are none.
    static func metadata(for settings: [XLSetting]) -> XMLFragment? {
        guard !settings.isEmpty else { return nil }
        let children = settings.map { XMLFragment.element("\(prefix):setting", ["name": $0.name], text: $0.value.text) }
        let kept = XMLFragment.element("\(prefix):settings", ["xmlns:\(prefix)": namespace], children: children)
        return .element("metadata", children: [kept])
    }

    /// The settings kept in `metadata`.
    /// - Throws: VIR_ERR_CONFIG_UNSUPPORTED for other metadata (xl.cfg has no place for it),
    ///   VIR_ERR_CONF_SYNTAX for a kept value that is not xl.cfg syntax.
    static func settings(in metadata: XMLFragment?) throws(VirtError) -> [XLSetting] {
        guard let metadata else { return [] }
        guard let element = metadata.parsed else {
            throw VirtError(.configUnsupported, .xenxl, "<metadata> cannot be read on its own, so it cannot be kept in xl.cfg")
        }
        var settings: [XLSetting] = []
        for child in element.children {
            guard child.namespaceURI == namespace, child.name == "settings" else {
                throw VirtError(
                    .configUnsupported, .xenxl, "metadata <\(child.qualifiedName)> has no xl.cfg equivalent")
            }
            for setting in child.children where setting.name == "setting" {
                guard let name = setting.attribute("name") else {
                    throw VirtError(.configUnsupported, .xenxl, "a kept xl.cfg setting has no name")
                }
                let parsed = try XLConfig(parsing: "\(name) = \(setting.text)\n", sourceName: "<metadata> setting '\(name)'")
                guard parsed.settings.count == 1, let value = parsed[name] else {
                    throw VirtError(.confSyntax, .xenxl, "<metadata> setting '\(name)' is not one xl.cfg value")
                }
                settings.append(XLSetting(name: name, value: value))
            }
        }
        return settings
    }
}
