extension QMPClient {
    /// `balloon`: asks the guest's balloon driver to leave it `bytes` of RAM. The guest gets
    /// there over time; QEMU emits `BALLOON_CHANGE` as it does. Needs a `virtio-balloon` device.
    public func balloon(bytes: UInt64) async throws(QMPError) {
        let value: JSONValue = Int64(exactly: bytes).map(JSONValue.int) ?? .uint(bytes)
        _ = try await execute("balloon", arguments: ["value": value])
    }

    /// `query-balloon`: the RAM the guest currently has, in bytes (`actual`).
    public func queryBalloon() async throws(QMPError) -> UInt64 {
        try QMPFields(try await execute("query-balloon"), context: "query-balloon").uint64("actual")
    }
}
