public import FoundationEssentials
import Synchronization
import VirtDriver

/// A domain (a virtual machine) on a connection (libvirt's `virDomainPtr`).
///
/// A `Domain` is a handle: name and UUID never change; ``id`` is the hypervisor id seen when the handle was
/// made, updated by the calls made through it (start gives a new id, destroy makes it -1), as in libvirt.
public final class Domain: Sendable, Hashable, CustomStringConvertible {
    public let connection: Connection
    public let name: String
    public let uuid: UUID
    private let currentID: Mutex<Int32>

    init(connection: Connection, ref: DomainRef) {
        self.connection = connection
        self.name = ref.name
        self.uuid = ref.uuid
        self.currentID = Mutex(ref.id)
    }

    /// The hypervisor's id for the domain, -1 when it is not running (`virDomainGetID`).
    public var id: Int32 { currentID.withLock { $0 } }

    /// The UUID as libvirt prints it (`virDomainGetUUIDString`).
    public var uuidString: String { uuid.libvirtString }

    public var description: String { name }

    package var ref: DomainRef { DomainRef(name: name, uuid: uuid, id: id) }

    func setID(_ id: Int32) { currentID.withLock { $0 = id } }

    public static func == (a: Domain, b: Domain) -> Bool {
        a.uuid == b.uuid && a.connection === b.connection
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(uuid) }

    func checked(_ function: String) throws(VirtError) -> any HypervisorDriver {
        try connection.checked(function)
    }

    func checkedForWrite(_ function: String) throws(VirtError) -> any HypervisorDriver {
        try connection.checkedForWrite(function)
    }

    /// After a call that may have stopped the domain, the handle's id follows what the driver says.
    func refreshIDAfterStop(_ driver: any HypervisorDriver) async {
        guard driver.shutdownUpdatesHandleID else { return }
        let active = (try? await driver.domainIsActive(ref)) ?? false
        if !active { setID(-1) }
    }
}
