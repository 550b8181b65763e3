import CXenLight
import FoundationEssentials
import VirtDriver
import VirtOS

/// ``XenToolstack`` over libxenlight, loaded at run time (``CXenLight``). One libxl context per connection.
/// Queries are quick hypercalls and xenstore reads and run inline; calls that wait for Xen run on their own
/// thread (``OwnThread``). libxl contexts are safe to use from several threads.
final class LibXLToolstack: XenToolstack, @unchecked Sendable {
    // The context is created in init, freed in deinit, and otherwise only passed to libxl (thread safe).
    private let context: OpaquePointer

    /// The library's soname: Xen 4.17's libxenlight, as Debian 12 ships it (there is no unversioned
    /// libxenlight.so without libxen-dev).
    static let soname = "libxenlight.so.4.17"

    private init(context: OpaquePointer) {
        self.context = context
    }

    deinit {
        cxl_ctx_close(context)
    }

    /// Loads libxenlight (once per process) and opens a context that logs warnings and errors to `logPath`.
    static func open(logPath: String?) throws(VirtError) -> LibXLToolstack {
        guard cxl_load(soname) == 0 else {
            throw VirtError(.internalError, .libxl, "cannot load \(soname): \(String(cString: cxl_last_error()))")
        }
        let xtlWarn: Int32 = 7
        guard let context = cxl_ctx_open(logPath, xtlWarn) else {
            throw VirtError(.internalError, .libxl, "cannot initialize libxenlight context: \(String(cString: cxl_last_error()))")
        }
        return LibXLToolstack(context: context)
    }

    // MARK: plumbing

    /// A libxl status and the first error libxl logged for it, captured on the thread that made the call.
    private struct Outcome: Sendable {
        var status: Int32
        var message: String
        var text: String?
        /// A domain id the call produced.
        var domainID: UInt32 = 0

        init(_ status: Int32, text: UnsafeMutablePointer<CChar>? = nil, domainID: UInt32 = 0) {
            self.status = status
            self.domainID = domainID
            message = String(cString: cxl_last_error())
            if let text {
                self.text = String(cString: text)
                cxl_free(text)
            }
        }
    }

    /// VIR_ERR_INTERNAL_ERROR in libvirt's words ("Failed to X with libxenlight"), with libxl's reason.
    private func failure(_ what: String, _ outcome: Outcome) -> VirtError {
        LibXLStatus.error(what, status: outcome.status, message: outcome.message)
    }

    private func check(_ what: String, _ outcome: Outcome) throws(VirtError) {
        if outcome.status != 0 { throw failure(what, outcome) }
    }

    private func json<T: Decodable>(_ type: T.Type, _ what: String, _ outcome: Outcome) throws(VirtError) -> T {
        try check(what, outcome)
        guard let text = outcome.text else { throw failure(what, outcome) }
        return try LibXLJSON.decode(type, from: text, what: what)
    }

    private func blocking(_ body: @escaping @Sendable (OpaquePointer) -> Outcome) async -> Outcome {
        let context = UncheckedContext(pointer: self.context)
        return await OwnThread.run { body(context.pointer) }
    }

    /// The context pointer, handed to the thread that makes a blocking call.
    private struct UncheckedContext: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    // MARK: host

    func versionInfo() async throws(VirtError) -> XenVersionInfo {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_version_info_json(context, &text)
        return try json(XenVersionInfo.self, "get version information", Outcome(status, text: text))
    }

    func physicalInfo() async throws(VirtError) -> XenPhysicalInfo {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_physinfo_json(context, &text)
        return try json(XenPhysicalInfo.self, "get physical host information", Outcome(status, text: text))
    }

    func maxCPUs() async throws(VirtError) -> Int {
        let count = cxl_max_cpus(context)
        if count <= 0 { throw failure("get the number of host CPUs", Outcome(count)) }
        return Int(count)
    }

    // MARK: domains

    func domains() async throws(VirtError) -> [XenDomainInfo] {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_domain_list_json(context, &text)
        return try json([XenDomainInfo].self, "list domains", Outcome(status, text: text))
    }

    func domain(_ id: UInt32) async throws(VirtError) -> XenDomainInfo? {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_domain_info_json(context, id, &text)
        if status == Int32(CXL_ERROR_DOMAIN_NOTFOUND) { return nil }
        return try json(XenDomainInfo.self, "get information on domain '\(id)'", Outcome(status, text: text))
    }

    func name(of id: UInt32) async -> String? {
        guard let text = cxl_domain_name(context, id) else { return nil }
        defer { cxl_free(text) }
        return String(cString: text)
    }

