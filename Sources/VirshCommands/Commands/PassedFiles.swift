import Virt

/// `--pass-fds N,M,...`: descriptors of this process to hand to the guest (`virshFetchPassFdsList`).
enum PassedFiles {
    static let option = OptionDefinition.string("pass-fds", "pass file descriptors N,M,... to the guest")

    /// The descriptors listed, empty when the option is absent.
    static func descriptors(_ context: CommandContext) throws(CommandFailure) -> [Int32] {
        guard let text = context.quietString("pass-fds").text else { return [] }
        var descriptors: [Int32] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let descriptor = CNumber.int32(String(item)) else {
                throw context.failure("Unable to parse FD number '\(item)'")
            }
            descriptors.append(descriptor)
        }
        return descriptors
    }
}

/// `--console`: attaching to the guest's console after starting it (`cmdRunConsole`).
enum ConsoleAttach {
    static let option = OptionDefinition.bool("console", "attach to console after creation")

    /// virsh's checks before attaching; attaching itself needs a console stream SwiftVirt does not have yet.
    static func attach(_ domain: Domain, _ context: CommandContext) async throws(CommandFailure) {
        let state: DomainStateInfo
        do {
            state = try await context.state(of: domain)
        } catch {
            throw context.failure("Unable to get domain status")
        }
        if state.state == .shutoff { throw context.failure("The domain is not running") }
        if !context.session.standardInputIsTerminal {
            throw context.failure("Cannot run interactive console without a controlling TTY")
        }
        throw context.failure("console access is not supported by this virsh")
    }
}
