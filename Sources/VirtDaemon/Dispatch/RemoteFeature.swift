/// The feature numbers of CONNECT_SUPPORTS_FEATURE that the daemon's RPC layer answers itself (libvirt's
/// `virDrvFeature`); any other number is the hypervisor driver's to answer.
enum RemoteFeature {
    static let migrationV1: Int32 = 1
    static let remote: Int32 = 2
    static let fdPassing: Int32 = 8
    static let typedParamString: Int32 = 9
    static let programKeepalive: Int32 = 10
    static let remoteEventCallback: Int32 = 14
    static let remoteCloseCallback: Int32 = 15
}
