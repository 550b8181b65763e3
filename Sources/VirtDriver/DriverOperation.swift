/// Every operation of the driver table: one case per ``HypervisorDriver`` requirement that a caller invokes
/// (``HypervisorDriver/connectClose()`` and the properties are not operations: every driver has them).
///
/// Each driver says where each one is implemented in its table file (`<Driver>+Table.swift`), an exhaustive
/// switch over these cases, so adding an operation here fails to compile until every driver has decided.
public enum DriverOperation: String, CaseIterable, Sendable {
    // connection and host
    case connectGetType, connectGetVersion, connectGetHostname, connectGetMaxVcpus, nodeGetInfo
    case connectGetCapabilities, nodeGetCPUMap, nodeGetSecurityModel
    case connectDomainXMLToNative, connectDomainXMLFromNative, connectDomainEvents
    // listing and lookup
    case connectNumOfDomains, connectListDomains, connectNumOfDefinedDomains, connectListDefinedDomains
    case connectListAllDomains, domainLookupByID, domainLookupByName, domainLookupByUUID
    // definitions and lifecycle
    case domainDefineXML, domainUndefine, domainCreate, domainCreateXML, domainDestroy, domainShutdown
    case domainReboot, domainSuspend, domainResume, domainSave, domainRestore, domainDestroyFlags
    case domainSaveFlags, domainRestoreFlags, domainCreateWithFiles, domainCreateXMLWithFiles
    // information
    case domainGetInfo, domainGetState, domainGetOSType, domainGetXMLDesc, domainGetMaxMemory, domainIsActive
    case domainIsPersistent, domainGetAutostart, domainHasManagedSaveImage, domainManagedSaveRemove
    case domainGetSecurityLabel, domainGetMessages, domainOpenConsole
    // resources
    case domainSetMaxMemory, domainSetMemory, domainSetVcpus, domainPinVcpu
    case domainSetMemoryFlags, domainSetVcpusFlags, domainGetVcpusFlags, domainGetVcpus, domainPinVcpuFlags
    case domainGetVcpuPinInfo
    // statistics
    case domainBlockStats, domainBlockStatsFlags, domainInterfaceStats, domainMemoryStats, connectGetAllDomainStats
    case domainSetMemoryStatsPeriod

    /// Where a driver implements an operation.
    public enum Implementation: Hashable, Sendable, CustomStringConvertible {
        /// The driver's own code.
        case own
        /// The stored-domain layer qemu:/// and xen:/// share (`VirtDriverState`'s `StoredDomainDriver`).
        case storedDomainLayer
        /// A seed call sent on as its `...Flags` successor with the flags libvirt's QEMU driver uses
        /// (`HypervisorDriver+Forwarding.swift`). Only what a table names is forwarded: a driver whose
        /// table says otherwise gets no silent forwarding.
        case forwarded(to: DriverOperation)
        /// Not implemented: VIR_ERR_NO_SUPPORT naming libvirt's API (`HypervisorDriver+Unsupported.swift`).
        case unsupported

        public var description: String {
            switch self {
            case .own: "its own code"
            case .storedDomainLayer: "the stored-domain layer"
            case .forwarded(let successor): "forwarding to \(successor.rawValue)"
            case .unsupported: "unsupported"
            }
        }
    }

    /// The operation a seed call forwards to, where the seed has a `...Flags` successor.
    public var flagsSuccessor: DriverOperation? {
        switch self {
        case .domainSetMaxMemory, .domainSetMemory: .domainSetMemoryFlags
        case .domainSetVcpus: .domainSetVcpusFlags
        case .domainPinVcpu: .domainPinVcpuFlags
        default: nil
        }
    }

    /// The error domain of libvirt's public API file for this operation, which its "not supported" carries:
    /// libvirt-host.c's calls report from VIR_FROM_NONE, libvirt-domain.c's (every domain call, and the
    /// connection calls about domains) from VIR_FROM_DOMAIN.
    public var apiErrorDomain: ErrorDomain {
        switch self {
        case .connectGetType, .connectGetVersion, .connectGetHostname, .connectGetMaxVcpus, .nodeGetInfo,
             .connectGetCapabilities, .nodeGetCPUMap, .nodeGetSecurityModel:
            .none
        default:
            .domain
        }
    }

    /// The libvirt API a caller reaches this operation through, as libvirt names it in errors.
    public var libvirtName: String {
        switch self {
        case .connectDomainEvents: "virConnectDomainEventRegisterAny"
        case .domainDefineXML: "virDomainDefineXMLFlags"
        case .domainUndefine: "virDomainUndefineFlags"
        case .domainCreate: "virDomainCreateWithFlags"
        case .domainShutdown: "virDomainShutdownFlags"
        default: "vir" + rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}
