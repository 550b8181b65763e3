import VirtDriver

/// Swift uses a protocol default silently when a conforming method's signature has a typo. A driver's
/// coverage test calls every operation its table implements (``HypervisorDriver/implementation(of:)``)
/// through this recorder, on real domains, on the driver as `any HypervisorDriver` (the witness a user's
/// call reaches), and none may reach a default; at the end, what was called must be exactly what the
/// table implements. (``DriverTableCheck`` checks the table itself without any domain.)
///
/// It records what went wrong instead of failing a test itself (VirtTestSupport imports no test framework,
/// so the package builds with a static standard library): the test expects ``failures(against:)`` empty.
public final class OperationCoverage {
    public private(set) var called: Set<DriverOperation> = []
    /// What went wrong in the calls so far, one line each.
    public private(set) var callFailures: [String] = []

    public init() {}

    /// Calls one operation; any error is fine except a default's (VIR_ERR_NO_SUPPORT, or the internal error
    /// of an operation the table implements reaching a default).
    public func call(_ operation: DriverOperation, _ body: () async throws -> Void) async {
        called.insert(operation)
        do {
            try await body()
        } catch let error as VirtError {
            if error.code == .noSupport || DriverTableCheck.reachedDefault(error) {
                callFailures.append("\(operation.rawValue) fell back to a default: \(error.message)")
            }
        } catch {
            callFailures.append("\(operation.rawValue) threw \(error)")
        }
    }

    /// The host-wide operations (version, hostname, node facts) the driver lists: they take no domain.
    public func callHostOperations(_ driver: any HypervisorDriver) async {
        let host: [(DriverOperation, () async throws -> Void)] = [
            (.connectGetType, { _ = driver.connectGetType() }),
            (.connectGetVersion, { _ = try await driver.connectGetVersion() }),
            (.connectGetHostname, { _ = try await driver.connectGetHostname() }),
            (.connectGetMaxVcpus, { _ = try await driver.connectGetMaxVcpus(type: nil) }),
            (.nodeGetInfo, { _ = try await driver.nodeGetInfo() }),
            (.nodeGetCPUMap, { _ = try await driver.nodeGetCPUMap() }),
            (.nodeGetSecurityModel, { _ = try await driver.nodeGetSecurityModel() }),
            (.connectGetCapabilities, { _ = try await driver.connectGetCapabilities() }),
            (.connectDomainEvents, { _ = try await driver.connectDomainEvents() }),
        ]
        for (operation, body) in host where driver.implementation(of: operation) != .unsupported {
            await call(operation, body)
        }
    }

    /// The read-only facts of one domain (info, state, XML, ...), which every driver must list: any answer
    /// will do but the unsupported default.
    public func callDomainFacts(_ driver: any HypervisorDriver, _ ref: DomainRef) async {
        let facts: [(DriverOperation, () async throws -> Void)] = [
            (.domainGetInfo, { _ = try await driver.domainGetInfo(ref) }),
            (.domainGetState, { _ = try await driver.domainGetState(ref) }),
            (.domainGetOSType, { _ = try await driver.domainGetOSType(ref) }),
            (.domainGetXMLDesc, { _ = try await driver.domainGetXMLDesc(ref, flags: []) }),
            (.domainGetMaxMemory, { _ = try await driver.domainGetMaxMemory(ref) }),
            (.domainIsActive, { _ = try await driver.domainIsActive(ref) }),
            (.domainIsPersistent, { _ = try await driver.domainIsPersistent(ref) }),
            (.domainGetAutostart, { _ = try await driver.domainGetAutostart(ref) }),
            (.domainHasManagedSaveImage, { _ = try await driver.domainHasManagedSaveImage(ref) }),
            (.domainGetSecurityLabel, { _ = try await driver.domainGetSecurityLabel(ref) }),
        ]
        for (name, body) in facts { await call(name, body) }
    }

    /// Everything that went wrong: the calls' failures, then any operation called that the table does not
    /// implement in code (its own or the stored-domain layer's), or implemented so but not called: every
    /// such operation must be called, and nothing else (forwarding is ``DriverTableCheck``'s). Empty when
    /// all is well.
    public func failures(against driver: any HypervisorDriver) -> [String] {
        var failures = callFailures
        let implemented = Set(DriverOperation.allCases.filter {
            [.own, .storedDomainLayer].contains(driver.implementation(of: $0))
        })
        func names(_ operations: Set<DriverOperation>) -> String { operations.map(\.rawValue).sorted().joined(separator: ", ") }
        let unlisted = called.subtracting(implemented)
        if !unlisted.isEmpty { failures.append("called but not implemented in code by the table: \(names(unlisted))") }
        let uncalled = implemented.subtracting(called)
        if !uncalled.isEmpty { failures.append("implemented in the table but not called: \(names(uncalled))") }
        return failures
    }
}
