import VirtModel
import VirtXML

/// Graphics (`xenFormatVfb`) and the video card.
extension XenConfigWriter {
    /// HVM: sdl and vnc with their settings. Paravirtual: one `vfb` entry; VNC alone is written as libvirt
    /// writes it (xl ignores `type=` and turns VNC on by default), SDL with xl's own `vnc=0,sdl=1`.
    mutating func writeGraphics() throws(VirtError) {
        var vnc: Graphics?
        var sdl: Graphics?
        for graphics in devices.graphics {
            switch graphics.type {
            case "vnc" where vnc == nil: vnc = graphics
            case "sdl" where sdl == nil: sdl = graphics
            default:
                throw unsupported(
                    "<graphics type='\(graphics.type)'> is not supported by this conversion (one VNC and one SDL at most)")
            }
        }
        let vncOptions = try vnc.map { graphics throws(VirtError) in try vncSettings(graphics) } ?? []
        let sdlOptions = try sdl.map { graphics throws(VirtError) in try sdlSettings(graphics) } ?? []
        guard vnc != nil || sdl != nil else { return }
        if isHVM {
            set("sdl", .number(sdl == nil ? 0 : 1))
            set("vnc", .number(vnc == nil ? 0 : 1))
            for (key, value) in vncOptions + sdlOptions { set(key, value) }
            return
        }
        var options: [String] = []
        switch (vnc != nil, sdl != nil) {
        case (true, false): options.append("type=vnc")
        case (false, true): options += ["type=sdl", "vnc=0", "sdl=1"]
        default: options.append("vnc=1")
        }
        for (key, value) in vncOptions {
            guard case .string(let text) = value else { continue }
            options.append("\(key)=\(text)")
        }
        if vnc != nil && sdl != nil { options.append("sdl=1") }
        for (key, value) in sdlOptions {
            guard case .string(let text) = value else { continue }
            options.append("\(key)=\(text)")
        }
        set("vfb", .strings([options.joined(separator: ",")]))
    }

    /// vncunused, vncdisplay (without autoport), vnclisten, vncpasswd, keymap. Paravirtual framebuffers take
    /// them as strings inside the vfb entry.
    private func vncSettings(_ vnc: Graphics) throws(VirtError) -> [(String, XLValue)] {
        let name = "<graphics type='vnc'>"
        let value: (Int64) -> XLValue = { number in isHVM ? .number(number) : .string(String(number)) }
        var settings: [(String, XLValue)] = [("vncunused", value(vnc.autoport == true ? 1 : 0))]
        if vnc.autoport != true {
            guard let port = vnc.port, port >= 5900 else {
                throw unsupported("\(name) port below 5900 has no xl.cfg display number")
            }
            settings.append(("vncdisplay", value(Int64(port) - 5900)))
        }
        guard vnc.listens.count <= 1, vnc.listens.allSatisfy({ $0.type == "address" && $0.unknown.isEmpty }) else {
            throw unsupported("\(name) listening other than on one address has no xl.cfg equivalent")
        }
        if let address = vnc.listens.first?.address { settings.append(("vnclisten", .string(address))) }
        if let passwd = vnc.passwd { settings.append(("vncpasswd", .string(passwd))) }
        for attribute in vnc.unknown.attributes {
            guard attribute.name == "keymap" else {
                throw unsupported("attribute '\(attribute.name)' of \(name) has no xl.cfg equivalent")
            }
            settings.append(("keymap", .string(attribute.value)))
        }
        try reject(UnknownXML(elements: vnc.unknown.elements), of: name)
        return settings
    }

    /// display and xauthority.
    private func sdlSettings(_ sdl: Graphics) throws(VirtError) -> [(String, XLValue)] {
        var settings: [(String, XLValue)] = []
        for attribute in sdl.unknown.attributes {
            switch attribute.name {
            case "display": settings.append(("display", .string(attribute.value)))
            case "xauth": settings.append(("xauthority", .string(attribute.value)))
            default: throw unsupported("attribute '\(attribute.name)' of <graphics type='sdl'> has no xl.cfg equivalent")
            }
        }
        try reject(UnknownXML(elements: sdl.unknown.elements), of: "<graphics type='sdl'>")
        return settings
    }

    /// HVM: `vga` and `videoram` when the card is not libxl's default (Cirrus, 8 MiB; VGA 16 MiB). The
    /// framebuffer of a paravirtual guest is implied by its graphics.
    mutating func writeVideo() throws(VirtError) {
        guard devices.videos.count <= 1 else { throw unsupported("more than one <video> has no xl.cfg equivalent") }
        guard let video = devices.videos.first else { return }
        let model = video.modelType ?? "cirrus"
        let name = "<video> model '\(model)'"
        guard video.heads ?? 1 == 1, video.ram == nil, video.vram64 == nil, video.vgamem == nil, video.address == nil
        else { throw unsupported("\(name): only the model and its video memory have an xl.cfg equivalent") }
        try reject(video.modelUnknown, of: name)
        try reject(video.unknown, of: name)
        var probe = Video()
        probe.modelType = video.modelType
        DefinitionDefaults.xenVideoPostParse(&probe, osType: os.type)
        guard isHVM else {
            guard video.modelType == probe.modelType, video.vram == Self.coreVideoRAM(model) else {
                throw unsupported("\(name) of a non-HVM guest has no xl.cfg equivalent")
            }
            return
        }
        guard let vga = XenConfig.vgaModels.first(where: { $0.libvirt == model })?.xl else {
            throw unsupported("\(name) has no xl.cfg vga equivalent")
        }
        if model != "cirrus" { set("vga", .string(vga)) }
        if let vram = video.vram, vram != probe.vram, model != "none" {
            guard vram % 1024 == 0 else { throw unsupported("\(name): video memory \(vram) KiB is not whole MiB") }
            set("videoram", .number(Int64(vram / 1024)))
        }
    }

    /// The video memory libvirt's common defaults give non-HVM Xen guests (PV's framebuffer 4 MiB, Cirrus 16).
    private static func coreVideoRAM(_ model: String) -> UInt32? {
        switch model {
        case "xen": 4 * 1024
        case "cirrus", "vga": 16 * 1024
        default: nil
        }
    }
}

extension UnknownXML {
    init(elements: [XMLFragment]) {
        self.init()
        self.elements = elements
    }
}
