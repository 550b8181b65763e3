import Glibc

extension String {
    /// A malloc'ed, NUL-terminated copy for a C caller to free(), or nil when memory ran out. Through
    /// withCString a native string is copied once; handed to strdup() directly it is first copied into a
    /// temporary array.
    func mallocCopy() -> UnsafeMutablePointer<CChar>? {
        withCString { strdup($0) }
    }
}
