/// What libvirt's list filters (virConnectListAllDomains flags) look at in one domain.
public struct DomainListFacts: Sendable {
    public var isActive: Bool
    public var isPersistent: Bool
    public var state: DomainState
    public var hasManagedSave: Bool
    public var autostart: Bool

    public init(isActive: Bool, isPersistent: Bool, state: DomainState, hasManagedSave: Bool = false, autostart: Bool = false) {
        self.isActive = isActive
        self.isPersistent = isPersistent
        self.state = state
        self.hasManagedSave = hasManagedSave
        self.autostart = autostart
    }
}

extension DomainListFlags {
    /// Every filter bit libvirt 9.0 defines (VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL).
    public static let allFilters = DomainListFlags(rawValue: 0xffff)

    /// Refuses bits libvirt does not define, as each driver's virCheckFlags does (`function` is the driver's,
    /// e.g. testConnectListAllDomains).
    public func checkKnown(function: String, domain: ErrorDomain) throws(VirtError) {
        try VirtError.checkFlags(rawValue, allowed: Self.allFilters.rawValue, function: function, domain: domain)
    }

    /// libvirt's rule: within each group (active/inactive, persistent/transient, state, managed save,
    /// autostart, snapshots, checkpoints) a domain must match one of the bits given; a group with no bit given
    /// matches every domain. No driver here keeps snapshots or checkpoints.
    public func admits(_ domain: DomainListFacts) -> Bool {
        func group(_ bits: [(DomainListFlags, Bool)]) -> Bool {
            let asked = bits.filter { contains($0.0) }
            return asked.isEmpty || asked.contains { $0.1 }
        }
        let state = domain.state
        return group([(.active, domain.isActive), (.inactive, !domain.isActive)])
            && group([(.persistent, domain.isPersistent), (.transient, !domain.isPersistent)])
            && group([(.running, state == .running), (.paused, state == .paused), (.shutoff, state == .shutoff),
                      (.other, state != .running && state != .paused && state != .shutoff)])
            && group([(.managedSave, domain.hasManagedSave), (.noManagedSave, !domain.hasManagedSave)])
            && group([(.autostart, domain.autostart), (.noAutostart, !domain.autostart)])
            && group([(.hasSnapshot, false), (.noSnapshot, true)])
            && group([(.hasCheckpoint, false), (.noCheckpoint, true)])
    }
}
