public import VirtModel

/// Finding a device by the names libvirt's statistics calls accept.
extension Devices {
    /// The disk `name` names, as libvirt's virDomainDiskIndexByName finds it: without a leading '/' the target
    /// ("vda"); with one the source path, when exactly one disk has it.
    public func disk(named name: String) -> Disk? {
        guard name.hasPrefix("/") else { return disks.first { $0.targetDev == name } }
        let matching = disks.filter { $0.source == name }
        return matching.count == 1 ? matching[0] : nil
    }

    /// The interface `device` names, as libvirt 9.0's virDomainNetFind finds it: by MAC address when `device`
    /// is one (the first of several with it), else by host-side name.
    /// - Throws: VIR_ERR_INVALID_ARG "'X' is not a known interface".
    public func interface(named device: String) throws(VirtError) -> Interface {
        if let mac = MACAddress(parsing: device) {
            if let found = interfaces.first(where: { $0.mac.flatMap(MACAddress.init(parsing:)) == mac }) { return found }
        } else if let found = interfaces.first(where: { $0.targetDev == device }) {
            return found
        }
        throw VirtError(.invalidArg, .domain, "'\(device)' is not a known interface")
    }
}
