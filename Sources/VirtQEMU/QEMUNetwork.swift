import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// Host-side network pieces of a domain: tap devices for bridged NICs and VNC ports.
enum QEMUNetwork {
    /// Names for the taps of bridge interfaces (QEMU creates them; needs root), checking each bridge exists.
    static func prepareTaps(for def: DomainDefinition) throws(VirtError) -> [String] {
        let bridged = def.devices.interfaces.filter { $0.type == "bridge" }
        guard !bridged.isEmpty else { return [] }
        guard geteuid() == 0 else {
            throw VirtError(.configUnsupported, .qemu,
                            "bridge interfaces need root (tap devices); use interface type 'user' in qemu:///session")
        }
        var used = NetworkInterfaces.names()
        var names: [String] = []
        var next = 0
        for nic in bridged {
            guard let bridge = nic.sourceBridge, NetworkInterfaces.isBridge(bridge) else {
                throw VirtError(.configUnsupported, .qemu, "bridge '\(nic.sourceBridge ?? "")' does not exist on this host")
            }
            if let wanted = nic.targetDev, !used.contains(wanted) {
                names.append(wanted)
                used.insert(wanted)
                continue
            }
            while used.contains("vnet\(next)") { next += 1 }
            names.append("vnet\(next)")
            used.insert("vnet\(next)")
        }
        return names
    }

    /// Puts each tap on its bridge once QEMU has created it.
    static func attachTaps(_ taps: [String], definition def: DomainDefinition) throws(VirtError) {
        let bridges = def.devices.interfaces.filter { $0.type == "bridge" }.compactMap(\.sourceBridge)
        for (tap, bridge) in zip(taps, bridges) {
            do {
                try NetworkInterfaces.attach(tap, toBridge: bridge)
            } catch {
                throw VirtError.system(error.errno, "cannot attach '\(tap)' to bridge '\(bridge)'", domain: .qemu)
            }
        }
    }

    /// Free VNC displays (port 5900 + n) for autoport graphics.
    static func freeVNCDisplays(count: Int) throws(VirtError) -> [Int] {
        var displays: [Int] = []
        var display = 0
        while displays.count < count {
            guard display < 100 else {
                throw VirtError(.internalError, .qemu, "no free VNC port between 5900 and 5999")
            }
            if NetworkInterfaces.isTCPPortFree(5900 + display) { displays.append(display) }
            display += 1
        }
        return displays
    }
}
