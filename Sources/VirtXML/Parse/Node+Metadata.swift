internal import CLibXML2

extension Node {
    /// `<metadata>` as libvirt writes it: a copy without children that have no namespace or repeat an
    /// earlier child's namespace, dumped by libxml2 (`xmlNodeDump`, formatted, at `level`), leading spaces
    /// removed. The document itself is not changed.
    func metadataDump(level: Int) -> String {
        guard let copy = xmlDocCopyNode(pointer, pointer.pointee.doc, 1) else { return "<metadata/>" }
        defer { xmlFreeNode(copy) }
        var child = copy.pointee.children
        var seen: [String] = []
        while let current = child {
            child = current.pointee.next
            guard current.pointee.type == XML_ELEMENT_NODE else {
                // Whitespace and comments between entries are not part of the metadata.
                xmlUnlinkNode(current)
                xmlFreeNode(current)
                continue
            }
            let href = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            if let href, !seen.contains(href) {
                seen.append(href)
            } else {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            }
        }
        guard let buffer = xmlBufferCreate() else { return "<metadata/>" }
        defer { xmlBufferFree(buffer) }
        _ = xmlNodeDump(buffer, pointer.pointee.doc, copy, Int32(level), 1)
        guard let content = xmlBufferContent(buffer) else { return "<metadata/>" }
        var text = Substring(String(cString: content))
        while let first = text.first, first == " " || first == "\t" || first == "\n" { text = text.dropFirst() }
        return String(text)
    }
}
