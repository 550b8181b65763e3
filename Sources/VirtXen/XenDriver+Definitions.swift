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
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            try Self.refuseDomain0(record)
            guard record.isPersistent else {
                throw VirtError(.operationInvalid, .libxl, "cannot undefine transient domain")
            }
            try store.removePersistent(named: record.name)
            emit(record.ref, .undefinedRemoved)
        }
    }
}
