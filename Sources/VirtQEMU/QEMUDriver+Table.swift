import VirtDriver

/// The qemu:/// driver table: where each operation is implemented.
extension QEMUDriver {
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        switch operation {
        case .connectGetType, .connectGetVersion, .connectGetHostname, .connectGetMaxVcpus, .nodeGetInfo,
             .connectGetCapabilities, .nodeGetCPUMap, .nodeGetSecurityModel,
             .connectListDomains, .connectListAllDomains, .domainLookupByID,
             .domainDefineXML, .domainUndefine, .domainCreate, .domainCreateXML, .domainDestroy, .domainShutdown,
             .domainReboot, .domainSuspend, .domainResume, .domainSave, .domainRestore,
             .domainGetInfo, .domainGetState, .domainGetOSType, .domainOpenConsole,
             .domainSetMemoryFlags, .domainSetVcpusFlags, .domainGetVcpusFlags, .domainGetVcpus,
             .domainPinVcpuFlags, .domainGetVcpuPinInfo, .domainBlockStats, .domainBlockStatsFlags, .domainInterfaceStats,
             .domainMemoryStats, .connectGetAllDomainStats, .domainSetMemoryStatsPeriod:
            .own
        case .connectDomainEvents, .connectNumOfDomains, .connectNumOfDefinedDomains, .connectListDefinedDomains,
             .domainLookupByName, .domainLookupByUUID, .domainGetXMLDesc, .domainGetMaxMemory, .domainIsActive,
             .domainIsPersistent, .domainGetAutostart, .domainHasManagedSaveImage, .domainGetSecurityLabel:
            .storedDomainLayer
        case .domainSetMaxMemory, .domainSetMemory: .forwarded(to: .domainSetMemoryFlags)
        case .domainSetVcpus: .forwarded(to: .domainSetVcpusFlags)
        case .domainPinVcpu: .forwarded(to: .domainPinVcpuFlags)
        case .connectDomainXMLToNative, .connectDomainXMLFromNative, .domainDestroyFlags, .domainSaveFlags,
             .domainRestoreFlags, .domainCreateWithFiles, .domainCreateXMLWithFiles, .domainManagedSaveRemove,
             .domainGetMessages:
            .unsupported
        }
    }
}
