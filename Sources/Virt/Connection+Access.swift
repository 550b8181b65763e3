extension Connection {
    /// Fails unless the connection is open and writable: VIR_ERR_INVALID_CONN once closed,
    /// VIR_ERR_OPERATION_DENIED ("read only access prevents `function`") when read-only.
    ///
    /// Every mutating call already checks this; front ends that must report it before checking their own
    /// arguments, in libvirt's order (the C API), call it first.
    public func requireWritable(_ function: String) throws(VirtError) {
        _ = try checkedForWrite(function)
    }
}
