import Virt

extension Commands {
    /// `nodeinfo`: the host's CPUs, topology and memory.
    static let nodeinfo = CommandDefinition(
        name: "nodeinfo",
        summary: "node information",
        description: "Returns basic information about the node."
    ) { context throws(CommandFailure) in
        let connection = try context.connection
        let info = try await context.require("failed to get node information") { () async throws(VirtError) in
            try await connection.nodeInfo()
        }
        let field = { (key: String, value: String) in context.print(TextFormat.field(key, value, width: 20)) }
        field("CPU model:", info.model)
        field("CPU(s):", "\(info.cpus)")
        if info.mhz != 0 { field("CPU frequency:", "\(info.mhz) MHz") }
        field("CPU socket(s):", "\(info.sockets)")
        field("Core(s) per socket:", "\(info.cores)")
        field("Thread(s) per core:", "\(info.threads)")
        field("NUMA cell(s):", "\(info.nodes)")
        field("Memory size:", "\(info.memoryKiB) KiB")
    }
}
