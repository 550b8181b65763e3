import CLibvirt
import Virt

/// The seed API's NULL domain: libvirt 0.1 documented that virDomainGetMaxMemory, virDomainSetMaxMemory,
/// virDomainSetMemory, virDomainSetVcpus, virDomainGetVcpus and virDomainPinVcpu act on Domain-0 when
/// given NULL. libvirt 9.0 rejects NULL (VIR_ERR_INVALID_DOMAIN); SwiftVirt keeps that, except when exactly
/// one xen:/// connection is open in the process: then NULL means that connection's Domain-0.
struct DomainTarget {
    let domain: Domain
    let connection: ConnectHandle
}

extension EntryPoint {
    /// The domain behind `pointer`, or for NULL the single open xen:/// connection's Domain-0.
    func domainOrDomain0(_ pointer: virDomainPtr?) throws(APIFailure) -> DomainTarget {
        if let handle = Handles.domains.lookup(pointer) {
            return DomainTarget(domain: handle.domain, connection: handle.connection)
        }
        let xen = Handles.connections.objects.filter { $0.connection.uri.driver == "xen" && !$0.connection.isClosed }
        guard pointer == nil, xen.count == 1, let connection = xen.first else { throw invalidDomain }
        let domain0 = try call(on: connection) { () async throws(VirtError) in
            try await connection.connection.lookupDomain(id: 0)
        }
        return DomainTarget(domain: domain0, connection: connection)
    }
}
