/// `virDomainDestroyFlagsValues`.
public struct DomainDestroyFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Ask the process to stop (SIGTERM) without forcing it.
    public static let graceful = DomainDestroyFlags(rawValue: 1 << 0)
    /// Remove the domain's logs as well.
    public static let removeLogs = DomainDestroyFlags(rawValue: 1 << 1)
}

/// `virDomainSaveRestoreFlags`, shared by save and restore.
public struct DomainSaveRestoreFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let bypassCache = DomainSaveRestoreFlags(rawValue: 1 << 0)
    /// Restore the domain running, whatever the image says.
    public static let running = DomainSaveRestoreFlags(rawValue: 1 << 1)
    /// Restore the domain paused, whatever the image says.
    public static let paused = DomainSaveRestoreFlags(rawValue: 1 << 2)
    public static let resetNVRAM = DomainSaveRestoreFlags(rawValue: 1 << 3)
}

/// `virDomainMessageType`: which kinds of messages `virDomainGetMessages` returns; empty means all.
public struct DomainMessageFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let deprecation = DomainMessageFlags(rawValue: 1 << 0)
    public static let tainting = DomainMessageFlags(rawValue: 1 << 1)
}

extension DomainCreateFlags {
    /// Re-initialize NVRAM from its template (`VIR_DOMAIN_START_RESET_NVRAM`).
    public static let resetNVRAM = DomainCreateFlags(rawValue: 1 << 5)
}

extension DomainUndefineFlags {
    /// Also remove the TPM state (`VIR_DOMAIN_UNDEFINE_TPM`).
    public static let tpm = DomainUndefineFlags(rawValue: 1 << 5)
    /// Keep the TPM state (`VIR_DOMAIN_UNDEFINE_KEEP_TPM`).
    public static let keepTPM = DomainUndefineFlags(rawValue: 1 << 6)
}

extension DomainModificationFlags {
    /// Change the vCPU state inside the guest, through its agent (`VIR_DOMAIN_VCPU_GUEST`).
    public static let guest = DomainModificationFlags(rawValue: 1 << 3)
    /// Make added vCPUs hot(un)pluggable (`VIR_DOMAIN_VCPU_HOTPLUGGABLE`).
    public static let hotpluggable = DomainModificationFlags(rawValue: 1 << 4)
}

/// How `virDomainOpenConsole` connects to a console.
public struct DomainConsoleFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Take the console over from a session that holds it.
    public static let force = DomainConsoleFlags(rawValue: 1 << 0)
    /// Connect only if the driver keeps sessions apart (SwiftVirt's drivers always do).
    public static let safe = DomainConsoleFlags(rawValue: 1 << 1)
}
