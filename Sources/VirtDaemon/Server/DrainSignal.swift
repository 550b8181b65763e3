import NIOCore
import Synchronization

/// The daemon's live client connections and whether it is shutting down. On SIGTERM the daemon stops
/// accepting and tells every client handler to read no more calls; each closes once its calls in flight
/// have been answered, and the daemon exits when none is left.
final class DrainSignal: Sendable {
    private struct State {
        var draining = false
        var channels: [ObjectIdentifier: any Channel] = [:]
        var emptied: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var isDraining: Bool { state.withLock { $0.draining } }

    var clientCount: Int { state.withLock { $0.channels.count } }

    func register(_ channel: any Channel) {
        state.withLock { $0.channels[ObjectIdentifier(channel)] = channel }
    }

    func unregister(_ channel: any Channel) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.channels[ObjectIdentifier(channel)] = nil
            guard state.channels.isEmpty else { return [] }
            defer { state.emptied = [] }
            return state.emptied
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Starts draining: idle clients are closed now, busy ones close after their last reply.
    func drain() {
        let channels = state.withLock { state -> [any Channel] in
            state.draining = true
            return Array(state.channels.values)
        }
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(DrainEvent())
        }
    }

    /// Returns once every client connection has closed.
    func waitUntilEmpty() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.channels.isEmpty { return true }
                state.emptied.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// Delivered to each client's pipeline when the daemon starts draining.
struct DrainEvent: Sendable {}
