extension QMPClient {
    /// `query-cpus-fast`: every vCPU with its host thread id, without interrupting the guest.
    public func queryCPUsFast() async throws(QMPError) -> [QMPCPUInfo] {
        let reply = try await execute("query-cpus-fast")
        var cpus: [QMPCPUInfo] = []
        for fields in try QMPFields.elements(of: reply, context: "query-cpus-fast") {
            cpus.append(try QMPCPUInfo(fields))
        }
        return cpus
    }

    /// `query-hotpluggable-cpus`: every CPU slot up to `-smp maxcpus`, plugged or not.
    /// Needs a machine type with CPU hotplug (x86 `pc`/`q35` have it).
    public func queryHotpluggableCPUs() async throws(QMPError) -> [QMPHotpluggableCPU] {
        let reply = try await execute("query-hotpluggable-cpus")
        var slots: [QMPHotpluggableCPU] = []
        for fields in try QMPFields.elements(of: reply, context: "query-hotpluggable-cpus") {
            slots.append(try QMPHotpluggableCPU(fields))
        }
        return slots
    }

    /// `device_add`: adds a device of type `driver` named `id`, with `properties` as further arguments.
    public func deviceAdd(driver: String, id: String, properties: [String: JSONValue] = [:]) async throws(QMPError) {
        var arguments = properties
        arguments["driver"] = .string(driver)
        arguments["id"] = .string(id)
        _ = try await execute("device_add", arguments: arguments)
    }

    /// `device_add` of a CPU into an empty slot from `queryHotpluggableCPUs()`. The guest sees
    /// it through ACPI; it is online once the guest onlines it.
    public func deviceAdd(cpu slot: QMPHotpluggableCPU, id: String) async throws(QMPError) {
        try await deviceAdd(driver: slot.type, id: id, properties: slot.properties.arguments)
    }

    /// `device_del`: asks for device `id` to be removed. For a CPU this is a request to the
    /// guest (ACPI eject); the removal is done when QEMU emits `DEVICE_DELETED` for it.
    public func deviceDel(id: String) async throws(QMPError) {
        _ = try await execute("device_del", arguments: ["id": .string(id)])
    }
}
