/// Reads the members of a reply object, turning a missing or mistyped member into
/// `QMPError.decoding` that names the command, the member, and the whole reply.
struct QMPFields {
    let members: [String: JSONValue]
    let context: String
    let line: JSONValue
    private let notAnObject: Bool

    init(_ value: JSONValue, context: String, line: JSONValue? = nil) {
        self.members = value.objectValue ?? [:]
        self.notAnObject = value.objectValue == nil
        self.context = context
        self.line = line ?? value
    }

    private func failure(_ reason: String) -> QMPError {
        .decoding("\(context): \(reason)", line: line.description)
    }

    private func member(_ key: String) throws(QMPError) -> JSONValue {
        guard !notAnObject else { throw failure("expected an object") }
        guard let value = members[key] else { throw failure("'\(key)' is missing") }
        return value
    }

    func value(_ key: String) throws(QMPError) -> JSONValue {
        try member(key)
    }

    func string(_ key: String) throws(QMPError) -> String {
        guard let value = try member(key).stringValue else { throw failure("'\(key)' is not a string") }
        return value
    }

    func optionalString(_ key: String) throws(QMPError) -> String? {
        guard members[key] != nil else { return nil }
        return try string(key)
    }

    func bool(_ key: String) throws(QMPError) -> Bool {
        guard let value = try member(key).boolValue else { throw failure("'\(key)' is not a boolean") }
        return value
    }

    func int64(_ key: String) throws(QMPError) -> Int64 {
        guard let value = try member(key).int64Value else { throw failure("'\(key)' is not an integer") }
        return value
    }

    func int(_ key: String) throws(QMPError) -> Int {
        guard let value = Int(exactly: try int64(key)) else { throw failure("'\(key)' is out of range") }
        return value
    }

    func optionalInt(_ key: String) throws(QMPError) -> Int? {
        guard members[key] != nil else { return nil }
        return try int(key)
    }

    func uint64(_ key: String) throws(QMPError) -> UInt64 {
        guard let value = try member(key).uint64Value else { throw failure("'\(key)' is not a non-negative integer") }
        return value
    }

    func optionalUInt64(_ key: String) throws(QMPError) -> UInt64? {
        guard members[key] != nil else { return nil }
        return try uint64(key)
    }

    func array(_ key: String) throws(QMPError) -> [JSONValue] {
        guard let value = try member(key).arrayValue else { throw failure("'\(key)' is not an array") }
        return value
    }

    func object(_ key: String) throws(QMPError) -> QMPFields {
        let value = try member(key)
        guard value.objectValue != nil else { throw failure("'\(key)' is not an object") }
        return QMPFields(value, context: "\(context).\(key)", line: line)
    }

    func optionalObject(_ key: String) throws(QMPError) -> QMPFields? {
        guard members[key] != nil else { return nil }
        return try object(key)
    }

    /// Each element of a reply that is an array of objects.
    static func elements(of value: JSONValue, context: String) throws(QMPError) -> [QMPFields] {
        guard let elements = value.arrayValue else {
            throw .decoding("\(context): expected an array", line: value.description)
        }
        var result: [QMPFields] = []
        for (index, element) in elements.enumerated() {
            guard element.objectValue != nil else {
                throw .decoding("\(context)[\(index)]: expected an object", line: value.description)
            }
            result.append(QMPFields(element, context: "\(context)[\(index)]", line: value))
        }
        return result
    }
}
