import CLibvirt
import Glibc
import Virt

// A running domain's counters: disks, network interfaces, memory (libvirt-domain.c).

/// The disk's counters; `size` bytes of them, so that a caller built with a shorter, older struct gets its
/// part. Counters the hypervisor does not keep are -1.
@c @implementation
public func virDomainBlockStats(
    _ dom: virDomainPtr?, _ disk: UnsafePointer<CChar>?, _ stats: virDomainBlockStatsPtr?, _ size: Int
) -> Int32 {
    copyCounters("virDomainBlockStats", dom, disk, named: "disk", into: stats, size: size) { (domain, path) async throws(VirtError) in
        let counters = try await domain.blockStats(path: path)
        return virDomainBlockStatsStruct(
            rd_req: counters.readRequests, rd_bytes: counters.readBytes, wr_req: counters.writeRequests,
            wr_bytes: counters.writeBytes, errs: counters.errors)
    }
}

/// The interface's counters as the guest sees them, by host-side name or MAC address; `size` as for
/// virDomainBlockStats.
@c @implementation
public func virDomainInterfaceStats(
    _ dom: virDomainPtr?, _ device: UnsafePointer<CChar>?, _ stats: virDomainInterfaceStatsPtr?, _ size: Int
) -> Int32 {
    copyCounters("virDomainInterfaceStats", dom, device, named: "device", into: stats, size: size) { (domain, name) async throws(VirtError) in
        let counters = try await domain.interfaceStats(device: name)
        return virDomainInterfaceStatsStruct(
            rx_bytes: counters.receivedBytes, rx_packets: counters.receivedPackets, rx_errs: counters.receiveErrors,
            rx_drop: counters.receiveDrops, tx_bytes: counters.transmittedBytes, tx_packets: counters.transmittedPackets,
            tx_errs: counters.transmitErrors, tx_drop: counters.transmitDrops)
    }
}

/// The shape both counter calls share: check the domain, the device's name (`argument`), the struct and
/// the caller's `size` of it, ask the driver, and copy `size` bytes of the filled struct.
private func copyCounters<Counters: Sendable>(
    _ function: String, _ dom: virDomainPtr?, _ device: UnsafePointer<CChar>?, named argument: String,
    into stats: UnsafeMutablePointer<Counters>?, size: Int,
    _ fetch: @escaping @Sendable (Domain, String) async throws(VirtError) -> Counters
) -> Int32 {
    EntryPoint(function).run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(dom)
        guard let device else { throw APIFailure(error: entry.mustNotBeNull(argument), connection: handle.connection) }
        guard let stats else { throw APIFailure(error: entry.mustNotBeNull("stats"), connection: handle.connection) }
        let limit = MemoryLayout<Counters>.size
        try entry.require(size <= limit, entry.sizeMustNotExceed(limit), on: handle.connection)
        let name = String(cString: device)
        var filled = try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await fetch(handle.domain, name)
        }
        memcpy(stats, &filled, size)
        return 0
    }
}

/// At most `nr_stats` statistics (never more than VIR_DOMAIN_MEMORY_STAT_NR); how many were written. No
/// array or no room is no work: 0, without asking the driver, as libvirt.
@c @implementation
public func virDomainMemoryStats(
    _ dom: virDomainPtr?, _ stats: virDomainMemoryStatPtr?, _ nr_stats: UInt32, _ flags: UInt32
) -> Int32 {
    EntryPoint("virDomainMemoryStats").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(dom)
        guard let stats, nr_stats > 0 else { return 0 }
        let room = min(nr_stats, UInt32(VIR_DOMAIN_MEMORY_STAT_NR.rawValue))
        let list = try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.memoryStats(maxStats: room, flags: flags)
        }
        let written = list.prefix(Int(room))
        for (index, stat) in written.enumerated() {
            stats[index] = virDomainMemoryStatStruct(tag: stat.tag.rawValue, val: stat.value)
        }
        return Int32(written.count)
    }
}

/// The disk's counters as typed parameters: with `*nparams` 0 only how many there are, else at most
/// `*nparams` of them, and `*nparams` says how many were filled. The caller frees their strings
/// (virTypedParamsClear); block counters have none.
@c @implementation
public func virDomainBlockStatsFlags(
    _ dom: virDomainPtr?, _ disk: UnsafePointer<CChar>?, _ params: virTypedParameterPtr?,
    _ nparams: UnsafeMutablePointer<Int32>?, _ flags: UInt32
) -> Int32 {
    EntryPoint("virDomainBlockStatsFlags").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(dom)
        guard let disk else { throw APIFailure(error: entry.mustNotBeNull("disk"), connection: handle.connection) }
        guard let nparams else { throw APIFailure(error: entry.mustNotBeNull("nparams"), connection: handle.connection) }
        try entry.require(nparams.pointee >= 0, entry.mustNotBeNegative("*nparams"), on: handle.connection)
        try entry.require(nparams.pointee == 0 || params != nil, entry.mustNotBeNull("params"), on: handle.connection)
        let path = String(cString: disk)
        // This library takes strings, so it says so, as libvirt's does for a driver that can send them.
        let asked = flags | UInt32(VIR_TYPED_PARAM_STRING_OKAY.rawValue)
        let list = try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.blockStatsParameters(path: path, flags: asked)
        }
        guard let params, nparams.pointee > 0 else {
            nparams.pointee = Int32(clamping: list.count)
            return 0
        }
        let filled = min(list.count, Int(nparams.pointee))
        memset(params, 0, filled * MemoryLayout<virTypedParameter>.stride)
        for (index, parameter) in list.prefix(filled).enumerated() {
            do throws(VirtError) {
                try TypedParameterArray.write(parameter, to: params + index)
            } catch {
                TypedParameterArray.clear(params, count: Int32(index))
                throw APIFailure(error: error, connection: handle.connection)
            }
        }
        nparams.pointee = Int32(filled)
        return 0
    }
}
