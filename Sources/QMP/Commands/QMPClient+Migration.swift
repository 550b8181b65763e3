extension QMPClient {
    /// `migrate`: starts sending the machine's state to `uri` and returns at once; poll
    /// `queryMigrate()` (or watch `MIGRATION` events with the `events` capability) until it finishes.
    ///
    /// URIs QEMU 7.2 accepts: `tcp:host:port`, `unix:/path`, `exec:<shell command>` (the state goes
    /// to the command's stdin), `fd:<name>` (a descriptor passed with `getfd(name:descriptor:)`), and
    /// `rdma:`. It does not accept `file:` (a later QEMU addition). To save a stopped guest to a
    /// file, open the file and use `getfd` + `fd:<name>`, or `exec:cat > <quoted path>`.
    public func migrate(uri: String) async throws(QMPError) {
        _ = try await execute("migrate", arguments: ["uri": .string(uri)])
    }

    /// `migrate-incoming`: on a QEMU started with `-incoming defer`, starts receiving state from
    /// `uri` (same schemes as `migrate`). The guest stays paused afterwards until `cont()`.
    public func migrateIncoming(uri: String) async throws(QMPError) {
        _ = try await execute("migrate-incoming", arguments: ["uri": .string(uri)])
    }

    /// `query-migrate`: the state of the current or last migration, outgoing or incoming.
    public func queryMigrate() async throws(QMPError) -> QMPMigrationInfo {
        try QMPMigrationInfo(try await execute("query-migrate"))
    }

    /// `migrate_cancel`: cancels an outgoing migration; it ends as `cancelled`.
    public func migrateCancel() async throws(QMPError) {
        _ = try await execute("migrate_cancel")
    }

    /// `migrate-set-capabilities`: turns migration capabilities on or off, e.g. `["events": true]`
    /// for `MIGRATION` events. Only allowed while no migration runs.
    public func migrateSetCapabilities(_ capabilities: [String: Bool]) async throws(QMPError) {
        let list = capabilities.keys.sorted().map { name -> JSONValue in
            ["capability": .string(name), "state": .bool(capabilities[name] ?? false)]
        }
        _ = try await execute("migrate-set-capabilities", arguments: ["capabilities": .array(list)])
    }

    /// `migrate-set-parameters`: sets migration parameters, e.g. `["max-bandwidth": .int(…)]`
    /// (bytes per second; QEMU 7.2 defaults to 128 MiB/s, which also limits saving to a file).
    public func migrateSetParameters(_ parameters: [String: JSONValue]) async throws(QMPError) {
        _ = try await execute("migrate-set-parameters", arguments: parameters)
    }
}
