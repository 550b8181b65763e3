import VirtDriver
import VirtDriverState

extension XenDriver {
    static let consoleSession = ConsoleSession(errorDomain: .libxl)

    /// The first console's pty, as xenconsoled serves it (libxl tells where), one session at a time. Like
    /// libvirt's libxl driver, only the first console, never one named by alias.
    func domainOpenConsole(_ ref: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        let record = try await record(ref)
        try Self.refuseDomain0(record)
        let running = try Self.requireActive(record)
        if device != nil {
            throw VirtError(.operationInvalid, .libxl, "Named device aliases are not supported")
        }
        let devices = running.definition.devices
        guard let console = devices.consoles.first else {
            throw VirtError(.internalError, .libxl, "cannot find character device <null>")
        }
        // An HVM guest's first console is its serial port; a PV or PVH guest's is Xen's PV console.
        let serial = console.targetType == "serial"
        let chardev = serial ? (devices.serials.first ?? console) : console
        guard chardev.type == "pty" else {
            throw VirtError(.internalError, .libxl, "character device \(serial ? "serial0" : "console0") is not using a PTY")
        }
        let path = try await toolstack.consoleTTY(running.status.id, number: Int(chardev.targetPort ?? 0), serial: serial)
        return try await Self.consoleSession.open(ptyPath: path, lockPath: paths.consoleLock(record.uuid.libvirtString, device: "console0"),
                                                  force: flags.contains(.force))
    }
}
