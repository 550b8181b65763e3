import FoundationEssentials
import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

extension XenDriver {
    func domainCreate(_ ref: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try checkCreateFlags(flags, function: "libxlDomainCreateWithFlags")
        return try await withDomainLock(ref) { (record, held) async throws(VirtError) -> DomainRef in
            guard !record.isActive else {
                throw VirtError(.operationInvalid, .libxl, "Domain is already running")
            }
            guard let def = record.persistent else {
                throw VirtError(.operationInvalid, .libxl, "domain '\(record.name)' is not defined")
            }
            let status = try await launch(def, runningReason: .booted, paused: flags.contains(.paused), held: held)
            return DomainRef(name: def.name, uuid: def.uuid, id: Int32(bitPattern: status.id))
        }
    }

    func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try checkCreateFlags(flags, function: "libxlDomainCreateXML")
        let def = try parseDefinition(xml, validate: flags.contains(.validate))
        return try await startLive(def, allocate: {}) { (def, _, held) async throws(VirtError) -> DomainRef in
            let status = try await launch(def, runningReason: .booted, paused: flags.contains(.paused), held: held)
            return DomainRef(name: def.name, uuid: def.uuid, id: Int32(bitPattern: status.id))
        }
    }

    private func checkCreateFlags(_ flags: DomainCreateFlags, function: String) throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainCreateFlags([.paused, .validate]).rawValue,
                                 function: function, domain: .libxl)
    }

    /// Builds the Xen domain for `persistent` (the caller holds the domain's lock: `held`), records it, and lets it
    /// run unless `paused`. With `restoreFrom`, the domain's memory comes from a save stream. Memory is
    /// rounded up to whole MiB, as Xen sizes it. On failure the domain is destroyed and nothing is left.
    func launch(
        _ persistent: DomainDefinition, runningReason: RunningReason, paused: Bool, restoreFrom descriptor: Int32? = nil,
        held: DomainLockHold
    ) async throws(VirtError) -> XenDomainStatus {
        var def = persistent
        def.id = nil
        def.memory.totalKiB = XenDomainConfig.roundedToMiB(def.memory.totalKiB)
        def.memory.currentKiB = XenDomainConfig.roundedToMiB(def.memory.currentKiB)
        let config = try XenDomainConfig(definition: def, hostCPUs: try await toolstack.maxCPUs())
        // Recorded before Xen builds anything, with a watcher running: if this process dies while libxl
        // builds, the half-built domain is destroyed by the watcher (or by the next start of the name).
        await reapOrphanedLaunch(named: def.name)
        ensureWatcher(recheck: true)
        try writeLaunchMarker(def.name, uuid: def.uuid.libvirtString)
        defer { try? Paths.remove(paths.launchMarker(def.name)) }
        let id: UInt32
        if let descriptor {
            id = try await toolstack.restore(config, from: descriptor)
        } else {
            id = try await toolstack.create(config)
        }
        def.id = Int32(bitPattern: id)
        def.devices.interfaces = Self.namingHostInterfaces(def.devices.interfaces, domainID: id, nics: config.nics)
        let status = XenDomainStatus(
            name: def.name, uuid: def.uuid.libvirtString, id: id, runningReason: runningReason.rawValue,
            pausedReason: paused ? PausedReason.user.rawValue : 0)
        do throws(VirtError) {
            try store.writeRunning(status, definition: def)
            if !paused { try await toolstack.unpause(id) }
        } catch {
            try? await toolstack.destroy(id)
            store.clearRunning(named: def.name)
            throw error
        }
        let ref = DomainRef(name: def.name, uuid: def.uuid, id: Int32(bitPattern: id))
        // As libvirt's libxl driver: a domain started paused reports only its start.
        emit(ref, runningReason == .restored ? .startedRestored : .startedBooted)
        ensureWatcher(recheck: true)
        return status
    }

    /// The host-side names of a new domain's interfaces, as libvirt's libxl driver gives them once Xen has
    /// the domain's id: `vif<id>.<devid>`, with "-emu" for an emulated NIC's tap, unless the definition named
    /// one. They are the live XML's `<target dev>` and what `domifstat` counts; a definition read as
    /// configuration drops them again (``DefinitionDefaults/generatedInterfacePrefix``).
    static func namingHostInterfaces(_ interfaces: [Interface], domainID: UInt32, nics: [XenDomainConfig.NIC]) -> [Interface] {
        var named = interfaces
        for (index, nic) in zip(named.indices, nics) where named[index].targetDev == nil {
            named[index].targetDev = "vif\(domainID).\(nic.deviceID)\(nic.nicType == "vif" ? "" : "-emu")"
        }
        return named
    }
}
