/// What QEMU announces when a client connects: its version and optional protocol capabilities.
public struct QMPGreeting: Sendable, Hashable {
    public let version: QMPVersion
    /// Capabilities QEMU offers (7.2 offers `oob`); this client enables none of them.
    public let capabilities: [String]

    public init(version: QMPVersion, capabilities: [String]) {
        self.version = version
        self.capabilities = capabilities
    }
}

extension QMPGreeting {
    init(_ value: JSONValue, line: JSONValue) throws(QMPError) {
        let fields = QMPFields(value, context: "greeting", line: line)
        version = try QMPVersion(try fields.value("version"), line: line)
        capabilities = try fields.array("capabilities").map { (capability) throws(QMPError) -> String in
            guard let name = capability.stringValue else {
                throw .decoding("greeting: a capability is not a string", line: line.description)
            }
            return name
        }
    }
}
