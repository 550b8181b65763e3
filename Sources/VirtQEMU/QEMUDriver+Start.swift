import FoundationEssentials
import VirtDriver
import VirtOS
import VirtXML

extension QEMUDriver {
    func domainCreate(_ ref: DomainRef, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try checkCreateFlags(flags, function: "qemuDomainCreateWithFlags")
        return try await withDomainLock(ref) { (record) async throws(VirtError) -> DomainRef in
            guard !record.isActive else {
                throw VirtError(.operationInvalid, .qemu, "domain is already running")
            }
            guard let def = record.persistent else {
                throw VirtError(.operationInvalid, .qemu, "domain '\(record.name)' is not defined")
            }
            let id = try await withDriverLock { () async throws(VirtError) -> Int32 in try store.allocateID() }
            let status = try await launch(def, id: id, reason: .booted, paused: flags.contains(.paused))
            let started = DomainRef(name: def.name, uuid: def.uuid, id: status.id)
            emitStarted(started, .startedBooted, paused: flags.contains(.paused))
            return started
        }
    }

    func domainCreateXML(_ xml: String, flags: DomainCreateFlags) async throws(VirtError) -> DomainRef {
        try checkCreateFlags(flags, function: "qemuDomainCreateXML")
        let def = try parseDefinition(xml, validate: flags.contains(.validate))
        return try await startLive(def, allocate: store.allocateID) { (def, id, _) async throws(VirtError) -> DomainRef in
            let status = try await launch(def, id: id, reason: .booted, paused: flags.contains(.paused))
            let started = DomainRef(name: def.name, uuid: def.uuid, id: status.id)
            emitStarted(started, .startedBooted, paused: flags.contains(.paused))
            return started
        }
    }

    /// A domain that started, in libvirt 9.0's order: a booted guest RESUMED then STARTED (QEMU's RESUME
    /// comes first), a restored one STARTED then RESUMED "from snapshot"; one kept paused STARTED, SUSPENDED.
    func emitStarted(_ ref: DomainRef, _ started: DomainLifecycleEvent, paused: Bool) {
        if paused {
            emit(ref, started)
            emit(ref, .suspendedPaused)
        } else if started == .startedRestored {
            emit(ref, started)
            emit(ref, .resumedFromSnapshot)
        } else {
            emit(ref, .resumedUnpaused)
            emit(ref, started)
        }
    }

    private func checkCreateFlags(_ flags: DomainCreateFlags, function: String) throws(VirtError) {
        try VirtError.checkFlags(flags.rawValue, allowed: DomainCreateFlags([.paused, .validate]).rawValue,
                                 function: function, domain: .qemu)
    }

