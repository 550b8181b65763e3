/// One QEMU process of a domain: the UUID its run files are named by, and its pid with its start time (a
/// pid alone could be reused). A recorded status names one; so does a launch's pid file before that.
struct QEMUProcessRef: Sendable, Hashable {
    let uuid: String
    let pid: Int32
    let startTime: UInt64
}

extension QEMUDomainStatus {
    var process: QEMUProcessRef { QEMUProcessRef(uuid: uuid, pid: pid, startTime: startTime) }
}
