import FoundationEssentials
import VirtOS

/// `crl_file`: the serial numbers an X.509 CRL (PEM) revokes, read with a minimal DER walk because
/// swift-nio-ssl has no CRL support. The CRL's own signature is not checked (the file is the operator's, as
/// the CA file is); a client whose certificate serial is listed is refused as libvirtd refuses it.
struct RevocationList {
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "Error in the DER encoding" }
    }

    let serials: Set<[UInt8]>

    init(pemFile path: String) throws {
        let text = try String(decoding: FileIO.read(path, limit: 1 << 20), as: UTF8.self)
        var base64: String?
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("-----BEGIN X509 CRL-----") { base64 = "" }
            else if line.hasPrefix("-----END X509 CRL-----") { break }
            else if base64 != nil { base64? += line.filter { !$0.isWhitespace } }
        }
        // The first CRL of the file, as GnuTLS takes it.
        guard let base64, let data = Data(base64Encoded: base64), !data.isEmpty else { throw Malformed() }
        let der = [UInt8](data)
        var serials = Set<[UInt8]>()
        var reader = DERReader(der)
        // CertificateList ::= SEQUENCE { tbsCertList SEQUENCE { version?, signature, issuer, thisUpdate,
        //   nextUpdate?, revokedCertificates SEQUENCE OF SEQUENCE { serial INTEGER, date, ext? }?, [0] ext? } ...}
        var list = try reader.enter(0x30)
        var tbs = try list.enter(0x30)
        if tbs.peek == 0x02 { _ = try tbs.element() }  // version
        _ = try tbs.element()  // signature algorithm
        _ = try tbs.element()  // issuer
        _ = try tbs.element()  // thisUpdate
        if tbs.peek == 0x17 || tbs.peek == 0x18 { _ = try tbs.element() }  // nextUpdate
        if tbs.peek == 0x30 {
            var revoked = try tbs.enter(0x30)
            while !revoked.atEnd {
                var entry = try revoked.enter(0x30)
                let serial = try entry.element()
                guard serial.tag == 0x02 else { throw Malformed() }
                serials.insert(Self.normalized(serial.content))
            }
        }
        self.serials = serials
    }

    /// A serial without DER's leading zero bytes, so it compares with any encoding of the same number.
    static func normalized(_ serial: [UInt8]) -> [UInt8] {
        let trimmed = Array(serial.drop { $0 == 0 })
        return trimmed.isEmpty ? [0] : trimmed
    }
}

/// Just enough DER for ``RevocationList``: tag, definite length, content.
private struct DERReader {
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { offset >= end }
    var peek: UInt8? { atEnd ? nil : bytes[offset] }

    mutating func element() throws -> (tag: UInt8, content: [UInt8]) {
        let (tag, start, length) = try header()
        offset = start + length
        return (tag, Array(bytes[start..<start + length]))
    }

    mutating func enter(_ tag: UInt8) throws -> DERReader {
        let (found, start, length) = try header()
        guard found == tag else { throw RevocationList.Malformed() }
        offset = start + length
        return DERReader(bytes, from: start, to: start + length)
    }

    private func header() throws -> (tag: UInt8, start: Int, length: Int) {
        guard offset + 2 <= end else { throw RevocationList.Malformed() }
        let tag = bytes[offset]
        var position = offset + 1
        var length = Int(bytes[position])
        position += 1
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard count >= 1, count <= 4, position + count <= end else { throw RevocationList.Malformed() }
            length = 0
            for byte in bytes[position..<position + count] { length = length << 8 | Int(byte) }
            position += count
        }
        guard length <= end - position else { throw RevocationList.Malformed() }
        return (tag, position, length)
    }
}
