extension Domain {
    /// Starts the defined domain (`virDomainCreateWithFlags`). Its ``id`` becomes the new hypervisor id.
    public func start(flags: DomainCreateFlags) async throws(VirtError) {
        let started = try await checkedForWrite("virDomainCreateWithFlags").domainCreate(ref, flags: flags)
        setID(started.id)
    }

    /// Removes the persistent definition (`virDomainUndefineFlags`). A running domain keeps running, now transient.
    public func undefine(flags: DomainUndefineFlags) async throws(VirtError) {
        try await checkedForWrite("virDomainUndefineFlags").domainUndefine(ref, flags: flags)
    }

    /// Stops the domain at once (`virDomainDestroy`). A transient domain is gone afterwards.
    public func destroy() async throws(VirtError) {
        try await checkedForWrite("virDomainDestroy").domainDestroy(ref)
        setID(-1)
    }

    /// Asks the guest to shut down (`virDomainShutdownFlags`); the guest decides.
    public func shutdown(flags: DomainShutdownFlags) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainShutdownFlags")
        try await driver.domainShutdown(ref, flags: flags)
        await refreshIDAfterStop(driver)
    }

    /// Asks the guest to reboot (`virDomainReboot`); the guest decides.
    public func reboot(flags: DomainShutdownFlags = []) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainReboot")
        try await driver.domainReboot(ref, flags: flags)
        await refreshIDAfterStop(driver)
    }

    /// Freezes the domain's CPUs; its memory stays allocated (`virDomainSuspend`).
    public func suspend() async throws(VirtError) {
        try await checkedForWrite("virDomainSuspend").domainSuspend(ref)
    }

    /// Lets a suspended domain run again (`virDomainResume`).
    public func resume() async throws(VirtError) {
        try await checkedForWrite("virDomainResume").domainResume(ref)
    }

    /// Saves the domain's memory to `path` and stops it (`virDomainSave`); ``Connection/restoreDomain(from:)``
    /// brings it back.
    public func save(to path: String) async throws(VirtError) {
        let driver = try checkedForWrite("virDomainSave")
        try await driver.domainSave(ref, to: Connection.absolutePath(path))
        setID(-1)
    }
}
