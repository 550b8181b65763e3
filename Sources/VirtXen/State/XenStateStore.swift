import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// The xen:/// driver's files, shared by every process that opens the URI. Reading never needs a lock
/// (every file is replaced atomically); changes to a domain happen under its lock (``XenDomainLock``), and
/// names and UUIDs are checked under the driver lock.
struct XenStateStore: Sendable {
    let paths: XenPaths

    // MARK: persistent definitions

    func persistentNames() -> [String] {
        Paths.contents(of: paths.config).filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
    }

    func persistentDefinition(named name: String) throws(VirtError) -> DomainDefinition? {
        guard let xml = try readText(paths.definition(name)) else { return nil }
        return try XenDefinitions.parse(xml, options: [])
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

    func status(named name: String) -> XenDomainStatus? {
        guard let bytes = try? FileIO.read(paths.status(name)) else { return nil }
        return XenDomainStatus.decode(bytes)
    }

    func liveDefinition(named name: String) throws(VirtError) -> DomainDefinition? {
        guard let xml = try readText(paths.liveDefinition(name)) else { return nil }
        return try XenDefinitions.parse(xml, options: .live)
    }

    /// Records a started domain: the live definition first, so a status never points at a missing one.
    func writeRunning(_ status: XenDomainStatus, definition: DomainDefinition) throws(VirtError) {
        try writeLiveDefinition(definition)
        try writeStatus(status)
        try? Paths.remove(paths.stopReason(status.name))
    }

    /// Run files describe domains a dom0 reboot ends anyway: replaced atomically, not flushed.
    func writeLiveDefinition(_ def: DomainDefinition) throws(VirtError) {
        try write(paths.liveDefinition(def.name), def.xml([.secure]), durable: false)
    }

    func writeStatus(_ status: XenDomainStatus) throws(VirtError) {
        do {
            try AtomicFile.write(paths.status(status.name), status.encoded(), durable: false)
        } catch {
            throw VirtError.system(error.errno, "cannot write '\(error.path)'", domain: .libxl)
        }
    }

    /// Forgets a stopped domain's run files (status first, so no reader sees a status without its XML).
    func clearRunning(named name: String) {
        for path in [paths.status(name), paths.liveDefinition(name)] {
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

    // MARK: files

    func readText(_ path: String) throws(VirtError) -> String? {
        do {
            return String(decoding: try FileIO.read(path), as: UTF8.self)
        } catch where error.errno == ENOENT {
            return nil
        } catch {
            throw VirtError.system(error.errno, "cannot read '\(path)'", domain: .libxl)
        }
    }

    func write(_ path: String, _ text: String, durable: Bool = true) throws(VirtError) {
        do {
            try AtomicFile.write(path, text, durable: durable)
        } catch {
            throw VirtError.system(error.errno, "cannot write '\(path)'", domain: .libxl)
        }
    }

    private func remove(_ path: String) throws(VirtError) {
        do {
            try Paths.remove(path)
        } catch {
            throw VirtError.system(error.errno, "cannot remove '\(path)'", domain: .libxl)
        }
    }
}
