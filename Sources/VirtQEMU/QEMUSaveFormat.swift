import VirtDriverState

extension SaveImageFormat {
    /// qemu:/// save files: SwiftVirt's header, then QEMU's migration stream.
    static let qemu = SaveImageFormat(magic: "SwiftVirtQEMUSav", name: "a SwiftVirt QEMU save image", errorDomain: .qemu)
}
