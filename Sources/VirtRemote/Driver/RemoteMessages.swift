import VirtRPC

// Message layouts the remote driver needs that VirtRPC's generated table does not carry yet (layouts from
// libvirt's remote_protocol.x). They belong in scripts/rpc-messages.py's table; until then they live here.

/// `remote_connect_domain_xml_to_native_args` (136).
struct RemoteConnectDomainXmlToNativeArgs: Codable, Sendable, Hashable {
    var nativeFormat: String
    var domainXml: String
    var flags: UInt32
}

/// `remote_connect_domain_xml_to_native_ret` (136).
struct RemoteConnectDomainXmlToNativeRet: Codable, Sendable, Hashable {
    var nativeConfig: String
}

/// `remote_connect_domain_xml_from_native_args` (135).
struct RemoteConnectDomainXmlFromNativeArgs: Codable, Sendable, Hashable {
    var nativeFormat: String
    var nativeConfig: String
    var flags: UInt32
}

/// `remote_connect_domain_xml_from_native_ret` (135).
struct RemoteConnectDomainXmlFromNativeRet: Codable, Sendable, Hashable {
    var domainXml: String
}

/// `remote_domain_managed_save_remove_args` (184).
struct RemoteDomainManagedSaveRemoveArgs: Codable, Sendable, Hashable {
    var dom: RemoteNonnullDomain
    var flags: UInt32
}

/// `remote_domain_pin_vcpu_flags_args` (225).
struct RemoteDomainPinVcpuFlagsArgs: Codable, Sendable, Hashable {
    var dom: RemoteNonnullDomain
    var vcpu: UInt32
    var cpumap: XDROpaque
    var flags: UInt32
}
