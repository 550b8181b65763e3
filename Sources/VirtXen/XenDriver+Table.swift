import VirtDriver

/// The xen:/// driver table: where each operation is implemented.
extension XenDriver {
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        switch operation {
        case .connectGetType, .connectGetVersion, .connectGetHostname, .connectGetMaxVcpus, .nodeGetInfo,
             .nodeGetCPUMap, .nodeGetSecurityModel, .connectDomainXMLToNative, .connectDomainXMLFromNative,
             .connectListDomains, .connectListAllDomains, .domainLookupByID,
             .domainDefineXML, .domainUndefine, .domainCreate, .domainCreateXML, .domainDestroy, .domainDestroyFlags,
             .domainShutdown, .domainReboot, .domainSuspend, .domainResume, .domainSave, .domainRestore,
             .domainSaveFlags, .domainRestoreFlags, .domainGetInfo, .domainGetState, .domainGetOSType,
             .domainOpenConsole, .domainSetMemoryFlags, .domainSetVcpusFlags, .domainGetVcpusFlags, .domainGetVcpus,
             .domainPinVcpuFlags, .domainGetVcpuPinInfo, .domainMemoryStats, .domainInterfaceStats,
             .domainBlockStats, .domainBlockStatsFlags:
            .own
        case .connectDomainEvents, .connectNumOfDomains, .connectNumOfDefinedDomains, .connectListDefinedDomains,
             .domainLookupByName, .domainLookupByUUID, .domainGetXMLDesc, .domainGetMaxMemory, .domainIsActive,
             .domainIsPersistent, .domainGetAutostart, .domainHasManagedSaveImage, .domainGetSecurityLabel:
            .storedDomainLayer
        case .domainSetMaxMemory, .domainSetMemory: .forwarded(to: .domainSetMemoryFlags)
        case .domainSetVcpus: .forwarded(to: .domainSetVcpusFlags)
        case .domainPinVcpu: .forwarded(to: .domainPinVcpuFlags)
        case .connectGetCapabilities, .domainCreateWithFiles, .domainCreateXMLWithFiles, .domainManagedSaveRemove,
             .domainGetMessages, .connectGetAllDomainStats, .domainSetMemoryStatsPeriod:
            .unsupported
        }
    }
}
