import VirtDriver
import VirtXML

extension XenDriver {
    /// Memory in KiB. Live: the balloon target (libxl_set_memory_target) or, with `.maximum`, Xen's limit
    /// for the domain (libxl_domain_setmaxmem). Config: the next start's sizes. Domain-0 has only a live side.
    func domainSetMemoryFlags(_ ref: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        try await withDomainLock(ref) { (record, _) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            if flags.contains(.maximum) {
                if live, let running = record.running {
                    try await toolstack.setMaxMemory(running.status.id, kib: kib)
                    var def = running.definition
                    def.memory.totalKiB = kib
                    def.memory.currentKiB = min(def.memory.currentKiB, kib)
                    try writeLive(def, of: record)
                }
                if config, var def = record.persistent {
                    def.memory.totalKiB = kib
                    def.memory.currentKiB = min(def.memory.currentKiB, kib)
                    try store.writePersistent(def)
                }
                return
            }
            guard kib <= record.current.memory.totalKiB else {
                throw VirtError(.invalidArg, .libxl, "cannot set memory higher than max memory")
            }
            if live, let running = record.running {
                try await toolstack.setMemoryTarget(running.status.id, kib: kib)
                var def = running.definition
                def.memory.currentKiB = kib
                try writeLive(def, of: record)
            }
            if config, var def = record.persistent {
                guard kib <= def.memory.totalKiB else {
                    throw VirtError(.invalidArg, .libxl, "cannot set memory higher than max memory")
                }
                def.memory.currentKiB = kib
                try store.writePersistent(def)
            }
        }
    }

    /// Records a changed live definition; Domain-0's comes from Xen each time, so it has none to write.
    func writeLive(_ def: DomainDefinition, of record: XenDomainRecord) throws(VirtError) {
        if !record.isDomain0 { try store.writeLiveDefinition(def) }
    }

    /// As libvirt resolves and refuses flags; Domain-0 (always running) has no persistent side here.
    static func impact(_ flags: DomainModificationFlags, _ record: XenDomainRecord) throws(VirtError) -> (live: Bool, config: Bool) {
        if record.isDomain0 && flags.contains(.config) { throw Domain0.unsupported }
        return try flags.impact(isActive: record.isActive, isPersistent: record.isPersistent)
    }
}
