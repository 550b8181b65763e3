import NIOCore
import Testing
import VirtModel
import VirtRPC

@Suite struct XDRTests {
    @Test func connectOpenOptionalFlagIsLenient() throws {
        // go-libvirt puts 01000000 where the optional-pointer flag goes (§2.1).
        let bytes = hex("01000000 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000")
        let args = try XDR.decode(RemoteConnectOpenArgs.self, from: buffer(bytes))
        #expect(args.name == "test:///default")
        #expect(args.flags == 0)
        let absent = try XDR.decode(RemoteConnectOpenArgs.self, from: buffer(hex("00000000 00000001")))
        #expect(absent.name == nil)
        #expect(absent.flags == 1)
    }

    @Test func boolsDecodeAnyNonZeroAsTrue() throws {
        #expect(try XDR.decode(Bool.self, from: buffer(hex("00000002"))) == true)
        #expect(try XDR.decode(Bool.self, from: buffer(hex("80000000"))) == true)
        #expect(try XDR.decode(Bool.self, from: buffer(hex("00000000"))) == false)
        #expect(try XDR.encode(true).bytes == hex("00000001"))
    }

    @Test func trailingBytesAreRejected() {
        #expect(throws: XDRError.trailingBytes(4)) {
            try XDR.decode(RemoteConnectSupportsFeatureArgs.self, from: buffer(hex("0000000a 00000000")))
        }
        #expect(throws: XDRError.trailingBytes(1)) { try XDR.decode(XDRVoid.self, from: buffer([0])) }
    }

    @Test func decodeConsumesTheBuffer() throws {
        var input = buffer(hex("00000004 74657374"))
        let args = try XDR.decode(RemoteDomainLookupByNameArgs.self, from: &input)
        #expect(args.name == "test")
        #expect(input.readableBytes == 0)
    }

    @Test func stringsOverFourMiBAreRejected() {
        var big = ByteBuffer()
        big.writeInteger(UInt32(RPCLimits.maxString + 1))
        big.writeRepeatingByte(0x61, count: RPCLimits.maxString + 4)
        #expect(throws: XDRError.tooLong(what: "string", count: RPCLimits.maxString + 1, max: RPCLimits.maxString)) {
            try XDR.decode(String.self, from: big)
        }
        let text = String(repeating: "a", count: RPCLimits.maxString + 1)
        #expect(throws: XDRError.tooLong(what: "string", count: RPCLimits.maxString + 1, max: RPCLimits.maxString)) {
            try XDR.encode(RemoteConnectGetCapabilitiesRet(capabilities: text))
        }
        // Exactly the maximum is fine.
        let max = String(repeating: "b", count: RPCLimits.maxString)
        #expect(throws: Never.self) {
            let bytes = try XDR.encode(max)
            #expect(try XDR.decode(String.self, from: bytes) == max)
        }
    }

    @Test func stringPaddingAndUTF8() throws {
        #expect(try XDR.encode("probe").bytes == hex("00000005 70726f62 65000000"))
        #expect(throws: XDRError.invalidUTF8) { try XDR.decode(String.self, from: buffer(hex("00000002 c328 0000"))) }
        #expect(throws: XDRError.truncated) { try XDR.decode(String.self, from: buffer(hex("00000005 70726f62 65"))) }
    }

    @Test func hostileArrayCountFailsWithoutAllocating() {
        #expect(throws: XDRError.truncated) {
            try XDR.decode(RemoteAuthListRet.self, from: buffer(hex("00100000 00000000")))
        }
        #expect(throws: XDRError.tooLong(what: "array", count: Int(UInt32.max), max: RPCLimits.maxPacket)) {
            try XDR.decode(RemoteConnectListAllDomainsRet.self, from: buffer(hex("ffffffff 00000000")))
        }
        #expect(throws: XDRError.truncated) {
            try XDR.decode(RemoteDomainGetVcpusRet.self, from: buffer(hex("00000000 00100000 00")))
        }
        #expect(throws: XDRError.truncated) {
            try XDR.decode(RemoteNodeGetSecurityModelRet.self, from: buffer(hex("00001000 00000041")))
        }
    }

    @Test func narrowIntegersAreWidened() throws {
        let info = RemoteDomainGetInfoRet(state: 255, maxMem: 1, memory: 2, nrVirtCpu: 65535, cpuTime: 3)
        let bytes = try XDR.encode(info)
        #expect(bytes.readableBytes == 32)
        #expect(bytes.getInteger(at: 0, as: UInt32.self) == 255)
        #expect(bytes.getInteger(at: 20, as: UInt32.self) == 65535)
        #expect(try XDR.decode(RemoteDomainGetInfoRet.self, from: bytes) == info)
        // A widened value that does not fit the narrow type is refused, not truncated.
        #expect(throws: XDRError.self) { try XDR.decode(UInt8.self, from: buffer(hex("00000100"))) }
        #expect(try XDR.encode(Int8(-2)).bytes == hex("fffffffe"))
        #expect(try XDR.decode(Int16.self, from: buffer(hex("ffff8000"))) == Int16.min)
    }

    @Test func charArraysTakeFourBytesPerCharacter() throws {
        let label = XDRCharArray(cString: "")
        #expect(try XDR.encode(label).bytes == hex("00000001 00000000"))
        // rpcgen's char is signed: 0xff travels as -1 and comes back as 0xff.
        let sasl = XDRCharArray(bytes: [0x41, 0xff])
        #expect(try XDR.encode(sasl).bytes == hex("00000002 00000041 ffffffff"))
        #expect(try XDR.decode(XDRCharArray.self, from: buffer(hex("00000002 00000041 ffffffff"))) == sasl)
        let ret = RemoteDomainGetSecurityLabelRet(label: XDRCharArray(cString: "unconfined"), enforcing: 0)
        let decoded = try XDR.decode(RemoteDomainGetSecurityLabelRet.self, from: XDR.encode(ret))
        #expect(decoded.label.string == "unconfined")
        #expect(decoded.label.bytes.last == 0)
        #expect(XDRFixedCharArray32(String(repeating: "z", count: 40)).string.count == 31)
        #expect(try XDR.encode(XDRFixedCharArray32("a")).readableBytes == 128)
    }

    @Test func opaquePadding() throws {
        #expect(try XDR.encode(XDROpaque([1, 2, 3, 4, 5])).bytes == hex("00000005 01020304 05000000"))
        #expect(try XDR.encode(XDROpaque([])).bytes == hex("00000000"))
        #expect(throws: XDRError.truncated) { try XDR.decode(XDROpaque.self, from: buffer(hex("00000005 01020304 05"))) }
    }

    @Test func typedParamUnion() throws {
        let record = sampleStatsRecord(9)
        #expect(try XDR.decode(RemoteDomainStatsRecord.self, from: XDR.encode(record)) == record)
        let int = RemoteTypedParam(field: "x", value: .int(-1))
        #expect(try XDR.encode(int).bytes == hex("00000001 78000000 00000001 ffffffff"))
        #expect(throws: XDRError.invalidDiscriminant(8)) {
            try XDR.decode(RemoteTypedParam.self, from: buffer(hex("00000001 78000000 00000008 ffffffff")))
        }
        #expect(try XDR.encode(RemoteTypedParamValue.double(1.5)).bytes == hex("00000005 3ff80000 00000000"))
    }

    @Test func sizedIntegersOnly() {
        struct Bad: Codable { var count: Int }
        #expect(throws: XDRError.self) { try XDR.encode(Bad(count: 1)) }
        #expect(throws: XDRError.self) { try XDR.decode(Bad.self, from: buffer(hex("00000001"))) }
    }

    @Test func frameEncoderRefusesOversizePackets() {
        let header = RPCHeader(program: RPCProgram.remote, procedure: 7, type: .reply, serial: 1)
        var out = ByteBuffer()
        let opaque = XDROpaque([UInt8](repeating: 1, count: RPCLimits.maxPayload))
        #expect(throws: XDRError.self) { try RPCFrameEncoder.encode(header: header, body: opaque, into: &out) }
        #expect(out.readableBytes == 0)
    }

    @Test func remoteErrorKeepsUnknownNumbers() throws {
        var virt = VirtError(code: ErrorCode(rawValue: 9999), domain: ErrorDomain(rawValue: 777), message: "odd", level: .warning)
        virt.str1 = "one"
        virt.str3 = "three"
        virt.int1 = 4
        let wire = RemoteError(virt)
        #expect(wire.code == 9999 && wire.domain == 777 && wire.level == 1)
        let back = try XDR.decode(RemoteError.self, from: XDR.encode(wire)).virError
        #expect(back.code.rawValue == 9999)
        #expect(back.domain.rawValue == 777)
        #expect(back.message == "odd")
        #expect(back.level == .warning)
        #expect(back.str1 == "one" && back.str2 == nil && back.str3 == "three")
        #expect(back.int1 == 4 && back.int2 == -1)
        // libvirt's own wording survives too.
        let noDomain = VirtError(.noDomain, .qemu, "no domain with matching name 'x'")
        let trip = try XDR.decode(RemoteError.self, from: XDR.encode(RemoteError(noDomain))).virError
        #expect(trip.message == noDomain.message)
        #expect(trip.str1 == noDomain.str1 && trip.str2 == noDomain.str2)
    }
}
