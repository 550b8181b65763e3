import VirtModel

extension DomainDefinition {
    /// libvirt's validation stage (`virDomainDefValidate`): each device, then the definition as a whole.
    func validate(_ defaults: DefinitionDefaults) throws(VirtError) {
        for disk in devices.disks { try validateDisk(disk) }
        for device in devices.serials { try validateCharDevice(device) }
        for device in devices.consoles { try validateCharDevice(device) }
        try validateDuplicateDisks()
        try validateLifecycle(onPoweroff, event: "poweroff")
        try validateLifecycle(onReboot, event: "reboot")
    }

    private func validateDisk(_ disk: Disk) throws(VirtError) {
        guard !disk.targetDev.isEmpty else {
            throw VirtError(.noTarget, .domain, disk.source)
        }
        if disk.device == "lun" {
            if disk.type != "block" && disk.type != "volume" && disk.type != "network" {
                throw DomainError.unsupported("disk device='lun' is only valid for block type disk source")
            }
            if let format = disk.driverType, format != "raw" {
                throw DomainError.unsupported("disk device 'lun' must use 'raw' format")
            }
        }
        if disk.device == "floppy", disk.targetBus != "fdc" {
            throw DomainError.internal("Invalid bus type '\(disk.targetBus ?? "none")' for floppy disk")
        }
        if disk.device != "floppy", disk.targetBus == "fdc" {
            throw DomainError.internal("Invalid bus type 'fdc' for disk")
        }
        if disk.device == "disk" || disk.device == "lun",
            !["hd", "sd", "vd", "xvd", "ubd"].contains(where: { disk.targetDev.hasPrefix($0) })
        {
            throw DomainError.internal("Invalid harddisk device name: \(disk.targetDev)")
        }
        if disk.device == "floppy", !disk.targetDev.hasPrefix("fd") {
            throw DomainError.internal("Invalid floppy device name: \(disk.targetDev)")
        }
        if disk.device == "disk", disk.hasNoSource {
            throw VirtError(.noSource, .domain, disk.targetDev)
        }
    }

    private func validateCharDevice(_ device: CharDevice) throws(VirtError) {
        if ["file", "dev", "pipe"].contains(device.type), device.sourcePath == nil {
            throw DomainError.internal("Missing source path attribute for char device")
        }
    }

    private func validateDuplicateDisks() throws(VirtError) {
        for (index, disk) in devices.disks.enumerated() {
            for other in devices.disks[(index + 1)...] where other.targetDev == disk.targetDev {
                throw DomainError.xml(
                    "target '\(disk.targetDev)' duplicated for disk sources '\(disk.source ?? "<null>")' and '\(other.source ?? "<null>")'"
                )
            }
        }
    }

    private func validateLifecycle(_ action: LifecycleAction, event: String) throws(VirtError) {
        if action == .coredumpDestroy || action == .coredumpRestart {
            throw DomainError.unsupported("Lifecycle event '\(event)' doesn't support '\(action.rawValue)' action")
        }
    }
}

extension Disk {
    /// A local disk with no path (an empty CD-ROM or floppy drive); network sources count as present.
    var hasNoSource: Bool {
        guard DomainParser.diskSourceAttribute(type) != nil else { return false }
        return source == nil && (childUnknown["source"]?.attributes.isEmpty ?? true)
    }
}
