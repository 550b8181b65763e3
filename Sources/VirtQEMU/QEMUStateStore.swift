import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// The qemu:/// driver's state on disk, shared by every process that opens the same URI. Reading never
/// needs a lock (every file is replaced atomically); changes to a domain happen under its lock
/// (``QEMUDomainLock``), and names, UUIDs and ids are handed out under the driver lock.
struct QEMUStateStore: Sendable {
    let paths: QEMUPaths
    let defaults: DefinitionDefaults

    // MARK: persistent definitions

    func persistentNames() -> [String] {
        Paths.contents(of: paths.config).filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
    }

    func persistentDefinition(named name: String) throws(VirtError) -> DomainDefinition? {
        guard let xml = try readText(paths.definition(name)) else { return nil }
        return try DomainDefinition(xml: xml, defaults: defaults)
    }

    func writePersistent(_ def: DomainDefinition) throws(VirtError) {
        try write(paths.definition(def.name), def.xml([.inactive, .secure]))
    }

    func removePersistent(named name: String) throws(VirtError) {
        try remove(paths.definition(name))
    }

    // MARK: running domains

    func runningNames() -> [String] {
        Paths.contents(of: paths.run).filter { $0.hasSuffix(".status") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(7)) }
    }

    /// The recorded status, whether or not its process still lives.
    func recordedStatus(named name: String) -> QEMUDomainStatus? {
        guard let bytes = try? FileIO.read(paths.status(name)) else { return nil }
        return QEMUDomainStatus.decode(bytes)
    }

    /// The status of a domain whose QEMU process is alive; nil when it is not running (or its QEMU died).
    func liveStatus(named name: String) -> QEMUDomainStatus? {
        guard let status = recordedStatus(named: name),
              ProcessControl.isAlive(status.pid, startTime: status.startTime) else { return nil }
        return status
    }

    func liveDefinition(named name: String) throws(VirtError) -> DomainDefinition? {
        guard let xml = try readText(paths.liveDefinition(name)) else { return nil }
        return try DomainDefinition(xml: xml, defaults: defaults, options: .live)
    }

    func writeRunning(_ status: QEMUDomainStatus, definition: DomainDefinition) throws(VirtError) {
        try write(paths.liveDefinition(status.name), definition.xml([.secure]), durable: false)
        try writeStatus(status)
        try? Paths.remove(paths.stopReason(status.name))
    }

    func writeLiveDefinition(_ def: DomainDefinition) throws(VirtError) {
        try write(paths.liveDefinition(def.name), def.xml([.secure]), durable: false)
    }

    /// Run-directory files describe running QEMU processes, which a power loss ends anyway: they are replaced
    /// atomically but not flushed to disk.
    func writeStatus(_ status: QEMUDomainStatus) throws(VirtError) {
        do {
            try AtomicFile.write(paths.status(status.name), status.encoded(), durable: false)
        } catch {
            throw VirtError.system(error.errno, "cannot write '\(error.path)'", domain: .qemu)
        }
    }

    /// Forgets a stopped domain's run files (status first, so no reader sees a live status without its files).
    func clearRunning(named name: String) {
        for path in [paths.status(name), paths.liveDefinition(name), paths.pidFile(name), paths.monitor(name)] {
            try? Paths.remove(path)
        }
    }

    /// Why a persistent domain last stopped (`domstate --reason`), until it starts again.
    func recordStopReason(_ reason: DomainStateReason, named name: String) {
        try? AtomicFile.write(paths.stopReason(name), "\(reason.rawValue)\n", durable: false)
    }

    func stopReason(named name: String) -> DomainStateReason {
        guard let bytes = try? FileIO.read(paths.stopReason(name)),
              let raw = Int32(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }) else { return .unknown }
        return DomainStateReason(rawValue: raw)
    }

    // MARK: ids

    /// The next domain id (under the driver lock): ids grow and are never reused while the store exists.
    func allocateID() throws(VirtError) -> Int32 {
        let current = (try readText(paths.idCounter)).flatMap { Int32($0.filter { !$0.isWhitespace }) } ?? 1
        try write(paths.idCounter, "\(current + 1)\n", durable: false)
        return current
    }

    // MARK: files

    private func readText(_ path: String) throws(VirtError) -> String? {
        do {
            return String(decoding: try FileIO.read(path), as: UTF8.self)
        } catch where error.errno == ENOENT {
            return nil
        } catch {
            throw VirtError.system(error.errno, "cannot read '\(path)'", domain: .qemu)
        }
    }

    private func write(_ path: String, _ text: String, durable: Bool = true) throws(VirtError) {
        do {
            try AtomicFile.write(path, text, durable: durable)
        } catch {
            throw VirtError.system(error.errno, "cannot write '\(path)'", domain: .qemu)
        }
    }

    private func remove(_ path: String) throws(VirtError) {
        do {
            try Paths.remove(path)
        } catch {
            throw VirtError.system(error.errno, "cannot remove '\(path)'", domain: .qemu)
        }
    }
}
