public import FoundationEssentials

/// How a domain travels between layers: name, UUID and id, as libvirt's wire protocol carries it
/// (`remote_nonnull_domain`). Drivers find domains by UUID; the id is -1 when the domain is not running.
public struct DomainRef: Sendable, Hashable {
    public var name: String
    public var uuid: UUID
    public var id: Int32

    public init(name: String, uuid: UUID, id: Int32) {
        self.name = name
        self.uuid = uuid
        self.id = id
    }

    public var isActive: Bool { id >= 0 }
}
