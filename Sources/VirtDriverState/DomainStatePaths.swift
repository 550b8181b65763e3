import FoundationEssentials
import VirtDriver
import VirtOS

/// Where a daemonless driver keeps its state. Every process that opens the same URI computes the same
/// directories, which is how they all see one set of domains without a daemon.
///
/// - `config`: persistent definitions, `<name>.xml` (written durably and atomically).
/// - `run`: running domains: `<name>.xml` (live definition), `<name>.status` (what the driver recorded when
///   it started the domain), `<name>.stopped` (why a persistent domain last stopped); per-domain locks
///   `<uuid>.lock` (removed with the domain), console session locks and the driver lock.
/// - `log`: the driver's and the hypervisor's logs.
public protocol DomainStatePaths: Sendable {
    var config: String { get }
    var run: String { get }
    var log: String { get }
}

extension DomainStatePaths {
    public func definition(_ name: String) -> String { "\(config)/\(DomainFileName.stem(name)).xml" }
    public func liveDefinition(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).xml" }
    public func status(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).status" }
    public func stopReason(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).stopped" }
    public func domainLock(_ uuid: String) -> String { "\(run)/\(uuid).lock" }
    /// A name claimed by a domain being started (``StoredDomainDriver/startLive(_:allocate:launch:)``).
    public func startClaim(_ name: String) -> String { "\(run)/\(DomainFileName.stem(name)).starting" }

    /// The names of the domains whose files in `directory` end in `suffix`.
    public func names(in directory: String, withSuffix suffix: String) -> [String] {
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

    /// Held by the one session on a domain's console device (``ConsoleSession``).
    public func consoleLock(_ uuid: String, device: String) -> String { "\(run)/\(uuid).console-\(device).lock" }
    public var driverLock: String { "\(run)/driver.lock" }

    /// Creates the directories, private to their owner: definitions name other domains' disks and kernels,
    /// and the run directory holds their control sockets.
    public func createDirectories(errorDomain: ErrorDomain) throws(VirtError) {
        for directory in [config, run, log] {
            do {
                try Paths.makeDirectories(directory, mode: 0o700)
            } catch {
                throw VirtError.system(error.errno, "cannot create directory '\(directory)'", domain: errorDomain)
            }
        }
    }
}
