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
    /// Keep the connection alive across daemon restarts and network drops (SwiftVirt's own; libvirt's
    /// clients go deaf instead). nil: a lost connection stays lost, as with libvirt.
    public var reconnect: ReconnectPolicy?

    /// libvirt's defaults: interval 5 s, count 5.
    public init(
        keepaliveInterval: Int = 5, keepaliveCount: Int = 5, connectTimeout: Duration = .seconds(15),
        callTimeout: Duration? = nil, reconnect: ReconnectPolicy? = nil
    ) {
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveCount = keepaliveCount
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.reconnect = reconnect
    }
}

/// How a connection that keeps itself alive tries again: after `initialDelay`, doubling up to `maximumDelay`,
/// for ever (until the connection is closed).
public struct ReconnectPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5)) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }
}
