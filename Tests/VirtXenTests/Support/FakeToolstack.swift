import Foundation
import Synchronization
import VirtDriver
@testable import VirtXen

/// An in-memory Xen for the driver's host-side tests: domains with ids, states and vCPUs, a Domain-0, and
/// guests that do what a test says when asked to shut down or reboot. It checks what the driver hands it
/// the way libxl would (names unique, domains exist) and records every call.
final class FakeToolstack: XenToolstack {
    struct Domain {
        var info: XenDomainInfo
        var config: XenDomainConfig?
        var vcpus: [XenVcpuInfo]
    }

    /// What a guest does when asked to power off or reboot.
    enum GuestReaction: Sendable {
        /// Shuts down at once with the matching reason (poweroff / reboot).
        case complies
        /// Ignores the request.
        case ignores
    }

    struct State {
        var domains: [UInt32: Domain] = [:]
        var nextID: UInt32 = 1
        var calls: [String] = []
        var reaction: GuestReaction = .complies
        /// The pty xenconsoled would serve every domain's console on.
        var consoleTTY: String?
    }

    let state = Mutex(State())
    static let hostCPUs = 2

    init() {
        var dom0 = XenDomainInfo(id: 0, uuid: Domain0.uuid)
        dom0.running = true
        dom0.currentMemoryKiB = 524_288
        dom0.maxMemoryKiB = 524_288
        dom0.vcpusOnline = 1
        dom0.cpuTimeNanoseconds = 42_000_000_000
        dom0.domainType = "pv"
        var vcpu = XenVcpuInfo()
        vcpu.online = true
        vcpu.running = true
        vcpu.hardAffinity = [0]
        state.withLock { $0.domains[0] = Domain(info: dom0, config: nil, vcpus: [vcpu]) }
    }

    var calls: [String] { state.withLock { $0.calls } }
    func setReaction(_ reaction: GuestReaction) { state.withLock { $0.reaction = reaction } }

    /// The guest stops by itself (powers off, reboots, crashes), as a real guest may at any time.
    func guestStops(_ id: UInt32, reason: XenDomainInfo.ShutdownReason) {
        state.withLock { $0.domains[id]?.info.shutdown = true; $0.domains[id]?.info.shutdownReason = reason }
    }

    func domain(named name: String) -> Domain? {
        state.withLock { $0.domains.values.first { $0.config?.createInfo.name == name } }
    }

    private func record(_ call: String) { state.withLock { $0.calls.append(call) } }

    private func mutate(_ id: UInt32, _ call: String, _ body: (inout Domain) -> Void) throws(VirtError) {
        let found = state.withLock { state -> Bool in
            state.calls.append("\(call) \(id)")
            guard state.domains[id] != nil else { return false }
            body(&state.domains[id]!)
            return true
        }
        if !found { throw VirtError(.internalError, .libxl, "Failed to \(call) domain '\(id)' with libxenlight: no such domain") }
    }

    // MARK: XenToolstack

    func versionInfo() async throws(VirtError) -> XenVersionInfo {
        XenVersionInfo(major: 4, minor: 17, extra: ".7")
    }

    func physicalInfo() async throws(VirtError) -> XenPhysicalInfo {
        var info = XenPhysicalInfo()
        info.cpuCount = UInt32(Self.hostCPUs)
        info.maxCPUID = UInt32(Self.hostCPUs - 1)
        info.coresPerSocket = 2
        info.cpuKHz = 2_596_130
        info.totalPages = 262_014
        info.supportsPV = true
        return info
    }

    func maxCPUs() async throws(VirtError) -> Int { Self.hostCPUs }

    func domains() async throws(VirtError) -> [XenDomainInfo] {
        state.withLock { $0.domains.values.map(\.info).sorted { $0.id < $1.id } }
    }

    func domain(_ id: UInt32) async throws(VirtError) -> XenDomainInfo? {
        state.withLock { $0.domains[id]?.info }
    }

    func name(of id: UInt32) async -> String? {
        state.withLock { id == 0 ? "Domain-0" : $0.domains[id]?.config?.createInfo.name }
    }

    func create(_ config: XenDomainConfig) async throws(VirtError) -> UInt32 {
        try build(config, call: "create")
    }

    func restore(_ config: XenDomainConfig, from descriptor: Int32) async throws(VirtError) -> UInt32 {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0, String(decoding: bytes[..<count], as: UTF8.self) == "XEN-STREAM \(config.createInfo.name)" else {
            throw VirtError(.internalError, .libxl, "Failed to restore domain with libxenlight: bad stream")
        }
        return try build(config, call: "restore")
    }

