import Virt
import VirtRPC

/// Consoles: the call opens the domain's console through the driver; its bytes then travel as STREAM
/// packets (``DaemonStreams``).
extension ProcedureTable {
    mutating func addConsoleProcedures() {
        addStreamOpening(.domainOpenConsole, "virDomainOpenConsole", .mutates, RemoteDomainOpenConsoleArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).openConsole(device: args.devName, flags: DomainConsoleFlags(rawValue: args.flags))
        }
    }
}
