import CLibvirt
import Virt

// virInitialize() and virGetVersion(): the library as a whole (libvirt.c).

@c @implementation
public func virInitialize() -> Int32 {
    // Everything is initialised on first use; there is nothing that can fail here.
    0
}

/// libvirt 9.0 ignores `type` and reports its own version as every hypervisor's library version.
@c @implementation
public func virGetVersion(
    _ libVer: UnsafeMutablePointer<UInt>?, _ type: UnsafePointer<CChar>?, _ typeVer: UnsafeMutablePointer<UInt>?
) -> Int32 {
    EntryPoint("virGetVersion", errorDomain: .none).run(failure: -1) { entry throws(APIFailure) in
        guard let libVer else {
            // libvirt fails here without saying why, which leaves its generic error.
            throw APIFailure(error: .causeUnknown, connection: nil)
        }
        let version = UInt(LibraryVersion.api.encoded)
        libVer.pointee = version
        typeVer?.pointee = version
        return 0
    }
}

extension VirtError {
    /// What libvirt reports when a call fails without having set an error.
    static var causeUnknown: VirtError {
        var error = VirtError(code: .internalError, domain: .none, message: "An error occurred, but the cause is unknown")
        error.int1 = 0
        error.int2 = 0
        return error
    }
}