    /// Starts QEMU for `def` (the caller holds the domain lock): command line, process, then over the monitor
    /// the setup that must happen before the guest runs (pty paths, vCPU pinning, bridge ports), then `cont`
    /// unless `paused`. On failure QEMU is stopped again and nothing is left behind.
    func launch(
        _ persistent: DomainDefinition, id: Int32, reason: RunningReason, paused: Bool,
        incoming: Int32? = nil
    ) async throws(VirtError) -> QEMUDomainStatus {
        var def = persistent
        def.id = id
        let accelerator = try accelerator(for: def)
        let emulator = try QEMUEmulator.path(for: def)
        let uuid = def.uuid.libvirtString
        try paths.checkSocketPath(uuid: uuid)
        // Any QEMU of this domain still alive now was left by a start whose client died (perhaps so
        // recently that it has not written its pid file yet): a domain never runs twice.
        for orphan in QEMUProcess.processes(withPidFile: paths.pidFile(def.name)) {
            try? await QEMUProcess.terminate(pid: orphan.pid, startTime: orphan.startTime, grace: .seconds(1))
            Warnings.shared.record("stopped QEMU process \(orphan.pid) of domain '\(def.name)', left by a start that did not finish")
        }
        for path in paths.processFiles(uuid: uuid) { try? Paths.remove(path) }
        let taps = try QEMUNetwork.prepareTaps(for: def)
        // The live definition names each bridge NIC's tap, as libvirt's does.
        var nextTap = taps.makeIterator()
        for index in def.devices.interfaces.indices where def.devices.interfaces[index].type == "bridge" {
            def.devices.interfaces[index].targetDev = nextTap.next()
        }
        var commandLine = QEMUCommandLine(
            definition: def, accelerator: accelerator,
            files: .init(monitor: paths.monitor(uuid: uuid), eventMonitor: paths.eventMonitor(uuid: uuid),
                         pidFile: paths.pidFile(def.name)))
        commandLine.tapNames = taps
        commandLine.vncDisplays = try QEMUNetwork.freeVNCDisplays(count: def.devices.graphics.count)
        commandLine.incoming = incoming != nil
        let arguments = try commandLine.arguments()

        // A watcher runs before QEMU does: if this process dies before it records the domain, the watcher
        // ends the QEMU it left (``reapOrphanedLaunch(named:)``).
        let watched = ensureWatcher(recheck: true)
        let started = try await QEMUProcess.launch(
            emulator: emulator, arguments: arguments, pidFile: paths.pidFile(def.name), logFile: paths.logFile(def.name))
        var status = QEMUDomainStatus(
            name: def.name, uuid: def.uuid.libvirtString, id: id, pid: started.pid, startTime: started.startTime,
            emulator: emulator, state: paused ? .paused : .running, reason: paused ? PausedReason.user.rawValue : reason.rawValue,
            taps: taps)
        do throws(VirtError) {
            let monitor = try await openMonitor(paths.monitor(uuid: uuid))
            do throws(VirtError) {
                try await prepareGuest(&def, monitor: monitor, pid: started.pid)
                try QEMUNetwork.attachTaps(taps, definition: def)
                if let incoming { try await receiveMigration(from: incoming, monitor: monitor) }
                if !paused {
                    if watched { await waitForWatcher(uuid: uuid) }
                    try await monitor.cont()
                }
                await monitor.close()
            } catch {
                await monitor.close()
                throw error
            }
            try store.writeRunning(status, definition: def)
            ensureWatcher(recheck: true)
        } catch {
            // QEMU that ended by itself says why in its log: that, not "the monitor closed", is the news.
            let ended = !ProcessControl.isAlive(started.pid, startTime: started.startTime)
            try? await QEMUProcess.terminate(pid: started.pid, startTime: started.startTime, grace: .seconds(1))
            store.clearRunning(named: def.name, uuid: uuid)
            guard ended, let detail = error.detail else { throw error }
            let log = QEMUProcess.logTail(paths.logFile(def.name))
            // "The monitor closed" only says that QEMU ended; anything else is worth keeping beside its words.
            throw VirtError(error.code, error.domain,
                            detail.hasPrefix(QMPMonitor.monitorClosed) ? "QEMU ended: \(log)" : "\(detail); QEMU ended: \(log)")
        }
        status.state = paused ? .paused : .running
        return status
    }

    /// How long a start waits for the watcher to hear a new QEMU's events before it lets the guest run anyway.
    static let watcherAttachTimeout: Duration = .seconds(5)

