public import VirtModel

/// `remote_error` (`virNetMessageError`): the whole payload of a REPLY (or STREAM) with status ERROR.
/// libvirtd fills `code`, `domain`, `message`, `level`, `str1`/`str2` and sets `int1`/`int2` to -1;
/// `dom` and `net` are always absent.
public struct RemoteError: Codable, Sendable, Hashable, Error {
    public var code: Int32
    public var domain: Int32
    public var message: String?
    public var level: Int32
    public var dom: RemoteNonnullDomain?
    public var str1: String?
    public var str2: String?
    public var str3: String?
    public var int1: Int32
    public var int2: Int32
    public var net: RemoteNonnullNetwork?

    public init(
        code: Int32, domain: Int32, message: String?, level: Int32 = 2, dom: RemoteNonnullDomain? = nil,
        str1: String? = nil, str2: String? = nil, str3: String? = nil, int1: Int32 = -1, int2: Int32 = -1,
        net: RemoteNonnullNetwork? = nil
    ) {
        self.code = code
        self.domain = domain
        self.message = message
        self.level = level
        self.dom = dom
        self.str1 = str1
        self.str2 = str2
        self.str3 = str3
        self.int1 = int1
        self.int2 = int2
        self.net = net
    }

    /// The wire form of a SwiftVirt error.
    public init(_ error: VirtError) {
        self.init(
            code: error.code.rawValue, domain: error.domain.rawValue, message: error.message,
            level: error.level.rawValue, str1: error.str1, str2: error.str2, str3: error.str3,
            int1: error.int1, int2: error.int2)
    }

    /// The error as SwiftVirt's. Unknown code and domain numbers are kept (both types are open);
    /// an unknown level becomes `.error`, an absent message "".
    public var virError: VirtError {
        var error = VirtError(
            code: ErrorCode(rawValue: code), domain: ErrorDomain(rawValue: domain), message: message ?? "",
            level: VirtError.Level(rawValue: level) ?? .error)
        error.str1 = str1
        error.str2 = str2
        error.str3 = str3
        error.int1 = int1
        error.int2 = int2
        return error
    }
}
