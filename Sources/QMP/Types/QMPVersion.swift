/// QEMU's version, from the greeting or `query-version`.
public struct QMPVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let micro: Int
    /// The distribution's package string, e.g. "Debian 1:7.2+dfsg-7+deb12u18+b3"; may be empty.
    public let package: String

    public init(major: Int, minor: Int, micro: Int, package: String = "") {
        self.major = major
        self.minor = minor
        self.micro = micro
        self.package = package
    }

    /// "7.2.22"
    public var description: String { "\(major).\(minor).\(micro)" }

    public static func < (lhs: QMPVersion, rhs: QMPVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.micro) < (rhs.major, rhs.minor, rhs.micro)
    }
}

extension QMPVersion {
    /// `{"qemu": {"major": 7, "minor": 2, "micro": 22}, "package": "…"}`
    init(_ value: JSONValue, line: JSONValue) throws(QMPError) {
        let fields = QMPFields(value, context: "version", line: line)
        let numbers = try fields.object("qemu")
        major = try numbers.int("major")
        minor = try numbers.int("minor")
        micro = try numbers.int("micro")
        package = try fields.optionalString("package") ?? ""
    }
}
