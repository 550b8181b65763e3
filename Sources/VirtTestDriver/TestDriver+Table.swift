import VirtDriver

/// The test:/// driver table: where each operation is implemented. Like libvirt's test driver it has its
/// own flag-less seed calls (they differ from their `...Flags` forms there).
extension TestDriver {
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        switch operation {
        case .connectGetType, .connectGetVersion, .connectGetHostname, .connectGetMaxVcpus, .nodeGetInfo,
             .connectGetCapabilities, .nodeGetCPUMap, .nodeGetSecurityModel, .connectDomainEvents,
             .connectNumOfDomains, .connectListDomains, .connectNumOfDefinedDomains, .connectListDefinedDomains,
             .connectListAllDomains, .domainLookupByID, .domainLookupByName, .domainLookupByUUID,
             .domainDefineXML, .domainUndefine, .domainCreate, .domainCreateXML, .domainDestroy, .domainShutdown,
             .domainReboot, .domainSuspend, .domainResume, .domainSave, .domainRestore, .domainDestroyFlags,
             .domainSaveFlags, .domainRestoreFlags, .domainCreateWithFiles, .domainCreateXMLWithFiles,
             .domainGetInfo, .domainGetState, .domainGetOSType, .domainGetXMLDesc, .domainGetMaxMemory,
             .domainIsActive, .domainIsPersistent, .domainGetAutostart, .domainHasManagedSaveImage,
             .domainManagedSaveRemove, .domainGetSecurityLabel, .domainGetMessages,
             .domainSetMaxMemory, .domainSetMemory, .domainSetVcpus, .domainPinVcpu,
             .domainSetMemoryFlags, .domainSetVcpusFlags, .domainGetVcpusFlags, .domainGetVcpus,
             .domainPinVcpuFlags, .domainGetVcpuPinInfo,
             .domainBlockStats, .domainInterfaceStats, .domainMemoryStats, .connectGetAllDomainStats,
             .domainSetMemoryStatsPeriod:
            .own
        // libvirt's test driver has no virDomainBlockStatsFlags either: virsh falls back to virDomainBlockStats.
        case .connectDomainXMLToNative, .connectDomainXMLFromNative, .domainOpenConsole, .domainBlockStatsFlags:
            .unsupported
        }
    }
}
