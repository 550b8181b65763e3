import Glibc
import Synchronization
import Virt

/// What a `virDomainPtr` stands for: a Virt ``Domain``, the connection handle it holds a reference on,
/// and its name as a C string that lives exactly as long as the object (virDomainGetName()'s contract).
///
/// As in libvirt since 0.x, every lookup makes a new object; virDomainRef() adds a reference to it,
/// virDomainFree() drops one, and the last ends it.
final class DomainHandle: @unchecked Sendable {
    // `cName` is immutable after init and freed only in deinit; sharing it across threads is read-only.
    let domain: Domain
    let connection: ConnectHandle
    let cName: UnsafeMutablePointer<CChar>
    private let references = Atomic<Int>(1)

    init(_ domain: Domain, connection: ConnectHandle) {
        self.domain = domain
        self.connection = connection
        guard let name = domain.name.mallocCopy() else { preconditionFailure("out of memory copying a domain name") }
        cName = name
    }

    deinit {
        free(cName)
    }

    /// Takes a reference (virDomainRef); false once the object has ended.
    func retain() -> Bool {
        var count = references.load(ordering: .relaxed)
        while count > 0 {
            let (exchanged, found) = references.compareExchange(expected: count, desired: count + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            count = found
        }
        return false
    }

    /// Drops a reference: true when it was the last, nil when none was left (freed twice, or racing).
    func release() -> Bool? {
        var count = references.load(ordering: .relaxed)
        while count > 0 {
            let (exchanged, found) = references.compareExchange(expected: count, desired: count - 1, ordering: .acquiringAndReleasing)
            if exchanged { return count == 1 }
            count = found
        }
        return nil
    }
}

extension Handles {
    /// Drops one reference on the domain object `pointer`; the last forgets it and drops its reference on
    /// the connection. False when `pointer` is no live domain object.
    static func releaseDomain(_ pointer: OpaquePointer) -> Bool {
        guard let handle = domains.lookup(pointer), let last = handle.release() else { return false }
        if last {
            domains.remove(pointer)
            handle.connection.release()
        }
        return true
    }
}
