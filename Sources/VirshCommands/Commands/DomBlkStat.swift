import Virt

extension Commands {
    /// `domblkstat <domain> [--device <string>] [--human]`: a disk's I/O counters, "device field value" per
    /// counter, or with `--human` under a "Device:" heading in words. Without a device, the whole domain's.
    ///
    /// As virsh 9.0: the typed-parameter call first (every counter the driver keeps, in virsh's order, then
    /// any it does not know); where the driver lacks it, the fixed five-counter call.
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
        let parameters: [TypedParameter]
        do throws(VirtError) {
            parameters = try await domain.blockStatsParameters(path: device)
        } catch {
            guard error.code == .noSupport else {
                context.record(error)
                throw CommandFailure()
            }
            try await printLegacy(domain, given: given, device: device, human: human, context)
            return
        }
        let shown = human ? "" : device
        if human { context.print("Device: \(device)\n") }
        var printed: Set<String> = []
        for field in BlockStatField.all {
            guard let parameter = parameters.first(where: { $0.field == field.parameter }) else { continue }
            printed.insert(field.parameter)
            let name = human ? field.human : field.name
            context.print(BlockStatField.line(shown, name, value: TypedParameterText.text(parameter.value, raw: false), human: human))
        }
        for parameter in parameters where !printed.contains(parameter.field) {
            context.print("\(shown) \(parameter.field) \(TypedParameterText.text(parameter.value, raw: false))\n")
        }
    }

    /// The fixed five counters of `virDomainBlockStats`, for a driver without the typed-parameter call.
    private static func printLegacy(
        _ domain: Domain, given: String, device: String, human: Bool, _ context: CommandContext
    ) async throws(CommandFailure) {
        let stats = try await context.require("Failed to get block stats \(given) \(device)") {
            () async throws(VirtError) in try await domain.blockStats(path: device)
        }
        let values = [stats.readRequests, stats.readBytes, stats.writeRequests, stats.writeBytes, stats.errors]
        if human { context.print("Device: \(device)\n") }
        for (field, value) in zip(BlockStatField.all, values) where value >= 0 {
            context.print(BlockStatField.line(human ? "" : device, human ? field.human : field.name, value: "\(value)", human: human))
        }
    }
}

/// One counter domblkstat knows: its typed-parameter name, its legacy spelling (the first five have one) and
/// its words for `--human`, in virsh's order.
struct BlockStatField {
    let parameter: String
    let legacy: String?
    let human: String

    var name: String { legacy ?? parameter }

    static let all = [
        BlockStatField(parameter: "rd_operations", legacy: "rd_req", human: "number of read operations:"),
        BlockStatField(parameter: "rd_bytes", legacy: "rd_bytes", human: "number of bytes read:"),
        BlockStatField(parameter: "wr_operations", legacy: "wr_req", human: "number of write operations:"),
        BlockStatField(parameter: "wr_bytes", legacy: "wr_bytes", human: "number of bytes written:"),
        BlockStatField(parameter: "errs", legacy: "errs", human: "error count:"),
        BlockStatField(parameter: "flush_operations", legacy: nil, human: "number of flush operations:"),
        BlockStatField(parameter: "rd_total_times", legacy: nil, human: "total duration of reads (ns):"),
        BlockStatField(parameter: "wr_total_times", legacy: nil, human: "total duration of writes (ns):"),
        BlockStatField(parameter: "flush_total_times", legacy: nil, human: "total duration of flushes (ns):"),
    ]

    /// virsh's "%s %-*s %s\n": the label padded to 31 columns for --human.
    static func line(_ device: String, _ label: String, value: String, human: Bool) -> String {
        "\(device) \(human ? TextFormat.padded(label, to: 31) : label) \(value)\n"
    }
}
