#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// MAC and IP address checks for vif specifications, as libvirt applies them.
extension XenConfig {
    /// Six octets of one or two hex digits separated by ':' (`virMacAddrParse`).
    static func isMAC(_ text: String) -> Bool {
        let octets = text.split(separator: ":", omittingEmptySubsequences: false)
        return octets.count == 6
            && octets.allSatisfy { $0.count >= 1 && $0.count <= 2 && $0.allSatisfy(\.isHexDigit) }
    }

    /// An IPv4 or IPv6 address in its canonical text and libvirt's family name ("ipv4", "ipv6").
    static func canonicalIP(_ text: String) -> (address: String, family: String)? {
        for (family, name, length) in [(AF_INET, "ipv4", 16), (AF_INET6, "ipv6", 16)] {
            var binary = [UInt8](repeating: 0, count: length)
            guard inet_pton(family, text, &binary) == 1 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(family, binary, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return (String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), name)
        }
        return nil
    }
}
