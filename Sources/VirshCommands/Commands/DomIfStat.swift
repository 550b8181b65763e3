import Virt

extension Commands {
    /// `domifstat <domain> <interface>`: an interface's counters, "device field value" per counter the
    /// hypervisor keeps.
    static let domifstat = CommandDefinition(
        name: "domifstat",
        summary: "get network interface stats for a domain",
        description: "Get network interface stats for a running domain.",
        options: [
            .domain(),
            .data("interface", "interface device specified by name or MAC Address"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        guard let device = try context.string("interface") else { throw CommandFailure() }
        let stats = try await context.require("Failed to get interface stats \(given) \(device)") {
            () async throws(VirtError) in try await domain.interfaceStats(device: device)
        }
        let fields: [(String, Int64)] = [
            ("rx_bytes", stats.receivedBytes), ("rx_packets", stats.receivedPackets), ("rx_errs", stats.receiveErrors),
            ("rx_drop", stats.receiveDrops), ("tx_bytes", stats.transmittedBytes), ("tx_packets", stats.transmittedPackets),
            ("tx_errs", stats.transmitErrors), ("tx_drop", stats.transmitDrops),
        ]
        for (name, value) in fields where value >= 0 {
            context.print("\(device) \(name) \(value)\n")
        }
    }
}
