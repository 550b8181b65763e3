import QMP
import VirtDriver

/// The driver's monitor interface over the QMP client: one session on a domain's socket, QEMU's failures
/// mapped to VirtError once, here.
struct QMPMonitor: QEMUMonitor {
    let client: QMPClient
    let socketPath: String

    /// How long connecting may take. QEMU serves one monitor client at a time, so this is also how long we
    /// wait for another process's session on the same domain to end.
    static let connectTimeout: Duration = .seconds(10)

    static func open(_ socketPath: String) async throws(VirtError) -> any QEMUMonitor {
        do {
            return QMPMonitor(client: try await QMPClient.connect(socketPath: socketPath, timeout: connectTimeout),
                              socketPath: socketPath)
        } catch {
            throw map(error, doing: "connect to the monitor at '\(socketPath)'")
        }
    }

    static let monitorClosed = "QEMU closed its monitor"

    /// libvirt's wording: "unable to execute QEMU command 'X': <QEMU's description>" (VIR_ERR_OPERATION_FAILED).
    static func map(_ error: QMPError, doing what: String) -> VirtError {
        switch error {
        case .commandFailed(let command, _, let desc):
            VirtError(.operationFailed, .qemu, "unable to execute QEMU command '\(command)': \(desc)")
        case .closed:
            VirtError(.operationFailed, .qemu, "\(monitorClosed) during '\(what)' (the QEMU process ended?)")
        case .timeout(let detail):
            VirtError(.operationTimeout, .qemu, "cannot \(what): \(detail)")
        case .cancelled:
            VirtError(.operationAborted, .qemu, "\(what) was cancelled")
        case .transport, .protocolViolation, .decoding:
            VirtError(.internalError, .qemu, "cannot \(what): \(error)")
        }
    }

    private func run<R>(_ what: String, _ body: () async throws(QMPError) -> R) async throws(VirtError) -> R {
        do {
            return try await body()
        } catch {
            throw Self.map(error, doing: what)
        }
    }

    func stop() async throws(VirtError) { try await run("stop") { () async throws(QMPError) in try await client.stop() } }
    func cont() async throws(VirtError) { try await run("cont") { () async throws(QMPError) in try await client.cont() } }
    func systemPowerdown() async throws(VirtError) {
        try await run("system_powerdown") { () async throws(QMPError) in try await client.systemPowerdown() }
    }
    func systemReset() async throws(VirtError) {
        try await run("system_reset") { () async throws(QMPError) in try await client.systemReset() }
    }
    func quit() async throws(VirtError) { try await run("quit") { () async throws(QMPError) in try await client.quit() } }

    func runState() async throws(VirtError) -> QMPRunState {
        try await run("query-status") { () async throws(QMPError) in try await client.queryStatus().status }
    }

    func vcpus() async throws(VirtError) -> [QEMUVcpu] {
        try await run("query-cpus-fast") { () async throws(QMPError) in
            try await client.queryCPUsFast().map {
                QEMUVcpu(index: $0.cpuIndex, threadID: Int32(truncatingIfNeeded: $0.threadID), qomPath: $0.qomPath)
            }
        }
    }

    func hotpluggableCPUs() async throws(VirtError) -> [QEMUHotpluggableCPU] {
        try await run("query-hotpluggable-cpus") { () async throws(QMPError) in
            try await client.queryHotpluggableCPUs().map { slot in
                QEMUHotpluggableCPU(
                    type: slot.type,
                    properties: slot.properties.arguments.compactMapValues { $0.int64Value.map { Int($0) } },
                    qomPath: slot.qomPath)
            }
            .sorted { ($0.properties["socket-id"] ?? 0, $0.properties["core-id"] ?? 0, $0.properties["thread-id"] ?? 0)
                < ($1.properties["socket-id"] ?? 0, $1.properties["core-id"] ?? 0, $1.properties["thread-id"] ?? 0) }
        }
    }

    func deviceAdd(driver: String, id: String, properties: [String: Int]) async throws(VirtError) {
        try await run("device_add") { () async throws(QMPError) in
            try await client.deviceAdd(driver: driver, id: id, properties: properties.mapValues { .int(Int64($0)) })
        }
    }

    func deviceDelete(id: String) async throws(VirtError) {
        try await run("device_del") { () async throws(QMPError) in try await client.deviceDel(id: id) }
    }

    func setBalloon(bytes: UInt64) async throws(VirtError) {
        try await run("balloon") { () async throws(QMPError) in try await client.balloon(bytes: bytes) }
    }

