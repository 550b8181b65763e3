internal import CLibXML2
import VirtModel
#if canImport(Glibc)
import Glibc
#endif

/// One libxml2 parse, with libvirt's error reporting: the first fatal error becomes
/// "NAME:LINE: MESSAGE<source line>\n<dashes>^" (VIR_ERR_XML_DETAIL), exactly as libvirt's catchXMLError
/// builds it from the parser's position at the time of the error.
enum XMLParserRun {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initializes libxml2 once, before the first parser context is made.
    static func initializeLibrary() { _ = initialized }

    /// Parses `text`, `bytes` (as they came, in any encoding libxml2 detects), or the file at `path`, with
    /// `context` (which stays the caller's), or with a context of its own.
    static func parse(
        text: String?, bytes: [UInt8]? = nil, path: String?, documentName: String, errorDomain: ErrorDomain,
        whitespace: XMLDocument.Whitespace, context reused: xmlParserCtxtPtr? = nil
    ) throws(VirtError) -> xmlDocPtr {
        initializeLibrary()
        guard let context = reused ?? xmlNewParserCtxt() else {
            throw VirtError(.noMemory, errorDomain)
        }
        defer { if reused == nil { xmlFreeParserCtxt(context) } }
        let capture = FatalErrorCapture()
        let unmanaged = Unmanaged.passRetained(capture)
        defer {
            context.pointee._private = nil
            unmanaged.release()
        }
        context.pointee._private = unmanaged.toOpaque()
        context.pointee.sax.pointee.serror = captureStructuredError

        // COMPACT keeps short text inside its node instead of a separate allocation. The tree must then
        // never be changed, and it is not: XMLDocument is read-only (metadata is edited on a copy).
        var options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        if whitespace == .dropIgnorable { options |= Int32(XML_PARSE_NOBLANKS.rawValue) }
        let document: xmlDocPtr?
        if let path {
            document = xmlCtxtReadFile(context, path, nil, options)
        } else if let bytes {
            document = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlCtxtReadMemory(context, $0.baseAddress, Int32(clamping: $0.count), documentName, nil, options)
                }
            }
        } else {
            document = (text ?? "").withCString { chars in
                chars.withMemoryRebound(to: xmlChar.self, capacity: 1) { bytes in
                    xmlCtxtReadDoc(context, bytes, documentName, nil, options)
                }
            }
        }
        guard let document else {
            if let message = capture.message {
                throw VirtError(.xmlDetail, errorDomain, message)
            }
            throw VirtError(.xmlError, errorDomain, "failed to parse xml document '\(documentName)'")
        }
        guard xmlDocGetRootElement(document) != nil else {
            xmlFreeDoc(document)
            throw VirtError(.internalError, errorDomain, "missing root element")
        }
        return document
    }
}

/// Holds the first fatal parse error, formatted the way libvirt formats it.
private final class FatalErrorCapture {
    var message: String?
}

private let captureStructuredError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    if error.pointee.domain == Int32(XML_FROM_IO.rawValue), error.pointee.level == XML_ERR_WARNING,
        let text = error.pointee.message
    {
        // libvirt leaves libxml2's own warning handler in place, which prints this line for an unreadable
        // file before the error proper; the front ends that stand in for libvirt's process echo it.
        Warnings.shared.record("I/O warning : " + String(cString: text), echoed: true)
        return
    }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let privateData = context.pointee._private else { return }
    let capture = Unmanaged<FatalErrorCapture>.fromOpaque(privateData).takeUnretainedValue()
    guard capture.message == nil, error.pointee.level == XML_ERR_FATAL, let text = error.pointee.message,
        let input = context.pointee.input
    else { return }
    let (line, pointer) = sourceContext(input: input.pointee)
    let location = error.pointee.file.map { String(cString: $0) + ":" } ?? "at line "
    capture.message = location + "\(error.pointee.line): " + String(cString: text) + line + "\n" + pointer
}

/// The source line around the parser's current position and a pointer line ('-' per byte, tabs kept, then
/// '^' under the position). An empty line prints as "(null)", as libvirt's does.
private func sourceContext(input: xmlParserInput) -> (line: String, pointer: String) {
    guard var cur = input.cur, let base = input.base else { return ("(null)", "^") }
    let position = cur
    let newline = UInt8(ascii: "\n")
    let carriageReturn = UInt8(ascii: "\r")
    while cur > base, cur.pointee == newline || cur.pointee == carriageReturn { cur -= 1 }
    while cur > base, cur.pointee != newline, cur.pointee != carriageReturn { cur -= 1 }
    if cur.pointee == newline || cur.pointee == carriageReturn { cur += 1 }
    let column = position - cur
    var bytes: [UInt8] = []
    var scan = cur
    while scan.pointee != 0, scan.pointee != newline, scan.pointee != carriageReturn {
        bytes.append(scan.pointee)
        scan += 1
    }
    guard !bytes.isEmpty else { return ("(null)", "^") }
    var pointer: [UInt8] = []
    for byte in bytes.prefix(max(0, column)) {
        pointer.append(byte == UInt8(ascii: "\t") ? byte : UInt8(ascii: "-"))
    }
    pointer.append(UInt8(ascii: "^"))
    return (String(decoding: bytes, as: UTF8.self), String(decoding: pointer, as: UTF8.self))
}
