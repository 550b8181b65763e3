import VirtDriver

/// Swift uses a protocol default silently when a conforming method's signature has a typo. A driver's
/// coverage test calls every operation it lists in `implementedOperations` through this recorder, on the
/// driver as `any HypervisorDriver` (the witness a user's call reaches), and none may answer
/// VIR_ERR_NO_SUPPORT; at the end, what was called must be exactly what the driver lists.
///
/// It records what went wrong instead of failing a test itself (VirtTestSupport imports no test framework,
/// so the package builds with a static standard library): the test expects ``failures(against:)`` empty.
public final class OperationCoverage {
    public private(set) var called: Set<String> = []
    /// What went wrong in the calls so far, one line each.
    public private(set) var callFailures: [String] = []

    public init() {}

    /// Calls one operation; any error is fine except VIR_ERR_NO_SUPPORT (the unsupported default).
    public func call(_ name: String, _ body: () async throws -> Void) async {
        called.insert(name)
        do {
            try await body()
        } catch let error as VirtError {
            if error.code == .noSupport {
                callFailures.append("\(name) fell back to the unsupported default: \(error.message)")
            }
        } catch {
            callFailures.append("\(name) threw \(error)")
        }
    }

    /// The host-wide operations (version, hostname, node facts) the driver lists: they take no domain.
    public func callHostOperations(_ driver: any HypervisorDriver) async {
        let host: [(String, () async throws -> Void)] = [
            ("connectGetType", { _ = driver.connectGetType() }),
            ("connectGetVersion", { _ = try await driver.connectGetVersion() }),
            ("connectGetHostname", { _ = try await driver.connectGetHostname() }),
            ("connectGetMaxVcpus", { _ = try await driver.connectGetMaxVcpus(type: nil) }),
            ("nodeGetInfo", { _ = try await driver.nodeGetInfo() }),
            ("nodeGetCPUMap", { _ = try await driver.nodeGetCPUMap() }),
            ("nodeGetSecurityModel", { _ = try await driver.nodeGetSecurityModel() }),
            ("connectGetCapabilities", { _ = try await driver.connectGetCapabilities() }),
            ("connectDomainEvents", { _ = try await driver.connectDomainEvents() }),
        ]
        for (name, body) in host where driver.implementedOperations.contains(name) {
            await call(name, body)
        }
    }

    /// The read-only facts of one domain (info, state, XML, ...), which every driver must list: any answer
    /// will do but the unsupported default.
    public func callDomainFacts(_ driver: any HypervisorDriver, _ ref: DomainRef) async {
        let facts: [(String, () async throws -> Void)] = [
            ("domainGetInfo", { _ = try await driver.domainGetInfo(ref) }),
            ("domainGetState", { _ = try await driver.domainGetState(ref) }),
            ("domainGetOSType", { _ = try await driver.domainGetOSType(ref) }),
            ("domainGetXMLDesc", { _ = try await driver.domainGetXMLDesc(ref, flags: []) }),
            ("domainGetMaxMemory", { _ = try await driver.domainGetMaxMemory(ref) }),
            ("domainIsActive", { _ = try await driver.domainIsActive(ref) }),
            ("domainIsPersistent", { _ = try await driver.domainIsPersistent(ref) }),
            ("domainGetAutostart", { _ = try await driver.domainGetAutostart(ref) }),
            ("domainHasManagedSaveImage", { _ = try await driver.domainHasManagedSaveImage(ref) }),
            ("domainGetSecurityLabel", { _ = try await driver.domainGetSecurityLabel(ref) }),
        ]
        for (name, body) in facts { await call(name, body) }
    }

    /// Everything that went wrong: the calls' failures, then any operation called but not listed or listed
    /// but not called (every listed operation must be called, and nothing else). Empty when all is well.
    public func failures(against driver: any HypervisorDriver) -> [String] {
        var failures = callFailures
        let unlisted = called.subtracting(driver.implementedOperations).sorted()
        if !unlisted.isEmpty { failures.append("called but not listed: \(unlisted.joined(separator: ", "))") }
        let uncalled = driver.implementedOperations.subtracting(called).sorted()
        if !uncalled.isEmpty { failures.append("listed but not called: \(uncalled.joined(separator: ", "))") }
        return failures
    }
}
