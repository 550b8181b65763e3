#if canImport(Glibc)
    import Glibc
#endif
import NIOSSL

/// gnutls_x509_crt_check_hostname as libvirt's client uses it: an IP address must be one of the certificate's
/// IP subjectAltNames; a DNS name must match a dNSName subjectAltName (a leading `*.` covers one label), or the
/// subject's CN when the certificate has no dNSName at all. Case-insensitive.
enum TLSHostName {
    static func matches(_ certificate: NIOSSLCertificate, host: String) -> Bool {
        var dnsNames: [String] = []
        var addresses: [[UInt8]] = []
        for name in certificate._subjectAlternativeNames() {
            let bytes = name.contents.withUnsafeBufferPointer { Array($0) }
            switch name.nameType {
            case .dnsName: dnsNames.append(String(decoding: bytes, as: UTF8.self))
            case .ipAddress: addresses.append(bytes)
            default: break
            }
        }
        if let address = ipAddress(host) { return addresses.contains(address) }
        let wanted = host.lowercased()
        if dnsNames.isEmpty {
            return certificate.subjectName.last { $0.type == .commonName }.map { matchesPattern($0.value, wanted) } ?? false
        }
        return dnsNames.contains { matchesPattern($0, wanted) }
    }

    private static func matchesPattern(_ pattern: String, _ host: String) -> Bool {
        let pattern = pattern.lowercased()
        if pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") {
            return host[dot...] == pattern.dropFirst() && host[..<dot].count > 0
        }
        return pattern == host
    }

    /// The 4 or 16 bytes of a literal IPv4 or IPv6 address (brackets allowed), nil for a name.
    static func ipAddress(_ host: String) -> [UInt8]? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
