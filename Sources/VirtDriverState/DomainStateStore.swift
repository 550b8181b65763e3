import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// What a driver records about a domain it started, in `<run>/status/<name>` (JSON).
public protocol DomainStatusRecord: Codable, Sendable {
    var name: String { get }
}

extension DomainStatusRecord {
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(self))) ?? []
    }

    public static func decode(_ bytes: [UInt8]) -> Self? {
        try? JSONDecoder().decode(Self.self, from: Data(bytes))
    }
}

/// A daemonless driver's files, shared by every process that opens its URI. Reading never needs a lock
/// (every file is replaced atomically); changes to a domain happen under its ``DomainLock``, and names and
/// UUIDs are checked under the driver lock. A driver supplies its directories, its status record, its error
/// domain and how it reads its XML; the files are handled here.
public protocol DomainStateStore: Sendable {
    associatedtype StatePaths: DomainStatePaths
    associatedtype Status: DomainStatusRecord

    var paths: StatePaths { get }
    var errorDomain: ErrorDomain { get }
    /// Reads a definition written by this store (`live`: a running domain's, with its runtime parts).
    func parseDefinition(_ xml: String, live: Bool) throws(VirtError) -> DomainDefinition
}

extension DomainStateStore {
    // MARK: names

    /// Every domain name with a file: defined, running, or both.
    public func allNames() -> [String] {
        Array(Set(persistentNames()).union(runningNames())).sorted()
    }

    /// Whether the domain called `name` (defined, or running) is the one with `uuid`: its lock file stays
    /// only then. A file that cannot be read counts as not this domain (a lock file is safe to remove).
    public func hasDomain(named name: String, uuid: String) -> Bool {
        guard paths.hasDomain(named: name) else { return false }
        let def = (try? liveDefinition(named: name)) ?? persistentDefinition(named: name)
        return def?.uuid.libvirtString == uuid
    }

    /// Names become file names (``DomainFileName``): no path separators, nothing empty, short enough.
    public func isFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains("\0")
            && DomainFileName.stem(name).utf8.count <= DomainFileName.maximumStemBytes
    }

    /// Refuses a definition whose name cannot be a file name.
    public func checkFileName(_ name: String) throws(VirtError) {
        let bytes = DomainFileName.stem(name).utf8.count
        if bytes > DomainFileName.maximumStemBytes {
            throw VirtError(.xmlError, errorDomain, """
                domain name '\(name)' is too long to store: its file name would need \(bytes) bytes beside \
                '.xml', at most \(DomainFileName.maximumStemBytes) fit in 255
                """)
        }
        guard isFileName(name) else {
            throw VirtError(.xmlError, errorDomain, "domain name '\(name)' cannot be used as a file name")
        }
    }

    // MARK: persistent definitions

    public func persistentNames() -> [String] {
        paths.names(in: paths.config, withSuffix: ".xml")
    }

    /// The definition of `name`; nil if there is none, or if it cannot be read or parsed: like libvirt
    /// ("Failed to load config for domain"), such a domain is skipped with a warning (``Warnings``) and
    /// every other one still lists, looks up, defines and starts.
    public func persistentDefinition(named name: String) -> DomainDefinition? {
        do throws(VirtError) {
            guard let xml = try readText(paths.definition(name)) else { return nil }
            return try parseDefinition(xml, live: false)
        } catch {
            Warnings.shared.record("Failed to load config for domain '\(name)': \(error.message)")
            return nil
        }
    }

    public func writePersistent(_ def: DomainDefinition) throws(VirtError) {
        try write(paths.definition(def.name), def.xml([.inactive, .secure]))
    }

    /// Removes the definition and why it last stopped: a new domain of the same name starts with no past.
    public func removePersistent(named name: String) throws(VirtError) {
        try remove(paths.definition(name))
        try? Paths.remove(paths.stopReason(name))
    }

    // MARK: running domains

    public func runningNames() -> [String] {
        paths.names(in: "\(paths.run)/status")
    }

    /// The recorded status, whether or not the domain still runs.
    public func recordedStatus(named name: String) -> Status? {
        guard let bytes = try? FileIO.read(paths.status(name), limit: FileSizeLimit.record) else { return nil }
        return Status.decode(bytes)
    }

    public func liveDefinition(named name: String) throws(VirtError) -> DomainDefinition? {
        guard let xml = try readText(paths.liveDefinition(name)) else { return nil }
        return try parseDefinition(xml, live: true)
    }

    /// Records a started domain: the live definition first, so a status never points at a missing one.
    public func writeRunning(_ status: Status, definition: DomainDefinition) throws(VirtError) {
        try writeLiveDefinition(definition)
        try writeStatus(status)
        try? Paths.remove(paths.stopReason(status.name))
    }

    /// Run files describe domains that a power loss ends anyway: replaced atomically, not flushed.
    public func writeLiveDefinition(_ def: DomainDefinition) throws(VirtError) {
        try write(paths.liveDefinition(def.name), def.xml([.secure]), durable: false)
    }

    public func writeStatus(_ status: Status) throws(VirtError) {
        try write(paths.status(status.name), status.encoded(), durable: false)
    }

    /// Why a persistent domain last stopped (`domstate --reason`), until it starts again.
    public func recordStopReason(_ reason: ShutoffReason, named name: String) {
        try? AtomicFile.write(paths.stopReason(name), "\(reason.rawValue)\n", durable: false)
    }

    public func stopReason(named name: String) -> ShutoffReason {
        guard let text = try? readText(paths.stopReason(name)),
              let raw = Int32(text.filter { !$0.isWhitespace }) else { return .unknown }
        return ShutoffReason(rawValue: raw)
    }

    // MARK: files

    /// The file's text; nil if it does not exist. A file that is not a regular one, or is longer than any
    /// definition, is refused unread.
    public func readText(_ path: String) throws(VirtError) -> String? {
        do {
            return String(decoding: try FileIO.read(path, limit: FileSizeLimit.definition), as: UTF8.self)
        } catch where error.errno == ENOENT {
            return nil
        } catch where error.operation == .read && error.errno == EINVAL {
            throw VirtError(.internalError, errorDomain, "cannot read '\(path)': not a regular file")
        } catch where error.operation == .read && error.errno == EFBIG {
            throw VirtError(.internalError, errorDomain, "cannot read '\(path)': larger than \(FileSizeLimit.definition) bytes")
        } catch {
            throw VirtError.system(error.errno, "cannot read '\(path)'", domain: errorDomain)
        }
    }

    public func write(_ path: String, _ text: String, durable: Bool = true) throws(VirtError) {
        try write(path, Array(text.utf8), durable: durable)
    }

    public func write(_ path: String, _ bytes: [UInt8], durable: Bool = true) throws(VirtError) {
        do {
            try AtomicFile.write(path, bytes, durable: durable)
        } catch {
            throw VirtError.system(error.errno, "cannot write '\(path)'", domain: errorDomain)
        }
    }

    public func remove(_ path: String) throws(VirtError) {
        do {
            try Paths.remove(path)
        } catch {
            throw VirtError.system(error.errno, "cannot remove '\(path)'", domain: errorDomain)
        }
    }
}
