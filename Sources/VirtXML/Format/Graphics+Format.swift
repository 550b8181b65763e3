extension Graphics {
    /// `<graphics>` as libvirt writes it: VNC's port ('-1' for autoport when inactive), autoport, listen
    /// address, then `<listen>` children; the password only with ``DefinitionFormat/secure``.
    func write(into writer: inout XMLWriter, format: DefinitionFormat, live: Bool) {
        writer.begin("graphics")
        writer.attribute("type", type)
        let first = listens.first
        if type == "vnc" {
            if first?.type == "socket" {
                writer.attribute("socket", first?.socket)
            } else if first?.type != "none" {
                let inactive = format.contains(.inactive) || !live
                if let port, port != 0, autoport != true || !inactive {
                    writer.attribute("port", port)
                } else if autoport == true {
                    writer.attribute("port", "-1")
                }
                writer.attribute("autoport", autoport == true ? "yes" : "no")
                if first?.type == "address" { writer.attribute("listen", first?.address) }
            }
            if format.contains(.secure) { writer.attribute("passwd", passwd) }
        } else if type == "spice" || type == "rdp" {
            if first?.type == "address" { writer.attribute("listen", first?.address) }
        }
        writer.attributes(unknown.attributes)
        guard !listens.isEmpty || !unknown.elements.isEmpty else { return writer.endEmpty() }
        writer.endOpen()
        var kept = FragmentQueue(unknown.elements, order: .graphics)
        kept.write(before: "listen", into: &writer)
        for listen in listens {
            writer.begin("listen")
            writer.attribute("type", listen.type)
            writer.attribute("address", listen.address)
            writer.attribute("network", listen.network)
            writer.attribute("socket", listen.socket)
            writer.attributes(listen.unknown.attributes)
            writer.endWithChildren(listen.unknown.elements, "listen")
        }
        kept.writeRest(into: &writer)
        writer.close("graphics")
    }
}

extension Video {
    func write(into writer: inout XMLWriter) {
        writer.begin("video")
        writer.attributes(unknown.attributes)
        writer.endOpen()
        var kept = FragmentQueue(unknown.elements, order: .video)
        kept.write(before: "model", into: &writer)
        writer.begin("model")
        writer.attribute("type", modelType ?? "default")
        writer.attribute("ram", ram)
        writer.attribute("vram", vram)
        writer.attribute("vram64", vram64)
        writer.attribute("vgamem", vgamem)
        writer.attribute("heads", heads)
        if primary { writer.attribute("primary", "yes") }
        writer.attributes(modelUnknown.attributes)
        writer.endWithChildren(modelUnknown.elements, "model")
        writer.finishDevice("video", address: address, kept: &kept)
    }
}

extension Controller {
    func write(into writer: inout XMLWriter) {
        writer.begin("controller")
        writer.attribute("type", type)
        writer.attribute("index", index)
        writer.attribute("model", model)
        writer.endDevice(unknown: unknown, address: address, order: .controller, "controller")
    }
}
