extension VirtError {
    /// Refuses flag bits outside `allowed` as libvirt's virCheckFlags does: VIR_ERR_INVALID_ARG, "unsupported
    /// flags (0x2) in function qemuDomainCreateXML", naming only the unsupported bits and the driver's function.
    public static func checkFlags(
        _ raw: UInt32, allowed: UInt32, function: String, domain: ErrorDomain
    ) throws(VirtError) {
        let unsupported = raw & ~allowed
        guard unsupported != 0 else { return }
        throw .invalidArgument("flags", of: function,
                               "unsupported flags (0x\(String(unsupported, radix: 16))) in function \(function)", domain: domain)
    }
}
