/// libvirt's escaping of text and attribute values, for documents written outside `DomainDefinition`'s
/// formatter (capabilities): the same rules as the formatter's (`XMLWriter.escaped`), from one place.
public enum XMLEscaping {
    public static func escaped(_ text: String) -> String {
        var writer = XMLWriter(capacity: text.utf8.count + 16)
        writer.escaped(text)
        return writer.string
    }
}
