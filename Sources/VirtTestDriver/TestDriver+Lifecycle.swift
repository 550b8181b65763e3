import VirtDriver
import VirtXML

extension TestDriver {
    func domainDefineXML(_ xml: String, flags: DomainDefineFlags) async throws(VirtError) -> DomainRef {
        try Self.checkFlags(flags.rawValue, allowed: DomainDefineFlags.validate.rawValue, function: "testDomainDefineXMLFlags")
        let def = try Self.parseDefinition(xml, validate: flags.contains(.validate))
        if let bad = def.name.unicodeScalars.first(where: { $0 == "\n" }) {
            throw VirtError(.xmlDetail, .domain, "invalid char in name: 0x\(String(format2: bad.value))")
        }
        return try withHost { (host: inout TestHost) throws(VirtError) in
            let replaced = try host.add(def, live: false, checkLive: false)
            let ref = try host.update(DomainRef(name: def.name, uuid: def.uuid, id: -1)) { (domain: inout TestDomain) throws(VirtError) in
                domain.persistent = true
                return domain.ref
            }
            host.emit(ref, replaced ? .definedUpdated : .definedAdded)
            return ref
        }
    }

    func domainUndefine(_ ref: DomainRef, flags: DomainUndefineFlags) async throws(VirtError) {
        let allowed: DomainUndefineFlags = [.managedSave, .snapshotsMetadata]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainUndefineFlags")
        try withHost { (host: inout TestHost) throws(VirtError) in
            let domain = try host.domain(ref)
            let last = domain.ref
            if domain.hasManagedSave && !flags.contains(.managedSave) {
                throw VirtError(.operationInvalid, .test, "Refusing to undefine while domain managed save image exists")
            }
            if domain.isActive {
                try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                    domain.hasManagedSave = false
                    domain.persistent = false
                }
            } else {
                host.domains.remove(ref.uuid)
            }
            host.emit(last, .undefinedRemoved)
        }
    }

    func domainCreate(_ ref: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try Self.checkFlags(flags.rawValue, allowed: 0, function: "testDomainCreateWithFlags")
        return try withHost { (host: inout TestHost) throws(VirtError) in
            if try host.domain(ref).state.state != .shutoff {
                throw VirtError(.internalError, .test, "Domain '\(ref.name)' is already running")
            }
            let id = host.allocateID()
            let started = try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                domain.start(id: id, reason: .booted)
                return domain.ref
            }
            host.emit(started, .startedBooted)
            return started
        }
    }

    func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try Self.checkFlags(flags.rawValue, allowed: DomainCreateFlags.validate.rawValue, function: "testDomainCreateXML")
        let def = try Self.parseDefinition(xml, validate: flags.contains(.validate))
        return try startLive(def, reason: .booted)
    }

    /// Adds `def` as a running definition and starts it (create from XML, restore).
    func startLive(_ def: DomainDefinition, reason: RunningReason) throws(VirtError) -> DomainRef {
        try withHost { (host: inout TestHost) throws(VirtError) in
            try host.add(def, live: true, checkLive: true)
            let id = host.allocateID()
            let started = try host.update(DomainRef(name: def.name, uuid: def.uuid, id: -1)) { (domain: inout TestDomain) throws(VirtError) in
                domain.start(id: id, reason: reason)
                return domain.ref
            }
            host.emit(started, reason == .restored ? .startedRestored : .startedBooted)
            return started
        }
    }

    func domainDestroy(_ ref: DomainRef) async throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            let last = try host.domain(ref).ref
            guard last.isActive else { throw Self.notRunning() }
            try host.stop(ref, reason: .destroyed)
            host.emit(last, .stoppedDestroyed)
        }
    }

    func domainShutdown(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        try Self.checkFlags(flags.rawValue, allowed: 0, function: "testDomainShutdownFlags")
        try withHost { (host: inout TestHost) throws(VirtError) in
            let domain = try host.domain(ref)
            if domain.state.state == .shutoff {
                throw VirtError(.internalError, .test, "domain '\(ref.name)' not running")
            }
            try host.applyLifecycle(domain.def.onPoweroff, to: ref)
            if host.domains[ref.uuid].map({ $0.state.state == .shutoff }) ?? true {
                host.emit(domain.ref, .stoppedShutdown)
            }
        }
    }

    func domainReboot(_ ref: DomainRef, flags: DomainShutdownFlags) async throws(VirtError) {
        let allowed: DomainShutdownFlags = [.acpiPowerButton, .guestAgent, .initctl, .signal, .paravirt]
        try Self.checkFlags(flags.rawValue, allowed: allowed.rawValue, function: "testDomainReboot")
        try withHost { (host: inout TestHost) throws(VirtError) in
            let domain = try host.domain(ref)
            guard domain.isActive else { throw Self.notRunning() }
            try host.applyLifecycle(domain.def.onReboot, to: ref)
        }
    }

    func domainSuspend(_ ref: DomainRef) async throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            let state = try host.domain(ref).state.state
            if state == .shutoff || state == .paused {
                throw VirtError(.internalError, .test, "domain '\(ref.name)' not running")
            }
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                domain.state = .paused(.user)
            }
            host.emit(ref, .suspendedPaused)
        }
    }

    func domainResume(_ ref: DomainRef) async throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            if try host.domain(ref).state.state != .paused {
                throw VirtError(.internalError, .test, "domain '\(ref.name)' not paused")
            }
            try host.update(ref) { (domain: inout TestDomain) throws(VirtError) in
                domain.state = .running(.unpaused)
            }
            host.emit(ref, .resumedUnpaused)
        }
    }

    func domainSave(_ ref: DomainRef, to path: String) async throws(VirtError) {
        try withHost { (host: inout TestHost) throws(VirtError) in
            let domain = try host.domain(ref)
            guard domain.isActive else { throw Self.notRunning() }
            try TestSaveImage.write(domain.def, to: path)
            try host.stop(ref, reason: .saved)
            host.emit(domain.ref, .stoppedSaved)
        }
    }

    func domainRestore(from path: String) async throws(VirtError) -> DomainRef {
        var def = try TestSaveImage.read(from: path, defaults: Self.definitionDefaults)
        Self.nameInterfaces(&def)
        return try startLive(def, reason: .restored)
    }

    static func notRunning() -> VirtError {
        VirtError(.operationInvalid, .domain, "domain is not running")
    }
}

extension TestHost {
    /// Shuts the domain off; a transient domain is gone afterwards.
    mutating func stop(_ ref: DomainRef, reason: ShutoffReason) throws(VirtError) {
        let persistent = try update(ref) { (domain: inout TestDomain) throws(VirtError) -> Bool in
            domain.stop(reason: reason)
            return domain.persistent
        }
        if !persistent { domains.remove(ref.uuid) }
    }

    /// What the guest does on power-off or reboot (libvirt's testDomainActionSetState): restart keeps it
    /// running, everything else shuts it off.
    mutating func applyLifecycle(_ action: LifecycleAction, to ref: DomainRef) throws(VirtError) {
        switch action {
        case .restart, .renameRestart:
            try update(ref) { (domain: inout TestDomain) throws(VirtError) in
                domain.state = .running(.booted)
            }
        case .destroy, .preserve, .coredumpDestroy, .coredumpRestart:
            try stop(ref, reason: .shutdown)
        }
    }
}

extension String {
    /// Two lower-case hex digits, as libvirt's "0x%02x".
    fileprivate init(format2 value: UInt32) {
        let hex = String(value, radix: 16)
        self = hex.count < 2 ? "0" + hex : hex
    }
}
