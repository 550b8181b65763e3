extension Connection {
    /// Converts domain XML to the hypervisor's own configuration format (`virConnectDomainXMLToNative`), e.g.
    /// Xen's xl.cfg with ``NativeConfigFormat/xenXL``. Nothing is defined or started.
    ///
    /// The xen-xl conversion also works without a connection (xen:/// opens only in a Xen dom0): see
    /// `XenConfig.toNative(xml:)` in the `VirtXenConfig` library.
    /// - Throws: VIR_ERR_OPERATION_DENIED on a read-only connection (libvirt refuses it there too),
    ///   VIR_ERR_NO_SUPPORT when the driver converts nothing, VIR_ERR_INVALID_ARG for a format it does not
    ///   know, and the conversion's own errors (VIR_ERR_CONFIG_UNSUPPORTED for what the format cannot say).
    public func domainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        try await checkedForWrite("virConnectDomainXMLToNative").connectDomainXMLToNative(format: format, xml: xml)
    }

    /// Converts a configuration in the hypervisor's own format to domain XML (`virConnectDomainXMLFromNative`),
    /// e.g. an xl.cfg file with ``NativeConfigFormat/xenXL``. The XML is the inactive definition.
    ///
    /// Without a connection: `XenConfig.fromNative(config:)` in the `VirtXenConfig` library.
    /// - Throws: VIR_ERR_OPERATION_DENIED on a read-only connection, VIR_ERR_NO_SUPPORT when the driver converts
    ///   nothing, VIR_ERR_INVALID_ARG for a format it does not know, VIR_ERR_CONF_SYNTAX for a malformed file.
    public func domainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        try await checkedForWrite("virConnectDomainXMLFromNative").connectDomainXMLFromNative(
            format: format, config: config)
    }
}
