/// A version as libvirt encodes it: major * 1,000,000 + minor * 1,000 + release.
public struct VersionNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: UInt64
    public var minor: UInt64
    public var release: UInt64

    public init(major: UInt64, minor: UInt64, release: UInt64) {
        self.major = major
        self.minor = minor
        self.release = release
    }

    public init(encoded: UInt64) {
        major = encoded / 1_000_000
        minor = encoded / 1_000 % 1_000
        release = encoded % 1_000
    }

    /// Parses "7.2.0" or "4.17" (missing parts are 0, trailing text after the numbers is ignored).
    public init?(parsing text: String) {
        let numbers = text.split(separator: ".").prefix(3).map { part in
            UInt64(part.prefix(while: { $0.isASCII && $0.isNumber }))
        }
        guard let first = numbers.first, let major = first else { return nil }
        self.major = major
        self.minor = numbers.count > 1 ? numbers[1] ?? 0 : 0
        self.release = numbers.count > 2 ? numbers[2] ?? 0 : 0
    }

    public var encoded: UInt64 { major * 1_000_000 + minor * 1_000 + release }

    public var description: String { "\(major).\(minor).\(release)" }

    public static func < (a: VersionNumber, b: VersionNumber) -> Bool { a.encoded < b.encoded }
}

/// The library's own version facts.
public enum LibraryVersion {
    /// The libvirt API level SwiftVirt implements and reports (`LIBVIR_VERSION_NUMBER`): clients that check
    /// the version see the libvirt whose behaviour SwiftVirt matches.
    public static let api = VersionNumber(major: 9, minor: 0, release: 0)
}
