import Foundation
import Virt

/// The host and Domain-0 as xen:/// reports them.
struct HostScenario {
    let conn: Connection
    let report: LabReport
    let xl: String

    func run() async {
        report.check("type", (try? conn.hypervisorType()) == "Xen")
        let version = await report.step("version") { try await conn.hypervisorVersion() }
        report.check("version", version.map { $0.major == 4 && $0.minor == 17 } == true, "\(version.map { "\($0)" } ?? "-")")
        let node = await report.step("nodeinfo") { try await conn.nodeInfo() }
        report.check("nodeinfo", node.map { $0.cpus == 2 && $0.memoryKiB > 900_000 } == true,
                     "cpus \(node?.cpus ?? 0) memory \(node?.memoryKiB ?? 0) KiB")
        let ids = await report.step("list") { try await conn.domainIDs() }
        report.check("domain0-listed", ids?.first == 0, "ids \(ids ?? [])")
        guard let dom0 = await report.step("lookup-domain0", { try await conn.lookupDomain(id: 0) }) else { return }
        report.check("domain0-name", dom0.name == "Domain-0" && dom0.uuidString == "00000000-0000-0000-0000-000000000000")
        let info = await report.step("domain0-info") { try await dom0.info() }
        report.check("domain0-info", info.map { $0.state == .running && $0.memoryKiB == 524_288 && $0.cpuTimeNanoseconds > 0 } == true,
                     "\(info.map { "\($0.state) \($0.memoryKiB) KiB \($0.cpuTimeNanoseconds) ns" } ?? "-")")
        let vcpus = await report.step("domain0-vcpus") { try await dom0.vcpus() }
        report.check("domain0-vcpus", vcpus.map { $0.count == 1 && $0[0].affinity.usableCPUs == [0] } == true,
                     "dom0 is pinned to pCPU 0: \(vcpus?.map(\.affinity.cpuList) ?? [])")
        do {
            try await dom0.destroy()
            report.check("domain0-destroy-refused", false, "Domain-0 was destroyed?")
        } catch {
            report.check("domain0-destroy-refused", error.message == "Requested operation is not valid: Domain-0 does not support requested operation", error.message)
        }
    }
}
