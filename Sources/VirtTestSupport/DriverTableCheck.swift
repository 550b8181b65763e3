import FoundationEssentials
import VirtDriver

/// Checks a driver's table (``HypervisorDriver/implementation(of:)``) against what the driver does, booting
/// nothing: every ``DriverOperation`` is called through `any HypervisorDriver` (the witness a user's call
/// reaches) on a domain that does not exist, with XML that does not parse and paths that do not exist, so
/// nothing changes. An unsupported operation must answer libvirt's "not supported" naming its API; every
/// other must answer anything but a default's error; a forwarded one must name a successor the driver
/// implements in code.
///
/// It returns what went wrong instead of failing a test itself (VirtTestSupport imports no test
/// framework): a driver's test expects ``failures(of:)`` empty.
public enum DriverTableCheck {
    /// Whether `error` is the internal error of an operation the table implements reaching a default (a
    /// signature that does not match its requirement).
    public static func reachedDefault(_ error: VirtError) -> Bool {
        error.code == .internalError && error.message.contains("reached the default of the driver table")
    }

    public static func failures(of driver: any HypervisorDriver) async -> [String] {
        var failures: [String] = []
        for operation in DriverOperation.allCases {
            let implementation = driver.implementation(of: operation)
            if case .forwarded(let successor) = implementation,
               ![.own, .storedDomainLayer].contains(driver.implementation(of: successor)) {
                failures.append("\(operation.rawValue) forwards to \(successor.rawValue), which is \(driver.implementation(of: successor))")
            }
            let error: VirtError?
            do throws(VirtError) {
                try await invoke(operation, on: driver)
                error = nil
            } catch let thrown {
                error = thrown
            }
            let unsupported = VirtError.unsupported(operation.libvirtName)
            let answeredUnsupported = error?.code == unsupported.code && error?.message == unsupported.message
            switch implementation {
            case .unsupported where !answeredUnsupported:
                failures.append("\(operation.rawValue) is unsupported in the table but answered \(error?.message ?? "without error")")
            case .own, .storedDomainLayer, .forwarded:
                if answeredUnsupported || error.map(reachedDefault) == true {
                    failures.append("\(operation.rawValue) is \(implementation) in the table but reached a default: \(error?.message ?? "")")
                }
            default:
                break
            }
        }
        return failures
    }

    /// A domain no driver has.
    static let missing = DomainRef(
        name: "driver-table-check-no-such-domain", uuid: UUID(uuidString: "0badc0de-0000-4000-8000-00000000d1e5")!, id: 999_999)
    static let missingPath = "/nonexistent-driver-table-check/image"
    static let badXML = "not XML"

