import Virt

extension Commands {
    /// `version [--daemon]`: the library, API and hypervisor versions.
    static let version = CommandDefinition(
        name: "version",
        summary: "show version",
        description: "Display the system version information.",
        options: [.bool("daemon", "report daemon version too")]
    ) { context throws(CommandFailure) in
        let connection = try context.connection
        let type: String
        do throws(VirtError) {
            type = try connection.hypervisorType()
        } catch {
            context.record(error)
            throw context.failure("failed to get hypervisor type")
        }
        let library = Connection.libraryVersion
        context.print("Compiled against library: libvirt \(library)\n")
        context.print("Using library: libvirt \(library)\n")
        context.print("Using API: \(type) \(library)\n")
        let hypervisor = try await context.require("failed to get the hypervisor version") {
            () async throws(VirtError) in try await connection.hypervisorVersion()
        }
        if hypervisor.encoded == 0 {
            context.print("Cannot extract running \(type) hypervisor version\n")
        } else {
            context.print("Running hypervisor: \(type) \(hypervisor)\n")
        }
        if context.flag("daemon") {
            // A local driver runs in this process: the "daemon" is this library (`virConnectGetLibVersion`).
            context.print("Running against daemon: \(library)\n")
        }
    }
}
