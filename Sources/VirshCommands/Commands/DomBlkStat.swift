import Virt

extension Commands {
    /// `domblkstat <domain> [--device <string>] [--human]`: a disk's I/O counters, "device field value" per
    /// counter the hypervisor keeps, or with `--human` under a "Device:" heading in words. Without a device
    /// it asks for the whole domain's (which the drivers here do not sum, as libvirt's do not).
    static let domblkstat = CommandDefinition(
        name: "domblkstat",
        summary: "get device block stats for a domain",
        description: "Get device block stats for a running domain. See man page or use --human for explanation of fields",
        options: [
            .domain(),
            .string("device", allowsEmpty: true, "block device"),
            .bool("human", "print a more human readable output"),
        ]
    ) { context throws(CommandFailure) in
        let (domain, given) = try await context.domain()
        let device = try context.string("device") ?? ""
        let human = context.flag("human")
        let stats = try await context.require("Failed to get block stats \(given) \(device)") {
            () async throws(VirtError) in try await domain.blockStats(path: device)
        }
        let fields: [(legacy: String, human: String, value: Int64)] = [
            ("rd_req", "number of read operations:", stats.readRequests),
            ("rd_bytes", "number of bytes read:", stats.readBytes),
            ("wr_req", "number of write operations:", stats.writeRequests),
            ("wr_bytes", "number of bytes written:", stats.writeBytes),
            ("errs", "error count:", stats.errors),
        ]
        if human { context.print("Device: \(device)\n") }
        for field in fields where field.value >= 0 {
            if human {
                context.print(" \(TextFormat.padded(field.human, to: 31)) \(field.value)\n")
            } else {
                context.print("\(device) \(field.legacy) \(field.value)\n")
            }
        }
    }
}
