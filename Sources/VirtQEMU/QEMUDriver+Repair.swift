import FoundationEssentials
import QMP
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// Damaged run files of a domain whose QEMU still runs: what can be known again from QEMU and the other
/// files is rebuilt, so one bad file neither hides a running guest nor blocks any other domain.
extension QEMUDriver {
    /// A status file that exists but cannot be read (garbage, emptied, not a regular file): the status is
    /// rebuilt from the QEMU its pid file names (checked by its command line), with QEMU's run state, and
    /// written in its place. Done only while nobody holds the domain's lock. Returns whether it was.
    func rebuildStatus(named name: String) async -> Bool {
        guard let text = try? FileIO.read(paths.pidFile(name), limit: FileSizeLimit.record),
              let pid = Int32(String(decoding: text, as: UTF8.self).filter { !$0.isWhitespace }),
              let arguments = ProcessControl.arguments(of: pid), arguments.contains(paths.pidFile(name)),
              let flag = arguments.firstIndex(of: "-uuid"), flag + 1 < arguments.count,
              let stat = ProcStat.read(pid: pid), stat.state != "Z" else { return false }
        let uuid = arguments[flag + 1]
        let rebuilt = try? await Self.stateLock.withDomainLockIfFree(store, uuid: uuid, name: name) { (_) async -> Bool in
            await rebuildStatus(named: name, uuid: uuid, pid: pid, startTime: stat.startTime, emulator: arguments[0])
        }
        return rebuilt ?? false
    }

    /// ``rebuildStatus(named:)`` holding the domain's lock, QEMU's process identified.
    private func rebuildStatus(
        named name: String, uuid: String, pid: Int32, startTime: UInt64, emulator: String
    ) async -> Bool {
        guard store.recordedStatus(named: name) == nil, Paths.exists(paths.status(name)) else { return true }
        let live = try? store.liveDefinition(named: name)
        let runState: QMPRunState
        do throws(VirtError) {
            let monitor = try await openMonitor(paths.monitor(uuid: uuid))
            defer { Task { await monitor.close() } }
            runState = try await monitor.runState()
        } catch {
            return false
        }
        let state: QEMUDomainStatus.State = switch runState {
        case .running: .running
        case .guestPanicked: .crashed
        default: .paused
        }
        var id = live?.id ?? -1
        if id < 1 { id = (try? await withDriverLock { () throws(VirtError) -> Int32 in try store.allocateID() }) ?? 1 }
        let status = QEMUDomainStatus(
            name: name, uuid: uuid, id: id, pid: pid, startTime: startTime, emulator: emulator,
            state: state, reason: 0)
        try? Paths.remove(paths.status(name))  // a directory or FIFO in its place would not be replaced
        do throws(VirtError) {
            try store.writeStatus(status)
        } catch {
            return false
        }
        Warnings.shared.record("rebuilt the unreadable status of domain '\(name)' from its QEMU process \(pid)")
        return true
    }

    /// The live definition of a running domain; one that cannot be read is replaced by the persistent
    /// definition (with the domain's id), with a warning, rather than hiding the domain or failing every list.
    func liveDefinition(named name: String, status: QEMUDomainStatus, persistent: DomainDefinition?) -> DomainDefinition? {
        do throws(VirtError) {
            if let live = try store.liveDefinition(named: name) { return live }
        } catch {
            Warnings.shared.record("cannot read the live definition of domain '\(name)': \(error.message)")
        }
        guard var def = persistent else { return nil }
        def.id = status.id
        return def
    }
}

extension QEMUDriver {
    /// Moves a state directory of the layout used before December 2026 (``DomainStatePaths/moveFlatRunFiles(runDirectories:)``),
    /// including the QMP sockets of the QEMUs it finds, then named by domain and now by UUID: a running QEMU
    /// keeps serving its renamed socket.
    func moveFlatRunFiles() {
        for name in paths.moveFlatRunFiles() {
            guard let status = store.recordedStatus(named: name) else { continue }
            let stem = DomainFileName.stem(name)
            try? Paths.move("\(paths.run)/\(stem).monitor", to: paths.monitor(uuid: status.uuid))
            try? Paths.move("\(paths.run)/\(stem).events", to: paths.eventMonitor(uuid: status.uuid))
        }
    }
}
