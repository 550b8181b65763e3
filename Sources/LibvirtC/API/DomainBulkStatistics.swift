import CLibvirt
import Glibc
import Virt

// Every domain's statistics in one call, as monitoring programs read them (libvirt-domain.c).

@c @implementation
public func virConnectGetAllDomainStats(
    _ conn: virConnectPtr?, _ stats: UInt32,
    _ retStats: UnsafeMutablePointer<UnsafeMutablePointer<virDomainStatsRecordPtr?>?>?, _ flags: UInt32
) -> Int32 {
    // Like libvirt's, it leaves *retStats alone unless it succeeds.
    EntryPoint("virConnectGetAllDomainStats").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.connection(conn)
        guard let retStats else { throw APIFailure(error: entry.mustNotBeNull("retStats"), connection: handle) }
        let records = try entry.call(on: handle) { () async throws(VirtError) in
            try await handle.connection.allDomainStats(DomainStatsTypes(rawValue: stats), flags: DomainStatsFlags(rawValue: flags))
        }
        return try entry.recordList(records, on: handle, into: retStats)
    }
}

/// The statistics of `doms`, a NULL-terminated array of domains that must share one connection.
@c @implementation
public func virDomainListGetStats(
    _ doms: UnsafeMutablePointer<virDomainPtr?>?, _ stats: UInt32,
    _ retStats: UnsafeMutablePointer<UnsafeMutablePointer<virDomainStatsRecordPtr?>?>?, _ flags: UInt32
) -> Int32 {
    EntryPoint("virDomainListGetStats").run(failure: -1) { entry throws(APIFailure) in
        guard let doms else { throw APIFailure(error: entry.mustNotBeNull("doms"), connection: nil) }
        guard let retStats else { throw APIFailure(error: entry.mustNotBeNull("retStats"), connection: nil) }
        guard doms[0] != nil else {
            throw APIFailure(error: VirtError(.invalidArg, .domain, "doms array in virDomainListGetStats must contain at least one domain"),
                             connection: nil)
        }
        let first = try entry.domain(doms[0])
        var domains: [Domain] = []
        var index = 0
        // From here on errors are reported on the first domain's connection, as libvirt's are.
        while let pointer = doms[index] {
            guard let handle = Handles.domains.lookup(pointer) else {
                throw APIFailure(error: entry.invalidDomain.error, connection: first.connection)
            }
            guard handle.connection === first.connection else {
                throw APIFailure(error: VirtError(.invalidArg, .domain, "domains in 'doms' array must belong to a single connection"),
                                 connection: first.connection)
            }
            domains.append(handle.domain)
            index += 1
        }
        let connection = first.connection
        let listed = domains
        let records = try entry.call(on: connection) { () async throws(VirtError) in
            try await connection.connection.domainStats(listed, DomainStatsTypes(rawValue: stats), flags: DomainStatsFlags(rawValue: flags))
        }
        return try entry.recordList(records, on: connection, into: retStats)
    }
}

@c @implementation
public func virDomainStatsRecordListFree(_ stats: UnsafeMutablePointer<virDomainStatsRecordPtr?>?) {
    guard let stats else { return }
    StatsRecordList.free(stats)
}

extension EntryPoint {
    /// Hands `records` to the caller as libvirt's NULL-terminated, malloc'ed record list; returns its length.
    fileprivate func recordList(
        _ records: [DomainStats], on connection: ConnectHandle,
        into retStats: UnsafeMutablePointer<UnsafeMutablePointer<virDomainStatsRecordPtr?>?>
    ) throws(APIFailure) -> Int32 {
        guard let list = calloc(records.count + 1, MemoryLayout<virDomainStatsRecordPtr?>.stride)?
            .assumingMemoryBound(to: virDomainStatsRecordPtr?.self) else {
            throw APIFailure(error: VirtError(.noMemory, .none), connection: connection)
        }
        for (index, record) in records.enumerated() {
            do throws(APIFailure) {
                guard let slot = calloc(1, MemoryLayout<virDomainStatsRecord>.stride)?
                    .assumingMemoryBound(to: virDomainStatsRecord.self) else {
                    throw APIFailure(error: VirtError(.noMemory, .none), connection: connection)
                }
                list[index] = slot
                slot.pointee.params = try sync(on: connection) { () throws(VirtError) in try TypedParameterArray.make(record.parameters) }
                slot.pointee.nparams = Int32(record.parameters.count)
                slot.pointee.dom = try newDomain(record.domain, on: connection)
            } catch {
                StatsRecordList.free(list)
                throw error
            }
        }
        retStats.pointee = list
        return Int32(records.count)
    }
}

/// Frees a record list: each record's domain object (a reference, as virDomainFree), parameters and the record.
enum StatsRecordList {
    static func free(_ list: UnsafeMutablePointer<virDomainStatsRecordPtr?>) {
        var index = 0
        while let record = list[index] {
            if let dom = record.pointee.dom { _ = Handles.releaseDomain(dom) }
            if let params = record.pointee.params { TypedParameterArray.free(params, count: record.pointee.nparams) }
            Glibc.free(record)
            index += 1
        }
        Glibc.free(list)
    }
}
