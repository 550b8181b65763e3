import VirtDriver
import VirtXML

extension QEMUDriver {
    /// Memory in KiB. Live: the balloon target (up to the boot-time size). `.maximum`: the boot-time size,
    /// persistent only — QEMU cannot change it while running, and libvirt refuses it the same way.
    func domainSetMemoryFlags(_ ref: DomainRef, kib: UInt64, flags: DomainModificationFlags) async throws(VirtError) {
        try await withDomainLock(ref) { (record) async throws(VirtError) in
            let (live, config) = try Self.impact(flags, record)
            if flags.contains(.maximum) {
                if live {
                    throw VirtError(.operationInvalid, .qemu, "cannot resize the maximum memory on an active domain")
                }
                guard var def = record.persistent else { return }
                if let hotplug = def.memory.hotplugMaximum, hotplug.kib < kib {
                    throw VirtError(.operationInvalid, .qemu,
                                    "cannot set initial memory size greater than the maximum memory size")
                }
                def.memory.totalKiB = kib
                def.memory.currentKiB = min(def.memory.currentKiB, kib)
                try store.writePersistent(def)
                return
            }
            if live, let running = record.running {
                var def = running.definition
                guard kib <= def.memory.totalKiB else {
                    throw VirtError(.invalidArg, .qemu, "cannot set memory higher than max memory")
                }
                guard def.devices.memballoon.map({ $0.model != "none" }) == true else {
                    throw VirtError(.operationInvalid, .qemu, "Unable to change memory of active domain without the balloon device and guest OS balloon driver")
                }
                try await withMonitor(record) { (monitor) async throws(VirtError) in
                    try await monitor.setBalloon(bytes: kib * 1024)
                }
                def.memory.currentKiB = kib
                try store.writeLiveDefinition(def)
            }
            if config, var def = record.persistent {
                guard kib <= def.memory.totalKiB else {
                    throw VirtError(.invalidArg, .qemu, "cannot set memory higher than max memory")
                }
                def.memory.currentKiB = kib
                try store.writePersistent(def)
            }
        }
    }

    static func impact(_ flags: DomainModificationFlags, _ record: QEMUDomainRecord) throws(VirtError) -> (live: Bool, config: Bool) {
        try flags.impact(isActive: record.isActive, isPersistent: record.isPersistent)
    }
}
