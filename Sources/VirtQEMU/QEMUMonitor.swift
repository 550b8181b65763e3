import QMP
import VirtDriver

/// The QMP commands the driver uses, as one small interface: the real one talks to QEMU over the domain's
/// monitor socket (`QMPMonitor`), tests can script a fake. Every call maps QEMU's failures to VirtError with
/// QEMU's own message.
protocol QEMUMonitor: Sendable {
    func stop() async throws(VirtError)
    func cont() async throws(VirtError)
    func systemPowerdown() async throws(VirtError)
    func systemReset() async throws(VirtError)
    func quit() async throws(VirtError)
    /// QEMU's run state (running, paused, shutdown, inmigrate, postmigrate, prelaunch, ...).
    func runState() async throws(VirtError) -> QMPRunState
    /// vCPUs with their host threads.
    func vcpus() async throws(VirtError) -> [QEMUVcpu]
    /// CPU slots that can be plugged, with the properties device_add needs.
    func hotpluggableCPUs() async throws(VirtError) -> [QEMUHotpluggableCPU]
    func deviceAdd(driver: String, id: String, properties: [String: Int]) async throws(VirtError)
    func deviceDelete(id: String) async throws(VirtError)
    /// Sets the balloon target, in bytes.
    func setBalloon(bytes: UInt64) async throws(VirtError)
    /// The guest's memory as the balloon reports it, in bytes.
    func balloonBytes() async throws(VirtError) -> UInt64
    /// Migrates the machine's state into `descriptor` (an open file), passed to QEMU over the socket.
    func migrate(toDescriptor descriptor: Int32) async throws(VirtError)
    /// Reads an incoming migration from `descriptor` (positioned at the stream's start).
    func migrateIncoming(fromDescriptor descriptor: Int32) async throws(VirtError)
    func migrateCancel() async throws(VirtError)
    /// The migration's state (active, completed, failed, ...) and QEMU's error text when it failed.
    func migrationStatus() async throws(VirtError) -> (status: QMPMigrationStatus, error: String?)
    /// What QEMU does when the guest powers off: "poweroff" (exit) or "pause" (stay, for reboot).
    func setShutdownAction(_ action: String) async throws(VirtError)
    /// Writes the guest's memory as an ELF core file at `path`.
    func dumpGuestMemory(toFile path: String) async throws(VirtError)
    /// Character devices by label ("charserial0") with their host side ("pty:/dev/pts/3").
    func chardevs() async throws(VirtError) -> [String: String]
    /// Every block backend's I/O counters.
    func blockStats() async throws(VirtError) -> [QMPBlockStats]
    /// The last dirty-page-rate calculation.
    func dirtyRate() async throws(VirtError) -> QMPDirtyRate
    /// The machine's IOThreads.
    func ioThreads() async throws(VirtError) -> [QMPIOThread]
    /// One provider's statistics `names` of each vCPU (query-stats); none under TCG.
    func vcpuStatistics(provider: String, names: [String]) async throws(VirtError) -> [[String: JSONValue]]
    /// Every statistic of `target` ("vm": one entry for the machine; "vcpu": one per vCPU, by QOM path) from
    /// one provider ("kvm"), in QEMU's order, each with its type ("cumulative", "instant", "peak", ...; nil
    /// when QEMU's schema does not say); none under TCG.
    func statistics(target: String, provider: String) async throws(VirtError) -> [(qomPath: String?, values: [(statistic: QMPStatistic, type: String?)])]
    /// What the guest's balloon driver last reported (the balloon device the driver names `balloon0`).
    func balloonGuestStats() async throws(VirtError) -> QMPBalloonGuestStats
    /// How often, in seconds, the balloon asks the guest for its memory statistics (0: never).
    func setBalloonStatsPeriod(_ seconds: Int32) async throws(VirtError)
    func close() async
}

struct QEMUVcpu: Sendable, Equatable {
    var index: Int
    var threadID: Int32
    var qomPath: String
}

struct QEMUHotpluggableCPU: Sendable, Equatable {
    var type: String
    var properties: [String: Int]
    /// Set when the slot is occupied.
    var qomPath: String?
}
