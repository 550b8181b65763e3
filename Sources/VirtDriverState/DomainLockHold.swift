/// Proof that the caller holds one domain's lock (``DomainLock``): only the lock makes one, for the body it
/// runs while holding it. A function that may be called holding the lock or not takes `DomainLockHold?` and
/// asks ``covers(_:)`` about the domain at hand, so holding one domain's lock is never taken for holding
/// another's (a name now used by another UUID, a half-built domain of an earlier UUID).
public struct DomainLockHold: Sendable {
    /// The UUID of the domain whose lock is held, lowercased.
    public let uuid: String

    init(uuid: String) {
        self.uuid = uuid.lowercased()
    }

    public func covers(_ uuid: String) -> Bool { self.uuid == uuid.lowercased() }
}
