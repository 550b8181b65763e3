import Foundation
import Testing
import VirtDriver
import VirtXML
@testable import VirtXen

/// The driver's own files: the save image header and what a stopped guest's lifecycle actions mean.
@Suite struct StateFilesTests {
    @Test func saveImageHeaderRoundTrips() throws {
        let directory = NSTemporaryDirectory() + "xen-save-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let image = XenSaveImage(xml: "<domain type='xen'><name>é</name></domain>", wasRunning: true)
        let path = directory + "/image"
        try Data(image.header() + Array("STREAM".utf8)).write(to: URL(fileURLWithPath: path))
        let read = try XenSaveImage.read(path)
        #expect(read == image)
        #expect(read.streamOffset == XenSaveImage.headerLength + image.xml.utf8.count)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(String(decoding: data[read.streamOffset...], as: UTF8.self) == "STREAM")

        try Data("SwiftVirtXenSave".utf8).write(to: URL(fileURLWithPath: path))
        let short = #expect(throws: VirtError.self) { try XenSaveImage.read(path) }
        #expect(short?.message == "invalid argument: '\(path)' is not a SwiftVirt Xen save image (it is too short)")
        let missing = #expect(throws: VirtError.self) { try XenSaveImage.read(directory + "/none") }
        #expect(missing?.code == .systemError)
    }

    @Test("a stopped guest's lifecycle action decides what the next access does", arguments: [
        (XenDomainInfo.ShutdownReason.poweroff, "", false, XenDriver.ShutdownResponse.destroy(.shutdown)),
        (.poweroff, "<on_poweroff>restart</on_poweroff>", false, .rebuild),
        (.reboot, "", false, .rebuild),
        (.reboot, "<on_reboot>destroy</on_reboot>", false, .destroy(.shutdown)),
        (.reboot, "<on_reboot>destroy</on_reboot>", true, .rebuild),
        (.crash, "", false, .destroy(.crashed)),
        (.crash, "<on_crash>coredump-restart</on_crash>", false, .rebuild),
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
