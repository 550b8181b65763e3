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

/// One statistic as `query-stats` reports it: its name and value (a number, a boolean, or a histogram's array).
public struct QMPStatistic: Sendable, Hashable {
    public let name: String
    public let value: JSONValue
}

extension QMPClient {
    /// `query-stats` of the whole machine (target "vm") from one `provider` ("kvm"), in QEMU's order; none
    /// under TCG.
    public func queryVMStatistics(provider: String) async throws(QMPError) -> [QMPStatistic] {
        let reply = try await execute("query-stats", arguments: [
            "target": .string("vm"), "providers": .array([.object(["provider": .string(provider)])]),
        ])
        var result: [QMPStatistic] = []
        for entry in try QMPFields.elements(of: reply, context: "query-stats") where try entry.optionalString("provider") == provider {
            for stat in try QMPFields.elements(of: try entry.value("stats"), context: "query-stats stats") {
                result.append(QMPStatistic(name: try stat.string("name"), value: try stat.value("value")))
            }
        }
        return result
    }

    /// `query-stats-schemas` of one `provider`: for `target` ("vm", "vcpu"), each statistic's type
    /// ("cumulative", "instant", "peak", or a histogram's) by name.
    public func queryStatisticTypes(provider: String, target: String) async throws(QMPError) -> [String: String] {
        let reply = try await execute("query-stats-schemas", arguments: ["provider": .string(provider)])
        var types: [String: String] = [:]
        for schema in try QMPFields.elements(of: reply, context: "query-stats-schemas") where try schema.optionalString("target") == target {
            for stat in try QMPFields.elements(of: try schema.value("stats"), context: "query-stats-schemas stats") {
                types[try stat.string("name")] = try stat.string("type")
            }
        }
        return types
    }
}
