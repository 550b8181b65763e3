internal import CLibXML2
import Synchronization
import VirtModel

/// libxml2 parser contexts kept between parses of documents that live only for one call (domain XML is read
/// into a ``DomainDefinition`` and the document dropped).
///
/// A context keeps its dictionary of element and attribute names from one parse to the next, so the next
/// document of the same vocabulary skips building it: about a third of libxml2's time on a domain. Every
/// document made by a context shares that dictionary, and libxml2 dictionaries are not safe to use from two
/// threads at once, so a context goes back into the pool only when the one document it made has been freed
/// (the caller kept no reference to it), and only one thread holds a context at a time (the pool hands each
/// one out under its lock). A context whose dictionary has grown past ``dictionaryLimit`` names (documents
/// full of made-up element names) is freed rather than kept, so the pool's memory stays bounded.
final class ParserContextPool: Sendable {
    /// The pool for domain XML (`<domain>` read with ``XMLDocument/Whitespace/dropIgnorable``).
    static let domain = ParserContextPool()

    static let dictionaryLimit = 4096
    private static let capacity = 8

    private let idle = Mutex<[Context]>([])

    /// A parser context; only the thread that took it out of the pool touches it.
    private struct Context: @unchecked Sendable {
        let pointer: xmlParserCtxtPtr
    }

    /// Parses `text` with a pooled context, and runs `body` on the document. The document must not
    /// outlive `body`; if it does, its context is not reused.
    func withDocument<Result>(
        parsing text: String, documentName: String, rootElement: String, errorDomain: ErrorDomain,
        whitespace: XMLDocument.Whitespace, _ body: (XMLDocument) throws(VirtError) -> Result
    ) throws(VirtError) -> Result {
        let context = try take(errorDomain: errorDomain)
        var document: XMLDocument?
        defer {
            // Free the document, and with it its use of the dictionary, before the context goes back; a
            // document `body` kept a reference to keeps the context too.
            let reusable = document == nil || isKnownUniquelyReferenced(&document)
            document = nil
            giveBack(context, reusable: reusable)
        }
        let parsed = try XMLDocument(
            parsing: text, documentName: documentName, rootElement: rootElement, errorDomain: errorDomain,
            whitespace: whitespace, context: context.pointer)
        document = parsed
        return try body(parsed)
    }

    private func take(errorDomain: ErrorDomain) throws(VirtError) -> Context {
        if let context = idle.withLock({ $0.popLast() }) { return context }
        XMLParserRun.initializeLibrary()
        guard let pointer = xmlNewParserCtxt() else { throw VirtError(.noMemory, errorDomain) }
        return Context(pointer: pointer)
    }

    private func giveBack(_ context: Context, reusable: Bool) {
        let kept =
            reusable && xmlDictSize(context.pointer.pointee.dict) <= Self.dictionaryLimit
            && idle.withLock { idle in
                guard idle.count < Self.capacity else { return false }
                idle.append(context)
                return true
            }
        if !kept { xmlFreeParserCtxt(context.pointer) }
    }
}
