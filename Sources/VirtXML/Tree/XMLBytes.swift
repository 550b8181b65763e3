internal import CLibXML2
public import VirtModel
#if canImport(Glibc)
import Glibc
#endif

/// XML that arrives as bytes (a C string, a file) becomes text only as libvirt's parser would read it:
/// bytes that are not UTF-8 are refused with libxml2's own error, never replaced by U+FFFD (which would
/// make two different invalid names one and the same).
public enum XMLBytes {
    /// The text of `bytes`. Valid UTF-8 is taken as it is. Otherwise libxml2 reads the bytes as libvirt's
    /// parser does: a document that declares its encoding (ISO-8859-1, say) is converted to UTF-8; anything
    /// else fails with libxml2's message and position ("Input is not proper UTF-8, indicate encoding !").
    /// - Throws: VIR_ERR_XML_DETAIL in `errorDomain`, naming the document `documentName`.
    public static func text(_ bytes: [UInt8], documentName: String, errorDomain: ErrorDomain) throws(VirtError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        XMLParserRun.initializeLibrary()
        let document = try XMLParserRun.parse(
            text: nil, bytes: bytes, path: nil, documentName: documentName, errorDomain: errorDomain, whitespace: .keep)
        defer { xmlFreeDoc(document) }
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(document, &buffer, &size, "UTF-8")
        guard let buffer else { throw VirtError(.noMemory, errorDomain) }
        defer { free(buffer) }  // xmlFree is free (the default allocator)
        let converted = UnsafeBufferPointer(start: buffer, count: Int(size))
        guard let text = String(validating: converted, as: UTF8.self) else {
            throw VirtError(.xmlError, errorDomain, "\(documentName) is not proper UTF-8")
        }
        return text
    }
}
