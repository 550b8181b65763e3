/// How remote connections behave where libvirt takes its settings from the application rather than the URI
/// (libvirt has no keepalive URI parameters: virsh passes `-k`/`-K` to virConnectSetKeepAlive).
public struct RemoteOptions: Sendable, Hashable {
    /// Seconds of silence before a keepalive PING; 0 disables the client's PINGs (PONGs are always sent).
    public var keepaliveInterval: Int
    /// Unanswered PINGs after which the server is declared dead.
    public var keepaliveCount: Int
    /// Deadline for the socket connection.
    public var connectTimeout: Duration
    /// Deadline for each call's reply; nil relies on keepalive (a long save may legitimately take minutes).
    public var callTimeout: Duration?

    /// libvirt's defaults: interval 5 s, count 5.
    public init(
        keepaliveInterval: Int = 5, keepaliveCount: Int = 5, connectTimeout: Duration = .seconds(15),
        callTimeout: Duration? = nil
    ) {
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveCount = keepaliveCount
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
    }
}
