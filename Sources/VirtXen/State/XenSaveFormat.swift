import VirtDriverState

extension SaveImageFormat {
    /// xen:/// save files: SwiftVirt's header, then Xen's own save stream (libxl's migration stream v2).
    static let xen = SaveImageFormat(magic: "SwiftVirtXenSave", name: "a SwiftVirt Xen save image", errorDomain: .libxl)
}
