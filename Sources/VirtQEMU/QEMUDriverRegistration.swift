import VirtDriver

extension QEMUDriverFactory {
    /// qemu:/// with QEMU driven over QMP.
    public static let connectDriver = connectDriver(openMonitor: QMPMonitor.open)
}
