#if canImport(Glibc)
    import Glibc
#endif

extension Warnings {
    /// Echoes lines to standard error as they are, as libxml2's default handler does in a libvirt process:
    /// for front ends that stand in for one (virsh, the C library).
    public func echoToStandardError() {
        setEchoHandler { line in
            let bytes = Array(line.utf8)
            _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
    }
}
