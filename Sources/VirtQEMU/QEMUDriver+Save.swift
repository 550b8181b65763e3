import QMP
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

extension QEMUDriver {
    /// Saves the guest: record the save in the status, pause, write the header and live XML, pass the open
    /// file to QEMU for its migration stream, record that the stream is written, then stop QEMU. On failure
    /// the guest runs on as before and the file is removed if the save created it; if the client dies
    /// midway, the next holder of the domain's lock does the same (``recoverInterruptedSave(_:)``).
    func domainSave(_ ref: DomainRef, to path: String) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            let image = SaveImage(format: .qemu, xml: running.definition.xml([.secure]), wasRunning: running.status.state == .running)
            // Recorded before the file is made: a client killed at any later point leaves nothing that the
            // next holder of the lock does not know of.
            var status = running.status
            status.saving = .init(path: path, createdFile: !Paths.exists(path), wasRunning: image.wasRunning)
            try store.writeStatus(status)
            let file: OutputFile
            do throws(VirtError) {
                file = try SaveImage.createFile(path, failure: "failed to create save image '\(path)'", domain: .qemu)
            } catch {
                try? store.writeStatus(running.status)
                throw error
            }
            let fd = file.descriptor
            defer { close(fd) }
            do throws(VirtError) {
                try await withMonitor(record) { (monitor) async throws(VirtError) in
                    if image.wasRunning { try await monitor.stop() }
                    do throws(VirtError) {
                        do throws(SystemCallError) {
                            try FileIO.writeAll(fd, image.header(), path: path)
                        } catch {
                            throw VirtError.system(error.errno, "failed to write save image '\(path)'", domain: .qemu)
                        }
                        try await monitor.migrate(toDescriptor: fd)
                        try await waitForMigration(monitor, what: "save")
                        if fsync(fd) != 0 {
                            throw VirtError.system(errno, "failed to write save image '\(path)'", domain: .qemu)
                        }
                        status.saving?.streamWritten = true
                        try store.writeStatus(status)
                    } catch {
                        try? await monitor.migrateCancel()
                        if image.wasRunning { try? await monitor.cont() }
                        throw error
                    }
                }
            } catch {
                file.removeIfCreated()  // also when the monitor could not be reached
                try? store.writeStatus(running.status)
                throw error
            }
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .saved)
            // libvirt 9.0 also reports the migration's progress (migration-iteration, job-completed).
            if image.wasRunning { emit(record.ref, .suspendedPaused) }
            emit(record.stoppedRef, .stoppedSaved)
        }
    }

    /// Finishes or undoes a save whose client died (the caller holds the domain's lock, so no save is in
    /// progress): a stream written whole means the save is done but for stopping QEMU, so QEMU is stopped
    /// and the domain saved; otherwise the migration is cancelled, the guest runs on as it did, and a file
    /// the save created is removed (half a stream restores nothing, and a whole one of a guest that runs on
    /// would start a second copy of it). Returns whether the domain still runs.
    func recoverInterruptedSave(_ record: QEMUDomainRecord) async throws(VirtError) -> Bool {
        guard let running = record.running, let saving = running.status.saving else { return true }
        if saving.streamWritten {
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .saved)
            if saving.wasRunning { emit(record.ref, .suspendedPaused) }
            emit(record.stoppedRef, .stoppedSaved)
            return false
        }
        try await withMonitor(record) { (monitor) async throws(VirtError) in
            try? await monitor.migrateCancel()
            // A stream already in its last stage completes anyway; either way the guest may run once the
            // migration has ended.
            let deadline = ContinuousClock.now + .seconds(60)
            while ![.completed, .failed, .cancelled, .none].contains(try await monitor.migrationStatus().status) {
                guard ContinuousClock.now < deadline else {
                    throw VirtError(.operationTimeout, .qemu, "the unfinished save of domain '\(record.name)' did not end")
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            if saving.wasRunning, try await monitor.runState() != .running { try await monitor.cont() }
        }
        if saving.createdFile { try? Paths.remove(saving.path) }
        var status = running.status
        status.saving = nil
        try store.writeStatus(status)
        Warnings.shared.record("undid the save of domain '\(record.name)' to '\(saving.path)' left unfinished by its client")
        return true
    }

    /// Starts a new QEMU for the saved definition that reads the stream back, and resumes the guest if it was
    /// running when saved.
    func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot open save image '\(path)'", domain: .qemu) }
        defer { close(fd) }
        let image = try SaveImage.read(fd, path: path, format: .qemu)  // leaves fd at QEMU's stream
        var def = try parseDefinition(image.xml, validate: false)
        def.id = nil
        return try await startLive(def, allocate: store.allocateID) { (def, id, _) async throws(VirtError) -> DomainRef in
            let status = try await launch(def, id: id, reason: .restored, paused: !image.wasRunning, incoming: fd)
            let started = DomainRef(name: def.name, uuid: def.uuid, id: status.id)
            emitStarted(started, .startedRestored, paused: !image.wasRunning)
            return started
        }
    }

    /// Feeds an incoming migration to a QEMU started with `-incoming defer` and waits until it is in.
    ///
    /// QEMU reports the migration "completed" a moment before it leaves the "inmigrate" run state; a `cont`
    /// in that window is lost (the saved guest was paused, so QEMU settles in "paused"). So wait for that too.
    func receiveMigration(from descriptor: Int32, monitor: any QEMUMonitor) async throws(VirtError) {
        try await monitor.migrateIncoming(fromDescriptor: descriptor)
        try await waitForMigration(monitor, what: "restore")
        var pause = Duration.milliseconds(1)
        let deadline = ContinuousClock.now + .seconds(60)
        while try await monitor.runState() == .incomingMigration {
            guard ContinuousClock.now < deadline else {
                throw VirtError(.operationTimeout, .qemu, "QEMU loaded the saved state but did not leave 'inmigrate'")
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
    }

    private func waitForMigration(_ monitor: any QEMUMonitor, what: String) async throws(VirtError) {
        var pause = Duration.milliseconds(2)
        while true {
            let (status, error) = try await monitor.migrationStatus()
            switch status {
            case .completed:
                return
            case .failed, .cancelled:
                throw VirtError(.operationFailed, .qemu, "\(what) failed: \(error ?? "QEMU gave no reason")")
            default:
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }
}
