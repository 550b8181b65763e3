extension QMPClient {
    /// `stop`: pauses all vCPUs (the guest freezes; QEMU emits `STOP`).
    public func stop() async throws(QMPError) {
        _ = try await execute("stop")
    }

    /// `cont`: resumes the vCPUs (QEMU emits `RESUME`). Also starts a guest launched with `-S`
    /// and one restored through `-incoming`.
    public func cont() async throws(QMPError) {
        _ = try await execute("cont")
    }

    /// `system_powerdown`: presses the ACPI power button. The guest decides what to do;
    /// QEMU emits `POWERDOWN` now and `SHUTDOWN` if the guest powers off.
    public func systemPowerdown() async throws(QMPError) {
        _ = try await execute("system_powerdown")
    }

    /// `system_reset`: resets the machine at once, like the reset button (QEMU emits `RESET`).
    /// Under `-no-reboot` QEMU exits instead (it emits `SHUTDOWN`).
    public func systemReset() async throws(QMPError) {
        _ = try await execute("system_reset")
    }

    /// `quit`: QEMU exits without asking the guest (it emits `SHUTDOWN` and closes the connection).
    /// Returns once QEMU has acknowledged; the connection ends right after.
    public func quit() async throws(QMPError) {
        _ = try await execute("quit")
    }
}

extension QMPClient {
    /// `dump-guest-memory`: writes the guest's memory as an ELF core to `path` (paging off: the physical
    /// memory as it is, which needs no help from the guest) and returns when the file is complete.
    public func dumpGuestMemory(toFile path: String) async throws(QMPError) {
        _ = try await execute("dump-guest-memory", arguments: ["paging": .bool(false), "protocol": .string("file:\(path)")])
    }
}
