public import VirtDriver
import Synchronization

/// Domain events collected in the background from a subscription (`Connection.events()`, a driver's
/// `connectDomainEvents()`), for a test to wait on and compare.
public final class EventRecorder: Sendable {
    private final class Log: Sendable {
        let events = Mutex<[DomainEvent]>([])
    }

    private let log = Log()
    private let task: Task<Void, Never>

    public init<Events: AsyncSequence & Sendable>(_ stream: Events) where Events.Element == DomainEvent, Events.Failure == Never {
        let log = self.log
        task = Task {
            for await event in stream { log.events.withLock { $0.append(event) } }
        }
    }

    deinit {
        task.cancel()
    }

    public var all: [DomainEvent] { log.events.withLock { $0 } }

    public func lifecycle(of name: String) -> [DomainLifecycleEvent] {
        all.compactMap { event in
            guard event.domain.name == name, case .lifecycle(let lifecycle) = event.body else { return nil }
            return lifecycle
        }
    }

    public func count(_ id: DomainEventID, of name: String) -> Int {
        all.filter { $0.domain.name == name && $0.id == id }.count
    }

    /// Waits until `name` has had `lifecycle`; throws, saying what came instead, after `timeout`.
    public func wait(for lifecycle: DomainLifecycleEvent, of name: String, timeout: Duration = .seconds(90)) async throws {
        try await wait("a \(lifecycle) event for '\(name)'", timeout: timeout) { self.lifecycle(of: name).contains(lifecycle) }
    }

    /// Waits until `condition` holds of what was recorded; throws, saying what came, after `timeout`.
    public func wait(_ what: String, timeout: Duration = .seconds(90), until condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else {
                throw EventWaitTimeout(description: "no \(what) within \(timeout); events: \(all.map { "\($0.domain.name) \($0.body)" })")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

public struct EventWaitTimeout: Error, CustomStringConvertible {
    public let description: String
}
