import QMP
import Testing
import VirtTestSupport

/// Each typed command: the request it puts on the wire and how it reads QEMU 7.2's real reply
/// (the replies below were recorded from qemu-system-x86_64 7.2.22 running the test guest).
@Suite("QMP typed commands")
struct QMPCommandTests {
    /// Runs `body` against a fake that expects exactly `steps`, then checks the script ran.
    private func with(_ steps: [FakeQMPServer.Step], _ body: (QMPClient) async throws -> Void) async throws {
        let server = try await FakeQMPServer.start(script: steps)
        let client = try await QMPClient.connect(socketPath: server.socketPath)
        do {
            try await body(client)
            try await server.finish()
        } catch {
            await client.close()
            await server.stop()
            throw error
        }
        await client.close()
        await server.stop()
    }

    @Test("stop, cont, system_powerdown, system_reset, quit take no arguments")
    func runControl() async throws {
        try await with([
            .expect("stop"), .expect("cont"), .expect("system_powerdown"), .expect("system_reset"), .expect("quit"),
        ]) { (client: QMPClient) async throws in
            try await client.stop()
            try await client.cont()
            try await client.systemPowerdown()
            try await client.systemReset()
            try await client.quit()
        }
    }

    @Test("query-status reads the run state, keeping states this client does not name")
    func queryStatus() async throws {
        try await with([
            .expect("query-status", reply: .success(["status": "paused", "singlestep": false, "running": false])),
            .expect("query-status", reply: .success(["status": "colo-future", "running": false])),
        ]) { (client: QMPClient) async throws in
            #expect(try await client.queryStatus() == QMPStatus(status: .paused, running: false))
            #expect(try await client.queryStatus().status.rawValue == "colo-future")
        }
    }