    func create(_ config: XenDomainConfig) async throws(VirtError) -> UInt32 {
        let json = config.json()
        let outcome = await blocking { context in
            var id: UInt32 = 0
            let status = cxl_domain_create(context, json, &id)
            return Outcome(status, domainID: id)
        }
        try check("create new domain '\(config.createInfo.name)'", outcome)
        return outcome.domainID
    }

    func restore(_ config: XenDomainConfig, from descriptor: Int32) async throws(VirtError) -> UInt32 {
        let json = config.json()
        let outcome = await blocking { context in
            var id: UInt32 = 0
            let status = cxl_domain_restore(context, json, descriptor, &id)
            return Outcome(status, domainID: id)
        }
        try check("restore domain '\(config.createInfo.name)'", outcome)
        return outcome.domainID
    }

    func suspend(_ id: UInt32, to descriptor: Int32) async throws(VirtError) {
        try check("save domain '\(id)'", await blocking { Outcome(cxl_domain_suspend($0, id, descriptor)) })
    }

    func resumeSuspended(_ id: UInt32) async throws(VirtError) {
        try check("resume domain '\(id)' after an unfinished save", await blocking { Outcome(cxl_domain_resume_suspended($0, id)) })
    }

    func pause(_ id: UInt32) async throws(VirtError) {
        try check("suspend domain '\(id)'", Outcome(cxl_domain_pause(context, id)))
    }

    func unpause(_ id: UInt32) async throws(VirtError) {
        try check("resume domain '\(id)'", Outcome(cxl_domain_unpause(context, id)))
    }

    /// libxl asks the guest's PV drivers; a guest without them (HVM) gets the power button, as libvirt does.
    func shutdown(_ id: UInt32) async throws(VirtError) {
        let outcome = await blocking { context in
            let status = cxl_domain_shutdown(context, id)
            return Outcome(status == Int32(CXL_ERROR_NOPARAVIRT) ? cxl_domain_power_button(context, id) : status)
        }
        try check("shutdown domain '\(id)'", outcome)
    }

    func reboot(_ id: UInt32) async throws(VirtError) {
        try check("reboot domain '\(id)'", await blocking { Outcome(cxl_domain_reboot($0, id)) })
    }

    func destroy(_ id: UInt32) async throws(VirtError) {
        try check("destroy domain '\(id)'", await blocking { Outcome(cxl_domain_destroy($0, id)) })
    }

    func setMemoryTarget(_ id: UInt32, kib: UInt64) async throws(VirtError) {
        try check("set memory for domain '\(id)'", await blocking { Outcome(cxl_set_memory_target($0, id, kib)) })
    }

    func setMaxMemory(_ id: UInt32, kib: UInt64) async throws(VirtError) {
        try check("set maximum memory for domain '\(id)'", Outcome(cxl_set_max_memory(context, id, kib)))
    }

    func setVcpusOnline(_ id: UInt32, count: UInt32) async throws(VirtError) {
        let map = CPUMap(cpuCount: Int(count), usable: 0..<Int(count)).bytes
        let outcome = await blocking { context in
            Outcome(map.withUnsafeBufferPointer { cxl_set_vcpus_online(context, id, $0.baseAddress, UInt32($0.count)) })
        }
        try check("set vcpus for domain '\(id)'", outcome)
    }

    func setVcpuAffinity(_ id: UInt32, vcpu: UInt32, map: CPUMap) async throws(VirtError) {
        let status = map.bytes.withUnsafeBufferPointer {
            cxl_set_vcpu_affinity(context, id, vcpu, $0.baseAddress, UInt32($0.count))
        }
        try check("pin vcpu '\(vcpu)'", Outcome(status))
    }

    func vcpus(_ id: UInt32) async throws(VirtError) -> [XenVcpuInfo] {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_vcpu_list_json(context, id, &text)
        return try json([XenVcpuInfo].self, "list vcpus for domain '\(id)'", Outcome(status, text: text))
    }

    func consoleTTY(_ id: UInt32, number: Int, serial: Bool) async throws(VirtError) -> String {
        var text: UnsafeMutablePointer<CChar>?
        let status = cxl_console_tty(context, id, Int32(number), serial ? 1 : 0, &text)
        let outcome = Outcome(status, text: text)
        try check("get console for domain '\(id)'", outcome)
        guard let path = outcome.text else { throw failure("get console for domain '\(id)'", outcome) }
        return path
    }
}
