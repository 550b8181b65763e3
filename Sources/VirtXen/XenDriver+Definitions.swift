import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML

extension XenDriver {
    /// Parses domain XML for Xen: libvirt's checks plus what this driver can run.
    func parseDefinition(_ xml: String, validate: Bool) throws(VirtError) -> DomainDefinition {
        let def = try XenDefinitions.parse(xml, options: validate ? .validateSchema : [])
        _ = try XenDomainConfig.guestType(def)
        try store.checkFileName(def.name)
        return def
    }

    /// Refuses a definition whose name or UUID belongs to another domain (libvirt's rules; Domain-0's name
    /// and UUID are taken), under the driver lock. Returns the existing record with the same UUID, if any.
    func checkUnique(_ def: DomainDefinition) async throws(VirtError) -> XenDomainRecord? {
        if let byName = try await record(named: def.name), byName.uuid != def.uuid {
            throw VirtError(.operationFailed, .libxl, "domain '\(def.name)' already exists with uuid \(byName.uuid.libvirtString)")
        }
        for record in try await allRecords() where record.uuid == def.uuid {
            guard record.name == def.name else {
                throw VirtError(.operationFailed, .libxl, "domain '\(record.name)' is already defined with uuid \(def.uuid.libvirtString)")
            }
            return record
        }
        if let claim = startingClaim(named: def.name), claim != def.uuid.libvirtString {
            throw VirtError(.operationFailed, .libxl, "domain '\(def.name)' already exists with uuid \(claim)")
        }
        return nil
    }

    func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        let def = try parseDefinition(xml, validate: flags.contains(.validate))
        return try await withDriverLock { () async throws(VirtError) -> DomainRef in
            let existing = try await checkUnique(def)
            if existing?.name == Domain0.name { throw Domain0.unsupported }
            try store.writePersistent(def)
            let ref = DomainRef(name: def.name, uuid: def.uuid, id: existing?.ref.id ?? -1)
            emit(ref, existing?.isPersistent == true ? .definedUpdated : .definedAdded)
            return ref
        }
    }

    func domainUndefine(_ ref: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            try Self.refuseDomain0(record)
            guard record.isPersistent else {
                throw VirtError(.operationInvalid, .libxl, "cannot undefine transient domain")
            }
            try store.removePersistent(named: record.name)
            emit(record.ref, .undefinedRemoved)
        }
    }

    // MARK: start claims

    /// While a transient domain starts, `<run>/<name>.starting` holds its UUID so no other process takes the
    /// name; the claim counts only while its starter holds the domain lock (a crashed starter leaves none).
    func startingClaim(named name: String) -> String? {
        guard let bytes = try? FileIO.read(paths.startClaim(name), limit: FileSizeLimit.record) else { return nil }
        let uuid = String(decoding: bytes, as: UTF8.self)
        return FileLock.isHeld(paths.domainLock(uuid)) ? uuid : nil
    }
}
