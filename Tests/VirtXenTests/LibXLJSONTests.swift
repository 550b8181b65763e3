import Foundation
import Testing
import VirtDriver
@testable import VirtXen

/// libxl's JSON as Xen 4.17 returned it in the lab (Fixtures/libxl/, recorded with Tests/XenLab/libxl_json.c
/// through the same shim), decoded into what the driver reports.
@Suite struct LibXLJSONTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/libxl")

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        return try LibXLJSON.decode(type, from: text, what: name)
    }

    @Test func domainListHasDomain0WithoutUUIDOrID() throws {
        let domains = try Self.decode([XenDomainInfo].self, "domains.json")
        #expect(domains.count == 2)
        let dom0 = domains[0]
        #expect(dom0.id == 0)
        #expect(dom0.uuid == Domain0.uuid)
        #expect(dom0.running && dom0.state == .running)
        #expect(dom0.currentMemoryKiB == 524_288 && dom0.maxMemoryKiB == 524_288)
        #expect(dom0.vcpuMaxID == 0 && dom0.vcpusOnline == 1)
        let guest = domains[1]
        #expect(guest.id == 1)
        #expect(guest.uuid.libvirtString == "cea93a83-ee3a-47c9-8439-b15ecf903de0")
        #expect(guest.blocked && guest.state == .running)
        #expect(guest.maxMemoryKiB == 132_096)
        #expect(guest.vcpuMaxID == 1 && guest.vcpusOnline == 2)
        #expect(guest.cpuTimeNanoseconds == 15_117_127_625)
        #expect(guest.domainType == "pv")
    }

    @Test func pausedAndShutDownStates() throws {
        let paused = try Self.decode(XenDomainInfo.self, "domain-pv-paused.json")
        #expect(paused.state == .paused)
        let stopped = try Self.decode(XenDomainInfo.self, "domain-pv-shutdown.json")
        #expect(stopped.shutdown && stopped.shutdownReason == .poweroff)
        #expect(stopped.state == .shutdown)
        #expect(!stopped.isGone)
        #expect(stopped.currentMemoryKiB == 98_304)
    }

    @Test("states Xen reports map to libvirt's", arguments: [
        (XenDomainInfo.ShutdownReason.crash, DomainState.crashed), (.watchdog, .crashed), (.poweroff, .shutdown),
        (.reboot, .shutdown), (.suspend, .shutdown),
    ])
    func shutdownStates(reason: XenDomainInfo.ShutdownReason, state: DomainState) {
        var info = XenDomainInfo(id: 3, uuid: UUID())
        info.shutdown = true
        info.shutdownReason = reason
        #expect(info.state == state)
        info.shutdown = false
        info.dying = true
        #expect(info.isGone)
    }

    @Test func vcpusWithAffinity() throws {
        let vcpus = try Self.decode([XenVcpuInfo].self, "vcpus-pv-pinned.json")
        #expect(vcpus.map(\.id) == [0, 1])
        #expect(vcpus[0].cpu == 1 && vcpus[0].hardAffinity == [1] && vcpus[0].softAffinity == [0, 1])
        #expect(vcpus[0].state == .blocked)
        #expect(vcpus[0].cpuTimeNanoseconds == 11_438_065_263)
        let dom0 = try Self.decode([XenVcpuInfo].self, "vcpus-dom0.json")
        #expect(dom0.count == 1 && dom0[0].state == .running && dom0[0].hardAffinity == [0])
        var offline = XenVcpuInfo()
        offline.online = false
        #expect(offline.state == .offline)
    }

    @Test func hostAndVersion() throws {
        let version = try Self.decode(XenVersionInfo.self, "version.json")
        #expect(version.major == 4 && version.minor == 17 && version.extra == ".7")
        #expect(version.encoded == 4_017_007)
        #expect(version.pageSize == 4096)
        #expect(version.commandLine.contains("dom0_mem=512M,max:512M"))
        let physical = try Self.decode(XenPhysicalInfo.self, "physinfo.json")
        #expect(physical.cpuCount == 2 && physical.maxCPUID == 1)
        #expect(physical.coresPerSocket == 2 && physical.threadsPerCore == 1 && physical.nodeCount == 1)
        #expect(physical.totalPages == 262_014)
        #expect(physical.cpuKHz == 2_596_129)
        #expect(physical.supportsHVM && physical.supportsPV)
        #expect(XenVersionInfo(major: 4, minor: 18, extra: "-unstable").encoded == 4_018_000)
    }

    @Test func unexpectedJSONIsAClearError() {
        let error = #expect(throws: VirtError.self) {
            try LibXLJSON.decode(XenDomainInfo.self, from: "{\"uuid\": \"not-a-uuid\"}", what: "get information on domain '3'")
        }
        #expect(error?.code == .internalError)
        #expect(error?.message.hasPrefix("internal error: cannot get information on domain '3': libxenlight returned JSON SwiftVirt does not understand") == true)
    }

    @Test func libxlFailuresSayWhatFailedAndWhy() {
        let error = LibXLStatus.error("create new domain 'pv1'", status: -3, message: "libxl_dom.c:596:libxl__build_dom: xc_dom_kernel_file failed: No such file or directory")
        #expect(error.message == "internal error: Failed to create new domain 'pv1' with libxenlight: libxl_dom.c:596:libxl__build_dom: xc_dom_kernel_file failed: No such file or directory")
        #expect(error.domain == .libxl)
    }
}
