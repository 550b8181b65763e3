import VirtDriver
import VirtXML

/// The flag-taking and file-passing variants virsh reaches, with libvirt's test-driver semantics.
extension TestDriver {
    func domainDestroyFlags(_ ref: DomainRef, flags: DomainDestroyFlags) async throws(VirtError) {
        try Self.checkFlags(flags.rawValue, allowed: DomainDestroyFlags.graceful.rawValue, function: "testDomainDestroyFlags")
        try await domainDestroy(ref)
    }

    func domainSaveFlags(_ ref: DomainRef, to path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) {
        try Self.checkFlags(flags.rawValue, allowed: 0, function: "testDomainSaveFlags")
        if xml != nil { throw VirtError(.argumentUnsupported, .test, "xml modification unsupported") }
        try await domainSave(ref, to: path)
    }

    func domainRestoreFlags(from path: String, xml: String?, flags: DomainSaveRestoreFlags) async throws(VirtError) -> DomainRef {
        try Self.checkFlags(flags.rawValue, allowed: 0, function: "testDomainRestoreFlags")
        if xml != nil { throw VirtError(.argumentUnsupported, .test, "xml modification unsupported") }
        return try await domainRestore(from: path)
    }

    /// The test driver has no process to hand descriptors to; it starts the domain as usual.
    func domainCreateWithFiles(_ ref: DomainRef, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try await domainCreate(ref, flags: flags)
    }

    func domainCreateXMLWithFiles(_ xml: String, files: [Int32], flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try await domainCreateXML(xml, flags: flags)
    }

    func domainManagedSaveRemove(_ ref: DomainRef) async throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in domain.hasManagedSave = false }
        }
    }

    /// Taint and deprecation notes, taints first in libvirt's order.
    func domainGetMessages(_ ref: DomainRef, flags: DomainMessageFlags) async throws(VirtError) -> [String] {
        let allowed: DomainMessageFlags = [.deprecation, .tainting]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainGetMessages")
        let domain = try withHost { (host: inout TestHost) throws(VirtError) in try host.domain(ref) }
        var messages: [String] = []
        if flags.isEmpty || flags.contains(.tainting) {
            messages += domain.taints.sorted { $0.rawValue < $1.rawValue }.map { "tainted: \($0.message)" }
        }
        if flags.isEmpty || flags.contains(.deprecation) {
            messages += domain.deprecations.map { "deprecated configuration: \($0)" }
        }
        return messages
    }
}

/// Why a domain is marked tainted (`virDomainTaintFlags`), with libvirt's wording.
enum DomainTaint: Int, Sendable, Hashable {
    case highPrivileges = 2
    case shellScripts = 3
    case cdromPassthrough = 8
    case customDTB = 9
    case deprecatedConfig = 12

    var message: String {
        switch self {
        case .highPrivileges: "running with undesirable elevated privileges"
        case .shellScripts: "network configuration using opaque shell scripts"
        case .cdromPassthrough: "use of host cdrom passthrough"
        case .customDTB: "custom device tree blob used"
        case .deprecatedConfig: "use of deprecated configuration settings"
        }
    }

    /// What libvirt's test driver marks when it loads a domain from a node file.
    static func check(_ def: DomainDefinition) -> (taints: Set<DomainTaint>, deprecations: [String]) {
        var taints: Set<DomainTaint> = []
        var deprecations: [String] = []
        for disk in def.devices.disks {
            if disk.unknown.attributes.contains(where: { $0.name == "rawio" && $0.value == "yes" }) { taints.insert(.highPrivileges) }
            if disk.device == "cdrom" && disk.type == "block" && disk.source != nil { taints.insert(.cdromPassthrough) }
        }
        if def.devices.interfaces.contains(where: { $0.unknown.elements.contains { $0.xml.hasPrefix("<script") } }) {
            taints.insert(.shellScripts)
        }
        if let cpu = def.cpu, (cpu.mode ?? "custom") == "custom", cpu.model == "Deprecated-Test" {
            taints.insert(.deprecatedConfig)
            deprecations.append("CPU model Deprecated-Test")
        }
        if def.os.dtb != nil { taints.insert(.customDTB) }
        return (taints, deprecations)
    }
}
