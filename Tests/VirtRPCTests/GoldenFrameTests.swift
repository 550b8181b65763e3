import NIOCore
import Testing
import VirtModel
import VirtRPC

/// Appendix A of the protocol notes: frames captured from libvirt 9.0, byte for byte.
@Suite struct GoldenFrameTests {
    static let testUUID = "6695eb01 f6a48304 79aa97f2 502e193f"

    /// Encodes `body` into a frame and checks the length word and payload; then decodes the frame back.
    func check<T: Codable & Hashable>(
        _ body: T, procedure: RemoteProcedure, type: RPCMessageType = .reply, serial: UInt32 = 3,
        length: Int, payload: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let header = RPCHeader(
            program: RPCProgram.remote, version: 1, procedure: procedure.rawValue, type: type, serial: serial, status: .ok)
        let frame = try RPCFrameEncoder.encode(header: header, body: body)
        let expectedPayload = hex(payload)
        #expect(frame.readableBytes == length, sourceLocation: sourceLocation)
        #expect(frame.getInteger(at: 0, as: UInt32.self) == UInt32(length), sourceLocation: sourceLocation)
        #expect(hexString(frame.bytes.dropFirst(28)) == hexString(expectedPayload), sourceLocation: sourceLocation)

        var input = frame
        var decoder = RPCFrameDecoder()
        let packet = try #require(try decoder.decode(buffer: &input), sourceLocation: sourceLocation)
        #expect(input.readableBytes == 0, sourceLocation: sourceLocation)
        #expect(packet.header == header, sourceLocation: sourceLocation)
        #expect(packet.payload.bytes == expectedPayload, sourceLocation: sourceLocation)
        #expect(try packet.decode(T.self) == body, sourceLocation: sourceLocation)
    }

    var testDomain: RemoteNonnullDomain {
        RemoteNonnullDomain(name: "test", uuid: RemoteUUID(bytes: hex(Self.testUUID)) ?? sampleUUID(0), id: 1)
    }

    @Test func authList() throws {
        try check(XDRVoid(), procedure: .authList, type: .call, serial: 0, length: 28, payload: "")
        try check(RemoteAuthListRet(types: [0]), procedure: .authList, length: 36, payload: "00000001 00000000")
    }

    @Test func supportsFeature() throws {
        try check(RemoteConnectSupportsFeatureArgs(feature: 10), procedure: .connectSupportsFeature, type: .call,
                  length: 32, payload: "0000000a")
        try check(RemoteConnectSupportsFeatureRet(supported: 1), procedure: .connectSupportsFeature, length: 32,
                  payload: "00000001")
    }

    @Test func connectOpen() throws {
        try check(RemoteConnectOpenArgs(name: "test:///default", flags: 0), procedure: .connectOpen, type: .call,
                  length: 56, payload: "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000")
    }

    @Test func lookupByName() throws {
        try check(RemoteDomainLookupByNameArgs(name: "test"), procedure: .domainLookupByName, type: .call,
                  length: 36, payload: "00000004 74657374")
        try check(RemoteDomainLookupByNameRet(dom: testDomain), procedure: .domainLookupByName, length: 56,
                  payload: "00000004 74657374 \(Self.testUUID) 00000001")
        #expect(testDomain.uuid.description == "6695eb01-f6a4-8304-79aa-97f2502e193f")
        #expect(testDomain.domainRef.uuid.libvirtString == "6695eb01-f6a4-8304-79aa-97f2502e193f")
        #expect(RemoteNonnullDomain(testDomain.domainRef) == testDomain)
    }

    @Test func domainGetInfo() throws {
        let ret = RemoteDomainGetInfoRet(
            state: 1, maxMem: 8_388_608, memory: 2_097_152, nrVirtCpu: 2, cpuTime: 0x18eb_16ad_9316_b1f0)
        try check(ret, procedure: .domainGetInfo, length: 60,
                  payload: "00000001 | 00000000 00800000 | 00000000 00200000 | 00000002 | 18eb16ad 9316b1f0")
    }

    @Test func nodeGetInfo() throws {
        let ret = RemoteNodeGetInfoRet(
            model: XDRFixedCharArray32("x86_64"), memory: 5_204_172, cpus: 2, mhz: 2596, nodes: 1, sockets: 1,
            cores: 2, threads: 1)
        let model = "00000078 00000038 00000036 0000005f 00000036 00000034" + String(repeating: " 00000000", count: 26)
        try check(ret, procedure: .nodeGetInfo, length: 188,
                  payload: model + " 00000000 004f68cc 00000002 00000a24 00000001 00000001 00000002 00000001")
        #expect(ret.model.string == "x86_64")
    }

    @Test func listAllDomains() throws {
        try check(RemoteConnectListAllDomainsRet(domains: [testDomain], ret: 1), procedure: .connectListAllDomains,
                  length: 64, payload: "00000001 | 00000004 74657374 \(Self.testUUID) 00000001 | 00000001")
    }

    @Test func domainGetVcpus() throws {
        let ret = RemoteDomainGetVcpusRet(
            info: [
                RemoteVcpuInfo(number: 0, state: 1, cpuTime: 0x0000_a34d_feb7_0eed, cpu: 15),
                RemoteVcpuInfo(number: 1, state: 1, cpuTime: 0x0000_a34d_feb7_0eed, cpu: 15),
            ],
            cpumaps: [0xff, 0xff])
        try check(ret, procedure: .domainGetVcpus, length: 80, payload: """
            00000002 | 00000000 00000001 0000a34d feb70eed 0000000f | 00000001 00000001 0000a34d feb70eed 0000000f
            | 00000002 ffff0000
            """)
    }

