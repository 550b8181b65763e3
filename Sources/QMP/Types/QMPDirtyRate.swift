/// The last dirty-page-rate calculation (`query-dirty-rate`): its status ("unstarted", "measuring",
/// "measured"), when it started (seconds since the epoch) and how long it ran (seconds), its mode
/// ("page-sampling", "dirty-bitmap", "dirty-ring"; QEMU before 6.2 sends none), and once measured the rate
/// in MiB/s, per vCPU too in dirty-ring mode.
public struct QMPDirtyRate: Sendable, Hashable {
    public var status: String
    public var startTime: Int64
    public var calcTime: Int64
    public var mode: String?
    public var megabytesPerSecond: Int64?
    public var vcpuRates: [VcpuRate]

    public struct VcpuRate: Sendable, Hashable {
        public var id: Int
        public var megabytesPerSecond: UInt64

        public init(id: Int, megabytesPerSecond: UInt64) {
            self.id = id
            self.megabytesPerSecond = megabytesPerSecond
        }
    }

    init(_ reply: JSONValue) throws(QMPError) {
        let fields = QMPFields(reply, context: "query-dirty-rate")
        status = try fields.string("status")
        startTime = try fields.int64("start-time")
        calcTime = try fields.int64("calc-time")
        mode = try fields.optionalString("mode")
        megabytesPerSecond = fields.members["dirty-rate"]?.int64Value
        var rates: [VcpuRate] = []
        if fields.members["vcpu-dirty-rate"] != nil {
            for entry in try QMPFields.elements(of: try fields.value("vcpu-dirty-rate"), context: "query-dirty-rate vcpu-dirty-rate") {
                rates.append(VcpuRate(id: try entry.int("id"), megabytesPerSecond: try entry.uint64("dirty-rate")))
            }
        }
        vcpuRates = rates
    }
}
