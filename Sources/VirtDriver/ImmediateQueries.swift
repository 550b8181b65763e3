public import FoundationEssentials

/// The cheap read-only queries of a driver that answers them from memory without ever waiting (test:///), as
/// plain synchronous calls.
///
/// A synchronous caller (the C API) reaches an `async` requirement of ``HypervisorDriver`` only through a
/// task, and a task costs more than such a query does in libvirt. A driver that conforms lets that caller skip
/// the task. The driver writes each query once, without `async`: the one method satisfies both this protocol
/// and ``HypervisorDriver``. A driver whose queries may wait (files, QMP, the network) must not conform.
public protocol ImmediateQueries: AnyObject, Sendable {
    func connectNumOfDomains() throws(VirtError) -> Int
    func connectListDomains() throws(VirtError) -> [Int32]
    func connectListDefinedDomains() throws(VirtError) -> [String]
    func domainLookupByID(_ id: Int32) throws(VirtError) -> DomainRef
    func domainLookupByName(_ name: String) throws(VirtError) -> DomainRef
    func domainLookupByUUID(_ uuid: UUID) throws(VirtError) -> DomainRef
    func domainGetInfo(_ ref: DomainRef) throws(VirtError) -> DomainInfo
    func domainGetOSType(_ ref: DomainRef) throws(VirtError) -> String
    func domainGetMaxMemory(_ ref: DomainRef) throws(VirtError) -> UInt64
}
