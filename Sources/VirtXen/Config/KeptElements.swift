import VirtDriver
import VirtXML

/// Elements VirtXML keeps verbatim without modelling them (`<bootloader>`, `<timer>`, `<script>`), read back
/// for what Xen needs from them.
struct KeptElements {
    let elements: [XMLElement]

    init(_ unknown: UnknownXML) {
        elements = unknown.elements.compactMap { fragment in
            (try? XMLDocument(parsing: fragment.xml)).map(\.root)
        }
    }

    func elements(named name: String) -> [XMLElement] {
        elements.filter { $0.name == name }
    }

    /// The text of the first element called `name`, if it has any.
    func text(of name: String) -> String? {
        guard let text = elements(named: name).first?.text, !text.isEmpty else { return nil }
        return text
    }
}