    /// Lets the guest run only once the watcher hears this QEMU's events (``QEMUPaths/watchedMark(uuid:)``),
    /// as libvirt's QEMU driver holds its monitor before the CPUs start: a guest that resets, powers off or
    /// panics the moment it starts is handled and reported like any other. A watcher that does not come in
    /// time (a host too loaded to start one) only delays the start: the guest then runs, and the watcher
    /// catches up from QEMU's run state when it attaches (a reset meanwhile would go unreported).
    private func waitForWatcher(uuid: String) async {
        let mark = paths.watchedMark(uuid: uuid)
        let deadline = ContinuousClock.now + Self.watcherAttachTimeout
        while !Paths.exists(mark), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// TCG for type 'qemu'; KVM for type 'kvm', refused clearly where /dev/kvm cannot be used.
    func accelerator(for def: DomainDefinition) throws(VirtError) -> QEMUCommandLine.Accelerator {
        if def.type == "kvm" {
            guard QEMUEmulator.kvmUsable() else {
                throw VirtError(.configUnsupported, .qemu,
                                "domain type 'kvm' needs KVM, but /dev/kvm cannot be opened here; use type 'qemu' (TCG) instead")
            }
            return .kvm
        }
        return .tcg
    }

    /// Fills in what only the running QEMU knows (pty paths) and applies pinning and the balloon's statistics
    /// period from the definition.
    private func prepareGuest(_ def: inout DomainDefinition, monitor: any QEMUMonitor, pid: Int32) async throws(VirtError) {
        if def.devices.hasMemballoon, let period = def.devices.memballoon?.statsPeriod, period > 0 {
            try await monitor.setBalloonStatsPeriod(period)
        }
        if def.devices.serials.contains(where: { $0.type == "pty" }) {
            let chardevs = try await monitor.chardevs()
            for index in def.devices.serials.indices where def.devices.serials[index].type == "pty" {
                if let host = chardevs["charserial\(index)"], host.hasPrefix("pty:") {
                    def.devices.serials[index].sourcePath = String(host.dropFirst(4))
                    if index == 0 {
                        for console in def.devices.consoles.indices where def.devices.consoles[console].type == "pty" {
                            def.devices.consoles[console].sourcePath = String(host.dropFirst(4))
                        }
                    }
                }
            }
        }
        if !def.cputune.vcpuPins.isEmpty || def.vcpu.cpuset != nil {
            let vcpus = try await monitor.vcpus()
            for vcpu in vcpus {
                if let map = Self.configuredAffinity(of: UInt32(vcpu.index), in: def) {
                    try Self.pin(thread: vcpu.threadID, to: map)
                }
            }
        }
    }

    /// The affinity the definition asks for (a vcpupin, else the vcpu cpuset), or nil for no restriction.
    static func configuredAffinity(of vcpu: UInt32, in def: DomainDefinition) -> CPUMap? {
        let text = def.cputune.vcpuPins.first(where: { $0.vcpu == vcpu })?.cpuset ?? def.vcpu.cpuset
        guard let text, let map = try? CPUMap(cpuList: text, limit: 16384), !map.isEmpty else { return nil }
        return map
    }

    static func pin(thread: Int32, to map: CPUMap) throws(VirtError) {
        do {
            try Affinity.set(thread: thread, map: map.bytes)
        } catch {
            throw VirtError.system(error.errno, "cannot set CPU affinity of vCPU thread \(thread)", domain: .qemu)
        }
    }

    /// A QEMU whose starter died before recording it (kill -9 during start, create or restore): its pid file
    /// names it, no status does, and nobody holds its domain's lock (a live starter would). It is ended, so
    /// no QEMU waits in "prelaunch" for ever. The watcher looks for these (a starter ends any QEMU of its
    /// domain before it launches its own).
    func reapOrphanedLaunch(named name: String) async {
        guard let launch = launchInProgress(named: name) else { return }
        _ = try? await Self.stateLock.withDomainLockIfFree(store, uuid: launch.uuid, name: name) { (_) async throws(VirtError) in
            guard store.recordedStatus(named: name) == nil else { return }
            try? await QEMUProcess.terminate(pid: launch.pid, startTime: launch.startTime, grace: .seconds(1))
            for path in [paths.pidFile(name), paths.liveDefinition(name)] + paths.processFiles(uuid: launch.uuid) {
                try? Paths.remove(path)
            }
            Warnings.shared.record("stopped QEMU process \(launch.pid) of domain '\(name)', left by a start that did not finish")
        }
    }

    /// A QEMU being launched for `name`: its pid file names a live QEMU of this driver's, and no status
    /// records it yet (its starter is still at work, or died).
    func launchInProgress(named name: String) -> QEMUProcessRef? {
        guard store.recordedStatus(named: name) == nil,
              let text = try? FileIO.read(paths.pidFile(name), limit: FileSizeLimit.record),
              let pid = Int32(String(decoding: text, as: UTF8.self).filter { !$0.isWhitespace }),
              let arguments = ProcessControl.arguments(of: pid),
              let flag = arguments.firstIndex(of: "-uuid"), flag + 1 < arguments.count,
              arguments.contains("-pidfile"), arguments.contains(paths.pidFile(name)),
              let stat = ProcStat.read(pid: pid) else { return nil }
        return QEMUProcessRef(uuid: arguments[flag + 1], pid: pid, startTime: stat.startTime)
    }
}

