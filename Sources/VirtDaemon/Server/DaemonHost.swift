import Synchronization
import Virt

/// What every client of one daemon shares: the drivers it hosts (the same ones the daemonless front ends
/// use, so both see one host state) and the daemon's identity.
final class DaemonHost: Sendable {
    let drivers: DriverRegistry
    /// libvirtd numbers event callbacks from one counter for the whole daemon.
    private let callbackCounter = Atomic<Int32>(0)

    init(drivers: DriverRegistry) {
        self.drivers = drivers
    }

    /// Opens a hypervisor connection for a client. An empty name means the host's default URI, as libvirtd
    /// probes it.
    func open(_ name: String, readOnly: Bool) async throws(VirtError) -> Connection {
        try await Connection.open(name.isEmpty ? nil : name, readOnly: readOnly, drivers: drivers)
    }
}

extension DaemonHost {
    func nextCallbackID() -> Int32 {
        callbackCounter.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
