import Synchronization

/// Where a driver publishes its domain events and its subscribers take them: each subscriber gets an
/// AsyncStream of every event published after it subscribed, in publishing order; ending the iteration
/// unsubscribes. Drivers publish while still holding the lock under which the change was made, so the
/// events of one domain reach every subscriber in the order the changes happened.
public final class DomainEventBus: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var subscribers: [UInt64: AsyncStream<DomainEvent>.Continuation] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func subscribe() -> AsyncStream<DomainEvent> {
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .unbounded)
        let id = state.withLock { state -> UInt64 in
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public func publish(_ event: DomainEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(event) }
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
