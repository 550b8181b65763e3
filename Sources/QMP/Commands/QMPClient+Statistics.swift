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
        try await queryStatistics(target: "vcpu", provider: provider, names: names).map { entry in
            Dictionary(entry.statistics.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

/// One statistic as `query-stats` reports it: its name and value (a number, a boolean, or a histogram's array).
public struct QMPStatistic: Sendable, Hashable {
    public let name: String
    public let value: JSONValue
}

/// What `query-stats` reports for one object: its QOM path (a vCPU's; none for the whole machine) and its
/// statistics, in QEMU's order.
public struct QMPStatistics: Sendable, Hashable {
    public let qomPath: String?
    public let statistics: [QMPStatistic]
}

extension QMPClient {
    /// `query-stats` of `target` ("vm", "vcpu") from one `provider` ("kvm"), all statistics or only `names`;
    /// none under TCG.
    public func queryStatistics(target: String, provider: String, names: [String]? = nil) async throws(QMPError) -> [QMPStatistics] {
        var filter: [String: JSONValue] = ["provider": .string(provider)]
        if let names { filter["names"] = .array(names.map { .string($0) }) }
        let reply = try await execute("query-stats", arguments: ["target": .string(target), "providers": .array([.object(filter)])])
        var result: [QMPStatistics] = []
        for entry in try QMPFields.elements(of: reply, context: "query-stats") where try entry.optionalString("provider") ?? provider == provider {
            var statistics: [QMPStatistic] = []
            for stat in try QMPFields.elements(of: try entry.value("stats"), context: "query-stats stats") {
                statistics.append(QMPStatistic(name: try stat.string("name"), value: try stat.value("value")))
            }
            result.append(QMPStatistics(qomPath: try entry.optionalString("qom-path"), statistics: statistics))
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
