import VirtModel

extension DomainParser {
    static let osTypes: Set<String> = ["hvm", "xen", "linux", "exe", "uml", "xenpvh"]
    static let architectures: Set<String> = [
        "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32", "m68k", "microblaze",
        "microblazeel", "mips", "mipsel", "mips64", "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle",
        "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64",
        "unicore32", "x86_64", "xtensa", "xtensaeb",
    ]

    /// `<os><type arch= machine=>`: read early, as libvirt's `virDomainDefParseCaps` does.
    func parseOSType(_ os: Node?) throws(VirtError) -> OSConfig {
        let typeNode = os?.child("type")
        var config: OSConfig
        if let text = typeNode?.nonEmptyText {
            guard Self.osTypes.contains(text) else { throw DomainError.unsupported("unknown OS type '\(text)'") }
            config = OSConfig(type: text)
        } else if root.child("bootloader")?.nonEmptyText != nil {
            config = OSConfig(type: "xen")
        } else {
            throw DomainError.xml("an os <type> must be specified")
        }
        // libvirt's Xen drivers wrote "linux" for paravirtual guests; it means "xen".
        if config.type == "linux", root.attribute("type") == "xen" { config.type = "xen" }
        if let arch = typeNode?.attribute("arch"), !arch.isEmpty {
            guard Self.architectures.contains(arch) else { throw DomainError.unsupported("Unknown architecture \(arch)") }
            config.arch = arch
        }
        if let machine = typeNode?.attribute("machine"), !machine.isEmpty { config.machine = machine }
        return config
    }

    /// The rest of `<os>`, by OS type as libvirt reads it; what a type does not use is kept.
    func parseBootOptions(_ os: Node, into config: inout OSConfig) throws(VirtError) {
        var consumed: [Node?] = [os.child("type")]
        switch config.type {
        case "hvm":
            consumed += readKernel(os, into: &config)
            if let firmware = os.attribute("firmware"), firmware != "bios", firmware != "efi" {
                throw DomainError.xml("unknown firmware value \(firmware)")
            }
            consumed += try readLoader(os, into: &config)
            consumed += try readBoot(os, into: &config)
        case "xen", "xenpvh", "uml":
            consumed += readKernel(os, into: &config)
            consumed += try readLoader(os, into: &config)
        default:
            break
        }
        config.unknown = os.leftovers(knownAttributes: [], consumed: consumed, depth: 1)
    }

    private func readKernel(_ os: Node, into config: inout OSConfig) -> [Node?] {
        let kernel = os.child("kernel"), initrd = os.child("initrd"), cmdline = os.child("cmdline")
        let dtb = os.child("dtb"), rootNode = os.child("root")
        config.kernel = kernel?.nonEmptyText
        config.initrd = initrd?.nonEmptyText
        config.cmdline = cmdline?.nonEmptyText
        config.dtb = dtb?.nonEmptyText
        config.root = rootNode?.nonEmptyText
        return [kernel, initrd, cmdline, dtb, rootNode]
    }

    private func readLoader(_ os: Node, into config: inout OSConfig) throws(VirtError) -> [Node?] {
        let loaderNode = os.child("loader")
        let nvramNode = os.child("nvram")
        if let nvramNode {
            config.nvramTemplate = nvramNode.attribute("template")
            if nvramNode.attribute("type") == nil {
                let path = nvramNode.text
                config.nvram = path.isEmpty ? nil : path
                config.nvramUnknown = nvramNode.leftovers(knownAttributes: ["template"], depth: 2)
            } else {
                // New-style NVRAM (a storage source) is kept as written.
                config.nvramUnknown = nvramNode.leftovers(knownAttributes: ["template"], depth: 2)
            }
        }
        if let loaderNode {
            var loader = OSConfig.Loader()
            loader.readonly = try loaderNode.yesNo("readonly")
            loader.type = try loaderNode.enumeration("type", ["rom", "pflash"])
            let path = loaderNode.text
            loader.path = path.isEmpty ? nil : path
            loader.secure = try loaderNode.yesNo("secure")
            _ = try loaderNode.yesNo("stateless")
            loader.unknown = loaderNode.leftovers(knownAttributes: ["readonly", "type", "secure"], depth: 2)
            config.loader = loader
        }
        return [loaderNode, nvramNode]
    }

    private func readBoot(_ os: Node, into config: inout OSConfig) throws(VirtError) -> [Node?] {
        var consumed: [Node?] = []
        for boot in os.elements where boot.isPlain && boot.named("boot") && config.bootDevices.count < 4 {
            let device = try boot.enumeration("dev", ["fd", "cdrom", "hd", "network"], required: true)
            config.bootDevices.append(device ?? "hd")
            consumed.append(boot)
        }
        // A bootmenu with attributes the model does not know is kept whole.
        if let menu = os.child("bootmenu"), menu.leftovers(knownAttributes: ["enable", "timeout"], depth: 2).isEmpty {
            config.bootMenu = try menu.yesNo("enable")
            if config.bootMenu == true {
                config.bootMenuTimeout = try menu.unsigned("timeout")
            }
            consumed.append(menu)
        }
        return consumed
    }
}
