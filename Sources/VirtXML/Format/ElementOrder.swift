/// Where libvirt writes each child element of a parent, so kept (unknown) elements come back in the place
/// libvirt would put them and the document still diffs cleanly against `virsh dumpxml`. Names libvirt does
/// not know go after its own elements; namespaced ones (driver extensions like `<test:runstate>`) last.
struct ElementOrder {
    private let ranks: [String: Int]

    init(_ names: [String]) {
        var ranks: [String: Int] = [:]
        for (index, name) in names.enumerated() where ranks[name] == nil { ranks[name] = (index + 1) * 10 }
        self.ranks = ranks
    }

    /// The rank of a known child.
    func rank(_ name: String) -> Int { ranks[name] ?? Int.max / 4 }

    /// The rank of a kept fragment, from the element name at its start.
    func rank(of fragment: XMLFragment) -> Int {
        let name = fragment.elementName
        if name.contains(":") { return Int.max / 2 }
        return ranks[name] ?? Int.max / 4
    }

    static let domain = ElementOrder([
        "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory", "currentMemory",
        "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads", "iothreadids", "defaultiothread",
        "cputune", "numatune", "resource", "sysinfo", "bootloader", "bootloader_args", "os", "idmap", "features",
        "cpu", "clock", "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm", "perf", "devices",
        "seclabel", "keywrap", "launchSecurity",
    ])

    static let devices = ElementOrder([
        "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial", "parallel",
        "console", "channel", "input", "tpm", "graphics", "sound", "audio", "video", "hostdev", "redirdev",
        "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram", "panic", "shmem", "memory", "iommu",
        "vsock", "crypto",
    ])

    static let os = ElementOrder([
        "type", "firmware", "init", "initarg", "initenv", "initdir", "inituser", "initgroup", "loader", "nvram",
        "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu", "bios", "smbios",
    ])

    static let features = ElementOrder([
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock", "capabilities", "pmu",
        "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen",
        "cfpc", "sbbc", "ibs", "tcg", "async-teardown",
    ])

    static let cputune = ElementOrder([
        "shares", "period", "quota", "global_period", "global_quota", "emulator_period", "emulator_quota",
        "iothread_period", "iothread_quota", "vcpupin", "emulatorpin", "iothreadpin", "vcpusched",
        "iothreadsched", "emulatorsched", "cachetune", "memorytune",
    ])

    static let cpu = ElementOrder(["arch", "model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa"])

    static let clock = ElementOrder(["timer"])

    /// Device children libvirt writes after the device's own content (`virDomainDeviceInfoFormat`).
    private static let deviceInfo = ["boot", "alias", "master", "rom", "acpi", "zpci", "address"]

    static let disk = ElementOrder(
        [
            "driver", "source", "backingStore", "backenddomain", "geometry", "blockio", "mirror", "target",
            "iotune", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product", "encryption",
        ] + deviceInfo)

    static let interface = ElementOrder(
        [
            "mac", "source", "vlan", "virtualport", "bandwidth", "port", "ip", "route", "portForward", "script",
            "downscript", "backenddomain", "target", "guest", "model", "driver", "backend", "tune", "teaming",
            "link", "mtu", "coalesce", "filterref",
        ] + deviceInfo)

    static let charDevice = ElementOrder(["source", "protocol", "log", "target"] + deviceInfo)

    static let graphics = ElementOrder(["listen", "channel", "image", "jpeg", "zlib", "playback", "streaming",
        "clipboard", "mouse", "filetransfer", "gl", "audio"])

    static let video = ElementOrder(["driver", "model"] + deviceInfo)

    static let controller = ElementOrder(["model", "target", "driver", "pcihole64"] + deviceInfo)

    static let leafDevice = ElementOrder(["source", "driver", "model", "stats"] + deviceInfo)
}

extension XMLFragment {
    /// The qualified name of the fragment's element ("disk", "test:runstate").
    var elementName: String {
        var name: [UInt8] = []
        for byte in xml.utf8.dropFirst() {
            if byte == 0x20 || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == 0x0a || byte == 0x09 {
                break
            }
            name.append(byte)
        }
        return String(decoding: name, as: UTF8.self)
    }
}

/// Kept fragments of one parent, sorted by where libvirt writes them and drained as the formatter goes.
/// Most elements keep nothing, so an empty queue costs no allocation and no rank lookup.
struct FragmentQueue {
    private let order: ElementOrder
    private var items: [(rank: Int, fragment: XMLFragment)] = []
    private var next = 0

    init(_ fragments: [XMLFragment], order: ElementOrder) {
        self.order = order
        guard !fragments.isEmpty else { return }
        items = fragments.enumerated()
            .map { (rank: order.rank(of: $0.element), index: $0.offset, fragment: $0.element) }
            .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }
            .map { (rank: $0.rank, fragment: $0.fragment) }
    }

    /// Writes the fragments that libvirt puts before the element `name`.
    mutating func write(before name: String, into writer: inout XMLWriter) {
        guard next < items.count else { return }
        write(before: order.rank(name), into: &writer)
    }

    /// Writes the fragments that libvirt puts before the element `name`, and those of the same rank.
    mutating func write(through name: String, into writer: inout XMLWriter) {
        guard next < items.count else { return }
        write(before: order.rank(name) + 1, into: &writer)
    }

    /// Writes whatever is left.
    mutating func writeRest(into writer: inout XMLWriter) {
        write(before: Int.max, into: &writer)
    }

    var isEmpty: Bool { items.isEmpty }

    private mutating func write(before rank: Int, into writer: inout XMLWriter) {
        while next < items.count, items[next].rank < rank {
            writer.fragment(items[next].fragment)
            next += 1
        }
    }
}
