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

    /// Refuses a definition whose name or UUID belongs to another domain (libvirt's rules), under the
    /// driver lock. Returns the existing record with the same UUID, if any.
    func checkUnique(_ def: DomainDefinition) async throws(VirtError) -> QEMUDomainRecord? {
        if let byName = try await record(named: def.name), byName.uuid != def.uuid {
            throw VirtError(.operationFailed, .qemu,
                            "domain '\(def.name)' already exists with uuid \(byName.uuid.libvirtString)")
        }
        for record in try await allRecords() where record.uuid == def.uuid {
            guard record.name == def.name else {
                throw VirtError(.operationFailed, .qemu,
                                "domain '\(record.name)' is already defined with uuid \(def.uuid.libvirtString)")
            }
            return record
        }
        if let claim = startingClaim(named: def.name), claim != def.uuid.libvirtString {
            throw VirtError(.operationFailed, .qemu, "domain '\(def.name)' already exists with uuid \(claim)")
        }
        return nil
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

    // MARK: start claims

    /// While a transient domain starts, `<run>/<name>.starting` holds its UUID so no other process takes the
    /// name; the claim counts only while its starter holds the domain lock (a crashed starter leaves none).
    func startingClaim(named name: String) -> String? {
        guard let bytes = try? FileIO.read("\(paths.run)/\(name).starting", limit: FileSizeLimit.record) else { return nil }
        let uuid = String(decoding: bytes, as: UTF8.self)
        return FileLock.isHeld(paths.domainLock(uuid)) ? uuid : nil
    }
}
