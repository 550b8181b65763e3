/// The most a driver reads of each kind of file it keeps (``FileIO/read(_:limit:)``): every file in a state
/// directory may be corrupt or replaced, so none is read whole on trust.
public enum FileSizeLimit {
    /// A pid, a UUID, a counter, a JSON status record, a /proc or /sys line.
    public static let record = 1 << 20
    /// Domain XML: the most virsh reads of an XML file (libvirt's VSH_MAX_XML_FILE, 10 MiB).
    public static let definition = 10 << 20
    /// A hypervisor's log, read for its last error messages.
    public static let log = 64 << 20
}
