import FoundationEssentials
import Synchronization
public import VirtDriver

/// A connection to a hypervisor (libvirt's `virConnectPtr`).
///
/// ```swift
/// let conn = try await Connection.open("test:///default")
/// let dom = try await conn.lookupDomain(name: "test")
/// print(try await dom.info().state)   // running
/// ```
///
/// Every call checks its arguments, refuses mutating calls on a read-only connection with
/// VIR_ERR_OPERATION_DENIED, then asks the driver. Errors are always ``VirtError``.
public final class Connection: Sendable {
    /// The URI the connection was opened with.
    public let uri: ConnectURI
    public let isReadOnly: Bool
    let driver: any HypervisorDriver
    /// The same driver when it answers its queries without waiting (see ``immediate``); found once, as the
    /// dynamic cast would cost a cheap call much of its time.
    let immediateQueries: (any ImmediateQueries)?
    /// Read by every call; an atomic, as a lock would cost a cheap call a tenth of its time.
    private let closed = Atomic(false)

    init(uri: ConnectURI, readOnly: Bool, driver: any HypervisorDriver) {
        self.uri = uri
        self.isReadOnly = readOnly
        self.driver = driver
        self.immediateQueries = driver as? any ImmediateQueries
    }

    deinit {
        if !closed.load(ordering: .acquiring) { driver.connectClose() }
    }

    /// Opens a connection.
    /// - Parameters:
    ///   - name: a URI such as "test:///default" or "qemu:///system"; nil or "" means the default:
    ///     `LIBVIRT_DEFAULT_URI` if set, else the first driver that can serve this host.
    ///   - readOnly: refuse every call that would change something.
    ///   - drivers: where to look for the driver.
    /// - Throws: VIR_ERR_NO_CONNECT when no driver serves the URI, or the driver's own error.
    public static func open(
        _ name: String? = nil, readOnly: Bool = false, drivers: DriverRegistry = .builtin
    ) async throws(VirtError) -> Connection {
        let text = try resolveName(name, drivers: drivers)
        let uri = try ConnectURI(parsing: text)
        for candidate in drivers.drivers(for: uri) {
            switch try await candidate.open(uri, readOnly) {
            case .opened(let driver):
                return Connection(uri: uri, readOnly: readOnly, driver: driver)
            case .declined:
                continue
            }
        }
        throw VirtError(.noConnect, .none, text)
    }

    private static func resolveName(_ name: String?, drivers: DriverRegistry) throws(VirtError) -> String {
        if let name, !name.isEmpty { return name }
        if let env = ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"], !env.isEmpty { return env }
        if let probed = drivers.probe() { return probed }
        throw VirtError(.noConnect, .none, "<null>")
    }

    /// Closes the connection. Later calls on it, or on its domains, fail with VIR_ERR_INVALID_CONN.
    public func close() {
        let wasClosed = closed.exchange(true, ordering: .acquiringAndReleasing)
        if !wasClosed { driver.connectClose() }
    }

    /// Closes the connection and returns once the hypervisor has let it go (a daemon has answered its
    /// CONNECT_CLOSE), as libvirt's virConnectClose does: a connection opened next then finds the state the
    /// close left, e.g. a daemon's test:///default back to its default after its last client.
    public func closeAndWait() async {
        let wasClosed = closed.exchange(true, ordering: .acquiringAndReleasing)
        if !wasClosed { await driver.connectCloseAndWait() }
    }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// The driver, once the connection is known to be open.
    func checked(_ function: String) throws(VirtError) -> any HypervisorDriver {
        if isClosed { throw VirtError(.invalidConn, .none, function) }
        return driver
    }

    /// The driver for a call that changes state: refused on read-only connections (the one place that rule lives).
    func checkedForWrite(_ function: String) throws(VirtError) -> any HypervisorDriver {
        let driver = try checked(function)
        if isReadOnly {
            throw VirtError(.operationDenied, .domain, "read only access prevents \(function)")
        }
        return driver
    }

    package func domain(_ ref: DomainRef) -> Domain {
        Domain(connection: self, ref: ref)
    }
}
