import Testing
import VirtModel

@Suite struct ErrorMessageTests {
    @Test("messages are composed as libvirt composes them")
    func composition() {
        #expect(VirtError(.noDomain, .test).message == "Domain not found")
        #expect(VirtError(.noDomain, .test, "no domain with matching name 'x'").message
            == "Domain not found: no domain with matching name 'x'")
        #expect(VirtError(.operationInvalid, .domain, "domain is not running").message
            == "Requested operation is not valid: domain is not running")
        #expect(VirtError(.noConnect, .none, "foo").message == "no connection driver available for foo")
        #expect(VirtError(.xmlDetail, .domain, "bad").message == "bad")
        #expect(VirtError(.domExist, .domain, "x").message == "domain x exists already")
        #expect(VirtError(.noSupport, .none, "virDomainFoo").message
            == "this function is not supported by the connection driver: virDomainFoo")
    }

    @Test("codes and domains carry libvirt's numbers")
    func numbers() {
        #expect(ErrorCode.noDomain.rawValue == 42)
        #expect(ErrorCode.operationDenied.rawValue == 29)
        #expect(ErrorCode.xmlInvalidSchema.rawValue == 92)
        #expect(ErrorDomain.test.rawValue == 12)
        #expect(ErrorDomain.domain.rawValue == 20)
        #expect(ErrorDomain.qemu.rawValue == 10)
        #expect(ErrorDomain.libxl.rawValue == 41)
    }

    @Test("argument errors keep the plain wording")
    func arguments() {
        let error = VirtError.invalidArgument("maplen", of: "virDomainPinVcpu", "maplen in virDomainPinVcpu must be greater than zero")
        #expect(error.code == .invalidArg)
        #expect(error.message == "maplen in virDomainPinVcpu must be greater than zero")
        #expect(error.str1 == "virDomainPinVcpu")
        #expect(error.str2 == "maplen")
    }

    @Test("versions encode as libvirt's numbers")
    func versions() {
        #expect(VersionNumber(major: 9, minor: 0, release: 0).encoded == 9_000_000)
        #expect(VersionNumber(encoded: 7_002_011) == VersionNumber(major: 7, minor: 2, release: 11))
        #expect(VersionNumber(parsing: "4.17.7-pre") == VersionNumber(major: 4, minor: 17, release: 7))
        #expect(VersionNumber(parsing: "x") == nil)
    }
}
