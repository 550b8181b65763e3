import FoundationEssentials
import VirtDriver
import VirtXML

/// Domain-0, the control domain SwiftVirt runs in. Xen started it, so there is no file for it: its
/// definition is made from what Xen reports, as libvirt's libxl driver does (name "Domain-0", the all-zero
/// UUID, id 0). It is always running; it cannot be destroyed, suspended, saved or shut down from here.
enum Domain0 {
    static let name = "Domain-0"
    static let uuid = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// libvirt's refusal for what Domain-0 cannot do.
    static let unsupported = VirtError(.operationInvalid, .libxl, "Domain-0 does not support requested operation")

    /// The record for Domain-0 from Xen's view of it. Maximum memory is Xen's limit for dom0 when it has
    /// one below the host's memory (dom0_mem=...,max:...), else what it has now. Like libvirt's, the
    /// definition is made directly, not parsed: no devices, no post-parse defaults.
    static func record(info: XenDomainInfo, hostMemoryKiB: UInt64) -> XenDomainRecord {
        let maximum = info.maxMemoryKiB > 0 && info.maxMemoryKiB <= hostMemoryKiB ? info.maxMemoryKiB : info.currentMemoryKiB
        var def = DomainDefinition(type: "xen", name: name, uuid: uuid)
        def.id = 0
        def.memory = MemoryConfig(totalKiB: max(maximum, info.currentMemoryKiB), currentKiB: info.currentMemoryKiB)
        def.vcpu = VcpuConfig(maximum: info.vcpuMaxID + 1)
        def.vcpu.setOnline(min(max(info.vcpusOnline, 1), info.vcpuMaxID + 1))
        def.os = OSConfig(type: "xen")
        let status = XenDomainStatus(name: name, uuid: uuid.libvirtString, id: 0, runningReason: RunningReason.booted.rawValue)
        return XenDomainRecord(name: name, uuid: uuid,
                               lifecycle: .persistentRunning(.init(status: status, definition: def, info: info), persistent: def))
    }
}
