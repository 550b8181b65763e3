import NIOSSL

/// `tls_allowed_dn_list`: libvirt 9.0 matches each pattern with GLib's g_pattern_match_simple (`*` any run of
/// characters, `?` one character, nothing else special) against the client certificate's subject as GnuTLS's
/// gnutls_x509_crt_get_dn writes it: the RDNs in certificate order, comma-separated, short attribute names,
/// RFC 4514 escapes ("C=GB,L=London,O=Example,CN=client").
struct AllowedNames: Sendable, Equatable {
    let patterns: [String]

    func allows(_ distinguishedName: String) -> Bool {
        patterns.contains { Self.glob(Array($0.unicodeScalars), Array(distinguishedName.unicodeScalars)) }
    }

    /// The subject DN string libvirt matches and logs.
    static func distinguishedName(of certificate: NIOSSLCertificate) -> String {
        certificate.subjectName.map { "\(shortName($0.type))=\(escaped($0.value))" }.joined(separator: ",")
    }

    private static func shortName(_ type: SSLCertificateNameType) -> String {
        switch type {
        case .country: "C"
        case .state: "ST"
        case .city: "L"
        case .organization: "O"
        case .organizationalUnit: "OU"
        case .commonName: "CN"
        case .emailAddress: "EMAIL"
        case .userId: "UID"
        // swift-nio-ssl names no other attribute types; such an RDN cannot be matched by name.
        default: "UNKNOWN"
        }
    }

    /// RFC 4514 escaping, as GnuTLS applies it.
    private static func escaped(_ value: String) -> String {
        var result = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let special = ",+\"\\<>;".unicodeScalars.contains(scalar)
                || (index == 0 && (scalar == "#" || scalar == " "))
                || (index == scalars.count - 1 && scalar == " ")
            if special { result.unicodeScalars.append("\\") }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// g_pattern_match_simple: iterative glob with backtracking to the last `*`.
    static func glob(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0, t = 0
        var star: Int?, resume = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
