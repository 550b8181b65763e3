import FoundationEssentials
import VirtDriver
import VirtOS

/// Where a daemonless driver keeps its state. Every process that opens the same URI computes the same
/// directories, which is how they all see one set of domains without a daemon.
///
/// - `config`: persistent definitions, `<name>.xml` (written durably and atomically).
/// - `run`: running domains: `<name>.xml` (live definition), `status/<name>` (what the driver recorded when
///   it started the domain), `stopped/<name>` (why a persistent domain last stopped), `starting/<name>` (a
///   start's claim on the name); per-domain locks `<uuid>.lock` (removed with the domain), console session
///   locks and the driver lock. Files named by a domain carry at most the 4 bytes of ".xml" beside the name,
///   so that every name libvirt accepts (up to 251 bytes) fits a file name (``DomainFileName``).
/// - `log`: the driver's and the hypervisor's logs.
public protocol DomainStatePaths: Sendable {
    var config: String { get }
    var run: String { get }
    var log: String { get }
}

extension DomainStatePaths {
    public func definition(_ name: String) -> String { "\(config)/\(DomainFileName.stem(name)).xml" }
    public func liveDefinition(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).xml" }
    public func status(_ name: String) -> String { "\(run)/status/\(DomainFileName.stem(name))" }
    public func stopReason(_ name: String) -> String { "\(run)/stopped/\(DomainFileName.stem(name))" }
    public func domainLock(_ uuid: String) -> String { "\(run)/\(uuid).lock" }
    /// A name claimed by a domain being started (``StoredDomainDriver/startLive(_:allocate:launch:)``).
    public func startClaim(_ name: String) -> String { "\(run)/starting/\(DomainFileName.stem(name))" }

    /// The run directory's subdirectories whose files are named by a domain alone.
    public static var namedRunDirectories: [String] { ["status", "stopped", "starting"] }

    /// The names of the domains whose files in `directory` end in `suffix` (all of them: no suffix).
    public func names(in directory: String, withSuffix suffix: String = "") -> [String] {
        Paths.contents(of: directory).filter { $0.hasSuffix(suffix) }
            .compactMap { DomainFileName.name(fromStem: String($0.dropLast(suffix.count))) }
    }
    /// Whether a domain of this name exists: defined, or running.
    public func hasDomain(named name: String) -> Bool {
        Paths.exists(definition(name)) || Paths.exists(status(name))
    }

    /// Lets go of a domain's lock, removing its file if the domain is gone (see ``DomainLock``).
    public func release(_ lock: FileLock, domainNamed name: String) {
        hasDomain(named: name) ? lock.unlock() : lock.unlockRemovingFile()
    }

    /// How many domains some process is changing now (their `<uuid>.lock` is held): a start takes its
    /// domain's lock before it makes sure a watcher runs, so a watcher that counts these before it leaves
    /// never leaves a start unwatched (``DriverWatcher``).
    public func domainsBeingChanged() -> Int {
        Paths.contents(of: run).filter { file in
            file.hasSuffix(".lock") && UUID(uuidString: String(file.dropLast(".lock".count))) != nil
                && FileLock.isHeld("\(run)/\(file)")
        }.count
    }

    /// Moves the run files of the layout SwiftVirt used before December 2026, `<name>.<kind>`, into their
    /// directories, `<kind>/<name>` (``namedRunDirectories`` and the driver's `runDirectories`), so that an
    /// upgrade keeps track of the domains it finds running. Renames are atomic; a file another process moved
    /// first is skipped. Returns the names whose status it moved (whose other files a driver may move too).
    @discardableResult
    public func moveFlatRunFiles(runDirectories: [String] = []) -> [String] {
        var movedStatuses: [String] = []
        for file in Paths.contents(of: run) {
            for directory in Self.namedRunDirectories + runDirectories {
                let suffix = "." + directory
                guard file.hasSuffix(suffix), file.count > suffix.count else { continue }
                let stem = String(file.dropLast(suffix.count))
                guard (try? Paths.move("\(run)/\(file)", to: "\(run)/\(directory)/\(stem)")) != nil else { continue }
                if directory == "status", let name = DomainFileName.name(fromStem: stem) { movedStatuses.append(name) }
            }
        }
        return movedStatuses
    }

    /// Held by the one session on a domain's console device (``ConsoleSession``).
    public func consoleLock(_ uuid: String, device: String) -> String { "\(run)/\(uuid).console-\(device).lock" }
    public var driverLock: String { "\(run)/driver.lock" }

    /// Creates the directories, private to their owner: definitions name other domains' disks and kernels,
    /// and the run directory holds their control sockets.
    /// `runDirectories` names the driver's own subdirectories of `run`, beside ``namedRunDirectories``.
    public func createDirectories(errorDomain: ErrorDomain, runDirectories: [String] = []) throws(VirtError) {
        let named = (Self.namedRunDirectories + runDirectories).map { "\(run)/\($0)" }
        for directory in [config, run, log] + named {
            do {
                try Paths.makeDirectories(directory, mode: 0o700)
            } catch {
                throw VirtError.system(error.errno, "cannot create directory '\(directory)'", domain: errorDomain)
            }
        }
    }
}