    private func build(_ config: XenDomainConfig, call: String) throws(VirtError) -> UInt32 {
        let result = state.withLock { state -> UInt32? in
            state.calls.append("\(call) \(config.createInfo.name)")
            guard !state.domains.values.contains(where: { $0.config?.createInfo.name == config.createInfo.name }) else { return nil }
            let id = state.nextID
            state.nextID += 1
            var info = XenDomainInfo(id: id, uuid: UUID(uuidString: config.createInfo.uuid) ?? UUID())
            info.paused = true
            info.currentMemoryKiB = config.buildInfo.targetMemoryKiB
            info.maxMemoryKiB = config.buildInfo.maxMemoryKiB + 1024
            info.vcpuMaxID = config.buildInfo.maxVcpus - 1
            info.vcpusOnline = UInt32(config.buildInfo.availableVcpus.count)
            info.domainType = config.createInfo.type.rawValue
            let vcpus = (0..<config.buildInfo.maxVcpus).map { index -> XenVcpuInfo in
                var vcpu = XenVcpuInfo()
                vcpu.id = index
                vcpu.online = config.buildInfo.availableVcpus.contains(Int(index))
                vcpu.blocked = vcpu.online
                vcpu.hardAffinity = config.buildInfo.vcpuHardAffinity?[safe: Int(index)] ?? Array(0..<Self.hostCPUs)
                return vcpu
            }
            state.domains[id] = Domain(info: info, config: config, vcpus: vcpus)
            return id
        }
        guard let result else {
            throw VirtError(.internalError, .libxl, "Failed to create new domain '\(config.createInfo.name)' with libxenlight: domain with name \(config.createInfo.name) already exists")
        }
        return result
    }

    func suspend(_ id: UInt32, to descriptor: Int32) async throws(VirtError) {
        guard let name = await name(of: id) else { throw VirtError(.internalError, .libxl, "no domain \(id)") }
        let stream = Array("XEN-STREAM \(name)".utf8)
        _ = stream.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        try mutate(id, "suspend") { $0.info.shutdown = true; $0.info.shutdownReason = .suspend }
    }

    func resumeSuspended(_ id: UInt32) async throws(VirtError) {
        try mutate(id, "resume") { $0.info.shutdown = false; $0.info.shutdownReason = .unknown }
    }

    func pause(_ id: UInt32) async throws(VirtError) {
        try mutate(id, "pause") { $0.info.paused = true }
    }

    func unpause(_ id: UInt32) async throws(VirtError) {
        try mutate(id, "unpause") { $0.info.paused = false; $0.info.blocked = true }
    }

    func shutdown(_ id: UInt32) async throws(VirtError) {
        let complies = state.withLock { $0.reaction == .complies }
        try mutate(id, "shutdown") { if complies { $0.info.shutdown = true; $0.info.shutdownReason = .poweroff } }
    }

    func reboot(_ id: UInt32) async throws(VirtError) {
        let complies = state.withLock { $0.reaction == .complies }
        try mutate(id, "reboot") { if complies { $0.info.shutdown = true; $0.info.shutdownReason = .reboot } }
    }

    func destroy(_ id: UInt32) async throws(VirtError) {
        try mutate(id, "destroy") { _ in }
        state.withLock { _ = $0.domains.removeValue(forKey: id) }
    }

    func setMemoryTarget(_ id: UInt32, kib: UInt64) async throws(VirtError) {
        try mutate(id, "mem-set") { $0.info.currentMemoryKiB = kib }
    }

    func setMaxMemory(_ id: UInt32, kib: UInt64) async throws(VirtError) {
        try mutate(id, "mem-max") { $0.info.maxMemoryKiB = kib }
    }

    func setVcpusOnline(_ id: UInt32, count: UInt32) async throws(VirtError) {
        try mutate(id, "vcpu-set") { domain in
            for index in domain.vcpus.indices {
                domain.vcpus[index].online = index < count
                domain.vcpus[index].blocked = index < count
            }
            domain.info.vcpusOnline = count
        }
    }

    func setVcpuAffinity(_ id: UInt32, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        try mutate(id, "vcpu-pin") { domain in
            if Int(vcpu) < domain.vcpus.count { domain.vcpus[Int(vcpu)].hardAffinity = map.usableCPUs }
        }
    }

    func vcpus(_ id: UInt32) async throws(VirtError) -> [XenVcpuInfo] {
        guard let vcpus = state.withLock({ $0.domains[id]?.vcpus }) else {
            throw VirtError(.internalError, .libxl, "Failed to list vcpus for domain '\(id)' with libxenlight")
        }
        return vcpus
    }

    func consoleTTY(_ id: UInt32, number: Int, serial: Bool) async throws(VirtError) -> String {
        let path = state.withLock { state -> String? in
            state.calls.append("console \(id) \(number) \(serial ? "serial" : "pv")")
            return state.domains[id] == nil ? nil : state.consoleTTY
        }
        guard let path else { throw VirtError(.internalError, .libxl, "Failed to get console for domain '\(id)' with libxenlight") }
        return path
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
