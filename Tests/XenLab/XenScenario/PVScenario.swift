import Foundation
import Virt

/// A transient PV guest through every operation, proven by its console and by `xl`.
struct PVScenario {
    let conn: Connection
    let report: LabReport
    let console: GuestConsole
    let scratch: String
    let xl: String
    let name = "sw-pv"

    func run() async {
        let xml = GuestXML.make(name: name, pinned: false, scratch: scratch)
        guard let dom = await report.step("pv.create-paused", { try await conn.createDomain(xml: xml, flags: .paused) })
        else { return }
        await pin(dom)
        await report.step("pv.start-running") { try await dom.resume() }
        await report.step("pv.boot-to-ready") { try await wait("ready", 120) { console.readyCount(name) >= 1 } }
        report.check("pv.listed", (try? await conn.domainIDs())?.contains(dom.id) == true, "id \(dom.id)")
        await consoleSession(dom)
        await pauseAndResume(dom, prefix: "pv")
        guard let restored = await saveAndRestore(dom) else { return }
        await memory(restored)
        await vcpus(restored)
        await reboot(restored)
        guard let current = try? await conn.lookupDomain(name: name) else { return }
        await report.step("pv.shutdown") { try await current.shutdown() }
        await report.step("pv.shutdown-gone") {
            try await wait("gone", 60) { (try? await conn.lookupDomain(name: name)) == nil }
        }
        report.check("pv.gone-from-xen", !runTool(xl, ["list"]).contains(name))
    }

    func wait(_ what: String, _ seconds: Int, _ condition: () async throws -> Bool) async throws {
        guard try await waitUntil(timeout: .seconds(seconds), condition) else { throw LabError(description: "timed out: \(what)") }
    }

    /// The console through the API (xenconsoled's pty, which libxl names) carries the guest's ticks.
    func consoleSession(_ dom: Domain) async {
        guard let stream = await report.step("pv.open-console", { try await dom.openConsole() }) else { return }
        defer { stream.close() }
        let text = (try? stream.read(until: "XENLAB-TICK", timeout: .seconds(15))) ?? ""
        report.check("pv.console-ticks", text.contains("XENLAB-TICK"), "read \(text.utf8.count) bytes")
        var refused = false
        do { _ = try await dom.openConsole() } catch { refused = error.code == .operationFailed }
        report.check("pv.console-exclusive", refused, "a second session is refused while this one is open")
    }

    /// Ticks stand still while paused and move again afterwards.
    func pauseAndResume(_ dom: Domain, prefix: String) async {
        let guestName = dom.name
        await report.step("\(prefix).suspend") { try await dom.suspend() }
        report.check("\(prefix).paused", (try? await dom.state().state) == .paused)
        try? await Task.sleep(for: .seconds(1))
        let before = console.lastTick(guestName)
        try? await Task.sleep(for: .seconds(3))
        let after = console.lastTick(guestName)
        report.check("\(prefix).ticks-stopped", before == after && before >= 0, "tick \(before) -> \(after) over 3 s")
        await report.step("\(prefix).resume") { try await dom.resume() }
        report.check("\(prefix).running", (try? await dom.state().state) == .running)
        let resumed = await waitUntil(timeout: .seconds(15)) { console.lastTick(guestName) > after }
        report.check("\(prefix).ticks-resumed", resumed,
                     "tick \(after) -> \(console.lastTick(guestName))\(console.trouble(guestName))")
    }

    func saveAndRestore(_ dom: Domain) async -> Domain? {
        let image = "\(scratch)/\(name).save"
        let before = console.lastTick(name)
        await report.step("pv.save") { try await dom.save(to: image) }
        report.check("pv.gone-after-save", (try? await conn.lookupDomain(name: name)) == nil)
        let restored = await report.step("pv.restore") { try await conn.restoreDomain(from: image) }
        try? FileManager.default.removeItem(atPath: image)
        let ticking = await waitUntil(timeout: .seconds(15)) { console.lastTick(name) > before }
        report.check("pv.ticks-after-restore", ticking, "tick \(before) -> \(console.lastTick(name))\(console.trouble(name))")
        return restored
    }

    func memory(_ dom: Domain) async {
        await report.step("pv.setmem") { try await dom.setMemory(96 * 1024) }
        await report.step("pv.setmem-settled") {
            try await wait("balloon", 30) { try await dom.info().memoryKiB == 96 * 1024 }
        }
        let column = runTool(xl, ["list", name]).split(separator: "\n").dropFirst().first?
            .split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.map(String.init)
        report.check("pv.xl-list-memory", column == "96", "xl list says \(column ?? "-") MiB")
    }

    /// xl's hard affinity of each vCPU ("all", "1", ...).
    func xlAffinity() -> [String] {
        runTool(xl, ["vcpu-list", name]).split(separator: "\n").dropFirst().map { line in
            String(line.split(separator: "/").first?.split(separator: " ").last ?? "")
        }
    }

    /// Pins both vCPUs to pCPU 1 while the new guest is paused (so they never run beside dom0) and checks that
    /// Xen (xl vcpu-list, libxl_list_vcpu through the API) shows it.
    func pin(_ dom: Domain) async {
        let before = xlAffinity()
        await report.step("pv.pin") {
            for vcpu: UInt32 in 0...1 { try await dom.pinVcpu(vcpu, to: CPUMap(cpuCount: 2, usable: [1])) }
        }
        let after = xlAffinity()
        report.check("pv.xl-vcpu-list", before == ["all", "all"] && after == ["1", "1"], "xl hard affinity \(before) -> \(after)")
        let api = (try? await dom.vcpus())?.map(\.affinity.cpuList)
        report.check("pv.pinned", api == ["1", "1"], "vcpu affinity \(api ?? [])")
        report.check("pv.pin-recorded", (try? await dom.xmlDescription())?.contains("<vcpupin vcpu='1' cpuset='1'/>") == true)
    }

    func vcpus(_ dom: Domain) async {
        await report.step("pv.setvcpus-1") { try await dom.setVcpus(1) }
        let one = await waitUntil(timeout: .seconds(15)) { (try? await dom.vcpus())?.filter { $0.state != .offline }.count == 1 }
        let count = try? await dom.vcpuCount()
        let states = (try? await dom.vcpus())?.map { "\($0.number):\($0.state)" } ?? []
        report.check("pv.vcpus-1", one && count == 1, "count \(count ?? -1), vcpus \(states)")
        // Xen marks the vCPU available (xenstore); onlining it is the guest's business (udev in a full guest,
        // which the lab's tiny guest lacks), so Xen itself keeps it offline.
        await report.step("pv.setvcpus-2") { try await dom.setVcpus(2) }
        let id = (try? await conn.lookupDomain(name: name))?.id ?? -1
        let availability = runTool("/usr/bin/xenstore-read", ["/local/domain/\(id)/cpu/1/availability"])
        let countAfter = try? await dom.vcpuCount()
        report.check("pv.vcpus-2", countAfter == 2 && availability.hasPrefix("online"),
                     "count \(countAfter ?? -1), xenstore cpu/1: \(availability)")
    }

    func reboot(_ dom: Domain) async {
        let readies = console.readyCount(name)
        let oldID = (try? await conn.lookupDomain(name: name))?.id ?? -1
        await report.step("pv.reboot") { try await dom.reboot() }
        await report.step("pv.reboot-to-ready") { try await wait("ready again", 120) { console.readyCount(name) > readies } }
        let newID = (try? await conn.lookupDomain(name: name))?.id ?? -1
        report.check("pv.rebuilt", newID > oldID, "id \(oldID) -> \(newID)")
    }
}
