extension Domain {
    /// Connects to the domain's console: `device` names one ("serial0", "console0"), nil the first
    /// (`virDomainOpenConsole`). Read the guest's output from and write its input to the stream's file
    /// descriptor; close it to end the session. Another session holding the console is an error unless
    /// `.force` takes the console over; the session taken over sees ``ConsoleStream/isSuperseded``.
    public func openConsole(device: String? = nil, flags: DomainConsoleFlags = []) async throws(VirtError) -> ConsoleStream {
        try await checkedForWrite("virDomainOpenConsole").domainOpenConsole(ref, device: device, flags: flags)
    }
}
