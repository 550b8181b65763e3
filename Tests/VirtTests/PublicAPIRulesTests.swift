import Foundation
import Testing
import Virt
import VirtDriver

/// A driver that implements only what the table requires, to see the public layer's own rules.
private struct MinimalDriver: HypervisorDriver {
    /// Only the operations every driver must have are its own.
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        switch operation {
        case .connectGetType, .connectGetVersion, .nodeGetInfo, .connectNumOfDomains, .connectListDomains,
             .domainLookupByID, .domainLookupByName, .domainLookupByUUID, .domainGetInfo, .domainGetState,
             .domainGetXMLDesc:
            .own
        default:
            .unsupported
        }
    }
    let domain = DomainRef(name: "only", uuid: UUID(), id: 7)
    func connectGetType() -> String { "MINIMAL" }
    func connectGetVersion() async throws(VirtError) -> UInt64 { 1_002_003 }
    func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        NodeInfo(model: "x", memoryKiB: 1, cpus: 1, mhz: 1, nodes: 1, sockets: 1, cores: 1, threads: 1)
    }
    func connectNumOfDomains() async throws(VirtError) -> Int { 1 }
    func connectListDomains() async throws(VirtError) -> [Int32] { [7] }
    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef { domain }
    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef { domain }
    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef { domain }
    func domainGetInfo(_ domain: DomainRef) async throws(VirtError) -> DomainInfo {
        DomainInfo(state: .running, maxMemoryKiB: 1, memoryKiB: 1, virtualCPUs: 1, cpuTimeNanoseconds: 0)
    }
    func domainGetState(_ domain: DomainRef) async throws(VirtError) -> DomainStateInfo { DomainStateInfo.running(.unknown) }
    func domainGetXMLDesc(_ domain: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String { "<domain/>" }
}

private let minimal = ConnectDriver(name: "minimal", uriSchemes: ["minimal"]) { _, _ throws(VirtError) in
    .opened(MinimalDriver())
}
private let declining = ConnectDriver(name: "declining", uriSchemes: ["minimal"]) { _, _ throws(VirtError) in .declined }

@Suite struct PublicAPIRulesTests {
    @Test("an operation the driver lacks is VIR_ERR_NO_SUPPORT naming libvirt's function")
    func unsupported() async throws {
        let conn = try await Connection.open("minimal:///", drivers: DriverRegistry([declining, minimal]))
        let dom = try await conn.lookupDomain(name: "only")
        await expectVirtError(.noSupport, .domain, "this function is not supported by the connection driver: virDomainSuspend") {
            try await dom.suspend()
        }
        // Not forwarded to virDomainSetMemoryFlags: the table does not say so (and libvirt names the seed call).
        await expectVirtError(.noSupport, .domain, "this function is not supported by the connection driver: virDomainSetMemory") {
            try await dom.setMemory(1024)
        }
        await expectVirtError(.noSupport, .domain, "this function is not supported by the connection driver: virDomainOpenConsole") {
            _ = try await dom.openConsole()
        }
        #expect(try await conn.hypervisorVersion() == VersionNumber(major: 1, minor: 2, release: 3))
    }

    @Test("a URI no driver serves is VIR_ERR_NO_CONNECT")
    func noDriver() async {
        await expectVirtError(.noConnect, .none, "no connection driver available for bogus:///x") {
            try await Connection.open("bogus:///x", drivers: DriverRegistry([minimal]))
        }
        await expectVirtError(.noConnect, .none, "no connection driver available for minimal://elsewhere/") {
            try await Connection.open("minimal://elsewhere/", drivers: DriverRegistry([minimal]))
        }
        await expectVirtError(.noConnect, .none, "no connection driver available for URI 'foo' does not include a driver name") {
            try await Connection.open("foo", drivers: DriverRegistry([minimal]))
        }
    }

    @Test("a closed connection refuses calls with VIR_ERR_INVALID_CONN")
    func closed() async throws {
        let conn = try await Connection.open("minimal:///", drivers: DriverRegistry([minimal]))
        let dom = try await conn.lookupDomain(name: "only")
        conn.close()
        await expectVirtError(.invalidConn, .none, "invalid connection pointer in virDomainGetInfo") { try await dom.info() }
        await expectVirtError(.invalidConn, .none, "invalid connection pointer in virConnectNumOfDomains") {
            try await conn.numberOfDomains()
        }
    }

    @Test("argument checks come before the driver")
    func arguments() async throws {
        let conn = try await Connection.open("minimal:///", drivers: DriverRegistry([minimal]))
        await expectVirtError(.invalidArg, .domain, "id in virDomainLookupByID must be zero or greater") {
            try await conn.lookupDomain(id: -1)
        }
        await expectVirtError(.invalidArg, .domain, "Invalid UUID") { try await conn.lookupDomain(uuidString: "xyz") }
        let dom = try await conn.lookupDomain(id: 7)
        await expectVirtError(.invalidArg, .domain, "maplen in virDomainPinVcpu must be greater than zero") {
            try await dom.pinVcpu(0, to: CPUMap(length: 0))
        }
        await expectVirtError(.invalidArg, .domain, "memory in virDomainSetMaxMemory must not be zero") {
            try await dom.setMaxMemory(0)
        }
    }
}
