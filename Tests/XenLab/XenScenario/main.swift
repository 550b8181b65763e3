// The xen:/// scenario through the Swift API, run in the lab's dom0 by Tests/XenLab/test.sh: Domain-0 and the
// host, then a PV guest through its whole lifecycle (the guest's console proves pause, resume and restore;
// `xl` cross-checks memory and pinning), a PVH guest, and a persistent domain defined, started and undefined.
// Usage: XenScenario SCRATCH_DIR CONSOLE_DIR      Prints XLRESULT/XLCHECK lines; exits 1 on any failure.
import Foundation
import Virt

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: XenScenario SCRATCH_DIR CONSOLE_DIR")
    exit(2)
}
let scratch = arguments[1]
let console = GuestConsole(directory: arguments[2])
let report = LabReport(prefix: "swift")
let xl = "/usr/lib/xen-4.17/bin/xl"

guard let conn = await report.step("open", { try await Connection.open("xen:///system") }) else { exit(1) }
await HostScenario(conn: conn, report: report, xl: xl).run()
await PVScenario(conn: conn, report: report, console: console, scratch: scratch, xl: xl).run()
await PVHScenario(conn: conn, report: report, console: console, scratch: scratch, xl: xl).run()
await PersistentScenario(conn: conn, report: report, scratch: scratch).run()
conn.close()
exit(report.failures == 0 ? 0 : 1)
