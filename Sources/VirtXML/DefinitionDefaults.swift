/// What a driver fills in when the XML leaves it out (libvirt's post-parse stage), and what it accepts.
/// The test driver, QEMU and Xen each supply their own.
public struct DefinitionDefaults: Sendable {
    /// The architecture for `<os><type>` without `arch`, e.g. "i686" for libvirt's test driver.
    public var arch: String?
    /// The machine type for `<os><type>` without `machine` (e.g. "pc"), if the driver has one.
    public var machine: String?
    /// The emulator path for `<devices>` without `<emulator>`, if any.
    public var emulator: String?
    /// The domain types the driver accepts (`<domain type=...>`); empty accepts any.
    public var domainTypes: Set<String>

    public init(arch: String? = nil, machine: String? = nil, emulator: String? = nil, domainTypes: Set<String> = []) {
        self.arch = arch
        self.machine = machine
        self.emulator = emulator
        self.domainTypes = domainTypes
    }
}

/// Which form of the definition to write.
public struct DefinitionFormat: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Leave out run-time parts (the id) as `virsh dumpxml --inactive` does.
    public static let inactive = DefinitionFormat(rawValue: 1)
    /// Include secrets (passwords) as `--security-info` does.
    public static let secure = DefinitionFormat(rawValue: 2)
}
