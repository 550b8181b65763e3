import FoundationEssentials
import NIOCore
import Testing
import VirtRPC

/// A micro-benchmark of the codec on typical daemon traffic; it runs only with VIRTRPC_BENCH=1
/// (build with `-c release` for meaningful numbers) and asserts nothing about time.
@Suite struct BenchmarkTests {
    static let enabled = ProcessInfo.processInfo.environment["VIRTRPC_BENCH"] != nil

    func measure(_ label: String, iterations: Int, _ body: () throws -> Void) rethrows {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { for _ in 0..<iterations { try body() } }
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        print("VirtRPC bench \(label): \(Int(nanos / Double(iterations))) ns/op")
    }

    @Test(.enabled(if: enabled)) func codecThroughput() throws {
        let dom = sampleDomain(1)
        let header = RPCHeader(program: RPCProgram.remote, procedure: 16, type: .reply, serial: 5)
        var out = ByteBuffer()
        out.reserveCapacity(1 << 16)
        try measure("encode DOMAIN_GET_INFO reply frame", iterations: 200_000) {
            out.clear()
            try RPCFrameEncoder.encode(
                header: header, body: RemoteDomainGetInfoRet(state: 1, maxMem: 1, memory: 2, nrVirtCpu: 2, cpuTime: 3),
                into: &out)
        }
        let args = try XDR.encode(RemoteDomainGetInfoArgs(dom: dom))
        try measure("decode DOMAIN_GET_INFO args", iterations: 200_000) {
            _ = try XDR.decode(RemoteDomainGetInfoArgs.self, from: args)
        }
        var frames = ByteBuffer()
        for serial in 0..<1000 {
            try RPCFrameEncoder.encode(
                header: RPCHeader(program: RPCProgram.remote, procedure: 16, type: .call, serial: UInt32(serial)),
                body: RemoteDomainGetInfoArgs(dom: dom), into: &frames)
        }
        try measure("frame-decode + decode 1000 calls", iterations: 200) {
            var input = frames
            var decoder = RPCFrameDecoder()
            while let packet = try decoder.decode(buffer: &input) {
                _ = try packet.decode(RemoteDomainGetInfoArgs.self)
            }
        }
        let list = RemoteConnectListAllDomainsRet(domains: (0..<100).map(sampleDomain), ret: 100)
        try measure("encode LIST_ALL_DOMAINS reply of 100", iterations: 5_000) {
            out.clear()
            try XDR.encode(list, into: &out)
        }
        let listBytes = try XDR.encode(list)
        try measure("decode LIST_ALL_DOMAINS reply of 100", iterations: 5_000) {
            _ = try XDR.decode(RemoteConnectListAllDomainsRet.self, from: listBytes)
        }
    }
}
