import CLibvirt
import Glibc
import Virt

// Counting and listing domains (libvirt-domain.c).

@c @implementation
public func virConnectNumOfDomains(_ conn: virConnectPtr?) -> Int32 {
    EntryPoint("virConnectNumOfDomains").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        let count = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.numberOfDomains()
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.numberOfDomains()
        }
        return Int32(clamping: count)
    }
}

/// Fills at most `maxids` ids and returns how many it filled.
@c @implementation
public func virConnectListDomains(_ conn: virConnectPtr?, _ ids: UnsafeMutablePointer<Int32>?, _ maxids: Int32) -> Int32 {
    EntryPoint("virConnectListDomains").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        try entry.require(ids != nil || maxids <= 0, entry.mustNotBeNull("ids"), on: handle)
        try entry.require(maxids >= 0, entry.mustNotBeNegative("maxids"), on: handle)
        let all = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.domainIDs()
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.domainIDs()
        }
        let filled = min(all.count, Int(maxids))
        for (index, id) in all.prefix(filled).enumerated() {
            ids?[index] = id
        }
        return Int32(filled)
    }
}

/// Fills at most `maxnames` names, each a copy the caller frees with free(), and returns how many.
@c @implementation
public func virConnectListDefinedDomains(
    _ conn: virConnectPtr?, _ names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ maxnames: Int32
) -> Int32 {
    EntryPoint("virConnectListDefinedDomains").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        try entry.require(names != nil || maxnames <= 0, entry.mustNotBeNull("names"), on: handle)
        try entry.require(maxnames >= 0, entry.mustNotBeNegative("maxnames"), on: handle)
        let all = try entry.call(on: handle) { calls throws(VirtError) in
            try calls.definedDomainNames()
        } otherwise: { () async throws(VirtError) in
            try await handle.connection.definedDomainNames()
        }
        let filled = min(all.count, Int(maxnames))
        for (index, name) in all.prefix(filled).enumerated() {
            names?[index] = name.mallocCopy()
        }
        return Int32(filled)
    }
}
