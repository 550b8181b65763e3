import Foundation
import Testing
import VirtDriver
import VirtDriverState
import VirtXML
@testable import VirtXen

/// What a stopped guest's lifecycle actions mean, and the driver's definitions on disk.
@Suite struct StateFilesTests {
    @Test("a stopped guest's lifecycle action decides what the next access does", arguments: [
        (XenDomainInfo.ShutdownReason.poweroff, "", false, XenDriver.ShutdownResponse.destroy(.shutdown)),
        (.poweroff, "<on_poweroff>restart</on_poweroff>", false, .rebuild(.shutdown)),
        (.reboot, "", false, .rebuild(.shutdown)),
        (.reboot, "<on_reboot>destroy</on_reboot>", false, .destroy(.shutdown)),
        (.reboot, "<on_reboot>destroy</on_reboot>", true, .rebuild(.shutdown)),
        (.crash, "", false, .destroy(.crashed)),
        (.crash, "<on_crash>coredump-restart</on_crash>", false, .rebuild(.crashed)),
        (.watchdog, "<on_crash>preserve</on_crash>", false, .leave),
        (.suspend, "", false, .leave),
    ])
    func shutdownResponse(reason: XenDomainInfo.ShutdownReason, actions: String, rebootPending: Bool,
                          expected: XenDriver.ShutdownResponse) throws {
        let def = try XenDefinitions.parse(XenFixture.pvXML(extra: actions), options: [])
        var status = XenDomainStatus(name: "pv1", uuid: def.uuid.libvirtString, id: 3, runningReason: 1)
        status.rebootPending = rebootPending
        #expect(XenDriver.response(to: reason, status: status, definition: def) == expected)
    }

    @Test func statusFilesRoundTrip() {
        var status = XenDomainStatus(name: "pv1", uuid: "cea93a83-ee3a-47c9-8439-b15ecf903de0", id: 7, runningReason: 3)
        status.pausedReason = 1
        status.shutdownRequested = true
        #expect(XenDomainStatus.decode(status.encoded()) == status)
        #expect(XenDomainStatus.decode(Array("{}".utf8)) == nil)
    }

    @Test func xenDefaultsForPVGuests() throws {
        let def = try XenDefinitions.parse(XenFixture.pvXML(devices: "<interface type='bridge'><source bridge='xenbr0'/></interface>"), options: [])
        #expect(def.os.machine == nil)
        #expect(def.devices.inputs.map(\.bus) == ["xen", "xen"])
        #expect(def.devices.consoles.map(\.targetType) == ["xen"])
        #expect(def.devices.memballoon?.model == "xen")
        #expect(def.devices.controllers.map(\.type) == ["xenbus"])
        #expect(def.devices.interfaces[0].mac?.hasPrefix("00:16:3e:") == true)
        let explicit = try XenDefinitions.parse(XenFixture.pvXML(devices: "<console type='pty'/>"), options: [])
        #expect(explicit.devices.consoles.map(\.targetType) == ["xen"])
    }
}
