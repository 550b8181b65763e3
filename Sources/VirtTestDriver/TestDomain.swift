import VirtDriver
import VirtXML

/// One domain of the test driver, as libvirt's `virDomainObj` keeps it: `def` is the live definition while
/// the domain runs (and the only one while it is off); `persistentDef` is the persistent definition kept aside
/// while a persistent domain runs, so live changes do not touch it.
struct TestDomain: Sendable {
    var def: DomainDefinition
    var persistentDef: DomainDefinition?
    var persistent: Bool
    var state: DomainStateInfo
    var autostart = false
    var hasManagedSave = false
    /// Set when loaded from a node file, as libvirt's test driver does (`virDomainGetMessages`).
    var taints: Set<DomainTaint> = []
    var deprecations: [String] = []

    /// A domain is active while its definition carries an id, as in libvirt.
    var isActive: Bool { def.id != nil }

    var ref: DomainRef { DomainRef(name: def.name, uuid: def.uuid, id: def.id ?? -1) }

    /// The definition a change with `flags` applies to, resolving "current" against the domain's state
    /// (libvirt's virDomainObjUpdateModificationImpact).
    func impact(of flags: DomainModificationFlags) throws(VirtError) -> (live: Bool, config: Bool) {
        try flags.impact(isActive: isActive, isPersistent: persistent)
    }

    /// The one definition `flags` selects (libvirt's virDomainObjGetOneDefState); `live` and `config`
    /// together are refused.
    func oneDefinition(_ flags: DomainModificationFlags, function: String) throws(VirtError) -> (def: DomainDefinition, live: Bool) {
        if flags.contains(.live) && flags.contains(.config) {
            throw .invalidArgument(
                "flags", of: function,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive",
                domain: .domain)
        }
        let (live, config) = try impact(of: flags)
        if isActive && config, let persistentDef { return (persistentDef, live) }
        return (def, live)
    }

    /// Marks the domain running with `id`, keeping the persistent definition aside (libvirt's
    /// testDomainStartState + virDomainObjSetDefTransient).
    mutating func start(id: Int32, reason: RunningReason) {
        if persistent && persistentDef == nil { persistentDef = def }
        def.id = id
        state = .running(reason)
        hasManagedSave = false
    }

    /// Marks the domain shut off: the live definition is dropped for the persistent one.
    mutating func stop(reason: ShutoffReason) {
        if let persistentDef {
            def = persistentDef
            self.persistentDef = nil
        }
        def.id = nil
        state = .shutoff(reason)
    }
}
