internal import CLibXML2
import Glibc
import Synchronization
public import VirtModel

/// libvirt's RelaxNG schema for domain XML, parsed once and kept, used for `virsh define --validate`
/// (`VIR_DOMAIN_DEFINE_VALIDATE`). Failures read as libvirt's: VIR_ERR_XML_INVALID_SCHEMA with
/// "Unable to validate doc against PATH\n" followed by libxml2's messages.
///
/// The schema is libvirt's (licensed with libvirt, not shipped here): it is read at run time from libvirt0's
/// install path, and when it is missing the error says so and names the package to install.
public final class DomainSchema: Sendable {
    /// Where Debian's libvirt0 installs the schemas.
    public static let defaultPath = "/usr/share/libvirt/schemas/domain.rng"

    /// The shared instance for ``defaultPath``.
    public static let shared = DomainSchema(path: defaultPath)

    public let path: String
    // The parsed schema (an opaque libxml2 pointer), loaded on first use; libxml2 validation contexts are
    // not thread-safe, so validation runs under the same lock.
    private let state = Mutex<SchemaState>(SchemaState())

    public init(path: String) {
        self.path = path
    }

    /// Validates a parsed document.
    /// - Throws: VIR_ERR_XML_INVALID_SCHEMA (VIR_FROM_XML) when it does not conform; VIR_ERR_INTERNAL_ERROR
    ///   when the schema is missing or cannot be parsed.
    public func validate(_ document: XMLDocument) throws(VirtError) {
        let result: Result<Void, VirtError> = state.withLock { state in
            do throws(VirtError) {
                let schema = try state.schema(path: path)
                try Self.validate(document.pointer, against: schema, path: path)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Validates XML text (it must be well formed).
    public func validate(xml: String) throws(VirtError) {
        try validate(XMLDocument(parsing: xml, documentName: "(domain_definition)", errorDomain: .domain))
    }

    private static func validate(_ document: xmlDocPtr, against schema: xmlRelaxNGPtr, path: String)
        throws(VirtError)
    {
        guard let context = xmlRelaxNGNewValidCtxt(schema) else {
            throw VirtError(.internalError, .xml, "Unable to create RNG validation context \(path)")
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let messages = MessageCollector()
        let unmanaged = Unmanaged.passRetained(messages)
        defer { unmanaged.release() }
        xmlRelaxNGSetValidStructuredErrors(context, collectMessage, unmanaged.toOpaque())
        if xmlRelaxNGValidateDoc(context, document) != 0 {
            throw VirtError(
                .xmlInvalidSchema, .xml, "Unable to validate doc against \(path)\n" + messages.text)
        }
    }
}

/// The loaded schema; libxml2 pointers are only touched under the lock.
private struct SchemaState: @unchecked Sendable {
    var schema: xmlRelaxNGPtr?

    mutating func schema(path: String) throws(VirtError) -> xmlRelaxNGPtr {
        if let schema { return schema }
        guard access(path, R_OK) == 0 else {
            throw VirtError(
                .internalError, .xml,
                "Unable to parse RNG \(path): the libvirt RelaxNG schema is not installed; validating domain XML "
                    + "needs libvirt's schemas, which SwiftVirt does not ship (Debian: apt-get install libvirt0)")
        }
        guard let parser = xmlRelaxNGNewParserCtxt(path) else {
            throw VirtError(.internalError, .xml, "Unable to create RNG parser for \(path)")
        }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        let messages = MessageCollector()
        let unmanaged = Unmanaged.passRetained(messages)
        defer { unmanaged.release() }
        xmlRelaxNGSetParserStructuredErrors(parser, collectMessage, unmanaged.toOpaque())
        guard let parsed = xmlRelaxNGParse(parser) else {
            throw VirtError(.internalError, .xml, "Unable to parse RNG \(path): \(messages.text)")
        }
        schema = parsed
        return parsed
    }
}

private final class MessageCollector {
    var text = ""
}

private let collectMessage: xmlStructuredErrorFunc = { context, error in
    guard let context, let message = error?.pointee.message else { return }
    Unmanaged<MessageCollector>.fromOpaque(context).takeUnretainedValue().text += String(cString: message)
}
