import NIOCore

/// What the client writes into the channel; `QMPChannelHandler` turns it into bytes.
enum QMPOutbound: Sendable {
    case command(QMPRequest)
    /// Stop waiting for a command (timeout or cancellation) and fail its caller with `error`.
    case abandon(id: UInt64, error: QMPError)
}

/// One command and the promise its reply completes.
struct QMPRequest: Sendable {
    let id: UInt64
    let command: String
    let arguments: [String: JSONValue]?
    /// A descriptor to pass to QEMU with the command (SCM_RIGHTS), for `getfd`. The caller keeps
    /// ownership of it; QEMU receives a duplicate.
    let descriptor: CInt?
    let reply: EventLoopPromise<JSONValue>

    /// `{"execute":"<command>","arguments":{…},"id":<id>}` followed by CRLF, as QEMU expects.
    func encode(into buffer: inout ByteBuffer) {
        var text = "{\"execute\":"
        JSONValue.writeString(command, to: &text)
        if let arguments {
            text += ",\"arguments\":"
            JSONValue.object(arguments).write(to: &text)
        }
        text += ",\"id\":\(id)}\r\n"
        buffer.writeString(text)
    }
}
