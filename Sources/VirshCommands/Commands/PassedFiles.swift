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
