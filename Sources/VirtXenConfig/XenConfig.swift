public import VirtModel
public import VirtXML

/// Domain XML <-> Xen's xl.cfg(5), the "xen-xl" format of `virConnectDomainXMLToNative` and
/// `virConnectDomainXMLFromNative`, following libvirt 9.0's xen-xl mapping. Needs no connection: xen:///
/// only opens in a Xen dom0, the conversion works anywhere.
///
/// ```swift
/// let cfg = try XenConfig.toNative(xml: domainXML)      // virsh domxml-to-native xen-xl guest.xml
/// let xml = try XenConfig.fromNative(config: cfgText)    // virsh domxml-from-native xen-xl guest.cfg
/// ```
///
/// What the XML says and xl.cfg cannot is refused with VIR_ERR_CONFIG_UNSUPPORTED naming it. xl.cfg settings
/// the XML has no place for are kept in the definition's metadata and written back (see the README).
public enum XenConfig {
    /// Domain XML as xl.cfg text. The XML is read as libvirt's libxl driver reads it
    /// (``DefinitionDefaults/xen``), so its defaults are filled before converting.
    /// - Throws: the XML's own errors, VIR_ERR_CONFIG_UNSUPPORTED for what xl.cfg cannot express.
    public static func toNative(xml: String) throws(VirtError) -> String {
        try config(for: DomainDefinition(xml: xml, defaults: .xen)).text
    }

    /// xl.cfg text as the domain XML libvirt returns for it (the inactive definition, without secrets).
    /// - Throws: VIR_ERR_CONF_SYNTAX "memory conf:LINE: ..." for malformed text, VIR_ERR_CONFIG_UNSUPPORTED
    ///   for settings the XML cannot express, and the errors of the definition it makes.
    public static func fromNative(config text: String) throws(VirtError) -> String {
        try definition(fromNative: text).xml([.inactive])
    }

    /// xl.cfg text as a definition, with libvirt's defaults filled in (VNC passwords included).
    public static func definition(fromNative text: String) throws(VirtError) -> DomainDefinition {
        try definition(from: XLConfig(parsing: text))
    }

    /// An xl.cfg as a definition, with libvirt's defaults filled in.
    public static func definition(from config: XLConfig) throws(VirtError) -> DomainDefinition {
        var reader = XenDomainReader(config)
        let draft = try reader.read()
        return try DomainDefinition(xml: draft.xml([.secure]), defaults: .xen)
    }

    /// A definition as xl.cfg settings (in libvirt's order, then the kept ones).
    /// - Throws: VIR_ERR_CONFIG_UNSUPPORTED naming the first part of the definition xl.cfg cannot express.
    public static func config(for definition: DomainDefinition) throws(VirtError) -> XLConfig {
        var writer = XenConfigWriter(definition)
        return try writer.write()
    }

    /// The conversion a driver's `connectDomainXMLToNative` performs for `format`.
    /// - Throws: VIR_ERR_INVALID_ARG "unsupported config type ..." for any format but "xen-xl".
    public static func toNative(format: NativeConfigFormat, xml: String) throws(VirtError) -> String {
        guard format == .xenXL else { throw VirtError(.invalidArg, .libxl, "unsupported config type \(format)") }
        return try toNative(xml: xml)
    }

    /// The conversion a driver's `connectDomainXMLFromNative` performs for `format`.
    /// - Throws: VIR_ERR_OPERATION_UNSUPPORTED for "xen-sxpr" (libvirt dropped it), VIR_ERR_INVALID_ARG
    ///   "unsupported config type ..." for any other format but "xen-xl".
    public static func fromNative(format: NativeConfigFormat, config: String) throws(VirtError) -> String {
        if format == .xenSexpr {
            throw VirtError(.operationUnsupported, .libxl, "conversion from 'xen-sxpr' format is no longer supported")
        }
        guard format == .xenXL else { throw VirtError(.invalidArg, .libxl, "unsupported config type \(format)") }
        return try fromNative(config: config)
    }
}

extension XenConfig {
    /// Xen's HVM firmware and OVMF as Debian's libvirt 9.0 names them (LIBXL_FIRMWARE_DIR).
    static let hvmloaderPath = "/usr/lib/xen/boot/hvmloader"
    static let ovmfPath = "/usr/lib/xen/boot/ovmf.bin"
    /// The bridge xl connects a vif to when the vif names none.
    static let defaultBridge = "xenbr0"
    /// The hotplug script libvirt names for bridged vifs that name none (DEFAULT_VIF_SCRIPT).
    static let defaultBridgeScript = "vif-bridge"
}
