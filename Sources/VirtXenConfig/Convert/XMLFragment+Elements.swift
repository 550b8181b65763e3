import VirtModel
import VirtXML

/// The model keeps libvirt elements it does not type (`<script>`, `<timer>`, `<hap>`, ...) as XML fragments.
/// The conversions build such fragments for what xl.cfg says, and read them back.
extension XMLFragment {
    /// `<name attr='value' ...>text</name>`, escaped as libvirt escapes, or `<name .../>` without text and
    /// children. Layout does not matter: the definition is re-read before anyone sees it.
    static func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil,
        children: [XMLFragment] = []
    ) -> XMLFragment {
        var xml = "<" + name
        for (key, value) in attributes { xml += " \(key)='\(XMLEscaping.escaped(value))'" }
        if text == nil && children.isEmpty { return XMLFragment(xml: xml + "/>") }
        xml += ">"
        if let text { xml += XMLEscaping.escaped(text) }
        for child in children { xml += child.xml }
        return XMLFragment(xml: xml + "</\(name)>")
    }

    /// The fragment as an element, or nil when it cannot be read on its own (a namespace prefix declared on
    /// an ancestor).
    var parsed: XMLElement? {
        try? XMLDocument(parsing: xml, whitespace: .dropIgnorable).root
    }

    /// The element's name as written ("script", "xen:commandline").
    var name: String {
        let start = xml.drop { $0 == "<" }
        return String(start.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" })
    }
}

extension UnknownXML {
    /// Kept child elements called `name`, each read as an element.
    func elements(named name: String) -> [XMLElement] {
        elements.filter { $0.name == name }.compactMap(\.parsed)
    }

    /// Removes the kept children called `name`.
    mutating func remove(named name: String) {
        elements.removeAll { $0.name == name }
    }
}
