import FoundationEssentials
import Virt

#if canImport(Glibc)
    import Glibc
#endif

extension Commands {
    /// `event [--domain D] [--event NAME | --all] [--loop] [--timeout N] [--list] [--timestamp]`: waits for
    /// domain events and prints them as they come; without `--loop`, after the first one.
    static let event = CommandDefinition(
        name: "event",
        summary: "Domain Events",
        description: "List event types, or wait for domain events to occur",
        options: [
            .string("domain", "filter by domain name, id or uuid"),
            .string("event", "which event type to wait for"),
            .bool("all", "wait for all events instead of just one type"),
            .bool("loop", "loop until timeout or interrupt, rather than one-shot"),
            .int("timeout", "timeout seconds"),
            .bool("list", "list valid event types"),
            .bool("timestamp", "show timestamp for each printed event"),
        ]
    ) { context throws(CommandFailure) in
        try context.exclusive("list", "all")
        try context.exclusive("list", "event")
        try context.exclusive("all", "event")
        if context.flag("list") {
            context.print(DomainEventID.names.map { $0 + "\n" }.joined())
            return
        }
        var kinds: Set<DomainEventID>?
        if let name = try context.string("event") {
            guard let index = DomainEventID.names.firstIndex(of: name) else {
                throw context.failure("unknown event type \(name)")
            }
            kinds = [DomainEventID(rawValue: Int32(index))]
        } else if !context.flag("all") {
            throw context.failure("one of --list, --all, or --event <type> is required")
        }
        var timeout: Int32?
        if let raw = context.command.rawValue("timeout") {
            guard let seconds = CNumber.int32(raw), seconds > 0, seconds <= Int32.max / 1000 else {
                throw context.failure("Numeric value '\(raw)' for <timeout> option is malformed or out of range")
            }
            timeout = seconds
        }
        let domain = context.command.has("domain") ? try await context.domain().domain : nil
        let connection = try context.connection
        guard let events = await context.attempt({ () async throws(VirtError) in
            try await connection.events(domain: domain, kinds: kinds)
        }) else { throw CommandFailure() }

        let outcome = await EventWait.run(events, loop: context.flag("loop"), timeout: timeout) { event in
            guard var line = EventText.line(event) else { return }
            if context.flag("timestamp") { line = EventWait.timestamp() + ": " + line }
            context.print(line)
            context.flushOutput()
        }
        if outcome.timedOut { context.print("event loop timed out\n") }
        context.print("events received: \(outcome.count)\n")
        if outcome.count == 0 { throw CommandFailure() }
    }
}

/// Waiting for events with a deadline: the events and the timer race into one stream.
enum EventWait {
    enum Step: Sendable {
        case event(DomainEvent)
        case timeout
        case ended
    }

    static func run<Events: AsyncSequence & Sendable>(
        _ events: Events, loop: Bool, timeout: Int32?, print: (DomainEvent) -> Void
    ) async -> (count: Int, timedOut: Bool) where Events.Element == DomainEvent {
        let (steps, feed) = AsyncStream<Step>.makeStream()
        let forwarder = Task {
            do {
                for try await event in events { feed.yield(.event(event)) }
            } catch {}
            feed.yield(.ended)
        }
        let timer = Task {
            guard let timeout else { return }
            try? await Task.sleep(for: .seconds(Int(timeout)))
            if !Task.isCancelled { feed.yield(.timeout) }
        }
        defer {
            forwarder.cancel()
            timer.cancel()
        }
        var count = 0
        for await step in steps {
            switch step {
            case .event(let event):
                print(event)
                count += 1
                if !loop { return (count, false) }
            case .timeout:
                return (count, true)
            case .ended:
                return (count, false)
            }
        }
        return (count, false)
    }

    /// virsh's timestamp: "2026-12-06 10:43:47.102+0000", in UTC.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = now.tv_nsec / 1_000_000
        let milliText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(milliText)+0000"
    }
}
