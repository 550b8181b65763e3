extension Graphics {
    /// `<graphics>` as libvirt writes it: VNC's port ('-1' for autoport when inactive), autoport, listen
    /// address, then `<listen>` children; the password only with ``DefinitionFormat/secure``.
    func write(into writer: inout XMLWriter, format: DefinitionFormat, live: Bool) {
        var attributes: [(String, String?)] = [("type", type)]
        let first = listens.first
        if type == "vnc" {
            if first?.type == "socket" {
                attributes.append(("socket", first?.socket))
            } else if first?.type != "none" {
                let inactive = format.contains(.inactive) || !live
                if let port, port != 0, autoport != true || !inactive {
                    attributes.append(("port", String(port)))
                } else if autoport == true {
                    attributes.append(("port", "-1"))
                }
                attributes.append(("autoport", autoport == true ? "yes" : "no"))
                if first?.type == "address" { attributes.append(("listen", first?.address)) }
            }
            if format.contains(.secure) { attributes.append(("passwd", passwd)) }
        } else if type == "spice" || type == "rdp" {
            if first?.type == "address" { attributes.append(("listen", first?.address)) }
        }
        let order = ElementOrder.graphics
        var kept = FragmentQueue(unknown.elements, order: order)
        guard !listens.isEmpty || !kept.isEmpty else {
            writer.empty("graphics", attributes, extra: unknown.attributes)
            return
        }
        writer.open("graphics", attributes, extra: unknown.attributes)
        kept.write(before: order.rank("listen"), into: &writer)
        for listen in listens {
            writer.element(
                "listen",
                [("type", listen.type), ("address", listen.address), ("network", listen.network), ("socket", listen.socket)],
                extra: listen.unknown.attributes, children: listen.unknown.elements)
        }
        kept.writeRest(into: &writer)
        writer.close("graphics")
    }
}

extension Video {
    func write(into writer: inout XMLWriter) {
        writer.open("video", extra: unknown.attributes)
        let order = ElementOrder.video
        var kept = FragmentQueue(unknown.elements, order: order)
        kept.write(before: order.rank("model"), into: &writer)
        let number: (UInt32?) -> String? = { $0.map { String($0) } }
        writer.element(
            "model",
            [
                ("type", modelType ?? "default"), ("ram", number(ram)), ("vram", number(vram)),
                ("vram64", number(vram64)), ("vgamem", number(vgamem)), ("heads", number(heads)),
                ("primary", primary ? "yes" : nil),
            ], extra: modelUnknown.attributes, children: modelUnknown.elements)
        kept.write(before: order.rank("address"), into: &writer)
        if let address { writer.fragment(address.fragment) }
        kept.writeRest(into: &writer)
        writer.close("video")
    }
}

extension Controller {
    func write(into writer: inout XMLWriter) {
        var children = unknown.elements
        if let address { children.append(address.fragment) }
        writer.element(
            "controller", [("type", type), ("index", String(index)), ("model", model)], extra: unknown.attributes,
            children: FragmentQueue.sorted(children, order: .controller))
    }
}
