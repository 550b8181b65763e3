import VirtModel

extension DomainDefinition {
    /// `Multiple 'ide' controllers with index '0'` (USB controllers may share an index).
    mutating func rejectDuplicateControllers() throws(VirtError) {
        var seen: Set<String> = []
        for controller in devices.controllers where controller.type != "usb" {
            let key = "\(controller.type)/\(controller.index)"
            if !seen.insert(key).inserted {
                throw DomainError.xml("Multiple '\(controller.type)' controllers with index '\(controller.index)'")
            }
        }
    }

    /// libvirt's implicit devices: the console that aliases the first serial port, controllers for disks on
    /// controller buses, a video card for graphics; plus what the driver adds (``DefinitionDefaults``).
    mutating func addImplicitDevices(_ defaults: DefinitionDefaults) throws(VirtError) {
        try addConsoleCompat()
        if defaults.addsImplicitDiskControllers {
            for (controllerType, bus) in [("scsi", "scsi"), ("fdc", "fdc"), ("ide", "ide"), ("sata", "sata")] {
                try addDiskControllers(type: controllerType, bus: bus)
            }
        }
        if devices.consoles.contains(where: { $0.targetType == "virtio" }),
            !devices.controllers.contains(where: { $0.type == "virtio-serial" && $0.index == 0 })
        {
            // virtio consoles sit on a virtio-serial controller.
            devices.insertController(Controller(type: "virtio-serial", index: 0))
        }
        if defaults.addsImplicitVideo, !devices.graphics.isEmpty, devices.videos.isEmpty {
            devices.videos.append(Video())
        }
        for controller in defaults.implicitControllers
        where !devices.controllers.contains(where: { $0.type == controller.type }) {
            devices.insertController(controller)
        }
        if !devices.graphics.isEmpty {
            for input in defaults.inputsWithGraphics
            where !devices.inputs.contains(where: { $0.type == input.type && $0.bus == input.bus }) {
                devices.inputs.append(input)
            }
        }
        if devices.memballoon == nil, let model = defaults.defaultMemballoonModel {
            devices.memballoon = Memballoon(model: model)
        }
    }

    /// The first video is the primary one and gets the driver's defaults.
    mutating func postParseVideos(_ defaults: DefinitionDefaults) throws(VirtError) {
        guard !devices.videos.isEmpty else { return }
        if devices.videos[0].modelType == "none" {
            let kept = devices.videos[0]
            devices.videos[0] = Video(modelType: "none")
            devices.videos[0].unknown = kept.unknown
            return
        }
        devices.videos[0].primary = true
        defaults.videoPostParse?(&devices.videos[0], os.type)
        Self.postParseVideo(&devices.videos[0], defaultModel: defaultVideoModel(defaults), domainType: type)
    }

    /// For HVM guests the first console is an alias of the first serial port (`virDomainDefAddConsoleCompat`).
    private mutating func addConsoleCompat() throws(VirtError) {
        for console in devices.consoles.dropFirst() where console.targetType == "serial" {
            throw DomainError.unsupported("Only the first console can be a serial port")
        }
        guard os.type == "hvm" else { return }
        if let first = devices.consoles.first, first.targetType == "serial" {
            if devices.serials.isEmpty {
                var serial = first
                serial.targetType = nil
                serial.targetPort = 0
                devices.serials.append(serial)
            }
            devices.consoles[0] = consoleAlias(of: devices.serials[0])
        } else if let serial = devices.serials.first,
            !["usb-serial", "pci-serial", "isa-debug"].contains(serial.targetType ?? "")
        {
            devices.consoles.insert(consoleAlias(of: serial), at: 0)
        }
    }

    /// The console libvirt writes for a serial port: the same device with a serial console target.
    func consoleAlias(of serial: CharDevice) -> CharDevice {
        var console = serial
        console.targetType = "serial"
        console.childUnknown["target"] = nil
        return console
    }

    /// The most controllers of one type that disks may make a definition imply. libvirt has no bound: a
    /// disk named `sdzzzzzz`, or a drive address with controller='4000000000', makes it add controllers
    /// until memory or time runs out.
    static let maximumImpliedControllers = 1024

    private mutating func addDiskControllers(type controllerType: String, bus: String) throws(VirtError) {
        var highest = -1
        for disk in devices.disks where disk.targetBus == bus && disk.address?.type == "drive" {
            let text = disk.address?.attributes.first { $0.name == "controller" }?.value
            let controller = text.flatMap { Int($0) } ?? 0
            guard controller < Self.maximumImpliedControllers else {
                throw DomainError.unsupported("""
                    disk '\(disk.targetDev)' would need \(controllerType) controller \(text ?? "?"): \
                    at most \(Self.maximumImpliedControllers) controllers of one type are supported
                    """)
            }
            highest = max(highest, controller)
        }
        guard highest >= 0 else { return }
        let present = Set(devices.controllers.filter { $0.type == controllerType }.map(\.index))
        for index in 0...highest where !present.contains(UInt32(index)) {
            devices.insertController(Controller(type: controllerType, index: UInt32(index)))
        }
    }
}

extension Devices {
    /// Inserts a controller where libvirt keeps it: after the controllers of its type with lower indexes
    /// (`virDomainControllerInsertPreAlloced`).
    mutating func insertController(_ controller: Controller) {
        var insertAt: Int?
        for position in stride(from: controllers.count - 1, through: 0, by: -1)
        where controllers[position].type == controller.type {
            if controller.index == unassignedControllerIndex {
                insertAt = position + 1
                break
            }
            if controllers[position].index > controller.index {
                insertAt = position
            } else if insertAt == nil {
                insertAt = position + 1
            }
        }
        controllers.insert(controller, at: insertAt ?? controllers.count)
    }
}
