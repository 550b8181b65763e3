import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

extension QEMUDriver {
    /// Saves the guest: pause, write the header and live XML, let QEMU append its migration stream, then stop
    /// QEMU. On failure the guest keeps running as before and the file is removed.
    func domainSave(_ ref: DomainRef, to path: String) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            let image = QEMUSaveImage(xml: running.definition.xml([.secure]), wasRunning: running.status.state == .running)
            try await withMonitor(record) { (monitor) async throws(VirtError) in
                if image.wasRunning { try await monitor.stop() }
                do throws(VirtError) {
                    do throws(SystemCallError) {
                        try FileIO.write(path, image.header(), mode: 0o600)
                    } catch {
                        throw VirtError.system(error.errno, "failed to create save image '\(path)'", domain: .qemu)
                    }
                    try await monitor.migrate(to: "exec:cat >> \(Self.shellQuoted(path))")
                    try await waitForMigration(monitor, what: "save")
                } catch {
                    try? Paths.remove(path)
                    if image.wasRunning { try? await monitor.cont() }
                    throw error
                }
            }
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .saved)
        }
    }

    /// Starts a new QEMU for the saved definition that reads the stream back, and resumes the guest if it was
    /// running when saved.
    func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        let image = try QEMUSaveImage.read(path)
        var def = try parseDefinition(image.xml, validate: false)
        def.id = nil
        let source = "exec:tail -c +\(image.streamOffset + 1) \(Self.shellQuoted(path))"
        return try await startLive(def, reason: .restored, paused: !image.wasRunning) { (def, id) async throws(VirtError) in
            try await launch(def, id: id, reason: .restored, paused: !image.wasRunning, incoming: source)
        }
    }

    /// Feeds an incoming migration to a QEMU started with `-incoming defer` and waits until it is in.
    func receiveMigration(from uri: String, monitor: any QEMUMonitor) async throws(VirtError) {
        try await monitor.migrateIncoming(from: uri)
        try await waitForMigration(monitor, what: "restore")
    }

    private func waitForMigration(_ monitor: any QEMUMonitor, what: String) async throws(VirtError) {
        var pause = Duration.milliseconds(2)
        while true {
            let (status, error) = try await monitor.migrationStatus()
            switch status {
            case "completed":
                return
            case "failed", "cancelled":
                throw VirtError(.operationFailed, .qemu, "\(what) failed: \(error ?? "QEMU gave no reason")")
            default:
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    /// A path as one shell word (QEMU runs exec: migration URIs through /bin/sh).
    static func shellQuoted(_ path: String) -> String {
        "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
