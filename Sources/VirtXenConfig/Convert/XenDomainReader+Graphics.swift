import VirtModel
import VirtXML

/// Graphics (`xenParseVfb`) and the HVM video card.
extension XenDomainReader {
    /// HVM: the top-level `vnc` and `sdl` settings (both may be on). Paravirtual: the `vfb` device, or without
    /// one the top-level `vnc` settings as xl reads them.
    mutating func readGraphics() throws(VirtError) {
        if !isHVM, let framebuffers = try settings.stringList("vfb") {
            guard framebuffers.count <= 1 else {
                throw unsupported("more than one vfb framebuffer is not supported by this conversion")
            }
            if let framebuffer = framebuffers.first { try readFramebuffer(framebuffer) }
            return
        }
        if try settings.bool("vnc") == true {
            var vnc = Graphics(type: "vnc")
            vnc.autoport = try settings.bool("vncunused") ?? true
            if vnc.autoport == false { vnc.port = Int32(clamping: 5900 + (try settings.unsigned("vncdisplay") ?? 0)) }
            vnc.listens = [GraphicsListen(type: "address", address: try settings.string("vnclisten"))]
            vnc.passwd = try settings.string("vncpasswd")
            if let keymap = try settings.string("keymap") {
                vnc.unknown.attributes.append(XMLAttribute(name: "keymap", value: keymap))
            }
            definition.devices.graphics.append(vnc)
        }
        if isHVM, try settings.bool("sdl") == true {
            var sdl = Graphics(type: "sdl")
            if let display = try settings.string("display") {
                sdl.unknown.attributes.append(XMLAttribute(name: "display", value: display))
            }
            if let xauthority = try settings.string("xauthority") {
                sdl.unknown.attributes.append(XMLAttribute(name: "xauth", value: xauthority))
            }
            definition.devices.graphics.append(sdl)
        }
    }

    /// One `vfb` entry. libvirt writes `type=vnc` or `type=sdl`; xl itself reads `vnc=` and `sdl=` (VNC on
    /// unless `vnc=0`); both are understood. Like xl, a VNC framebuffer looks for a free display by default.
    private mutating func readFramebuffer(_ spec: String) throws(VirtError) {
        var options: [String: String] = [:]
        for piece in spec.split(separator: ",") {
            let option = piece.drop { $0 == " " || $0 == "\t" }
            guard let equals = option.firstIndex(of: "=") else {
                throw VirtError(.confSyntax, .xen, "vfb specification '\(spec)': option '\(option)' has no value")
            }
            let key = String(option[..<equals])
            guard XenConfig.framebufferOptions.contains(key) else {
                throw unsupported("vfb option '\(option)' in '\(spec)' has no libvirt equivalent")
            }
            options[key] = String(option[option.index(after: equals)...])
        }
        let sdlOn = options["type"] == "sdl" || options["sdl"].flatMap { Int($0) }.map { $0 != 0 } == true
        let vncOn = options["vnc"].flatMap { Int($0) }.map { $0 != 0 } ?? (options["type"] != "sdl")
        if vncOn {
            var vnc = Graphics(type: "vnc")
            vnc.autoport = options["vncunused"].flatMap { Int($0) }.map { $0 != 0 } ?? true
            if let display = options["vncdisplay"] {
                guard let number = Int32(display), number >= 0, number <= Int32.max - 5900 else {
                    throw VirtError(.internalError, .xen, "invalid vncdisplay value '\(display)'")
                }
                vnc.port = 5900 + number
            }
            if vnc.autoport == true { vnc.port = nil }
            vnc.listens = [GraphicsListen(type: "address", address: options["vnclisten"])]
            vnc.passwd = options["vncpasswd"]
            if let keymap = options["keymap"] { vnc.unknown.attributes.append(XMLAttribute(name: "keymap", value: keymap)) }
            definition.devices.graphics.append(vnc)
        }
        if sdlOn {
            var sdl = Graphics(type: "sdl")
            if let display = options["display"] { sdl.unknown.attributes.append(XMLAttribute(name: "display", value: display)) }
            if let xauth = options["xauthority"] { sdl.unknown.attributes.append(XMLAttribute(name: "xauth", value: xauth)) }
            definition.devices.graphics.append(sdl)
        }
    }

    /// HVM `vga` (or the older `stdvga`) and `videoram` (MiB): an explicit `<video>`. Without them the
    /// post-parse adds libxl's default card when there is graphics.
    mutating func readVideo() throws(VirtError) {
        guard isHVM else { return }
        var model: String?
        if let vga = try settings.string("vga") {
            guard let known = XenConfig.vgaModels.first(where: { $0.xl == vga })?.libvirt else {
                throw VirtError(.configUnsupported, .xen, "vga '\(vga)' is not one of stdvga, cirrus, none, qxl")
            }
            model = known
            settings.markUsed("stdvga")  // xl ignores stdvga when vga is given
        } else if let stdvga = try settings.bool("stdvga") {
            model = stdvga ? "vga" : "cirrus"
        }
        let videoram = try settings.unsigned("videoram")
        guard model != nil || videoram != nil else { return }
        var video = Video(modelType: model ?? "cirrus")
        if let videoram {
            guard videoram <= UInt64(UInt32.max / 1024) else { throw settings.malformed("videoram") }
            video.vram = UInt32(videoram) * 1024
        }
        definition.devices.videos.append(video)
    }
}

extension XenConfig {
    /// The vfb options the reader understands (xl's and libvirt's `type=`).
    static let framebufferOptions: Set<String> = [
        "type", "vnc", "sdl", "vncunused", "vncdisplay", "vnclisten", "vncpasswd", "keymap", "display", "xauthority",
    ]

    /// xl's `vga` values and libvirt's video models.
    static let vgaModels: [(xl: String, libvirt: String)] = [
        ("stdvga", "vga"), ("cirrus", "cirrus"), ("none", "none"), ("qxl", "qxl"),
    ]
}