    @Test func nodeGetSecurityModel() throws {
        let ret = RemoteNodeGetSecurityModelRet(model: XDRCharArray(cString: "none"), doi: XDRCharArray(cString: "0"))
        try check(ret, procedure: .nodeGetSecurityModel, length: 64,
                  payload: "00000005 0000006e 0000006f 0000006e 00000065 00000000 | 00000002 00000030 00000000")
        #expect(ret.model.string == "none")
        #expect(ret.doi.string == "0")
    }

    /// §2.3: the test driver's NO_DOMAIN error (84-byte payload, 112-byte frame).
    static let noDomainPayload = """
        0000002a 0000000c 00000001 00000010 446f6d61 696e206e 6f742066 6f756e64 00000002 00000000 00000001 00000010
        446f6d61 696e206e 6f742066 6f756e64 00000000 00000000 ffffffff ffffffff 00000000
        """

    @Test func errorReply() throws {
        let error = RemoteError(code: 42, domain: 12, message: "Domain not found", level: 2, str1: "Domain not found")
        #expect(hex(Self.noDomainPayload).count == 84)
        let header = RPCHeader(
            program: RPCProgram.remote, version: 1, procedure: RemoteProcedure.domainLookupByName.rawValue,
            type: .reply, serial: 4, status: .error)
        let frame = try RPCFrameEncoder.encode(header: header, body: error)
        #expect(frame.readableBytes == 112)
        #expect(frame.bytes.dropFirst(28).elementsEqual(hex(Self.noDomainPayload)))
        let decoded = try XDR.decode(RemoteError.self, from: buffer(hex(Self.noDomainPayload)))
        #expect(decoded == error)
        let virt = decoded.virError
        #expect(virt.code == .noDomain)
        #expect(virt.domain == .test)
        #expect(virt.message == "Domain not found")
        #expect(virt.level == .error)
        #expect(virt.str1 == "Domain not found")
        #expect(virt.str2 == nil)
        #expect(virt.int1 == -1 && virt.int2 == -1)
        #expect(RemoteError(virt) == error)
    }

    @Test func callbackLifecycleEvent() throws {
        let uuid = "00112233 44556677 8899aabb ccddeeff"
        let msg = RemoteDomainEventCallbackLifecycleMsg(
            callbackID: 0,
            msg: RemoteDomainEventLifecycleMsg(
                dom: RemoteNonnullDomain(name: "rpcprobe", uuid: RemoteUUID(bytes: hex(uuid)) ?? sampleUUID(0), id: 5),
                event: 4, detail: 0))
        try check(msg, procedure: .domainEventCallbackLifecycle, type: .message, serial: 1, length: 72,
                  payload: "00000000 | 00000008 72706370 726f6265 \(uuid) 00000005 | 00000004 00000000")
    }

    @Test func keepalivePing() throws {
        let header = RPCHeader(
            program: RPCProgram.keepalive, version: 1, procedure: KeepaliveProcedure.ping.rawValue, type: .message,
            serial: 0, status: .ok)
        var frame = ByteBuffer()
        RPCFrameEncoder.encode(header: header, payload: nil, into: &frame)
        let golden = hex("0000001c 6b656570 00000001 00000001 00000002 00000000 00000000")
        #expect(frame.bytes == golden)
        var decoder = RPCFrameDecoder()
        var input = buffer(golden)
        let packet = try #require(try decoder.decode(buffer: &input))
        #expect(packet.header == header)
        #expect(packet.payload.readableBytes == 0)
        #expect(KeepaliveProcedure(rawValue: packet.header.procedure) == .ping)
    }
}

@Suite struct ReplyHelperTests {
    @Test func replyAndErrorHeadersEchoTheCall() throws {
        let call = RPCHeader(program: RPCProgram.remote, procedure: 23, type: .call, serial: 41)
        var out = ByteBuffer()
        try RPCFrameEncoder.encodeReply(to: call, body: RemoteDomainLookupByNameRet(dom: sampleDomain(1)), into: &out)
        try RPCFrameEncoder.encodeError(RemoteError(code: 42, domain: 12, message: "x"), replyingTo: call, into: &out)
        RPCFrameEncoder.encodeKeepalive(.pong, into: &out)
        var decoder = RPCFrameDecoder()
        let ok = try #require(try decoder.decode(buffer: &out))
        let error = try #require(try decoder.decode(buffer: &out))
        let pong = try #require(try decoder.decode(buffer: &out))
        #expect(ok.header == RPCHeader(program: RPCProgram.remote, procedure: 23, type: .reply, serial: 41, status: .ok))
        #expect(try ok.decode(RemoteDomainLookupByNameRet.self).dom == sampleDomain(1))
        #expect(error.header.status == .error && error.header.serial == 41 && error.header.type == .reply)
        #expect(try error.decode(RemoteError.self).message == "x")
        #expect(pong.header == .keepalive(.pong))
        #expect(pong.payload.readableBytes == 0)
        #expect(RPCHeader.event(.domainEventCallbackLifecycle).serial == 1)
    }

    @Test func fdCount() {
        let header = RPCHeader(program: RPCProgram.remote, procedure: 1, type: .callWithFDs, serial: 0)
        #expect(RPCPacket(header: header, payload: buffer(hex("00000002 0000000a"))).splitFDCount()?.count == 2)
        #expect(RPCPacket(header: header, payload: buffer(hex("00000021"))).splitFDCount() == nil)
        #expect(RPCPacket(header: header, payload: buffer([0, 0])).splitFDCount() == nil)
    }
}
