import Virt
import VirtRPC

/// Defining, starting, stopping, pausing, saving and restoring domains.
extension ProcedureTable {
    mutating func addLifecycleProcedures() {
        add(.domainDefineXml, "virDomainDefineXML", .mutates, RemoteDomainDefineXmlArgs.self) { args, client throws(VirtError) in
            RemoteDomainDefineXmlRet(dom: RemoteNonnullDomain(try await client.connection().defineDomain(xml: args.xml, flags: []).ref))
        }
        add(.domainDefineXmlFlags, "virDomainDefineXMLFlags", .mutates, RemoteDomainDefineXmlFlagsArgs.self) {
            args, client throws(VirtError) in
            let domain = try await client.connection().defineDomain(xml: args.xml, flags: DomainDefineFlags(rawValue: args.flags))
            return RemoteDomainDefineXmlFlagsRet(dom: RemoteNonnullDomain(domain.ref))
        }
        add(.domainUndefine, "virDomainUndefine", .mutates, RemoteDomainUndefineArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).undefine()
            return XDRVoid()
        }
        add(.domainUndefineFlags, "virDomainUndefineFlags", .mutates, RemoteDomainUndefineFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).undefine(flags: DomainUndefineFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainCreate, "virDomainCreate", .mutates, RemoteDomainCreateArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).start()
            return XDRVoid()
        }
        add(.domainCreateWithFlags, "virDomainCreateWithFlags", .mutates, RemoteDomainCreateWithFlagsArgs.self) {
            args, client throws(VirtError) in
            let domain = try client.domain(args.dom)
            try await domain.start(flags: DomainCreateFlags(rawValue: args.flags))
            return RemoteDomainCreateWithFlagsRet(dom: RemoteNonnullDomain(domain.ref))
        }
        add(.domainCreateXml, "virDomainCreateXML", .mutates, RemoteDomainCreateXmlArgs.self) { args, client throws(VirtError) in
            let domain = try await client.connection().createDomain(xml: args.xmlDesc, flags: DomainCreateFlags(rawValue: args.flags))
            return RemoteDomainCreateXmlRet(dom: RemoteNonnullDomain(domain.ref))
        }
        add(.domainDestroy, "virDomainDestroy", .mutates, RemoteDomainDestroyArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).destroy()
            return XDRVoid()
        }
        add(.domainDestroyFlags, "virDomainDestroyFlags", .mutates, RemoteDomainDestroyFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).destroy(flags: DomainDestroyFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainShutdown, "virDomainShutdown", .mutates, RemoteDomainShutdownArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).shutdown()
            return XDRVoid()
        }
        add(.domainShutdownFlags, "virDomainShutdownFlags", .mutates, RemoteDomainShutdownFlagsArgs.self) {
            args, client throws(VirtError) in
            try await client.domain(args.dom).shutdown(flags: DomainShutdownFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainReboot, "virDomainReboot", .mutates, RemoteDomainRebootArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).reboot(flags: DomainShutdownFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainSuspend, "virDomainSuspend", .mutates, RemoteDomainSuspendArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).suspend()
            return XDRVoid()
        }
        add(.domainResume, "virDomainResume", .mutates, RemoteDomainResumeArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).resume()
            return XDRVoid()
        }
        add(.domainSave, "virDomainSave", .mutates, RemoteDomainSaveArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).save(to: args.to)
            return XDRVoid()
        }
        add(.domainSaveFlags, "virDomainSaveFlags", .mutates, RemoteDomainSaveFlagsArgs.self) { args, client throws(VirtError) in
            try await client.domain(args.dom).save(to: args.to, xml: args.dxml, flags: DomainSaveRestoreFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainRestore, "virDomainRestore", .mutates, RemoteDomainRestoreArgs.self) { args, client throws(VirtError) in
            _ = try await client.connection().restoreDomain(from: args.from)
            return XDRVoid()
        }
        add(.domainRestoreFlags, "virDomainRestoreFlags", .mutates, RemoteDomainRestoreFlagsArgs.self) {
            args, client throws(VirtError) in
            _ = try await client.connection().restoreDomain(
                from: args.from, xml: args.dxml, flags: DomainSaveRestoreFlags(rawValue: args.flags))
            return XDRVoid()
        }
        add(.domainManagedSaveRemove, "virDomainManagedSaveRemove", .mutates, RemoteDomainManagedSaveRemoveArgs.self) {
            args, client throws(VirtError) in
            try Self.noFlags(args.flags, "virDomainManagedSaveRemove")
            try await client.domain(args.dom).removeManagedSaveImage()
            return XDRVoid()
        }
    }
}
