import CLibvirt
import Virt

/// The seed API's NULL domain: libvirt 0.1 documented that virDomainGetMaxMemory, virDomainSetMaxMemory,
/// virDomainSetMemory, virDomainSetVcpus, virDomainGetVcpus and virDomainPinVcpu act on Domain-0 when
/// given NULL. libvirt 9.0 rejects NULL (VIR_ERR_INVALID_DOMAIN); SwiftVirt keeps that, except when exactly
/// one open connection's hypervisor has a control domain (xen:///'s Domain-0): then NULL means that domain.
struct DomainTarget {
    let domain: Domain
    let connection: ConnectHandle
}

extension EntryPoint {
    /// The domain behind `pointer`, or for NULL the control domain of the single open connection that has one.
    func domainOrDomain0(_ pointer: virDomainPtr?) throws(APIFailure) -> DomainTarget {
        if let handle = Handles.domains.lookup(pointer) {
            return DomainTarget(domain: handle.domain, connection: handle.connection)
        }
        let candidates = Handles.connections.objects.filter { $0.connection.controlDomainID != nil && !$0.connection.isClosed }
        guard pointer == nil, candidates.count == 1, let connection = candidates.first,
              let id = connection.connection.controlDomainID else { throw invalidDomain }
        let domain0 = try call(on: connection) { () async throws(VirtError) in
            try await connection.connection.lookupDomain(id: id)
        }
        return DomainTarget(domain: domain0, connection: connection)
    }
}
