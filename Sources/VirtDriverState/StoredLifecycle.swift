import VirtXML

/// What a running stored domain has: its live definition (and whatever its driver records beside it).
public protocol StoredRunning: Sendable {
    var definition: DomainDefinition { get }
}

/// Where a stored domain is in its life: defined and shut off, running without a definition (transient),
/// or defined and running. Never neither: such a domain does not exist, so no record can be made of it.
public enum StoredLifecycle<Running: StoredRunning>: Sendable {
    case shutOff(persistent: DomainDefinition)
    case transient(Running)
    case persistentRunning(Running, persistent: DomainDefinition)

    /// A running domain, persistent if it has a definition.
    public init(running: Running, persistent: DomainDefinition?) {
        self = persistent.map { .persistentRunning(running, persistent: $0) } ?? .transient(running)
    }

    /// nil when there is neither a definition nor a running instance (no domain).
    public init?(persistent: DomainDefinition?, running: Running?) {
        switch (persistent, running) {
        case (let persistent?, let running?): self = .persistentRunning(running, persistent: persistent)
        case (let persistent?, nil): self = .shutOff(persistent: persistent)
        case (nil, let running?): self = .transient(running)
        case (nil, nil): return nil
        }
    }

    public var persistent: DomainDefinition? {
        switch self {
        case .shutOff(let persistent), .persistentRunning(_, let persistent): persistent
        case .transient: nil
        }
    }

    public var running: Running? {
        switch self {
        case .transient(let running), .persistentRunning(let running, _): running
        case .shutOff: nil
        }
    }

    /// The live definition while running, the persistent one otherwise.
    public var current: DomainDefinition {
        switch self {
        case .shutOff(let persistent): persistent
        case .transient(let running), .persistentRunning(let running, _): running.definition
        }
    }
}
