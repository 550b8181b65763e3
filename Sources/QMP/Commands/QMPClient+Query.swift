extension QMPClient {
    /// `query-status`: the run state and whether the vCPUs run.
    public func queryStatus() async throws(QMPError) -> QMPStatus {
        try QMPStatus(try await execute("query-status"))
    }

    /// `query-version`: QEMU's version (also in `greeting`).
    public func queryVersion() async throws(QMPError) -> QMPVersion {
        let reply = try await execute("query-version")
        return try QMPVersion(reply, line: reply)
    }
}
