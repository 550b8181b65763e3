import Virt
import VirtRPC

/// Domain event registration, all three generations libvirt clients use. Allowed on read-only connections.
extension ProcedureTable {
    mutating func addEventProcedures() {
        add(.connectDomainEventCallbackRegisterAny, "virConnectDomainEventRegisterAny", .reads,
            RemoteConnectDomainEventCallbackRegisterAnyArgs.self) { args, client throws(VirtError) in
            let id = try Self.eventID(args.eventID)
            let callbackID = try await client.registerEvents(id, domain: args.dom, style: .callback)
            return RemoteConnectDomainEventCallbackRegisterAnyRet(callbackID: callbackID)
        }
        add(.connectDomainEventCallbackDeregisterAny, "virConnectDomainEventDeregisterAny", .reads,
            RemoteConnectDomainEventCallbackDeregisterAnyArgs.self) { args, client throws(VirtError) in
            try client.deregisterCallback(args.callbackID)
            return XDRVoid()
        }
        add(.connectDomainEventRegisterAny, "virConnectDomainEventRegisterAny", .reads,
            RemoteConnectDomainEventRegisterAnyArgs.self) { args, client throws(VirtError) in
            _ = try await client.registerEvents(try Self.eventID(args.eventID), domain: nil, style: .legacy)
            return XDRVoid()
        }
        add(.connectDomainEventDeregisterAny, "virConnectDomainEventDeregisterAny", .reads,
            RemoteConnectDomainEventDeregisterAnyArgs.self) { args, client throws(VirtError) in
            try client.deregisterLegacy(try Self.eventID(args.eventID))
            return XDRVoid()
        }
        add(.connectDomainEventRegister, "virConnectDomainEventRegister", .reads, XDRVoid.self) { _, client throws(VirtError) in
            _ = try await client.registerEvents(.lifecycle, domain: nil, style: .legacy)
            return RemoteConnectDomainEventRegisterRet(cbRegistered: 1)
        }
        add(.connectDomainEventDeregister, "virConnectDomainEventDeregister", .reads, XDRVoid.self) { _, client throws(VirtError) in
            try client.deregisterLegacy(.lifecycle)
            return RemoteConnectDomainEventDeregisterRet(cbRegistered: 0)
        }
    }

    /// An event id libvirt 9.0 defines, or libvirtd's refusal.
    static func eventID(_ raw: Int32) throws(VirtError) -> DomainEventID {
        guard raw >= 0, raw < Int32(DomainEventID.all.count) else {
            throw VirtError(.invalidArg, .rpc, "unsupported event ID \(raw)")
        }
        return DomainEventID(rawValue: raw)
    }
}
