import CLibvirt

/// A caller's free callback with its data, called outside any lock once what it belonged to is gone.
struct FreeCall: @unchecked Sendable {
    // The callback and the pointer are the caller's, handed back untouched.
    let free: virFreeCallback?
    let opaque: UnsafeMutableRawPointer?

    func run() { free?(opaque) }
}
