import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    /// Parses domain XML for QEMU: libvirt's checks plus what this driver can run.
    func parseDefinition(_ xml: String, validate: Bool) throws(VirtError) -> DomainDefinition {
        if validate { try DomainSchema.shared.validate(xml: xml) }
        let def = try DomainDefinition(xml: xml, defaults: .qemu)
        guard def.type == "qemu" || def.type == "kvm" else {
            throw VirtError(.configUnsupported, .qemu,
                            "domain type '\(def.type)' is not supported by the QEMU driver; use 'qemu' (TCG) or 'kvm'")
        }
        try store.checkFileName(def.name)
        // QEMU pauses a guest that powered off; libvirt's driver will not keep it so.
        if def.onReboot == .preserve || def.onPoweroff == .preserve {
            throw VirtError(.configUnsupported, .qemu,
                            "qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'")
        }
        return def
    }

    func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        let def = try parseDefinition(xml, validate: flags.contains(.validate))
        return try await withDriverLock { () async throws(VirtError) -> DomainRef in
            let existing = try await checkUnique(def)
            try store.writePersistent(def)
            let ref = DomainRef(name: def.name, uuid: def.uuid, id: existing?.running?.status.id ?? -1)
            emit(ref, existing?.isPersistent == true ? .definedUpdated : .definedAdded)
            return ref
        }
    }

    func domainUndefine(_ ref: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            guard record.isPersistent else {
                throw VirtError(.operationInvalid, .qemu, "cannot undefine transient domain")
            }
            try store.removePersistent(named: record.name)
            emit(record.ref, .undefinedRemoved)
        }
    }
}