    /// Calls `operation` with arguments that change nothing.
    static func invoke(_ operation: DriverOperation, on driver: any HypervisorDriver) async throws(VirtError) {
        let dom = missing
        switch operation {
        case .connectGetType: _ = driver.connectGetType()
        case .connectGetVersion: _ = try await driver.connectGetVersion()
        case .connectGetHostname: _ = try await driver.connectGetHostname()
        case .connectGetMaxVcpus: _ = try await driver.connectGetMaxVcpus(type: nil)
        case .nodeGetInfo: _ = try await driver.nodeGetInfo()
        case .connectGetCapabilities: _ = try await driver.connectGetCapabilities()
        case .nodeGetCPUMap: _ = try await driver.nodeGetCPUMap()
        case .nodeGetSecurityModel: _ = try await driver.nodeGetSecurityModel()
        case .connectDomainXMLToNative: _ = try await driver.connectDomainXMLToNative(format: .xenXL, xml: badXML)
        case .connectDomainXMLFromNative: _ = try await driver.connectDomainXMLFromNative(format: .xenXL, config: "")
        case .connectDomainEvents: _ = try await driver.connectDomainEvents()
        case .connectNumOfDomains: _ = try await driver.connectNumOfDomains()
        case .connectListDomains: _ = try await driver.connectListDomains()
        case .connectNumOfDefinedDomains: _ = try await driver.connectNumOfDefinedDomains()
        case .connectListDefinedDomains: _ = try await driver.connectListDefinedDomains()
        case .connectListAllDomains: _ = try await driver.connectListAllDomains(flags: [])
        case .domainLookupByID: _ = try await driver.domainLookupByID(dom.id)
        case .domainLookupByName: _ = try await driver.domainLookupByName(dom.name)
        case .domainLookupByUUID: _ = try await driver.domainLookupByUUID(dom.uuid)
        case .domainDefineXML: _ = try await driver.domainDefineXML(badXML, flags: [])
        case .domainUndefine: try await driver.domainUndefine(dom, flags: [])
        case .domainCreate: _ = try await driver.domainCreate(dom, flags: [])
        case .domainCreateXML: _ = try await driver.domainCreateXML(badXML, flags: [])
        case .domainDestroy: try await driver.domainDestroy(dom)
        case .domainShutdown: try await driver.domainShutdown(dom, flags: [])
        case .domainReboot: try await driver.domainReboot(dom, flags: [])
        case .domainSuspend: try await driver.domainSuspend(dom)
        case .domainResume: try await driver.domainResume(dom)
        case .domainSave: try await driver.domainSave(dom, to: missingPath)
        case .domainRestore: _ = try await driver.domainRestore(from: missingPath)
        case .domainDestroyFlags: try await driver.domainDestroyFlags(dom, flags: [])
        case .domainSaveFlags: try await driver.domainSaveFlags(dom, to: missingPath, xml: nil, flags: [])
        case .domainRestoreFlags: _ = try await driver.domainRestoreFlags(from: missingPath, xml: nil, flags: [])
        case .domainCreateWithFiles: _ = try await driver.domainCreateWithFiles(dom, files: [], flags: [])
        case .domainCreateXMLWithFiles: _ = try await driver.domainCreateXMLWithFiles(badXML, files: [], flags: [])
        case .domainGetInfo: _ = try await driver.domainGetInfo(dom)
        case .domainGetState: _ = try await driver.domainGetState(dom)
        case .domainGetOSType: _ = try await driver.domainGetOSType(dom)
        case .domainGetXMLDesc: _ = try await driver.domainGetXMLDesc(dom, flags: [])
        case .domainGetMaxMemory: _ = try await driver.domainGetMaxMemory(dom)
        case .domainIsActive: _ = try await driver.domainIsActive(dom)
        case .domainIsPersistent: _ = try await driver.domainIsPersistent(dom)
        case .domainGetAutostart: _ = try await driver.domainGetAutostart(dom)
        case .domainHasManagedSaveImage: _ = try await driver.domainHasManagedSaveImage(dom)
        case .domainManagedSaveRemove: try await driver.domainManagedSaveRemove(dom)
        case .domainGetSecurityLabel: _ = try await driver.domainGetSecurityLabel(dom)
        case .domainGetMessages: _ = try await driver.domainGetMessages(dom, flags: [])
        case .domainOpenConsole: _ = try await driver.domainOpenConsole(dom, device: nil, flags: [])
        case .domainSetMaxMemory: try await driver.domainSetMaxMemory(dom, kib: 1024)
        case .domainSetMemory: try await driver.domainSetMemory(dom, kib: 1024)
        case .domainSetVcpus: try await driver.domainSetVcpus(dom, count: 1)
        case .domainPinVcpu: try await driver.domainPinVcpu(dom, vcpu: 0, map: CPUMap(bytes: [1]))
        case .domainSetMemoryFlags: try await driver.domainSetMemoryFlags(dom, kib: 1024, flags: [])
        case .domainSetVcpusFlags: try await driver.domainSetVcpusFlags(dom, count: 1, flags: [])
        case .domainGetVcpusFlags: _ = try await driver.domainGetVcpusFlags(dom, flags: [])
        case .domainGetVcpus: _ = try await driver.domainGetVcpus(dom)
        case .domainPinVcpuFlags: try await driver.domainPinVcpuFlags(dom, vcpu: 0, map: CPUMap(bytes: [1]), flags: [])
        case .domainGetVcpuPinInfo: _ = try await driver.domainGetVcpuPinInfo(dom, flags: [])
        case .domainBlockStats: _ = try await driver.domainBlockStats(dom, path: missingPath)
        case .domainBlockStatsFlags: _ = try await driver.domainBlockStatsFlags(dom, path: missingPath, flags: 0)
        case .domainInterfaceStats: _ = try await driver.domainInterfaceStats(dom, device: "no-such-interface")
        case .domainMemoryStats: _ = try await driver.domainMemoryStats(dom, maxStats: MemoryStatTag.knownCount, flags: 0)
        case .domainSetMemoryStatsPeriod: try await driver.domainSetMemoryStatsPeriod(dom, period: 5, flags: [])
        case .connectGetAllDomainStats: _ = try await driver.connectGetAllDomainStats([dom], stats: [], flags: [])
        }
    }
}
