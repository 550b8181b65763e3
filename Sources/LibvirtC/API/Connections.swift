import CLibvirt
import Virt

// Opening, closing and describing connections (libvirt.c, libvirt-host.c).

@c @implementation
public func virConnectOpen(_ name: UnsafePointer<CChar>?) -> virConnectPtr? {
    openConnection(name, readOnly: false, function: "virConnectOpen")
}

@c @implementation
public func virConnectOpenReadOnly(_ name: UnsafePointer<CChar>?) -> virConnectPtr? {
    openConnection(name, readOnly: true, function: "virConnectOpenReadOnly")
}

/// NULL or "" opens the default URI (LIBVIRT_DEFAULT_URI, else the first driver that serves this host).
private func openConnection(_ name: UnsafePointer<CChar>?, readOnly: Bool, function: String) -> virConnectPtr? {
    EntryPoint(function, errorDomain: .none).run(failure: nil) { entry throws(APIFailure) in
        let bytes = name.map { CStringBytes.of($0) }
        let connection = try entry.call(on: nil) { () async throws(VirtError) in
            let uri = try bytes.map { (bytes) throws(VirtError) in try CStringBytes.uri(bytes) }
            return try await Connection.open(uri, readOnly: readOnly)
        }
        return Handles.connections.insert { ConnectHandle(connection, handle: $0) }
    }
}

/// Returns 0 once the connection is really closed, 1 while domain objects still hold it (libvirt 9.0).
@c @implementation
public func virConnectClose(_ conn: virConnectPtr?) -> Int32 {
    EntryPoint("virConnectClose", errorDomain: .none).run(failure: -1) { entry throws(APIFailure) in
        guard let stillReferenced = try entry.connection(conn).release() else { throw entry.invalidConnection }
        return stillReferenced ? 1 : 0
    }
}

/// Another reference on the connection, for a caller that keeps it (an event callback's, another thread's).
@c @implementation
public func virConnectRef(_ conn: virConnectPtr?) -> Int32 {
    EntryPoint("virConnectRef", errorDomain: .none).run(failure: -1) { entry throws(APIFailure) in
        guard try entry.connection(conn).retain() else { throw entry.invalidConnection }
        return 0
    }
}

/// A string that lives as long as the library, like libvirt's static driver names.
@c @implementation
public func virConnectGetType(_ conn: virConnectPtr?) -> UnsafePointer<CChar>? {
    EntryPoint("virConnectGetType").run(failure: nil) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        let type = try entry.sync(on: handle) { () throws(VirtError) in try handle.connection.hypervisorType() }
        return PermanentStrings.shared.cString(type)
    }
}

@c @implementation
public func virConnectGetVersion(_ conn: virConnectPtr?, _ hvVer: UnsafeMutablePointer<UInt>?) -> Int32 {
    EntryPoint("virConnectGetVersion").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let hvVer else { throw APIFailure(error: entry.mustNotBeNull("hvVer"), connection: handle) }
        let version = try entry.call(on: handle) { () async throws(VirtError) in
            try await handle.connection.hypervisorVersion()
        }
        hvVer.pointee = UInt(truncatingIfNeeded: version.encoded)
        return 0
    }
}

@c @implementation
public func virNodeGetInfo(_ conn: virConnectPtr?, _ info: virNodeInfoPtr?) -> Int32 {
    EntryPoint("virNodeGetInfo").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let info else { throw APIFailure(error: entry.mustNotBeNull("info"), connection: handle) }
        let node = try entry.call(on: handle) { () async throws(VirtError) in
            try await handle.connection.nodeInfo()
        }
        CStructs.fill(info, from: node)
        return 0
    }
}
