import VirtDriver
import VirtXML

extension QEMUCommandLine {
    /// Disks: a `-drive` backend (raw or qcow2 file or block device) and a front end per bus
    /// (virtio-blk, IDE on the machine's built-in controller, SCSI on one virtio-scsi controller, SATA on AHCI).
    func diskArguments() throws(VirtError) -> [String] {
        var args: [String] = []
        var needsSCSI = false
        var needsAHCI = false
        var targets: Set<String> = []
        for (index, disk) in definition.devices.disks.enumerated() {
            guard targets.insert(disk.targetDev).inserted else {
                throw VirtError(.xmlError, .qemu, "target '\(disk.targetDev)' duplicated for disk sources")
            }
            guard disk.type == "file" || disk.type == "block" else {
                throw VirtError(.configUnsupported, .qemu, "disk type '\(disk.type)' of '\(disk.targetDev)' is not supported; use 'file' or 'block'")
            }
            let bus = disk.targetBus ?? Self.defaultBus(for: disk.targetDev)
            let drive = "drive-\(index)"
            var backend = ["if=none", "id=\(drive)"]
            if let source = disk.source {
                backend.insert("file=\(Self.escape(source))", at: 0)
                let format = disk.driverType ?? "raw"
                guard format == "raw" || format == "qcow2" else {
                    throw VirtError(.configUnsupported, .qemu, "disk format '\(format)' of '\(disk.targetDev)' is not supported; use 'raw' or 'qcow2'")
                }
                backend.append("format=\(format)")
            } else if disk.device != "cdrom" && disk.device != "floppy" {
                throw VirtError(.noSource, .qemu, disk.targetDev)
            }
            if disk.readonly || disk.device == "cdrom" { backend.append("readonly=on") }
            if let cache = disk.driverCache { backend.append("cache=\(cache)") }
            args += ["-drive", backend.joined(separator: ",")]

            let cdrom = disk.device == "cdrom"
            switch bus {
            case "virtio":
                guard !cdrom else { throw VirtError(.configUnsupported, .qemu, "a cdrom cannot be on the virtio bus") }
                args += ["-device", "virtio-blk-pci,drive=\(drive),id=disk\(index)"]
            case "ide":
                let slot = try Self.ideSlot(disk.targetDev)
                args += ["-device", "\(cdrom ? "ide-cd" : "ide-hd"),drive=\(drive),id=disk\(index),bus=ide.\(slot.bus),unit=\(slot.unit)"]
            case "sata":
                needsAHCI = true
                let unit = try Self.letterIndex(disk.targetDev, prefix: "sd")
                args += ["-device", "\(cdrom ? "ide-cd" : "ide-hd"),drive=\(drive),id=disk\(index),bus=ahci0.\(unit)"]
            case "scsi":
                needsSCSI = true
                let unit = try Self.letterIndex(disk.targetDev, prefix: "sd")
                args += ["-device", "\(cdrom ? "scsi-cd" : "scsi-hd"),drive=\(drive),id=disk\(index),bus=scsi0.0,scsi-id=\(unit)"]
            default:
                throw VirtError(.configUnsupported, .qemu, "disk bus '\(bus)' of '\(disk.targetDev)' is not supported")
            }
        }
        var controllers: [String] = []
        if needsSCSI { controllers += ["-device", "virtio-scsi-pci,id=scsi0"] }
        if needsAHCI { controllers += ["-device", "ich9-ahci,id=ahci0"] }
        return controllers + args
    }

    /// The bus a target name implies, as libvirt infers it (vdX virtio, hdX ide, sdX scsi).
    static func defaultBus(for target: String) -> String {
        if target.hasPrefix("vd") { return "virtio" }
        if target.hasPrefix("hd") { return "ide" }
        return "scsi"
    }

    /// hda..hdd: two IDE buses with two units each.
    static func ideSlot(_ target: String) throws(VirtError) -> (bus: Int, unit: Int) {
        let index = try letterIndex(target, prefix: "hd")
        guard index < 4 else {
            throw VirtError(.configUnsupported, .qemu, "IDE disk '\(target)' is beyond the four IDE slots (hda-hdd)")
        }
        return (index / 2, index % 2)
    }

    /// "sdc" -> 2.
    static func letterIndex(_ target: String, prefix: String) throws(VirtError) -> Int {
        let suffix = target.dropFirst(prefix.count)
        guard target.hasPrefix(prefix), suffix.count == 1, let letter = suffix.unicodeScalars.first,
              letter.value >= 97, letter.value <= 122 else {
            throw VirtError(.xmlError, .qemu, "disk target '\(target)' is not of the form \(prefix)a..\(prefix)z")
        }
        return Int(letter.value - 97)
    }
}
