import Testing
import VirtModel

/// Numbers read as libvirt's virStrToLong family reads them (strtol/strtoul plus libvirt's checks).
@Suite struct CNumberTests {
    @Test("white space, signs and bases as C reads them")
    func spellings() {
        #expect(CNumber.uint32(" 42", wrap: false) == 42)
        #expect(CNumber.uint32("\t\n12", wrap: false) == 12)
        #expect(CNumber.uint32("+3", wrap: false) == 3)
        #expect(CNumber.uint32("12 ", wrap: false) == nil)
        #expect(CNumber.uint32("12x", wrap: false) == nil)
        #expect(CNumber.uint32("", wrap: false) == nil)
        #expect(CNumber.uint32(" ", wrap: false) == nil)
        #expect(CNumber.uint32("+", wrap: false) == nil)
        #expect(CNumber.int32("0x10", base: 0) == 16)
        #expect(CNumber.int32("0x10") == nil)
        #expect(CNumber.uint32("0x1f", wrap: false, base: 0) == 31)
        #expect(CNumber.uint32("0x1f", wrap: false, base: 16) == 31)
        #expect(CNumber.uint32("1f", wrap: false, base: 16) == 31)
        #expect(CNumber.uint32("010", wrap: false, base: 0) == 8)
        #expect(CNumber.uint32("08", wrap: false, base: 0) == nil)
        // "0x" without a hex digit is 0 followed by "x".
        #expect(CNumber.int32("0x", base: 0) == nil)
        #expect(CNumber.int32Prefix("0xg", base: 0).map { [String($0.value), String($0.rest)] } == ["0", "xg"])
    }

    @Test("limits of each width")
    func limits() {
        #expect(CNumber.int32("2147483647") == Int32.max)
        #expect(CNumber.int32("2147483648") == nil)
        #expect(CNumber.int32("-2147483648") == Int32.min)
        #expect(CNumber.int32("-2147483649") == nil)
        #expect(CNumber.int64("9223372036854775807") == Int64.max)
        #expect(CNumber.int64("9223372036854775808") == nil)
        #expect(CNumber.int64("-9223372036854775808") == Int64.min)
        #expect(CNumber.uint32("4294967295", wrap: false) == UInt32.max)
        #expect(CNumber.uint32("4294967296", wrap: false) == nil)
        #expect(CNumber.uint64("18446744073709551615", wrap: false) == UInt64.max)
        #expect(CNumber.uint64("18446744073709551616", wrap: false) == nil)
        #expect(CNumber.uint64("99999999999999999999999", wrap: true) == nil)
    }

    @Test("a minus sign on an unsigned number wraps only where libvirt lets it (_ui, _ull; not _uip, _ullp)")
    func unsignedMinus() {
        #expect(CNumber.uint32("-1", wrap: false) == nil)
        #expect(CNumber.uint32("-0", wrap: false) == nil)
        #expect(CNumber.uint32("-1", wrap: true) == UInt32.max)
        #expect(CNumber.uint32("-4294967295", wrap: true) == 1)
        #expect(CNumber.uint32("-4294967296", wrap: true) == nil)
        #expect(CNumber.uint64("-1", wrap: true) == UInt64.max)
        #expect(CNumber.uint64("-1", wrap: false) == nil)
        #expect(CNumber.uint64("12abc", wrap: false) == nil)
    }

    @Test("with an end pointer, the rest is what follows the digits")
    func prefixes() {
        #expect(CNumber.uint64Prefix("5MiB", wrap: false).map { [String($0.value), String($0.rest)] } == ["5", "MiB"])
        #expect(CNumber.int32Prefix(" -7,8").map { [String($0.value), String($0.rest)] } == ["-7", ",8"])
        #expect(CNumber.int32Prefix("3é").map { String($0.rest) } == "é")
        #expect(CNumber.int32Prefix("x1") == nil)
        #expect(CNumber.uint64Prefix("-5k", wrap: false) == nil)
    }
}
