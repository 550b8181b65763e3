import Foundation
import Virt

/// A transient PVH guest, pinned off dom0's pCPU from its creation: boot, pause and resume, destroy.
struct PVHScenario {
    let conn: Connection
    let report: LabReport
    let console: GuestConsole
    let scratch: String
    let xl: String
    let name = "sw-pvh"

    func run() async {
        let xml = GuestXML.make(name: name, pvh: true, vcpus: 1, scratch: scratch)
        guard let dom = await report.step("pvh.create", { try await conn.createDomain(xml: xml) }) else { return }
        let pv = PVScenario(conn: conn, report: report, console: console, scratch: scratch, xl: xl)
        await report.step("pvh.boot-to-ready") { try await pv.wait("ready", 120) { console.readyCount(name) >= 1 } }
        report.check("pvh.os-type", (try? await dom.osType()) == "xenpvh")
        let affinity = (try? await dom.vcpus())?.map(\.affinity.cpuList)
        report.check("pvh.off-pcpu0", affinity == ["1"], "vcpu affinity \(affinity ?? [])")
        await pv.pauseAndResume(dom, prefix: "pvh")
        await report.step("pvh.destroy") { try await dom.destroy() }
        report.check("pvh.gone", (try? await conn.lookupDomain(name: name)) == nil && !runTool(xl, ["list"]).contains(name))
    }
}

/// A persistent domain: defined, started, destroyed (shut off, reason destroyed), undefined.
struct PersistentScenario {
    let conn: Connection
    let report: LabReport
    let scratch: String
    let name = "sw-def"

    func run() async {
        let xml = GuestXML.make(name: name, vcpus: 1, scratch: scratch)
        guard let dom = await report.step("def.define", { try await conn.defineDomain(xml: xml) }) else { return }
        report.check("def.listed-defined", (try? await conn.definedDomainNames())?.contains(name) == true)
        await report.step("def.start") { try await dom.start() }
        report.check("def.running", (try? await dom.state().state) == .running && dom.id > 0, "id \(dom.id)")
        await report.step("def.destroy") { try await dom.destroy() }
        let state = try? await dom.state()
        report.check("def.shut-off", state == DomainStateInfo.shutoff(.destroyed), "\(state.map { "\($0.state)" } ?? "-")")
        await report.step("def.undefine") { try await dom.undefine() }
        report.check("def.undefined", (try? await conn.lookupDomain(name: name)) == nil)
    }
}
