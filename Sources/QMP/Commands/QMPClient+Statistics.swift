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

extension QMPClient {
    /// `query-dirty-rate`: the last dirty-page-rate calculation.
    public func queryDirtyRate() async throws(QMPError) -> QMPDirtyRate {
        try QMPDirtyRate(try await execute("query-dirty-rate"))
    }

    /// `query-iothreads`: the machine's IOThreads.
    public func queryIOThreads() async throws(QMPError) -> [QMPIOThread] {
        let reply = try await execute("query-iothreads")
        return try QMPFields.elements(of: reply, context: "query-iothreads").map { (entry) throws(QMPError) in
            try QMPIOThread(entry)
        }
    }

    /// `query-stats` of every vCPU from one `provider` ("kvm"), only the statistics `names`: one dictionary
    /// of name to value per vCPU that has any (a TCG machine has none: no entries at all).
    public func queryVcpuStatistics(provider: String, names: [String]) async throws(QMPError) -> [[String: JSONValue]] {
        let reply = try await execute("query-stats", arguments: [
            "target": .string("vcpu"),
            "providers": .array([.object(["provider": .string(provider), "names": .array(names.map { .string($0) })])]),
        ])
        return try QMPFields.elements(of: reply, context: "query-stats").map { (entry) throws(QMPError) in
            var values: [String: JSONValue] = [:]
            for stat in try QMPFields.elements(of: try entry.value("stats"), context: "query-stats stats") {
                values[try stat.string("name")] = try stat.value("value")
            }
            return values
        }
    }
}
