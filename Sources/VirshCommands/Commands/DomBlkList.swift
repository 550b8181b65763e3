import Virt

extension Commands {
    /// `domblklist <domain> [--inactive] [--details]`: the domain's disks as a table read from its XML
    /// (target and source; with `--details` also type and device).
    static let domblklist = CommandDefinition(
        name: "domblklist",
        summary: "list all domain blocks",
        description: "Get the summary of block devices for a domain.",
        options: [
            .domain(),
            .bool("inactive", "get inactive rather than running configuration"),
            .bool("details", "additionally display the type and device value"),
        ]
    ) { context throws(CommandFailure) in
        let details = context.flag("details")
        let xml = try await devicesXML(context)
        guard case .success(let disks) = xml.nodes("./devices/disk") else { throw CommandFailure() }
        var table = TextTable(header: details ? ["Type", "Device", "Target", "Source"] : ["Target", "Source"])
        for disk in disks {
            let type = xml.string("string(./@type)", at: disk)
            let device = details ? xml.string("string(./@device)", at: disk) : nil
            if details && (type == nil || device == nil) {
                context.print("unable to query block list details")
                throw CommandFailure()
            }
            guard let target = xml.string("string(./target/@dev)", at: disk) else {
                throw context.failure("unable to query block list")
            }
            let source: String?
            if type == "nvme" {
                source = try nvmeSource(xml, disk, context)
            } else {
                source = xml.string("string(./source/@file|./source/@dev|./source/@dir|./source/@name|./source/@volume)", at: disk)
            }
            table.append(details ? [type ?? "", device ?? "", target, source ?? "-"] : [target, source ?? "-"])
        }
        context.print(table.render(header: !context.session.console.quiet))
    }

    /// An NVMe disk's source as virsh shows it: `nvme://DDDD:BB:SS.F/NAMESPACE`.
    private static func nvmeSource(_ xml: XMLQuery, _ disk: XMLQuery.Node, _ context: CommandContext) throws(CommandFailure) -> String {
        func number(_ attribute: String) -> UInt32? {
            xml.string("string(./source/address/@\(attribute))", at: disk).flatMap { CNumber.uint32($0, wrap: false, base: 0) }
        }
        guard let namespace = xml.string("string(./source/@namespace)", at: disk),
              let domain = number("domain"), let bus = number("bus"), let slot = number("slot"),
              let function = number("function") else {
            throw context.failure("Unable to query NVMe disk address")
        }
        return "nvme://\(hex(domain, 4)):\(hex(bus, 2)):\(hex(slot, 2)).\(function)/\(namespace)"
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
