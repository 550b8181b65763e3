import Virt

extension Commands {
    /// `undefine <domain>`: removes a domain's persistent definition; a running domain becomes transient.
    static let undefine = CommandDefinition(
        name: "undefine",
        summary: "undefine a domain",
        description: "Undefine an inactive domain, or convert persistent to transient.",
        options: [
            .domain(completing: .names(.persistent)),
            .bool("managed-save", "remove domain managed state file"),
            .string(
                "storage",
                "remove associated storage volumes (comma separated list of targets or source paths) (see domblklist)"
            ),
            .bool("remove-all-storage", "remove all associated storage volumes (use with caution)"),
            .alias("delete-snapshots", for: "delete-storage-volume-snapshots"),
            .bool(
                "delete-storage-volume-snapshots",
                "delete snapshots associated with volume(s), requires --remove-all-storage (must be supported by storage driver)"
            ),
            .bool("wipe-storage", "wipe data on the removed volumes"),
            .bool("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)"),
            .bool("checkpoints-metadata", "remove all domain checkpoint metadata (vm must be inactive)"),
            .bool("nvram", "remove nvram file"),
            .bool("keep-nvram", "keep nvram file"),
            .bool("tpm", "remove TPM state"),
            .bool("keep-tpm", "keep TPM state"),
        ]
    ) { context throws(CommandFailure) in
        try context.requires(
            "delete-storage-volume-snapshots", context.flag("delete-storage-volume-snapshots"),
            "remove-all-storage", context.flag("remove-all-storage"))
        try context.exclusive("nvram", "keep-nvram")
        try context.exclusive("tpm", "keep-tpm")
        let volumes = context.quietString("storage").text
        let removeAllStorage = context.flag("remove-all-storage")
        if volumes == nil && !removeAllStorage && context.flag("wipe-storage") {
            throw context.failure("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'")
        }

        let managedSave = context.flag("managed-save")
        var flags: DomainUndefineFlags = []
        let requested: [(String, DomainUndefineFlags)] = [
            ("managed-save", .managedSave), ("snapshots-metadata", .snapshotsMetadata),
            ("checkpoints-metadata", .checkpointsMetadata), ("nvram", .nvram), ("keep-nvram", .keepNVRAM),
            ("tpm", .tpm), ("keep-tpm", .keepTPM),
        ]
        for (name, flag) in requested where context.flag(name) { flags.insert(flag) }

        let (domain, given) = try await context.domain()
        let running = try await context.require { () async throws(VirtError) in try await domain.isActive() }
        var hasManagedSave = false
        if !running {
            // Snapshots have no API in SwiftVirt yet, so a domain has none, as for a driver without them.
            do throws(VirtError) {
                hasManagedSave = try await domain.hasManagedSaveImage()
            } catch {
                context.record(error)
                guard error.code == .noSupport else { throw CommandFailure() }
                context.resetError()
            }
        }
        if !hasManagedSave { flags.remove(.managedSave) }

        if volumes != nil || removeAllStorage {
            if running { throw context.failure("Storage volume deletion is supported only on stopped domains") }
            if volumes != nil && removeAllStorage {
                throw context.failure("Specified both --storage and --remove-all-storage")
            }
            try await StorageRemoval.check(domain, volumes: volumes, context)
        }

        // The flags call first, when it cannot leave a managed save image behind (or --nvram insists);
        // a driver refusing it gets the piecewise way: remove the image, then the plain call.
        let nvram = flags.contains(.nvram)
        if !(hasManagedSave && !managedSave) || nvram {
            let chosen = flags
            do throws(VirtError) {
                try await domain.undefine(flags: chosen)
                context.printExtra("Domain '\(given)' has been undefined\n")
                return
            } catch {
                context.record(error)
                if nvram || (error.code != .noSupport && error.code != .invalidArg) {
                    throw context.failure("Failed to undefine domain '\(given)'")
                }
                context.resetError()
            }
        }
        if hasManagedSave {
            if !managedSave { throw context.failure("Refusing to undefine while domain managed save image exists") }
            try await context.require { () async throws(VirtError) in try await domain.removeManagedSaveImage() }
        }
        try await context.require("Failed to undefine domain '\(given)'") { () async throws(VirtError) in
            try await domain.undefine()
        }
        context.printExtra("Domain '\(given)' has been undefined\n")
    }
}

/// `--storage`/`--remove-all-storage`: virsh removes the domain's disk volumes through the storage API.
/// SwiftVirt has no storage pools, so, as virsh says of any disk outside a pool, no volume is managed by
/// libvirt: each selected disk gets virsh's note and is left in place, and the domain is still undefined.
enum StorageRemoval {
    static func check(_ domain: Domain, volumes: String?, _ context: CommandContext) async throws(CommandFailure) {
        let xml = try await context.domainXML(domain)
        let disks = try context.require(xml.nodes("./devices/disk"))
        var wanted = volumes.map(VirshText.commaList) ?? []
        for disk in disks {
            guard let target = xml.string("string(./target/@dev)", at: disk) else { throw CommandFailure() }
            guard let source = xml.string(
                "string(./source/@file|./source/@dir|./source/@name|./source/@dev|./source/@volume)", at: disk)
            else { continue }
            if volumes != nil {
                guard let index = wanted.firstIndex(where: { $0 == target || $0 == source }) else { continue }
                wanted.remove(at: index)
            }
            if let pool = xml.string("string(./source/@pool)", at: disk) {
                context.error("Storage pool '\(pool)' for volume '\(target)' not found.")
            } else {
                context.error("Storage volume '\(target)'(\(source)) is not managed by libvirt. Remove it manually.\n")
            }
        }
        for name in wanted {
            context.error("Volume '\(name)' was not found in domain's definition.\n")
        }
        if !wanted.isEmpty { throw CommandFailure() }
    }
}
