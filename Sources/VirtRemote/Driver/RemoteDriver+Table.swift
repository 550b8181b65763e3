import VirtDriver

/// The remote driver table: every operation is its own procedure on the wire (the seed's flag-less calls
/// too, as libvirt's client sends them; a console's data then travels as STREAM packets), except the
/// `*WithFiles` calls (file descriptors, unix sockets only), which answer VIR_ERR_NO_SUPPORT until descriptor
/// passing is written.
extension RemoteDriver {
    public func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        switch operation {
        case .connectGetType, .connectGetVersion, .connectGetHostname, .connectGetMaxVcpus, .nodeGetInfo,
             .connectGetCapabilities, .nodeGetCPUMap, .nodeGetSecurityModel, .connectDomainXMLToNative,
             .connectDomainXMLFromNative, .connectDomainEvents,
             .connectNumOfDomains, .connectListDomains, .connectNumOfDefinedDomains, .connectListDefinedDomains,
             .connectListAllDomains, .domainLookupByID, .domainLookupByName, .domainLookupByUUID,
             .domainDefineXML, .domainUndefine, .domainCreate, .domainCreateXML, .domainDestroy, .domainShutdown,
             .domainReboot, .domainSuspend, .domainResume, .domainSave, .domainRestore, .domainDestroyFlags,
             .domainSaveFlags, .domainRestoreFlags,
             .domainGetInfo, .domainGetState, .domainGetOSType, .domainGetXMLDesc, .domainGetMaxMemory,
             .domainIsActive, .domainIsPersistent, .domainGetAutostart, .domainHasManagedSaveImage,
             .domainManagedSaveRemove, .domainGetSecurityLabel, .domainGetMessages,
             .domainSetMaxMemory, .domainSetMemory, .domainSetVcpus, .domainPinVcpu,
             .domainSetMemoryFlags, .domainSetVcpusFlags, .domainGetVcpusFlags, .domainGetVcpus,
             .domainPinVcpuFlags, .domainGetVcpuPinInfo,
             .domainBlockStats, .domainBlockStatsFlags, .domainInterfaceStats, .domainMemoryStats, .connectGetAllDomainStats,
             .domainOpenConsole, .domainSetMemoryStatsPeriod:
            .own
        case .domainCreateWithFiles, .domainCreateXMLWithFiles:
            .unsupported
        }
    }
}
