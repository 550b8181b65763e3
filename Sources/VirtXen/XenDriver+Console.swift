import VirtDriver
import VirtDriverState
import VirtXML

extension XenDriver {
    static let consoleSession = ConsoleSession(errorDomain: .libxl)

    /// A console's pty as xenconsoled serves it (libxl names it), one session at a time: a serial port by
    /// alias ("serial0"), or with nil the first console (an HVM guest's serial port, a PV guest's PV console).
    /// As libvirt's libxl driver: no `.safe`, and Domain-0's console is not offered.
    func domainOpenConsole(_ ref: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainConsoleFlags.force.rawValue,
                                 function: "libxlDomainOpenConsole", domain: .libxl)
        let record = try await record(ref)
        try Self.refuseDomain0(record)
        let running = try Self.requireActive(record)
        guard let (alias, chardev, serial) = Self.consoleDevice(device, in: running.definition) else {
            throw VirtError(.internalError, .libxl, "cannot find character device \(device ?? "<null>")")
        }
        guard chardev.type == "pty" else {
            throw VirtError(.internalError, .libxl, "character device \(device ?? alias) is not using a PTY")
        }
        let path = try await toolstack.consoleTTY(running.status.id, number: Int(chardev.targetPort ?? 0), serial: serial)
        return try await Self.consoleSession.open(ptyPath: path, lockPath: paths.consoleLock(record.uuid.libvirtString, device: alias),
                                                  force: flags.contains(.force))
    }

    /// The device an alias names, with its alias and whether it is a serial port (else Xen's PV console).
    static func consoleDevice(_ alias: String?, in def: DomainDefinition) -> (String, CharDevice, serial: Bool)? {
        let devices = def.devices
        if let alias {
            guard alias.hasPrefix("serial"), let index = Int(alias.dropFirst("serial".count)),
                  devices.serials.indices.contains(index) else { return nil }
            return (alias, devices.serials[index], true)
        }
        guard let console = devices.consoles.first else { return nil }
        if console.targetType == "serial", let serial = devices.serials.first { return ("serial0", serial, true) }
        return ("console0", console, false)
    }
}
