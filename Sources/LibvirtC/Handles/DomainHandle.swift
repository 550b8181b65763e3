import Glibc
import Virt

/// What a `virDomainPtr` stands for: a Virt ``Domain``, the connection handle it holds a reference on,
/// and its name as a C string that lives exactly as long as the object (virDomainGetName()'s contract).
///
/// As in libvirt since 0.x, every lookup makes a new object; virDomainFree() ends it.
final class DomainHandle: @unchecked Sendable {
    // `cName` is immutable after init and freed only in deinit; sharing it across threads is read-only.
    let domain: Domain
    let connection: ConnectHandle
    let cName: UnsafeMutablePointer<CChar>

    init(_ domain: Domain, connection: ConnectHandle) {
        self.domain = domain
        self.connection = connection
        guard let name = domain.name.mallocCopy() else { preconditionFailure("out of memory copying a domain name") }
        cName = name
    }

    deinit {
        free(cName)
    }
}
