import NIOCore
import NIOTestUtils
import Testing

@testable import QMP

@Suite("QMPFrameDecoder")
struct QMPFrameDecoderTests {
    static let greetingLine =
        #"{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2+dfsg-7+deb12u18+b3"}, "capabilities": ["oob"]}}"#
    static let greeting = QMPMessage.greeting(
        QMPGreeting(
            version: QMPVersion(major: 7, minor: 2, micro: 22, package: "Debian 1:7.2+dfsg-7+deb12u18+b3"),
            capabilities: ["oob"]
        )
    )

    @Test("decodes QEMU's lines one byte at a time and in batches")
    func verifier() throws {
        let event =
            #"{"timestamp": {"seconds": 1795558390, "microseconds": 471442}, "event": "BALLOON_CHANGE", "data": {"actual": 133169152}}"#
        let pairs: [(String, [QMPMessage])] = [
            (Self.greetingLine + "\r\n", [Self.greeting]),
            (#"{"return": {}, "id": 0}"# + "\r\n", [.success(id: 0, value: [:])]),
            (
                #"{"return": {"status": "paused", "singlestep": false, "running": false}, "id": 5}"# + "\r\n"
                    + #"{"id": 6, "error": {"class": "DeviceNotFound", "desc": "Device 'vcpu1' not found"}}"# + "\r\n",
                [
                    .success(id: 5, value: ["status": "paused", "singlestep": false, "running": false]),
                    .failure(id: 6, errorClass: "DeviceNotFound", desc: "Device 'vcpu1' not found"),
                ]
            ),
            (
                event + "\r\n",
                [
                    .event(
                        QMPEvent(
                            name: "BALLOON_CHANGE",
                            data: ["actual": 133_169_152],
                            timestamp: .init(seconds: 1_795_558_390, microseconds: 471_442)
                        )
                    )
                ]
            ),
            // A bare LF ends a line too, and blank lines are skipped.
            ("\r\n  \n" + #"{"return": [], "id": 7}"# + "\n", [.success(id: 7, value: [])]),
            (
                #"{"event": "STOP", "timestamp": {"seconds": 1, "microseconds": 2}}"# + "\r\n",
                [
                    .event(QMPEvent(name: "STOP", timestamp: .init(seconds: 1, microseconds: 2)))
                ]
            ),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) { QMPFrameDecoder() }
    }

    @Test("a line that is not JSON fails with the raw line")
    func notJSON() throws {
        var decoder = QMPFrameDecoder()
        var buffer = ByteBuffer(string: "{\"return\": oops}\r\n")
        let error = try #require(throws: QMPError.self) { try decoder.decode(buffer: &buffer) }
        guard case .decoding(_, let line) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(line == "{\"return\": oops}")
    }

    @Test(
        "well-formed JSON that is no QMP message is a protocol violation",
        arguments: [#"[1, 2]"#, #"{"hello": 1}"#, #"{"error": {"class": 1}}"#, #"{"event": 5}"#, #"{"QMP": {}}"#]
    )
    func notQMP(_ line: String) throws {
        var decoder = QMPFrameDecoder()
        var buffer = ByteBuffer(string: line + "\r\n")
        let error = try #require(throws: QMPError.self) { try decoder.decode(buffer: &buffer) }
        switch error {
        case .protocolViolation, .decoding: break
        default: Issue.record("unexpected \(error)")
        }
    }

    @Test("refuses a line longer than the cap before it ends, even when it arrives in pieces")
    func lineCap() throws {
        var decoder = QMPFrameDecoder(maximumLineLength: 64)
        var buffer = ByteBuffer(string: String(repeating: "x", count: 40))
        #expect(try decoder.decode(buffer: &buffer) == nil)
        buffer.writeString(String(repeating: "y", count: 40))
        let error = try #require(throws: QMPError.self) { try decoder.decode(buffer: &buffer) }
        guard case .protocolViolation(let reason, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(reason.contains("64"))
    }

    @Test("a line exactly at the cap is accepted")
    func lineAtCap() throws {
        let line = #"{"return": {}, "id": 1}"#
        var decoder = QMPFrameDecoder(maximumLineLength: line.utf8.count + 1)
        var buffer = ByteBuffer(string: line + "\r\n")
        #expect(try decoder.decode(buffer: &buffer) == .success(id: 1, value: [:]))
    }

    @Test("bytes left at end of stream are a cut-off message")
    func cutOff() throws {
        var decoder = QMPFrameDecoder()
        var buffer = ByteBuffer(string: #"{"return": {}, "id""#)
        #expect(try decoder.decode(buffer: &buffer) == nil)
        #expect(throws: QMPError.self) { try decoder.decodeLast(buffer: &buffer, seenEOF: true) }
        var whitespace = ByteBuffer(string: " \r")
        #expect(try decoder.decodeLast(buffer: &whitespace, seenEOF: true) == nil)
    }
}
