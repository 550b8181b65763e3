import FoundationEssentials
import NIOCore
import VirtRPC

/// Bytes from hex text; spaces, `|` and line breaks are ignored ("0000000a 74657374").
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { $0.isHexDigit }
    precondition(digits.count % 2 == 0, "odd hex digit count in test data")
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

extension ByteBuffer {
    var bytes: [UInt8] { Array(readableBytesView) }
}

func sampleUUID(_ n: Int) -> RemoteUUID {
    let bytes = (0..<16).map { UInt8(truncatingIfNeeded: $0 * 17 + n * 31) }
    return RemoteUUID(bytes: bytes) ?? RemoteUUID(UUID())
}

func sampleDomain(_ n: Int) -> RemoteNonnullDomain {
    RemoteNonnullDomain(name: "dom-\(n)", uuid: sampleUUID(n), id: n % 3 == 0 ? -1 : Int32(n))
}

func sampleStatsRecord(_ n: Int) -> RemoteDomainStatsRecord {
    RemoteDomainStatsRecord(dom: sampleDomain(n), params: [
        RemoteTypedParam(field: "state.state", value: .int(1)),
        RemoteTypedParam(field: "vcpu.current", value: .uint(UInt32(n))),
        RemoteTypedParam(field: "net.rx", value: .llong(-Int64(n) * 77)),
        RemoteTypedParam(field: "cpu.time", value: .ullong(UInt64(n) << 40)),
        RemoteTypedParam(field: "load", value: .double(Double(n) + 0.25)),
        RemoteTypedParam(field: "ok", value: .boolean(1)),
        RemoteTypedParam(field: "name", value: .string("sample \(n)")),
    ])
}

/// A deterministic generator (SplitMix64), so fuzz runs are reproducible.
/// One value of a message type, with type-erased checks over it.
struct MessageSample: Sendable, CustomStringConvertible {
    let description: String
    /// The value's XDR bytes.
    let encoded: @Sendable () throws -> ByteBuffer
    /// Decodes bytes as the value's type; true when the result equals the value.
    let decodesToValue: @Sendable (ByteBuffer) throws -> Bool

    init<T: Codable & Hashable & Sendable>(_ value: T) {
        description = String(describing: T.self)
        encoded = { try XDR.encode(value) }
        decodesToValue = { bytes in try XDR.decode(T.self, from: bytes) == value }
    }
}

/// Samples of the hand-written shared types, beside the generated ones.
let sharedSamples: [MessageSample] = [
    MessageSample(sampleDomain(7)),
    MessageSample(sampleStatsRecord(3)),
    MessageSample(RemoteError(
        code: 42, domain: 12, message: "Domain not found", level: 2, dom: sampleDomain(2), str1: "a", str2: nil,
        str3: "c", int1: 5, int2: -9, net: RemoteNonnullNetwork(name: "default", uuid: sampleUUID(4)))),
    MessageSample(RemoteVcpuInfo(number: 3, state: 2, cpuTime: 1 << 50, cpu: -1)),
    MessageSample(XDRCharArray(bytes: [0, 1, 0x7f, 0x80, 0xff])),
]

let allMessageSamples = generatedMessageSamples + sharedSamples
