import Virt

/// libvirt's argument checks (virCheckNonNullArg, virCheckPositiveArg, ...): VIR_ERR_INVALID_ARG whose
/// message names the argument and the function, with str1 = function and str2 = argument.
extension EntryPoint {
    func mustNotBeNull(_ argument: String) -> VirtError {
        invalid(argument, "\(argument) in \(name) must not be NULL")
    }

    func mustBePositive(_ argument: String) -> VirtError {
        invalid(argument, "\(argument) in \(name) must be greater than zero")
    }

    func mustNotBeNegative(_ argument: String) -> VirtError {
        invalid(argument, "\(argument) in \(name) must be zero or greater")
    }

    /// libvirt words both its "must not be zero" and its "must be zero" checks this way.
    func mustNotBeZero(_ argument: String) -> VirtError {
        invalid(argument, "\(argument) in \(name) must not be zero")
    }

    /// A caller's struct larger than the library's (`size` of virDomainBlockStats and its kind).
    func sizeMustNotExceed(_ limit: Int) -> VirtError {
        invalid("size", "size must not exceed \(limit)")
    }

    private func invalid(_ argument: String, _ problem: String) -> VirtError {
        .invalidArgument(argument, of: name, problem, domain: errorDomain)
    }

    /// VIR_ERR_OPERATION_DENIED for a call that changes state on a read-only connection, for the entry
    /// points where libvirt checks this before an argument (Virt checks it too, for everyone else).
    func requireWritable(_ connection: ConnectHandle) throws(APIFailure) {
        try sync(on: connection) { () throws(VirtError) in try connection.connection.requireWritable(name) }
    }
}
