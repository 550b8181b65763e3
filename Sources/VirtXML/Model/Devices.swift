/// `<devices>`. Kinds the model does not know (controllers, video, channels, ...) are kept in ``unknown``.
public struct Devices: Sendable, Hashable {
    public var emulator: String?
    public var disks: [Disk] = []
    public var interfaces: [Interface] = []
    public var serials: [CharDevice] = []
    public var consoles: [CharDevice] = []
    public var inputs: [Input] = []
    public var graphics: [Graphics] = []
    /// `<controller>`s (libvirt adds implicit ones for disks on controller buses).
    public var controllers: [Controller] = []
    /// `<video>`s (libvirt adds one when there is graphics and no video).
    public var videos: [Video] = []
    public var memballoon: Memballoon?
    /// `<panic>` devices: how a guest tells the host it crashed.
    public var panics: [Panic] = []
    public var unknown = UnknownXML()

    public init() {}
}

/// A PCI/drive/... address as written (`<address type=... />`), kept attribute by attribute.
public struct DeviceAddress: Sendable, Hashable {
    public var type: String
    /// The other attributes in document order.
    public var attributes: [XMLAttribute]
    public init(type: String, attributes: [XMLAttribute] = []) {
        self.type = type
        self.attributes = attributes
    }
}

/// `<disk>`.
public struct Disk: Sendable, Hashable {
    public var type: DiskType
    public var device: DiskDevice
    /// `<driver name= type= cache=>`.
    public var driverName: String?
    public var driverType: String?
    public var driverCache: String?
    /// The file or block device path (`<source file=>` / `<source dev=>`).
    public var source: String?
    public var targetDev: String
    public var targetBus: String?
    public var readonly = false
    public var shareable = false
    public var address: DeviceAddress?
    /// `<boot order=...>`: per-device boot order (excludes `<os><boot>`).
    public var bootOrder: UInt32?
    /// Unknown attributes and children of the modelled sub-elements (`driver`, `source`, `target`), by name.
    public var childUnknown: [String: UnknownXML] = [:]
    public var unknown = UnknownXML()

    public init(type: DiskType, device: DiskDevice = .disk, source: String?, targetDev: String, targetBus: String? = nil) {
        self.type = type
        self.device = device
        self.source = source
        self.targetDev = targetDev
        self.targetBus = targetBus
    }
}

/// `<interface>`.
public struct Interface: Sendable, Hashable {
    public var type: InterfaceType
    /// "52:54:00:12:34:56"; filled in post-parse when missing.
    public var mac: String?
    /// `<source network=>` for type network.
    public var sourceNetwork: String?
    /// `<source bridge=>` for type bridge.
    public var sourceBridge: String?
    /// `<target dev=>`: the host-side device name.
    public var targetDev: String?
    /// `<model type=>`: "virtio", "e1000", ...
    public var model: String?
    public var address: DeviceAddress?
    /// `<boot order=...>`.
    public var bootOrder: UInt32?
    /// Unknown attributes and children of the modelled sub-elements (`mac`, `source`, `target`, `model`).
    public var childUnknown: [String: UnknownXML] = [:]
    public var unknown = UnknownXML()

    public init(type: InterfaceType) {
        self.type = type
    }
}

/// `<serial>` / `<console>`.
public struct CharDevice: Sendable, Hashable {
    /// "pty", "file", "stdio", "null", "unix", ...
    public var type: String
    /// `<source path=>`.
    public var sourcePath: String?
    /// `<target type= port=>`.
    public var targetType: String?
    public var targetPort: UInt32?
    /// Unknown attributes and children of `source` and `target`, by name.
    public var childUnknown: [String: UnknownXML] = [:]
    public var unknown = UnknownXML()

    public init(type: String, sourcePath: String? = nil, targetType: String? = nil, targetPort: UInt32? = nil) {
        self.type = type
        self.sourcePath = sourcePath
        self.targetType = targetType
        self.targetPort = targetPort
    }
}

/// `<input type= bus=>`.
public struct Input: Sendable, Hashable {
    public var type: String
    public var bus: String?
    public var unknown = UnknownXML()
    public init(type: String, bus: String? = nil) {
        self.type = type
        self.bus = bus
    }
}

/// `<graphics>` (VNC; other types are kept as written).
public struct Graphics: Sendable, Hashable {
    public var type: String
    public var port: Int32?
    public var autoport: Bool?
    public var listen: String?
    /// `<listen>` children; libvirt derives the first from `listen=` when there are none.
    public var listens: [GraphicsListen] = []
    /// `passwd=`: written only with ``DefinitionFormat/secure``.
    public var passwd: String?
    public var unknown = UnknownXML()
    public init(type: String) {
        self.type = type
    }
}

/// `<graphics><listen type= address= network= socket=/>`.
public struct GraphicsListen: Sendable, Hashable {
    /// "address", "network", "socket", "none".
    public var type: String
    public var address: String?
    public var network: String?
    public var socket: String?
    public var unknown = UnknownXML()
    public init(type: String, address: String? = nil, network: String? = nil, socket: String? = nil) {
        self.type = type
        self.address = address
        self.network = network
        self.socket = socket
    }
}

/// `<controller type= index= model=>`.
public struct Controller: Sendable, Hashable {
    /// "ide", "fdc", "scsi", "sata", "usb", "pci", "virtio-serial", "ccid", "xenbus", "isa".
    public var type: String
    public var index: UInt32
    public var model: String?
    public var address: DeviceAddress?
    public var unknown = UnknownXML()
    public init(type: String, index: UInt32, model: String? = nil) {
        self.type = type
        self.index = index
        self.model = model
    }
}

/// `<video><model type= vram= heads= primary=/></video>`.
public struct Video: Sendable, Hashable {
    /// The model type: "cirrus", "vga", "qxl", "virtio", "xen", "none", ...; nil lets the driver choose.
    public var modelType: String?
    public var ram: UInt32?
    public var vram: UInt32?
    public var vram64: UInt32?
    public var vgamem: UInt32?
    public var heads: UInt32?
    public var primary = false
    public var address: DeviceAddress?
    /// Unknown attributes and children of `<model>`.
    public var modelUnknown = UnknownXML()
    public var unknown = UnknownXML()
    public init(modelType: String? = nil) {
        self.modelType = modelType
    }
}

/// `<memballoon model=>`.
public struct Memballoon: Sendable, Hashable {
    /// "virtio", "xen", "none".
    public var model: String
    /// `<stats period=>`: seconds between the guest's memory statistics reports; 0 (not written) asks for none.
    public var statsPeriod: Int32 = 0
    public var address: DeviceAddress?
    public var unknown = UnknownXML()
    public init(model: String) {
        self.model = model
    }

    /// Why a domain without a working balloon cannot have a statistics period (libvirt's wording).
    public static let noBalloonForStatsPeriod = "No memory balloon device configured, can not set the collection period"
}

extension Devices {
    /// A balloon that does something: present and not model 'none' (libvirt's virDomainDefHasMemballoon).
    public var hasMemballoon: Bool { memballoon.map { $0.model != "none" } ?? false }
}

/// `<panic model=>`: a device through which the guest kernel reports a panic to the hypervisor.
public struct Panic: Sendable, Hashable {
    /// "isa", "pvpanic", "hyperv", "pseries", "s390"; nil lets the driver choose.
    public var model: String?
    public var address: DeviceAddress?
    public var unknown = UnknownXML()
    public init(model: String?) {
        self.model = model
    }
}
