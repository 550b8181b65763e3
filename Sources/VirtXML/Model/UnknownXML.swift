/// An attribute as written.
public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An element subtree kept verbatim (serialised XML of one element).
public struct XMLFragment: Sendable, Hashable {
    public var xml: String
    public init(xml: String) {
        self.xml = xml
    }
}

/// What an element held that the model does not know: its unknown attributes and child elements, written
/// back on format so nothing is silently dropped.
public struct UnknownXML: Sendable, Hashable {
    public var attributes: [XMLAttribute] = []
    public var elements: [XMLFragment] = []
    public init() {}
    public var isEmpty: Bool { attributes.isEmpty && elements.isEmpty }
}
