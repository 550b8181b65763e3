import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

extension QEMUDriver {
    /// Saves the guest: pause, write the header and live XML, pass the open file to QEMU for its migration
    /// stream, then stop QEMU. On failure the guest keeps running as before and the file is removed if the
    /// save created it.
    func domainSave(_ ref: DomainRef, to path: String) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let running = try Self.requireActive(record)
            let image = SaveImage(format: .qemu, xml: running.definition.xml([.secure]), wasRunning: running.status.state == .running)
            let file = try SaveImage.createFile(path, failure: "failed to create save image '\(path)'", domain: .qemu)
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
                    } catch {
                        if image.wasRunning { try? await monitor.cont() }
                        throw error
                    }
                }
            } catch {
                file.removeIfCreated()  // also when the monitor could not be reached
                throw error
            }
            try await QEMUProcess.terminate(pid: running.status.pid, startTime: running.status.startTime)
            finishStop(record, reason: .saved)
            // libvirt 9.0 also reports the migration's progress (migration-iteration, job-completed).
            if image.wasRunning { emit(record.ref, .suspendedPaused) }
            emit(record.stoppedRef, .stoppedSaved)
        }
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
        return try await startLive(def, reason: .restored, paused: !image.wasRunning) { (def, id) async throws(VirtError) in
            let status = try await launch(def, id: id, reason: .restored, paused: !image.wasRunning, incoming: fd)
            emitStarted(DomainRef(name: def.name, uuid: def.uuid, id: status.id), .startedRestored, paused: !image.wasRunning)
            return status
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
        while try await monitor.runState() == "inmigrate" {
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
}
