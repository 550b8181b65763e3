extension QMPClient {
    /// `query-blockstats`: every block backend's I/O counters.
    public func queryBlockstats() async throws(QMPError) -> [QMPBlockStats] {
        let reply = try await execute("query-blockstats")
        return try QMPFields.elements(of: reply, context: "query-blockstats").map { (entry) throws(QMPError) in
            try QMPBlockStats(entry)
        }
    }

    /// `qom-set` of the balloon device at `path`'s `guest-stats-polling-interval`: how often, in seconds, it
    /// asks the guest for its memory statistics (0: never).
    public func setBalloonStatsPollingInterval(path: String, seconds: Int32) async throws(QMPError) {
        _ = try await execute("qom-set", arguments: [
            "path": .string(path), "property": .string("guest-stats-polling-interval"), "value": .int(Int64(seconds)),
        ])
    }

    /// `qom-get` of the balloon device at `path`'s `guest-stats`.
    public func balloonGuestStats(path: String) async throws(QMPError) -> QMPBalloonGuestStats {
        try QMPBalloonGuestStats(try await execute("qom-get", arguments: ["path": .string(path), "property": .string("guest-stats")]))
    }
}