    func balloonBytes() async throws(VirtError) -> UInt64 {
        try await run("query-balloon") { () async throws(QMPError) in try await client.queryBalloon() }
    }

    func blockStats() async throws(VirtError) -> [QMPBlockStats] {
        try await run("query-blockstats") { () async throws(QMPError) in try await client.queryBlockstats() }
    }

    func dirtyRate() async throws(VirtError) -> QMPDirtyRate {
        try await run("query-dirty-rate") { () async throws(QMPError) in try await client.queryDirtyRate() }
    }

    func ioThreads() async throws(VirtError) -> [QMPIOThread] {
        try await run("query-iothreads") { () async throws(QMPError) in try await client.queryIOThreads() }
    }

    func vcpuStatistics(provider: String, names: [String]) async throws(VirtError) -> [[String: JSONValue]] {
        try await run("query-stats") { () async throws(QMPError) in
            try await client.queryVcpuStatistics(provider: provider, names: names)
        }
    }

    func statistics(target: String, provider: String) async throws(VirtError) -> [(qomPath: String?, values: [(statistic: QMPStatistic, type: String?)])] {
        try await run("query-stats") { () async throws(QMPError) in
            let entries = try await client.queryStatistics(target: target, provider: provider)
            // The schema only when there is something to describe (a TCG machine has nothing).
            guard !entries.isEmpty else { return [] }
            let types = try await client.queryStatisticTypes(provider: provider, target: target)
            return entries.map { entry in (entry.qomPath, entry.statistics.map { ($0, types[$0.name]) }) }
        }
    }

    func balloonGuestStats() async throws(VirtError) -> QMPBalloonGuestStats {
        try await run("qom-get") { () async throws(QMPError) in
            try await client.balloonGuestStats(path: Self.balloonPath)
        }
    }

    func setBalloonStatsPeriod(_ seconds: Int32) async throws(VirtError) {
        try await run("qom-set") { () async throws(QMPError) in
            try await client.setBalloonStatsPollingInterval(path: Self.balloonPath, seconds: seconds)
        }
    }

    /// The balloon device, as the command line names it (`id=balloon0`).
    static let balloonPath = "/machine/peripheral/balloon0"

    /// Saving to a file is not a network migration: lift QEMU's default 128 MiB/s cap, as libvirt does.
    static let unlimitedBandwidth: Int64 = 1 << 40

    func migrate(toDescriptor descriptor: Int32) async throws(VirtError) {
        try await run("migrate") { () async throws(QMPError) in
            try await client.migrateSetParameters(["max-bandwidth": .int(Self.unlimitedBandwidth)])
            try await client.getfd(name: "migrate", descriptor: descriptor)
            try await client.migrate(uri: "fd:migrate")
        }
    }

    func migrateCancel() async throws(VirtError) {
        try await run("migrate_cancel") { () async throws(QMPError) in try await client.migrateCancel() }
    }

    func migrateIncoming(fromDescriptor descriptor: Int32) async throws(VirtError) {
        try await run("migrate-incoming") { () async throws(QMPError) in
            try await client.getfd(name: "incoming", descriptor: descriptor)
            try await client.migrateIncoming(uri: "fd:incoming")
        }
    }

    func migrationStatus() async throws(VirtError) -> (status: QMPMigrationStatus, error: String?) {
        try await run("query-migrate") { () async throws(QMPError) in
            let info = try await client.queryMigrate()
            return (info.status, info.errorDescription)
        }
    }

    func setShutdownAction(_ action: String) async throws(VirtError) {
        try await run("set-action") { () async throws(QMPError) in
            _ = try await client.execute("set-action", arguments: ["shutdown": .string(action)])
        }
    }

    func dumpGuestMemory(toFile path: String) async throws(VirtError) {
        try await run("dump-guest-memory") { () async throws(QMPError) in try await client.dumpGuestMemory(toFile: path) }
    }

    func chardevs() async throws(VirtError) -> [String: String] {
        try await run("query-chardev") { () async throws(QMPError) in
            let reply = try await client.execute("query-chardev")
            var result: [String: String] = [:]
            for entry in reply.arrayValue ?? [] {
                if let label = entry["label"]?.stringValue, let filename = entry["filename"]?.stringValue {
                    result[label] = filename
                }
            }
            return result
        }
    }

    func close() async {
        await client.close()
    }
}
