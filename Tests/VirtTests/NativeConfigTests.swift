import Foundation
import Testing
import Virt
import VirtDriver

/// A driver with only the required operations: it converts nothing.
private struct PlainDriver: HypervisorDriver {
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
    func connectGetType() -> String { "PLAIN" }
    func connectGetVersion() async throws(VirtError) -> UInt64 { 1 }
    func nodeGetInfo() async throws(VirtError) -> NodeInfo {
        NodeInfo(model: "x", memoryKiB: 1, cpus: 1, mhz: 1, nodes: 1, sockets: 1, cores: 1, threads: 1)
    }
    func connectNumOfDomains() async throws(VirtError) -> Int { 0 }
    func connectListDomains() async throws(VirtError) -> [Int32] { [] }
    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef { throw VirtError(.noDomain, .domain) }
    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef { throw VirtError(.noDomain, .domain) }
    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef { throw VirtError(.noDomain, .domain) }
    func domainGetInfo(_ domain: DomainRef) async throws(VirtError) -> DomainInfo { throw VirtError(.noDomain, .domain) }
    func domainGetState(_ domain: DomainRef) async throws(VirtError) -> DomainStateInfo { DomainStateInfo.running(.unknown) }
    func domainGetXMLDesc(_ domain: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String { "" }
}

/// A driver that converts by echoing what it was given, to see what the public layer passes on.
private struct EchoingDriver: HypervisorDriver {
    let plain = PlainDriver()
    func implementation(of operation: DriverOperation) -> DriverOperation.Implementation {
        [.connectDomainXMLToNative, .connectDomainXMLFromNative].contains(operation) ? .own : plain.implementation(of: operation)
    }
    func connectGetType() -> String { "ECHO" }
    func connectGetVersion() async throws(VirtError) -> UInt64 { 1 }
    func nodeGetInfo() async throws(VirtError) -> NodeInfo { try await plain.nodeGetInfo() }
    func connectNumOfDomains() async throws(VirtError) -> Int { 0 }
    func connectListDomains() async throws(VirtError) -> [Int32] { [] }
    func domainLookupByID(_ id: Int32) async throws(VirtError) -> DomainRef { try await plain.domainLookupByID(id) }
    func domainLookupByName(_ name: String) async throws(VirtError) -> DomainRef { try await plain.domainLookupByName(name) }
    func domainLookupByUUID(_ uuid: UUID) async throws(VirtError) -> DomainRef { try await plain.domainLookupByUUID(uuid) }
    func domainGetInfo(_ domain: DomainRef) async throws(VirtError) -> DomainInfo { try await plain.domainGetInfo(domain) }
    func domainGetState(_ domain: DomainRef) async throws(VirtError) -> DomainStateInfo { DomainStateInfo.running(.unknown) }
    func domainGetXMLDesc(_ domain: DomainRef, flags: DomainXMLFlags) async throws(VirtError) -> String { "" }
    func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        "\(format):\(xml)"
    }
    func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        "\(format)<-\(config)"
    }
}

private let echoing = ConnectDriver(name: "echo", uriSchemes: ["echo"]) { _, _ throws(VirtError) in .opened(EchoingDriver()) }
private let plain = ConnectDriver(name: "plain", uriSchemes: ["plain"]) { _, _ throws(VirtError) in .opened(PlainDriver()) }

@Suite struct NativeConfigTests {
    @Test("the conversions reach the driver with the format and text as given")
    func passedOn() async throws {
        let conn = try await Connection.open("echo:///", drivers: DriverRegistry([echoing]))
        #expect(try await conn.domainXMLToNative(format: .xenXL, xml: "<domain/>") == "xen-xl:<domain/>")
        #expect(try await conn.domainXMLFromNative(format: "vmware-vmx", config: "a = 1") == "vmware-vmx<-a = 1")
    }

    @Test("libvirt refuses both on a read-only connection, before the driver")
    func readOnly() async throws {
        let conn = try await Connection.open("echo:///", readOnly: true, drivers: DriverRegistry([echoing]))
        await expectVirtError(.operationDenied, .domain,
                              "operation forbidden: read only access prevents virConnectDomainXMLToNative") {
            try await conn.domainXMLToNative(format: .xenXL, xml: "<domain/>")
        }
        await expectVirtError(.operationDenied, .domain,
                              "operation forbidden: read only access prevents virConnectDomainXMLFromNative") {
            try await conn.domainXMLFromNative(format: .xenXL, config: "")
        }
    }

    @Test("a driver without conversions reports VIR_ERR_NO_SUPPORT naming libvirt's function")
    func unsupported() async throws {
        let conn = try await Connection.open("plain:///", drivers: DriverRegistry([plain]))
        await expectVirtError(.noSupport, .domain,
                              "this function is not supported by the connection driver: virConnectDomainXMLToNative") {
            try await conn.domainXMLToNative(format: .xenXL, xml: "<domain/>")
        }
        await expectVirtError(.noSupport, .domain,
                              "this function is not supported by the connection driver: virConnectDomainXMLFromNative") {
            try await conn.domainXMLFromNative(format: .xenXL, config: "")
        }
    }
}
