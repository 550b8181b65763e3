extension QMPClient {
    /// `getfd`: passes `descriptor` to QEMU (SCM_RIGHTS) under `name`, for commands that take
    /// `fd:<name>`, such as `migrate`. QEMU receives its own duplicate; the caller still owns
    /// `descriptor` and closes it when convenient. Descriptor-passing commands on one
    /// connection are sent one at a time.
    public func getfd(name: String, descriptor: CInt) async throws(QMPError) {
        _ = try await send("getfd", arguments: ["fdname": .string(name)], descriptor: descriptor, timeout: nil)
    }

    /// `closefd`: closes QEMU's descriptor `name` (one that no command has consumed).
    public func closefd(name: String) async throws(QMPError) {
        _ = try await execute("closefd", arguments: ["fdname": .string(name)])
    }
}
