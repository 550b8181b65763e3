internal import CLibXML2

extension Node {
    /// This subtree as a kept fragment, written the way libvirt writes its own elements: attributes in
    /// single quotes, element-only content one child per line indented two spaces per level, and content
    /// with text written inline as it came. `depth` is the element's own nesting level in the output, so
    /// later lines carry absolute indentation and the fragment can be written back unchanged.
    func fragment(depth: Int) -> XMLFragment {
        var writer = XMLWriter(capacity: 256)
        writeFragment(into: &writer, depth: depth)
        return XMLFragment(xml: writer.string)
    }

    private func writeFragment(into writer: inout XMLWriter, depth: Int) {
        writer.raw("<")
        writeQualifiedName(into: &writer)
        writer.attributes(namespaceDeclarations)
        var attr = pointer.pointee.properties
        while let current = attr {
            writer.attribute(named: qualifiedAttributeName(current), attributeValue(current))
            attr = current.pointee.next
        }
        let content = contentKind
        switch content {
        case .empty:
            writer.raw("/>")
        case .elements:
            writer.raw(">")
            for child in elements {
                writer.newline()
                for _ in 0...depth { writer.raw("  ") }
                child.writeFragment(into: &writer, depth: depth + 1)
            }
            writer.newline()
            for _ in 0..<depth { writer.raw("  ") }
            writer.raw("</")
            writeQualifiedName(into: &writer)
            writer.raw(">")
        case .mixed:
            writer.raw(">")
            writeInline(children: pointer.pointee.children, into: &writer)
            writer.raw("</")
            writeQualifiedName(into: &writer)
            writer.raw(">")
        }
    }

    private enum ContentKind { case empty, elements, mixed }

    private var contentKind: ContentKind {
        var sawElement = false
        var child = pointer.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: sawElement = true
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_ENTITY_REF_NODE: return .mixed
            default: break
            }
            child = current.pointee.next
        }
        return sawElement ? .elements : .empty
    }

    private func writeInline(children first: xmlNodePtr?, into writer: inout XMLWriter) {
        var child = first
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { writer.escaped(String(cString: content)) }
            case XML_ENTITY_REF_NODE:
                writer.raw("&" + String(cString: current.pointee.name) + ";")
            case XML_ELEMENT_NODE:
                let node = Node(current)
                writer.raw("<")
                node.writeQualifiedName(into: &writer)
                writer.attributes(node.namespaceDeclarations)
                var attr = current.pointee.properties
                while let a = attr {
                    writer.attribute(named: qualifiedAttributeName(a), attributeValue(a))
                    attr = a.pointee.next
                }
                if current.pointee.children == nil {
                    writer.raw("/>")
                } else {
                    writer.raw(">")
                    writeInline(children: current.pointee.children, into: &writer)
                    writer.raw("</")
                    node.writeQualifiedName(into: &writer)
                    writer.raw(">")
                }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    fileprivate func writeQualifiedName(into writer: inout XMLWriter) {
        if let ns = pointer.pointee.ns, let prefix = ns.pointee.prefix {
            writer.raw(String(cString: prefix))
            writer.raw(":")
        }
        writer.raw(name)
    }
}