    @Test("a reply of the wrong shape is a decoding error naming the member")
    func wrongShape() async throws {
        try await with([.expect("query-status", reply: .success(["status": 3, "running": true]))]) {
            (client: QMPClient) async throws in
            await #expect(
                throws: QMPError.decoding(
                    "query-status: 'status' is not a string",
                    line: #"{"running":true,"status":3}"#
                )
            ) {
                _ = try await client.queryStatus()
            }
        }
    }

    @Test("query-cpus-fast reads index, host thread, QOM path and topology")
    func queryCPUsFast() async throws {
        let reply: JSONValue = [
            [
                "thread-id": 16314, "props": ["core-id": 0, "thread-id": 0, "socket-id": 0],
                "qom-path": "/machine/unattached/device[0]", "cpu-index": 0, "target": "x86_64",
            ],
            [
                "thread-id": 16736, "props": ["core-id": 1, "thread-id": 0, "socket-id": 0],
                "qom-path": "/machine/peripheral/vcpu1", "cpu-index": 1, "target": "x86_64",
            ],
        ]
        try await with([.expect("query-cpus-fast", reply: .success(reply))]) { (client: QMPClient) async throws in
            let cpus = try await client.queryCPUsFast()
            #expect(cpus.map(\.threadID) == [16314, 16736])
            #expect(
                cpus[1]
                    == QMPCPUInfo(
                        cpuIndex: 1,
                        threadID: 16736,
                        qomPath: "/machine/peripheral/vcpu1",
                        target: "x86_64",
                        properties: QMPCPUProperties(socketID: 0, coreID: 1, threadID: 0)
                    )
            )
        }
    }

    @Test("query-hotpluggable-cpus, then device_add of a free slot with its properties, then device_del")
    func cpuHotplug() async throws {
        let slots: JSONValue = [
            ["props": ["core-id": 1, "thread-id": 0, "socket-id": 0], "vcpus-count": 1, "type": "qemu64-x86_64-cpu"],
            [
                "props": ["core-id": 0, "thread-id": 0, "socket-id": 0], "vcpus-count": 1,
                "qom-path": "/machine/unattached/device[0]", "type": "qemu64-x86_64-cpu",
            ],
        ]
        try await with([
            .expect("query-hotpluggable-cpus", reply: .success(slots)),
            .expect(
                "device_add",
                arguments: ["driver": "qemu64-x86_64-cpu", "id": "vcpu1", "socket-id": 0, "core-id": 1, "thread-id": 0]
            ),
            .expect("device_del", arguments: ["id": "vcpu1"]),
        ]) { (client: QMPClient) async throws in
            let all = try await client.queryHotpluggableCPUs()
            #expect(all.map(\.isPlugged) == [false, true])
            let free = try #require(all.first { !$0.isPlugged })
            try await client.deviceAdd(cpu: free, id: "vcpu1")
            try await client.deviceDel(id: "vcpu1")
        }
    }

    @Test("balloon sends bytes; query-balloon reads 'actual'")
    func balloon() async throws {
        try await with([
            .expect("balloon", arguments: ["value": 100_663_296]),
            .expect("query-balloon", reply: .success(["actual": 100_663_296])),
        ]) { (client: QMPClient) async throws in
            try await client.balloon(bytes: 96 << 20)
            #expect(try await client.queryBalloon() == 96 << 20)
        }
    }

    @Test("migrate, migrate-incoming, query-migrate before, during and after")
    func migration() async throws {
        let completed: JSONValue = [
            "status": "completed", "setup-time": 2, "downtime": 2, "total-time": 626,
            "ram": ["total": 151_855_104, "remaining": 0, "transferred": 92_868_587, "mbps": 1195.3463205128205],
        ]
        try await with([
            .expect("query-migrate", reply: .success([:])),
            .expect("migrate", arguments: ["uri": "fd:save"]),
            .expect("query-migrate", reply: .success(["status": "setup"])),
            .expect("query-migrate", reply: .success(completed)),
            .expect(
                "query-migrate",
                reply: .success(["status": "failed", "error-desc": "Unable to write to socket: Broken pipe"])
            ),
            .expect("migrate-incoming", arguments: ["uri": "fd:save"]),
            .expect("migrate_cancel"),
        ]) { (client: QMPClient) async throws in
            #expect(try await client.queryMigrate().status == .none)
            try await client.migrate(uri: "fd:save")
            #expect(try await client.queryMigrate() == QMPMigrationInfo(status: .setup))
            let done = try await client.queryMigrate()
            #expect(
                done
                    == QMPMigrationInfo(
                        status: .completed,
                        totalTimeMilliseconds: 626,
                        ramTransferred: 92_868_587,
                        ramRemaining: 0,
                        ramTotal: 151_855_104
                    )
            )
            #expect(done.status.isFinished)
            let failed = try await client.queryMigrate()
            #expect(failed.status == .failed && failed.errorDescription == "Unable to write to socket: Broken pipe")
            try await client.migrateIncoming(uri: "fd:save")
            try await client.migrateCancel()
        }
    }

    @Test("migrate-set-capabilities and migrate-set-parameters")
    func migrationSettings() async throws {
        try await with([
            .expect(
                "migrate-set-capabilities",
                arguments: [
                    "capabilities": [
                        ["capability": "events", "state": true], ["capability": "xbzrle", "state": false],
                    ]
                ]
            ),
            .expect("migrate-set-parameters", arguments: ["max-bandwidth": 9_223_372_036_854_775_807]),
        ]) { (client: QMPClient) async throws in
            try await client.migrateSetCapabilities(["xbzrle": false, "events": true])
            try await client.migrateSetParameters(["max-bandwidth": .int(.max)])
        }
    }

    @Test("getfd passes the name (the descriptor rides along as SCM_RIGHTS); closefd")
    func descriptors() async throws {
        try await with([
            .expect("getfd", arguments: ["fdname": "save"]), .expect("closefd", arguments: ["fdname": "save"]),
        ]) { (client: QMPClient) async throws in
            try await client.getfd(name: "save", descriptor: 1)
            try await client.closefd(name: "save")
        }
    }

    @Test("query-version")
    func queryVersion() async throws {
        let reply: JSONValue = [
            "qemu": ["micro": 22, "minor": 2, "major": 7], "package": "Debian 1:7.2+dfsg-7+deb12u18+b3",
        ]
        try await with([.expect("query-version", reply: .success(reply))]) { (client: QMPClient) async throws in
            let version = try await client.queryVersion()
            #expect(version.description == "7.2.22")
            #expect(version >= QMPVersion(major: 7, minor: 2, micro: 0))
        }
    }

    @Test("query-dirty-rate before and after a calculation; query-iothreads; query-stats of vCPUs (none under TCG)")
    func guestStatistics() async throws {
        let unstarted: JSONValue = ["status": "unstarted", "sample-pages": 0, "mode": "page-sampling", "start-time": 0, "calc-time": 0]
        let measured: JSONValue = [
            "status": "measured", "sample-pages": 512, "dirty-rate": 2, "mode": "page-sampling", "start-time": 937, "calc-time": 1,
        ]
        let ring: JSONValue = [
            "status": "measured", "dirty-rate": 9, "mode": "dirty-ring", "start-time": 5, "calc-time": 2,
            "vcpu-dirty-rate": [["id": 0, "dirty-rate": 4], ["id": 1, "dirty-rate": 5]],
        ]
        let threads: JSONValue = [[
            "poll-shrink": 0, "thread-id": 15426, "aio-max-batch": 0, "poll-grow": 0, "poll-max-ns": 32768, "id": "iothread1",
        ]]
        let kvm: JSONValue = [[
            "provider": "kvm", "qom-path": "/machine/unattached/device[0]",
            "stats": [["name": "halt_poll_success_ns", "value": 7], ["name": "halt_poll_fail_ns", "value": 3]],
        ]]
        let names = ["halt_poll_success_ns", "halt_poll_fail_ns"]
        let arguments: [String: JSONValue] = [
            "target": "vcpu", "providers": [["provider": "kvm", "names": .array(names.map { .string($0) })]],
        ]
        try await with([
            .expect("query-dirty-rate", reply: .success(unstarted)),
            .expect("query-dirty-rate", reply: .success(measured)),
            .expect("query-dirty-rate", reply: .success(ring)),
            .expect("query-iothreads", reply: .success(threads)),
            .expect("query-stats", arguments: arguments, reply: .success([])),
            .expect("query-stats", arguments: arguments, reply: .success(kvm)),
        ]) { (client: QMPClient) async throws in
            let before = try await client.queryDirtyRate()
            #expect(before.status == "unstarted" && before.mode == "page-sampling" && before.megabytesPerSecond == nil)
            let after = try await client.queryDirtyRate()
            #expect(after.status == "measured" && after.startTime == 937 && after.calcTime == 1 && after.megabytesPerSecond == 2)
            let perVcpu = try await client.queryDirtyRate()
            #expect(perVcpu.vcpuRates == [.init(id: 0, megabytesPerSecond: 4), .init(id: 1, megabytesPerSecond: 5)])
            let iothreads = try await client.queryIOThreads()
            #expect(iothreads.map(\.id) == ["iothread1"] && iothreads.first?.pollMaxNanoseconds == 32768)
            #expect(try await client.queryVcpuStatistics(provider: "kvm", names: names).isEmpty)
            let vcpus = try await client.queryVcpuStatistics(provider: "kvm", names: names)
            #expect(vcpus.count == 1 && vcpus.first?["halt_poll_success_ns"]?.uint64Value == 7)
        }
    }
}
