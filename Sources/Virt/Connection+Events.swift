public import VirtDriver

extension Connection {
    /// Domain events from now on, made by anyone: this connection, other connections and processes, or the
    /// guests themselves (`virConnectDomainEventRegisterAny`). Per domain they arrive in the order they
    /// happened. Ending the iteration (or dropping the sequence) unsubscribes.
    ///
    /// ```swift
    /// for await event in try await conn.events(kinds: [.lifecycle]) {
    ///     print(event.domain.name, event.body)
    /// }
    /// ```
    /// - Parameters:
    ///   - domain: only this domain's events; nil for every domain.
    ///   - kinds: only events of these kinds; nil for all.
    /// - Throws: VIR_ERR_NO_SUPPORT when the driver cannot report events.
    public func events(
        domain: Domain? = nil, kinds: Set<DomainEventID>? = nil
    ) async throws(VirtError) -> AsyncFilterSequence<AsyncStream<DomainEvent>> {
        let stream = try await checked("virConnectDomainEventRegisterAny").connectDomainEvents()
        let uuid = domain?.uuid
        return stream.filter { event in
            (uuid == nil || event.domain.uuid == uuid) && (kinds?.contains(event.id) ?? true)
        }
    }
}
