/// A bit map of host CPUs, as libvirt passes it to `virDomainPinVcpu` and fills it in `virDomainGetVcpus`:
/// bytes in order CPU 0-7, 8-15, ...; within a byte the lowest CPU is the least significant bit.
///
/// The seed's macros map onto it: `VIR_CPU_MAPLEN` is ``byteCount(forCPUs:)``, `VIR_USE_CPU` ``use(_:)``,
/// `VIR_UNUSE_CPU` ``unuse(_:)``, `VIR_CPU_USABLE` ``isUsable(_:)``, and `VIR_GET_CPUMAP` / `VIR_COPY_CPUMAP`
/// are ``maps(in:mapLength:)`` (one map per vCPU out of a packed array).
public struct CPUMap: Sendable, Hashable {
    /// The raw map; its count is the map length in bytes.
    public var bytes: [UInt8]

    /// An empty map (no CPU usable) of `length` bytes.
    public init(length: Int) {
        bytes = Array(repeating: 0, count: max(0, length))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A map just long enough for `cpuCount` CPUs, with the CPUs in `usable` set.
    public init<S: Sequence>(cpuCount: Int, usable: S) where S.Element == Int {
        self.init(length: Self.byteCount(forCPUs: cpuCount))
        for cpu in usable where cpu >= 0 && cpu < cpuCount { use(cpu) }
    }

    /// A map for `cpuCount` CPUs with every one of them usable.
    public static func all(cpuCount: Int) -> CPUMap {
        CPUMap(cpuCount: cpuCount, usable: 0..<max(0, cpuCount))
    }

    /// Bytes needed for `cpuCount` CPUs (`VIR_CPU_MAPLEN`).
    public static func byteCount(forCPUs cpuCount: Int) -> Int {
        (cpuCount + 7) / 8
    }

    public var length: Int { bytes.count }

    /// How many CPUs the map can describe.
    public var capacity: Int { bytes.count * 8 }

    /// Marks `cpu` usable (`VIR_USE_CPU`). Grows the map if needed.
    public mutating func use(_ cpu: Int) {
        precondition(cpu >= 0, "CPU numbers are not negative")
        if cpu >= capacity { bytes.append(contentsOf: repeatElement(0, count: cpu / 8 + 1 - bytes.count)) }
        bytes[cpu / 8] |= 1 << UInt8(cpu % 8)
    }

    /// Marks `cpu` not usable (`VIR_UNUSE_CPU`).
    public mutating func unuse(_ cpu: Int) {
        guard cpu >= 0, cpu < capacity else { return }
        bytes[cpu / 8] &= ~(1 << UInt8(cpu % 8))
    }

    /// Whether `cpu` is usable (`VIR_CPU_USABLE`). CPUs beyond the map are not.
    public func isUsable(_ cpu: Int) -> Bool {
        guard cpu >= 0, cpu < capacity else { return false }
        return bytes[cpu / 8] & (1 << UInt8(cpu % 8)) != 0
    }

    /// The usable CPUs, lowest first.
    public var usableCPUs: [Int] {
        (0..<capacity).filter(isUsable)
    }

    /// The highest usable CPU, or nil if none is.
    public var lastUsable: Int? {
        (0..<capacity).last(where: isUsable)
    }

    public var isEmpty: Bool { bytes.allSatisfy { $0 == 0 } }

    /// The same map cut or zero-padded to `length` bytes.
    public func resized(to length: Int) -> CPUMap {
        if length <= bytes.count { return CPUMap(bytes: Array(bytes.prefix(max(0, length)))) }
        return CPUMap(bytes: bytes + Array(repeating: 0, count: length - bytes.count))
    }

    /// Splits a packed array of maps (`maplen` bytes per vCPU, as `virDomainGetVcpus` fills it) into maps
    /// (`VIR_GET_CPUMAP` / `VIR_COPY_CPUMAP` for every vCPU).
    public static func maps(in packed: [UInt8], mapLength: Int) -> [CPUMap] {
        guard mapLength > 0 else { return [] }
        return stride(from: 0, to: packed.count - mapLength + 1, by: mapLength).map {
            CPUMap(bytes: Array(packed[$0..<$0 + mapLength]))
        }
    }

    /// Packs maps into one array of `mapLength` bytes each, cutting or padding every map.
    public static func pack(_ maps: [CPUMap], mapLength: Int) -> [UInt8] {
        maps.flatMap { $0.resized(to: mapLength).bytes }
    }
}
