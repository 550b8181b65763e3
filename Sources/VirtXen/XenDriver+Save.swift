import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

extension XenDriver {
    func domainSave(_ ref: DomainRef, to path: String) async throws(VirtError) {
        try await domainSaveFlags(ref, to: path, xml: nil, flags: [])
    }

    func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        try await domainRestoreFlags(from: path, xml: nil, flags: [])
    }

    /// Saves the guest with Xen's own save stream (libxl_domain_suspend) after SwiftVirt's header and the
    /// live XML (or `xml`, for the same domain), then destroys the domain. A paused guest is let run for
    /// the save (its PV drivers take part) and is restored paused. The save is recorded in the status first:
    /// on failure, or if the client dies midway (``recoverInterruptedSave(_:)``), the guest runs on as before
    /// and the file is removed if the save created it.
    func domainSaveFlags(_ ref: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) {
        try checkSaveFlags(flags, function: "libxlDomainSaveFlags")
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            let running = try Self.requireActive(record)
            let def = try xml.map { (text) throws(VirtError) in try replacement(text, for: running.definition) } ?? running.definition
            var wasRunning = !running.info.paused
            if flags.contains(.running) { wasRunning = true }
            if flags.contains(.paused) { wasRunning = false }
            let image = SaveImage(format: .xen, xml: def.xml([.secure]), wasRunning: wasRunning)
            // Recorded before the file is made: a client killed at any later point leaves nothing that the
            // next holder of the lock does not know of.
            var status = running.status
            status.saving = PendingSave(path: path, createdFile: !Paths.exists(path), wasRunning: !running.info.paused)
            try store.writeStatus(status)
            let file: OutputFile
            do throws(VirtError) {
                file = try SaveImage.createFile(path, failure: "Failed to create domain save file '\(path)'", domain: .libxl)
            } catch {
                try? store.writeStatus(running.status)
                throw error
            }
            let fd = file.descriptor
            defer { close(fd) }
            do throws(VirtError) {
                do throws(SystemCallError) {
                    try FileIO.writeAll(fd, image.header(), path: path)
                } catch {
                    throw VirtError.system(error.errno, "Failed to write domain save file '\(path)'", domain: .libxl)
                }
                if running.info.paused { try await toolstack.unpause(running.status.id) }
                try await toolstack.suspend(running.status.id, to: fd)
                if fsync(fd) != 0 {
                    throw VirtError.system(errno, "Failed to write domain save file '\(path)'", domain: .libxl)
                }
                status.saving?.streamWritten = true
                try store.writeStatus(status)
            } catch {
                status.saving?.streamWritten = false
                try? await undoSave(status)
                throw error
            }
            try await toolstack.destroy(running.status.id)
            finishStop(name: record.name, reason: .saved)
        }
    }

    /// Finishes or undoes a save whose client died (the caller holds the domain's lock): a stream written
    /// whole ends as saved (the domain is destroyed); otherwise the domain runs on as before.
    func recoverInterruptedSave(_ status: XenDomainStatus) async throws(VirtError) {
        guard let saving = status.saving else { return }
        if saving.streamWritten {
            if let info = try await toolstack.domain(status.id), Self.isSame(info, status) { try await toolstack.destroy(status.id) }
            finishStop(name: status.name, reason: .saved)
            return
        }
        try await undoSave(status)
        Warnings.shared.record("undid the save of domain '\(status.name)' to '\(saving.path)' left unfinished by its client")
    }

    /// Lets the guest of an unfinished save run on as it did before (a domain suspended for the stream
    /// resumes), removes the file if the save created it, and forgets the save.
    private func undoSave(_ status: XenDomainStatus) async throws(VirtError) {
        guard let saving = status.saving else { return }
        if saving.createdFile { try? Paths.remove(saving.path) }
        guard let info = try await toolstack.domain(status.id), Self.isSame(info, status), !info.isGone else {
            finishStop(name: status.name, reason: .crashed)  // the domain went during the save
            return
        }
        if info.shutdown && info.shutdownReason == .suspend { try await toolstack.resumeSuspended(status.id) }
        if saving.wasRunning {
            if info.paused { try await toolstack.unpause(status.id) }
        } else if !info.paused {
            try await toolstack.pause(status.id)
        }
        var updated = status
        updated.saving = nil
        try store.writeStatus(updated)
    }

    /// Builds the saved domain again from the image's XML (or `xml`) and Xen's stream, running unless it was
    /// saved paused (or the flags say otherwise).
    func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef {
        try checkSaveFlags(flags, function: "libxlDomainRestoreFlags")
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VirtError.system(errno, "cannot open save image '\(path)'", domain: .libxl) }
        defer { close(fd) }
        let image = try SaveImage.read(fd, path: path, format: .xen)
        var def = try parseDefinition(image.xml, validate: false)
        if let xml { def = try replacement(xml, for: def) }
        def.id = nil
        var paused = !image.wasRunning
        if flags.contains(.running) { paused = false }
        if flags.contains(.paused) { paused = true }
        return try await startLive(def, allocate: {}) { (def, _, held) async throws(VirtError) -> DomainRef in
            let status = try await launch(def, runningReason: .restored, paused: paused, restoreFrom: fd, held: held)
            return DomainRef(name: def.name, uuid: def.uuid, id: Int32(bitPattern: status.id))
        }
    }

    /// Replacement XML for a save image must describe the same domain.
    private func replacement(_ xml: String, for def: DomainDefinition) throws(VirtError) -> DomainDefinition {
        let replacement = try parseDefinition(xml, validate: false)
        guard replacement.name == def.name, replacement.uuid == def.uuid else {
            throw VirtError(.invalidArg, .libxl, "the replacement XML must describe the saved domain '\(def.name)' (\(def.uuid.libvirtString))")
        }
        return replacement
    }

    private func checkSaveFlags(_ flags: DomainSaveRestoreFlags, function: String) throws(VirtError) {
        if flags.contains(.running) && flags.contains(.paused) {
            throw VirtError(.invalidArg, .libxl, "flags 'running' and 'paused' are mutually exclusive")
        }
        try VirtError.checkFlags(flags.rawValue, allowed: DomainSaveRestoreFlags([.running, .paused, .bypassCache]).rawValue,
                                 function: function, domain: .libxl)
    }
}
