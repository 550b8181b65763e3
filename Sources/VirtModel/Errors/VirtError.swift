/// The one error SwiftVirt throws. It carries libvirt's numeric code and domain, so the C API, virsh and
/// the wire protocol can report exactly what libvirt would, and a message a person can act on.
///
/// `message` is composed the way libvirt composes it: the code's wording around the detail
/// ("Domain not found: no domain with matching name 'x'"), or the wording alone when there is no detail.
public struct VirtError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious it is (`virErrorLevel`).
    public enum Level: Int32, Sendable {
        case none = 0
        case warning = 1
        case error = 2
    }

    public var code: ErrorCode
    public var domain: ErrorDomain
    public var level: Level
    /// The full message, as libvirt's `virError.message`.
    public var message: String
    /// The specific part of the message, without the code's wording; nil when there was none.
    public var detail: String?
    /// libvirt's extra fields (`str1`..`str3`, `int1`, `int2` of `virError`), kept for the C API.
    public var str1: String?
    public var str2: String?
    public var str3: String?
    public var int1: Int32 = -1
    public var int2: Int32 = -1

    /// Composes the message from the code's wording and `detail`, as libvirt does.
    public init(_ code: ErrorCode, _ domain: ErrorDomain, _ detail: String? = nil, level: Level = .error) {
        self.code = code
        self.domain = domain
        self.level = level
        self.detail = detail
        self.message = code.message(detail: detail)
        self.str1 = detail == nil ? code.summary : code.template
        self.str2 = detail
    }

    /// Rebuilds an error that already has its final message (for instance one read from the wire).
    public init(code: ErrorCode, domain: ErrorDomain, message: String, level: Level = .error) {
        self.code = code
        self.domain = domain
        self.level = level
        self.detail = nil
        self.message = message
    }

    public var description: String { message }
}

extension VirtError {
    /// VIR_ERR_INVALID_ARG about one argument of a public function, worded as libvirt's argument checks
    /// word it: the message is `problem` alone ("maplen in virDomainPinVcpu must be greater than zero"),
    /// str1 the function, str2 the argument, int1 and int2 zero.
    public static func invalidArgument(
        _ argument: String, of function: String, _ problem: String, domain: ErrorDomain = .domain
    ) -> VirtError {
        var error = VirtError(code: .invalidArg, domain: domain, message: problem)
        error.str1 = function
        error.str2 = argument
        error.int1 = 0
        error.int2 = 0
        return error
    }

    /// A failed system call: "detail: strerror(errno)" with VIR_ERR_SYSTEM_ERROR, as libvirt reports them.
    public static func system(_ errnoValue: Int32, _ detail: String, domain: ErrorDomain) -> VirtError {
        var error = VirtError(code: .systemError, domain: domain, message: "\(detail): \(SystemErrorText.describe(errnoValue))")
        error.str1 = "%s"
        error.str2 = error.message
        error.int1 = errnoValue
        return error
    }

    /// VIR_ERR_NO_SUPPORT: the driver does not implement the call. `function` is the libvirt API name.
    public static func unsupported(_ function: String, domain: ErrorDomain = .none) -> VirtError {
        VirtError(.noSupport, domain, function)
    }

    /// VIR_ERR_INTERNAL_ERROR with a detail.
    public static func internalError(_ detail: String, domain: ErrorDomain) -> VirtError {
        VirtError(.internalError, domain, detail)
    }
}
