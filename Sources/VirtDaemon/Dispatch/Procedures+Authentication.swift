import VirtModel
import VirtRPC

/// Authentication beyond "none". virtd has no SASL library and no polkit client yet: a socket configured for
/// either admits root at once (as libvirtd does for a uid-0 peer on a polkit socket) and refuses everyone
/// else with an error that names what is missing, never a silent success.
extension ProcedureTable {
    mutating func addAuthenticationProcedures() {
        add(.authPolkit, "virConnectOpen", .reads, beforeAuthentication: true, XDRVoid.self) { _, _ throws(VirtError) -> RemoteAuthPolkitRet in
            throw VirtError(.authUnavailable, .rpc, "polkit authentication is not available in virtd; connect as root or set auth_unix_rw = \"none\"")
        }
        add(.authSaslInit, "virConnectOpen", .reads, beforeAuthentication: true, XDRVoid.self) { _, _ throws(VirtError) -> RemoteAuthSaslInitRet in
            throw VirtError(.authUnavailable, .rpc, "SASL authentication is not available in virtd; use TLS or auth = \"none\"")
        }
    }
}
