/// One line from QEMU, classified by its top-level key as QEMU's monitor does.
enum QMPMessage: Sendable, Hashable {
    /// `{"QMP": {"version": …, "capabilities": […]}}`, the first line on a connection.
    case greeting(QMPGreeting)
    /// `{"return": …, "id": …}`; the id is echoed verbatim (we send integers).
    case success(id: JSONValue?, value: JSONValue)
    /// `{"error": {"class": …, "desc": …}, "id": …}`
    case failure(id: JSONValue?, errorClass: String, desc: String)
    /// `{"event": …, "timestamp": {…}, "data": {…}}`
    case event(QMPEvent)
}

extension QMPMessage {
    /// Classifies one line (without its line ending).
    init(line: UnsafeRawBufferPointer) throws(QMPError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw .decoding(error.description, line: String(decoding: line, as: UTF8.self))
        }
        self = try QMPMessage(value)
    }

    init(_ value: JSONValue) throws(QMPError) {
        guard case .object(let members) = value else {
            throw .protocolViolation("a QMP message must be a JSON object", line: value.description)
        }
        if let greeting = members["QMP"] {
            self = .greeting(try QMPGreeting(greeting, line: value))
        } else if let returned = members["return"] {
            self = .success(id: members["id"], value: returned)
        } else if let error = members["error"] {
            guard let errorClass = error["class"]?.stringValue, let desc = error["desc"]?.stringValue else {
                throw .protocolViolation("an error reply needs 'class' and 'desc' strings", line: value.description)
            }
            self = .failure(id: members["id"], errorClass: errorClass, desc: desc)
        } else if let name = members["event"] {
            self = .event(try QMPEvent(name: name, members: members, line: value))
        } else {
            throw .protocolViolation("a message of no known kind", line: value.description)
        }
    }
}
