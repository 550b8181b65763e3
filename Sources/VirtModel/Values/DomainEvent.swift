/// Which kind of domain event (`virDomainEventID`); raw values are libvirt's. A struct, so an id a newer
/// peer sends survives.
public struct DomainEventID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let lifecycle = DomainEventID(rawValue: 0)
    public static let reboot = DomainEventID(rawValue: 1)
    public static let balloonChange = DomainEventID(rawValue: 13)
    public static let controlError = DomainEventID(rawValue: 7)
    /// SwiftVirt's own, never on the wire: a connection that reconnected reports each domain's current state.
    public static let resynchronized = DomainEventID(rawValue: -1)

    /// The ids libvirt 9.0 defines, with the names `virsh event --list` prints, in order.
    public static let names: [String] = [
        "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics", "io-error-reason",
        "control-error", "block-job", "disk-change", "tray-change", "pm-wakeup", "pm-suspend", "balloon-change",
        "pm-suspend-disk", "device-removed", "block-job-2", "tunable", "agent-lifecycle", "device-added",
        "migration-iteration", "job-completed", "device-removal-failed", "metadata-change", "block-threshold",
        "memory-failure", "memory-device-size-change",
    ]

    /// Every id libvirt 9.0 defines (VIR_DOMAIN_EVENT_ID_LAST is 27).
    public static let all: [DomainEventID] = (0..<Int32(names.count)).map(DomainEventID.init(rawValue:))

    public var name: String? {
        if self == .resynchronized { return "resynchronized" }
        return rawValue >= 0 && Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : nil
    }

    public var description: String { name ?? "\(rawValue)" }
}

/// What happened to a domain's life (`virDomainEventType`), with libvirt's numbers.
public struct DomainLifecycleEventType: RawRepresentable, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let defined = Self(rawValue: 0)
    public static let undefined = Self(rawValue: 1)
    public static let started = Self(rawValue: 2)
    public static let suspended = Self(rawValue: 3)
    public static let resumed = Self(rawValue: 4)
    public static let stopped = Self(rawValue: 5)
    public static let shutdown = Self(rawValue: 6)
    public static let pmSuspended = Self(rawValue: 7)
    public static let crashed = Self(rawValue: 8)
}

/// A lifecycle event: its type and libvirt's detail code for that type (`virDomainEvent*DetailType`).
public struct DomainLifecycleEvent: Sendable, Hashable {
    public var type: DomainLifecycleEventType
    public var detail: Int32

    public init(_ type: DomainLifecycleEventType, detail: Int32) {
        self.type = type
        self.detail = detail
    }

    public static let definedAdded = Self(.defined, detail: 0)
    public static let definedUpdated = Self(.defined, detail: 1)
    public static let undefinedRemoved = Self(.undefined, detail: 0)
    public static let startedBooted = Self(.started, detail: 0)
    public static let startedRestored = Self(.started, detail: 2)
    public static let suspendedPaused = Self(.suspended, detail: 0)
    public static let resumedUnpaused = Self(.resumed, detail: 0)
    /// A restored guest running again: virsh prints "Resumed Snapshot".
    public static let resumedFromSnapshot = Self(.resumed, detail: 2)
    public static let stoppedShutdown = Self(.stopped, detail: 0)
    public static let stoppedDestroyed = Self(.stopped, detail: 1)
    public static let stoppedCrashed = Self(.stopped, detail: 2)
    public static let stoppedSaved = Self(.stopped, detail: 4)
    public static let stoppedFailed = Self(.stopped, detail: 5)
    public static let shutdownFinished = Self(.shutdown, detail: 0)
    /// The guest powered off by itself (or on the ACPI button): "Shutdown Finished after guest request".
    public static let shutdownGuest = Self(.shutdown, detail: 1)
    /// The host asked QEMU to power off: "Shutdown Finished after host request".
    public static let shutdownHost = Self(.shutdown, detail: 2)
    public static let crashedPanicked = Self(.crashed, detail: 0)
    public static let suspendedIOError = Self(.suspended, detail: 2)
}

/// One domain event, as every driver reports it and the daemon forwards it.
public struct DomainEvent: Sendable, Hashable {
    public enum Body: Sendable, Hashable {
        case lifecycle(DomainLifecycleEvent)
        case reboot
        /// The balloon's new size in KiB.
        case balloonChange(UInt64)
        case controlError
        /// After a reconnect: the domain's state now (nil when it no longer exists). Events missed while the
        /// connection was down are not replayed; this says where things stand.
        case resynchronized(DomainStateInfo?)
    }

    /// The domain as it is after the event (id -1 once it stopped).
    public var domain: DomainRef
    public var body: Body

    public init(_ domain: DomainRef, _ body: Body) {
        self.domain = domain
        self.body = body
    }

    public var id: DomainEventID {
        switch body {
        case .lifecycle: .lifecycle
        case .reboot: .reboot
        case .balloonChange: .balloonChange
        case .controlError: .controlError
        case .resynchronized: .resynchronized
        }
    }
}
