import FoundationEssentials
import VirtDriver
import VirtRPC

/// A connection that keeps itself alive: when the session ends without the application closing it, the
/// driver opens a new one with backoff, registers its event callbacks again if anyone listens, and publishes
/// a resynchronisation (`DomainEvent.Body.resynchronized`) of every domain it was told about, so a consumer
/// never silently goes deaf. Calls made meanwhile fail at once ("client socket is closed").
extension RemoteDriver {
    func sessionEnded() {
        guard let recipe = reopen, let policy = recipe.options.reconnect else { return }
        if closed.withLock({ $0 }) { return }
        Task { [weak self] in
            var delay = policy.initialDelay
            while true {
                try? await Task.sleep(for: delay)
                guard let self, !self.closed.withLock({ $0 }) else { return }
                do throws(VirtError) {
                    let session = try await Self.openSession(recipe)
                    if self.closed.withLock({ $0 }) {
                        session.client.close()
                        return
                    }
                    await self.resume(on: session)
                    return
                } catch {
                    delay = min(delay * 2, policy.maximumDelay)
                }
            }
        }
    }

    /// Puts a fresh session in place: event callbacks again (when anyone subscribed), then the current state
    /// of every domain the connection was told about, then events flow as before.
    private func resume(on session: RemoteSession) async {
        replaceSession(session)
        let listening = eventRegistration.withLock { $0 != nil }
        if listening, await registerEventCallbacks() != nil {
            // The new session cannot deliver events: close it and try again.
            session.client.close()
            startEventRouting(for: session)
            return
        }
        await publishResynchronization()
        startEventRouting(for: session)
    }

    private func publishResynchronization() async {
        guard let domains = try? await connectListAllDomains(flags: []) else { return }
        var known = knownDomains.withLock { $0 }
        for domain in domains {
            let state = try? await domainGetState(domain)
            known[domain.uuid] = nil
            remember(domain)
            eventBus.publish(DomainEvent(domain, .resynchronized(state)))
        }
        // Domains it was told about that are gone now.
        for (uuid, domain) in known {
            knownDomains.withLock { $0[uuid] = nil }
            eventBus.publish(DomainEvent(DomainRef(name: domain.name, uuid: uuid, id: -1), .resynchronized(nil)))
        }
    }
}
