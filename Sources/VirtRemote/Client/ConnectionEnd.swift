import Synchronization
import VirtModel

/// Why a client connection ended, kept by its handler for the client: a call written after the channel
/// has closed never reaches the handler, and the first call of a connection that ended at once (ssh that
/// could not reach its host) must still say why, as libvirt's client does.
final class ConnectionEnd: Sendable {
    private let reason = Mutex<VirtError?>(nil)

    /// The first reason recorded stays.
    func record(_ error: VirtError) {
        reason.withLock { if $0 == nil { $0 = error } }
    }

    var recorded: VirtError? { reason.withLock { $0 } }
}
