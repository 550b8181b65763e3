import VirtModel

/// One entry of xl.cfg's `disk = [ ... ]` list (xl-disk-configuration(5)), read as xl's libxlu reads it:
/// `key=value` parameters and flags, the positional parameters `target, format, vdev, access` in that order,
/// the deprecated prefixes (`phy:`, `file:`, `tap:aio:`, `qcow2:`, ...), and `target=` swallowing the rest.
///
/// Parameters libvirt has no place for (`script=`, `backend=`, `discard`, ...) are recorded in
/// ``unsupported`` so the conversion can refuse them by name instead of dropping them.
struct XLDiskSpec: Equatable {
    enum Format: String { case raw, qcow, qcow2, vhd, empty, qed }
    enum Backend: String { case phy, tap, qdisk, standalone }

    /// The image or device (`target`); "" or nil for an empty CD-ROM drive.
    var target: String?
    var format: Format?
    var vdev: String?
    var readWrite = true
    var isCDROM = false
    var backend: Backend?
    /// Parameters that were given but have no libvirt equivalent, as written ("script=block-iscsi").
    var unsupported: [String] = []

    init(target: String?, format: Format?, vdev: String, readWrite: Bool, isCDROM: Bool, backend: Backend?) {
        self.target = target
        self.format = format
        self.vdev = vdev
        self.readWrite = readWrite
        self.isCDROM = isCDROM
        self.backend = backend
    }

    /// Reads one disk specification.
    /// - Throws: VIR_ERR_CONF_SYNTAX (VIR_FROM_XENXL) naming the specification and the problem.
    init(parsing spec: String) throws(VirtError) {
        var scanner = XLDiskSpecScanner(spec: spec)
        try scanner.scan(into: &self)
        if isCDROM {
            readWrite = false
            if target == nil || target == "" { format = .empty }
        }
        if format == nil { format = .raw }
        guard let vdev, !vdev.isEmpty else { throw Self.error(spec, "no vdev specified") }
        if target == nil && !isCDROM {
            throw Self.error(spec, "no target specified (and the device is not a removable CD-ROM)")
        }
    }

    static func error(_ spec: String, _ problem: String) -> VirtError {
        VirtError(.confSyntax, .xenxl, "disk specification '\(spec)': \(problem)")
    }

    /// The specification in libvirt's keyed form: `format=,vdev=,access=,backendtype=,devtype=,target=`.
    /// `target=` comes last because xl lets it swallow the rest of the string, commas included.
    var text: String {
        var parts = ["format=\(format ?? .raw)", "vdev=\(vdev ?? "")", "access=\(readWrite ? "rw" : "ro")"]
        if let backend { parts.append("backendtype=\(backend.rawValue)") }
        if isCDROM { parts.append("devtype=cdrom") }
        if let target, !target.isEmpty { parts.append("target=\(target)") }
        return parts.joined(separator: ",")
    }
}
