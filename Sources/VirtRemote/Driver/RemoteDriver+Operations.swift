/// What the remote driver implements, for the no-silent-default test. Not here, on purpose: consoles
/// (`domainOpenConsole`, a STREAM over the wire) and the `*WithFiles` calls (file descriptors, unix sockets
/// only); they answer VIR_ERR_NO_SUPPORT until streams and descriptor passing are written.
extension RemoteDriver {
    static let operations: Set<String> = [
        "connectClose", "connectGetType", "connectGetVersion", "connectGetHostname", "connectGetMaxVcpus",
        "nodeGetInfo", "connectGetCapabilities", "nodeGetCPUMap", "nodeGetSecurityModel",
        "connectDomainXMLToNative", "connectDomainXMLFromNative", "connectDomainEvents",
        "connectNumOfDomains", "connectListDomains", "connectNumOfDefinedDomains", "connectListDefinedDomains",
        "connectListAllDomains", "domainLookupByID", "domainLookupByName", "domainLookupByUUID",
        "domainDefineXML", "domainUndefine", "domainCreate", "domainCreateXML", "domainDestroy", "domainShutdown",
        "domainReboot", "domainSuspend", "domainResume", "domainSave", "domainRestore", "domainDestroyFlags",
        "domainSaveFlags", "domainRestoreFlags",
        "domainGetInfo", "domainGetState", "domainGetOSType", "domainGetXMLDesc", "domainGetMaxMemory",
        "domainIsActive", "domainIsPersistent", "domainGetAutostart", "domainHasManagedSaveImage",
        "domainManagedSaveRemove", "domainGetSecurityLabel", "domainGetMessages",
        "domainSetMaxMemory", "domainSetMemory", "domainSetVcpus", "domainPinVcpu", "domainSetMemoryFlags",
        "domainSetVcpusFlags", "domainGetVcpusFlags", "domainGetVcpus", "domainPinVcpuFlags", "domainGetVcpuPinInfo",
    ]
}
