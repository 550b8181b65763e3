/// Where a vCPU sits in the machine's topology (QAPI `CpuInstanceProperties`). Members the
/// machine does not use are `nil`. `device_add` of a CPU takes these back as its properties.
public struct QMPCPUProperties: Sendable, Hashable {
    public var nodeID: Int?
    public var socketID: Int?
    public var dieID: Int?
    public var clusterID: Int?
    public var coreID: Int?
    public var threadID: Int?

    public init(
        nodeID: Int? = nil,
        socketID: Int? = nil,
        dieID: Int? = nil,
        clusterID: Int? = nil,
        coreID: Int? = nil,
        threadID: Int? = nil
    ) {
        self.nodeID = nodeID
        self.socketID = socketID
        self.dieID = dieID
        self.clusterID = clusterID
        self.coreID = coreID
        self.threadID = threadID
    }

    private static var keys: [(String, WritableKeyPath<QMPCPUProperties, Int?>)] {
        [
            ("node-id", \.nodeID), ("socket-id", \.socketID), ("die-id", \.dieID),
            ("cluster-id", \.clusterID), ("core-id", \.coreID), ("thread-id", \.threadID),
        ]
    }

    /// The properties as QMP arguments (`"socket-id": 0, "core-id": 1, …`).
    public var arguments: [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, path) in Self.keys {
            if let value = self[keyPath: path] { result[key] = .int(Int64(value)) }
        }
        return result
    }

    init(_ fields: QMPFields) throws(QMPError) {
        self.init()
        for (key, path) in Self.keys {
            self[keyPath: path] = try fields.optionalInt(key)
        }
    }
}

/// One vCPU thread, from `query-cpus-fast`.
public struct QMPCPUInfo: Sendable, Hashable {
    /// The vCPU's index (libvirt's vCPU number for a machine without holes).
    public let cpuIndex: Int
    /// The host thread running this vCPU (for affinity and /proc statistics).
    public let threadID: Int
    public let qomPath: String
    /// The target architecture, e.g. "x86_64".
    public let target: String
    public let properties: QMPCPUProperties

    public init(cpuIndex: Int, threadID: Int, qomPath: String, target: String, properties: QMPCPUProperties) {
        self.cpuIndex = cpuIndex
        self.threadID = threadID
        self.qomPath = qomPath
        self.target = target
        self.properties = properties
    }
}

extension QMPCPUInfo {
    init(_ fields: QMPFields) throws(QMPError) {
        cpuIndex = try fields.int("cpu-index")
        threadID = try fields.int("thread-id")
        qomPath = try fields.string("qom-path")
        target = try fields.string("target")
        properties =
            try fields.optionalObject("props").map { (props) throws(QMPError) in try QMPCPUProperties(props) }
            ?? QMPCPUProperties()
    }
}

/// A CPU slot the machine can hotplug into, from `query-hotpluggable-cpus`.
public struct QMPHotpluggableCPU: Sendable, Hashable {
    /// The device type to `device_add`, e.g. "qemu64-x86_64-cpu".
    public let type: String
    public let vcpusCount: Int
    public let properties: QMPCPUProperties
    /// The plugged CPU's QOM path; `nil` while the slot is empty.
    public let qomPath: String?

    public var isPlugged: Bool { qomPath != nil }

    public init(type: String, vcpusCount: Int, properties: QMPCPUProperties, qomPath: String?) {
        self.type = type
        self.vcpusCount = vcpusCount
        self.properties = properties
        self.qomPath = qomPath
    }
}

extension QMPHotpluggableCPU {
    init(_ fields: QMPFields) throws(QMPError) {
        type = try fields.string("type")
        vcpusCount = try fields.int("vcpus-count")
        properties = try QMPCPUProperties(try fields.object("props"))
        qomPath = try fields.optionalString("qom-path")
    }
}
