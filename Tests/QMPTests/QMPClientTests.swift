import QMP
import Synchronization
import Testing
import VirtTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The real client over a real unix socket, against a scripted QEMU.
@Suite("QMPClient against FakeQMPServer")
struct QMPClientTests {
    @Test("connects, negotiates and reports the greeting")
    func connect() async throws {
        try await FakeQMPServer.with(script: []) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath, timeout: .seconds(60))
            #expect(
                client.greeting.version
                    == QMPVersion(major: 7, minor: 2, micro: 22, package: "Debian 1:7.2+dfsg-7+deb12u18+b3")
            )
            #expect(client.greeting.capabilities == ["oob"])
            let requests = try await server.finish()
            #expect(requests == [["execute": "qmp_capabilities", "id": 0]])
            await client.close()
        }
    }

    @Test("sends arguments and ids on the wire and returns the reply's value")
    func execute() async throws {
        try await FakeQMPServer.with(script: [
            .expect("human-monitor-command", arguments: ["command-line": "info cpus"], reply: .success("* CPU #0\r\n"))
        ]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            let reply = try await client.execute("human-monitor-command", arguments: ["command-line": "info cpus"])
            #expect(reply == "* CPU #0\r\n")
            let requests = try await server.finish()
            #expect(
                requests.last == [
                    "execute": "human-monitor-command", "arguments": ["command-line": "info cpus"], "id": 1,
                ]
            )
            await client.close()
        }
    }

    @Test("matches replies that arrive out of order to their callers")
    func outOfOrder() async throws {
        try await FakeQMPServer.with(script: [
            .hold("query-status"),
            .hold("query-balloon"),
            .answer("query-balloon", reply: .success(["actual": 100_663_296])),
            .answer("query-status", reply: .success(["status": "paused", "running": false, "singlestep": false])),
        ]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            // The status request must reach the server first; the balloon request is sent once it has.
            let status = Task { try await client.queryStatus() }
            try await waitUntil { server.requests.count == 2 }
            let balloon = Task { try await client.queryBalloon() }
            #expect(try await balloon.value == 100_663_296)
            #expect(try await status.value == QMPStatus(status: .paused, running: false))
            try await server.finish()
            await client.close()
        }
    }

    @Test("QEMU's error replies become commandFailed with class and description")
    func commandFailed() async throws {
        try await FakeQMPServer.with(script: [
            .expect(
                "device_del",
                arguments: ["id": "vcpu9"],
                reply: .failure(class: "DeviceNotFound", desc: "Device 'vcpu9' not found")
            )
        ]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            await #expect(
                throws: QMPError.commandFailed(
                    command: "device_del",
                    class: "DeviceNotFound",
                    desc: "Device 'vcpu9' not found"
                )
            ) {
                try await client.deviceDel(id: "vcpu9")
            }
            try await server.finish()
            await client.close()
        }
    }

    @Test("delivers events in order and finishes the stream when QEMU goes away")
    func events() async throws {
        try await FakeQMPServer.with(script: [
            .expect("system_powerdown"),
            .event("POWERDOWN"),
            .event("SHUTDOWN", data: ["guest": true, "reason": "guest-shutdown"]),
            .close,
        ]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            try await client.systemPowerdown()
            var received: [QMPEvent] = []
            for await event in client.events { received.append(event) }
            #expect(received.map(\.name) == ["POWERDOWN", "SHUTDOWN"])
            #expect(received.last?.data["reason"] == "guest-shutdown")
            #expect(received.first?.timestamp == FakeQMPServer.eventTimestamp)
            try await server.finish()
        }
    }

    @Test("every waiting command fails with .closed when the connection ends, and later ones too")
    func pendingFailOnClose() async throws {
        try await FakeQMPServer.with(script: [.hold("migrate"), .hold("query-migrate"), .close]) {
            (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            let first = Task { try await client.migrate(uri: "exec:cat > /dev/null") }
            try await waitUntil { server.requests.count == 2 }
            let second = Task { try await client.queryMigrate() }
            await #expect(throws: QMPError.closed) { try await first.value }
            await #expect(throws: QMPError.closed) { try await second.value }
            await #expect(throws: QMPError.closed) { try await client.cont() }
            try await server.finish()
        }
    }

    @Test("close() fails the commands still waiting")
    func localClose() async throws {
        try await FakeQMPServer.with(script: [.hold("stop")]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            let stopped = Task { try await client.stop() }
            try await waitUntil { server.requests.count == 2 }
            await client.close()
            await #expect(throws: QMPError.closed) { try await stopped.value }
        }
    }

    @Test("a malformed line from QEMU fails waiting commands with the line")
    func malformed() async throws {
        try await FakeQMPServer.with(script: [.hold("query-status"), .raw("{\"return\": tru\r\n")]) {
            (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            await #expect(throws: QMPError.decoding("invalid literal at byte 11", line: "{\"return\": tru")) {
                _ = try await client.queryStatus()
            }
            try await server.finish()
        }
    }

    @Test("a per-command timeout fails that command only, and its late reply is ignored")
    func commandTimeout() async throws {
        try await FakeQMPServer.with(script: [
            .hold("query-migrate"),
            .expect("query-status", reply: .success(["status": "running", "running": true])),
            .answer("query-migrate", reply: .success([:])),
            .expect("query-version", reply: .success(["qemu": ["major": 7, "minor": 2, "micro": 22], "package": ""])),
        ]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            await #expect(throws: QMPError.timeout("no reply to 'query-migrate' within 0.2 seconds")) {
                try await client.execute("query-migrate", timeout: .milliseconds(200))
            }
            #expect(try await client.queryStatus().running)
            #expect(try await client.queryVersion() == QMPVersion(major: 7, minor: 2, micro: 22))
            try await server.finish()
            await client.close()
        }
    }

    @Test("cancelling the waiting task fails the command with .cancelled")
    func cancellation() async throws {
        try await FakeQMPServer.with(script: [.hold("query-migrate")]) { (server: FakeQMPServer) async throws in
            let client = try await QMPClient.connect(socketPath: server.socketPath)
            let task = Task { try await client.queryMigrate() }
            try await waitUntil { server.requests.count == 2 }
            task.cancel()
            await #expect(throws: QMPError.cancelled) { try await task.value }
            await client.close()
        }
    }

    @Test("waits for a socket that appears after connect started")
    func lateSocket() async throws {
        try await FakeQMPServer.with(script: []) { (server: FakeQMPServer) async throws in
            let latePath = server.socketPath + ".late"
            let connecting = Task { try await QMPClient.connect(socketPath: latePath, timeout: .seconds(60)) }
            try await Task.sleep(for: .milliseconds(150))
            #expect(link(server.socketPath, latePath) == 0)
            defer { unlink(latePath) }
            let client = try await connecting.value
            #expect(client.greeting.version.major == 7)
            await client.close()
        }
    }

    @Test("gives up at the deadline when no socket appears")
    func noSocket() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: QMPError.self) {
            _ = try await QMPClient.connect(
                socketPath: "/tmp/swiftvirt-no-such-dir/qmp.sock",
                timeout: .milliseconds(300)
            )
        }
        guard case .timeout(let text) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(text.contains("No such file or directory"))
        #expect(clock.now - start >= .milliseconds(300))
    }

    @Test("gives up at the deadline when QEMU never greets (e.g. another client holds the monitor)")
    func noGreeting() async throws {
        try await FakeQMPServer.with(greeting: nil, negotiate: false, script: [.pause(.seconds(5))]) {
            (server: FakeQMPServer) async throws in
            await #expect(
                throws: QMPError.timeout("no QMP greeting and negotiation on '\(server.socketPath)' within 0.3 seconds")
            ) {
                _ = try await QMPClient.connect(socketPath: server.socketPath, timeout: .milliseconds(300))
            }
        }
    }

    @Test("a path that can never be a socket fails at once with a transport error")
    func badPath() async {
        let longPath = "/tmp/" + String(repeating: "x", count: 120)
        await #expect(throws: QMPError.self) {
            _ = try await QMPClient.connect(socketPath: longPath, timeout: .seconds(5))
        }
        await #expect(throws: QMPError.transport("'/etc/passwd' exists but is not a socket")) {
            _ = try await QMPClient.connect(socketPath: "/etc/passwd", timeout: .milliseconds(100))
        }
    }

    @Test("a refused qmp_capabilities fails the connect")
    func refusedNegotiation() async throws {
        try await FakeQMPServer.with(
            negotiate: false,
            script: [
                .expect(
                    "qmp_capabilities",
                    reply: .failure(class: "GenericError", desc: "Capabilities negotiation is already complete")
                )
            ]
        ) { (server: FakeQMPServer) async throws in
            await #expect(
                throws: QMPError.commandFailed(
                    command: "qmp_capabilities",
                    class: "GenericError",
                    desc: "Capabilities negotiation is already complete"
                )
            ) {
                _ = try await QMPClient.connect(socketPath: server.socketPath)
            }
        }
    }
}

/// Polls `condition` until it holds (at most 5 s).
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within 5 s")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
