/// What can go wrong while encoding or decoding an XDR payload.
public enum XDRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The payload ended before the value did.
    case truncated
    /// The value was complete but this many bytes were left over.
    case trailingBytes(Int)
    /// A string, opaque or array longer than the protocol allows.
    case tooLong(what: String, count: Int, max: Int)
    /// A string that is not UTF-8.
    case invalidUTF8
    /// A union or enum discriminant this side does not know.
    case invalidDiscriminant(Int32)
    /// A Swift shape XDR has no form for (a bare `Int`, an optional outside a struct field...).
    case unsupported(String)
    /// A value a type's own decoding refused (for instance a raw value out of range).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .truncated: "XDR payload truncated"
        case .trailingBytes(let count): "XDR payload has \(count) trailing bytes"
        case .tooLong(let what, let count, let max): "XDR \(what) of \(count) exceeds the maximum \(max)"
        case .invalidUTF8: "XDR string is not valid UTF-8"
        case .invalidDiscriminant(let value): "XDR union discriminant \(value) is not known"
        case .unsupported(let what): "XDR cannot represent \(what)"
        case .invalidValue(let what): "XDR value refused: \(what)"
        }
    }
}

/// Limits of libvirt 9.0's protocol (`virnetprotocol.x` / `remote_protocol.x` constants).
public enum RPCLimits {
    /// Largest packet, not counting the 4-byte length word (`VIR_NET_MESSAGE_MAX`, 32 MiB).
    public static let maxPacket = 33_554_432
    /// The six header words.
    public static let headerSize = 24
    /// The length word.
    public static let lengthSize = 4
    /// Largest payload (`VIR_NET_MESSAGE_PAYLOAD_MAX`).
    public static let maxPayload = maxPacket - headerSize
    /// Longest string (`VIR_NET_MESSAGE_STRING_MAX`, `REMOTE_STRING_MAX`, 4 MiB).
    public static let maxString = 4_194_304
    /// Most file descriptors passed with one message.
    public static let maxFDs = 32
}
