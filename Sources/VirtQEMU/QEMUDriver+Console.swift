import VirtDriver
import VirtDriverState
import VirtXML

extension QEMUDriver {
    static let consoleSession = ConsoleSession(errorDomain: .qemu)

    /// The console's pty as QEMU created it (recorded in the live XML at start), one session at a time.
    func domainOpenConsole(_ ref: DomainRef, device: String?, flags: DomainConsoleFlags) async throws(VirtError) -> ConsoleStream {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainConsoleFlags([.force, .safe]).rawValue,
                                 function: "qemuDomainOpenConsole", domain: .qemu)
        let record = try await record(ref)
        guard let running = record.running else {
            throw VirtError(.operationInvalid, .domain, "domain is not running")
        }
        guard let (alias, chardev) = Self.consoleDevice(device, in: running.definition) else {
            throw VirtError(.internalError, .qemu, "cannot find character device \(device ?? "<null>")")
        }
        guard chardev.type == "pty", let path = chardev.sourcePath else {
            throw VirtError(.internalError, .qemu, "character device \(device ?? alias) is not using a PTY")
        }
        return try await Self.consoleSession.open(ptyPath: path, lockPath: paths.consoleLock(record.uuid.libvirtString, device: alias),
                                                  force: flags.contains(.force))
    }

    /// The character device an alias names ("serialN", "consoleN"), or with nil the first console, else the
    /// first serial port; with the alias libvirt gives it. A console on a serial port is that port.
    static func consoleDevice(_ alias: String?, in def: DomainDefinition) -> (alias: String, device: CharDevice)? {
        let devices = def.devices
        func indexed(_ prefix: String) -> Int? {
            guard let alias, alias.hasPrefix(prefix) else { return nil }
            return Int(alias.dropFirst(prefix.count))
        }
        func serialBehind(_ console: Int) -> (String, CharDevice)? {
            guard console == 0, devices.consoles[0].targetType ?? "serial" == "serial", let serial = devices.serials.first
            else { return nil }
            return ("serial0", serial)
        }
        if alias == nil {
            if !devices.consoles.isEmpty { return serialBehind(0) ?? ("console0", devices.consoles[0]) }
            return devices.serials.first.map { ("serial0", $0) }
        }
        if let index = indexed("serial"), devices.serials.indices.contains(index) {
            return ("serial\(index)", devices.serials[index])
        }
        if let index = indexed("console"), devices.consoles.indices.contains(index) {
            return serialBehind(index) ?? ("console\(index)", devices.consoles[index])
        }
        return nil
    }
}
