import Foundation
import Testing
import Virt

/// test:///default through the public API, against what libvirt 9.0 does (values recorded from it).
/// One suite, serialised: test:///default is one shared state per process.
@Suite(.serialized)
struct DefaultTestDriverTests {
    let testUUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

    @Test("starts in libvirt 9.0's default state")
    func defaultState() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        #expect(try conn.hypervisorType() == "TEST")
        #expect(try await conn.hypervisorVersion().encoded == 2)
        #expect(try await conn.nodeInfo() == NodeInfo(
            model: "i686", memoryKiB: 3_145_728, cpus: 16, mhz: 1400, nodes: 2, sockets: 2, cores: 2, threads: 2))
        #expect(try await conn.numberOfDomains() == 1)
        #expect(try await conn.domainIDs() == [1])
        #expect(try await conn.definedDomainNames() == [])
        let dom = try await conn.lookupDomain(name: "test")
        #expect(dom.id == 1)
        #expect(dom.uuidString == testUUID)
        let info = try await dom.info()
        #expect(info.state == .running)
        #expect(info.maxMemoryKiB == 8_388_608)
        #expect(info.memoryKiB == 2_097_152)
        #expect(info.virtualCPUs == 2)
        #expect(try await dom.state() == DomainStateInfo.running(.unknown))
        #expect(try await dom.osType() == "linux")
        #expect(try await dom.maxMemory() == 8_388_608)
        #expect(try await dom.isPersistent())
        #expect(try await conn.lookupDomain(id: 1).name == "test")
        #expect(try await conn.lookupDomain(uuidString: testUUID).name == "test")
        #expect(try await conn.lookupDomain(uuid: dom.uuid).name == "test")
        #expect(try await conn.lookupDomain(uuidString: " 6695eb01f6a4830479aa97f2502e193f ").name == "test")
    }

    @Test("connections share the default state until the last one closes")
    func sharing() async throws {
        let first = try await Connection.open("test:///default")
        let second = try await Connection.open("test:///default")
        try await first.lookupDomain(name: "test").suspend()
        #expect(try await second.lookupDomain(name: "test").state().state == .paused)
        first.close()
        #expect(try await second.lookupDomain(name: "test").state().state == .paused)
        second.close()
        let third = try await Connection.open("test:///default")
        defer { third.close() }
        #expect(try await third.lookupDomain(name: "test").state().state == .running)
    }

    @Test("the state machine refuses what libvirt refuses, with its codes and messages")
    func stateMachine() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        await expectVirtError(.internalError, .test, "internal error: domain 'test' not paused") { try await dom.resume() }
        await expectVirtError(.internalError, .test, "internal error: Domain 'test' is already running") { try await dom.start() }
        try await dom.suspend()
        #expect(try await dom.state() == DomainStateInfo.paused(.user))
        await expectVirtError(.internalError, .test, "internal error: domain 'test' not running") { try await dom.suspend() }
        try await dom.shutdown()
        #expect(try await dom.state() == DomainStateInfo.shutoff(.shutdown))
        #expect(dom.id == -1)
        let notRunning = "Requested operation is not valid: domain is not running"
        await expectVirtError(.operationInvalid, .domain, notRunning) { try await dom.destroy() }
        await expectVirtError(.internalError, .test, "internal error: domain 'test' not running") { try await dom.shutdown() }
        await expectVirtError(.operationInvalid, .domain, notRunning) { try await dom.reboot() }
        await expectVirtError(.operationInvalid, .domain, notRunning) { try await dom.save(to: "/tmp/never.sav") }
        await expectVirtError(.operationInvalid, .domain, notRunning) { try await dom.setMemory(1000) }
        await expectVirtError(.operationInvalid, .domain, notRunning) { try await dom.setVcpus(1) }
        await expectVirtError(.operationInvalid, .test,
                              "Requested operation is not valid: cannot list vcpus for an inactive domain") { try await dom.vcpus() }
        await expectVirtError(.operationInvalid, .test,
                              "Requested operation is not valid: cannot pin vcpus on an inactive domain") {
            try await dom.pinVcpu(0, to: CPUMap(bytes: [1]))
        }
        #expect(try await conn.numberOfDomains() == 0)
        #expect(try await conn.definedDomainNames() == ["test"])
        try await dom.start()
        #expect(dom.id == 2)
        #expect(try await dom.state() == DomainStateInfo.running(.booted))
        try await dom.destroy()
        #expect(try await dom.state() == DomainStateInfo.shutoff(.destroyed))
    }

    @Test("memory and vCPU changes follow live versus persistent definitions")
    func resources() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        await expectVirtError(.operationInvalid, .test,
                              "Requested operation is not valid: cannot resize the maximum memory on an active domain") {
            try await dom.setMaxMemory(100_000)
        }
        await expectVirtError(.invalidArg, .test, "invalid argument: cannot set memory higher than max memory") {
            try await dom.setMemory(99_999_999)
        }
        await expectVirtError(.invalidArg, .test,
                              "invalid argument: requested cpu amount exceeds maximum supported amount (40 > 32)") {
            try await dom.setVcpus(40)
        }
        await expectVirtError(.invalidArg, .test, "invalid argument: requested cpu amount exceeds maximum (3 > 2)") {
            try await dom.setVcpus(3)
        }
        await expectVirtError(.invalidArg, .domain, "nvcpus in virDomainSetVcpus must not be zero") { try await dom.setVcpus(0) }
        await expectVirtError(.invalidArg, .domain, "memory in virDomainSetMemory must not be zero") { try await dom.setMemory(0) }
        await expectVirtError(.invalidArg, .domain,
                              "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive") {
            try await dom.setMemory(6000, flags: [.live, .config])
        }

        try await dom.setMemory(1_048_576)
        try await dom.setVcpus(1)
        try await dom.pinVcpu(0, to: CPUMap(cpuCount: 8, usable: [1, 2]))
        await expectVirtError(.invalidArg, .test, "invalid argument: requested vcpu '1' is not present in the domain") {
            try await dom.pinVcpu(1, to: CPUMap(bytes: [1]))
        }
        let info = try await dom.info()
        #expect(info.memoryKiB == 1_048_576)
        #expect(info.virtualCPUs == 1)
        let vcpus = try await dom.vcpus()
        #expect(vcpus.count == 1)
        #expect(vcpus[0].cpu == 2)
        #expect(vcpus[0].affinity.usableCPUs == [1, 2])

        // The persistent definition did not change.
        let persistent = try await dom.xmlDescription(flags: .inactive)
        #expect(persistent.contains("<currentMemory unit='KiB'>2097152</currentMemory>"))
        #expect(persistent.contains("<vcpu placement='static'>2</vcpu>"))
        #expect(!persistent.contains("vcpupin"))
        let live = try await dom.xmlDescription()
        #expect(live.contains("<domain type='test' id='1'>"))
        #expect(live.contains("<currentMemory unit='KiB'>1048576</currentMemory>"))
        #expect(live.contains("<vcpu placement='static' current='1'>2</vcpu>"))
        #expect(live.contains("<vcpupin vcpu='0' cpuset='1-2'/>"))

        // A config change while running lands in the persistent definition only.
        try await dom.setMemory(6000, flags: .config)
        #expect(try await dom.info().memoryKiB == 1_048_576)
        #expect(try await dom.xmlDescription(flags: .inactive).contains("<currentMemory unit='KiB'>6000</currentMemory>"))

        // After shutdown the persistent definition is what remains.
        try await dom.destroy()
        #expect(try await dom.info().memoryKiB == 6000)
        try await dom.setMaxMemory(5000)
        #expect(try await dom.info().maxMemoryKiB == 5000)
        #expect(try await dom.info().memoryKiB == 5000)
    }

    @Test("save writes a file restore brings back, with the live definition")
    func saveRestore() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        try await dom.setMemory(5000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftvirt-\(UUID()).sav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await dom.save(to: path)
        #expect(dom.id == -1)
        #expect(try await dom.state() == DomainStateInfo.shutoff(.saved))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Array("TestGuestMagic".utf8) + [0]))
        let restored = try await conn.restoreDomain(from: path)
        #expect(restored.name == "test")
        #expect(restored.id == 2)
        #expect(try await restored.state() == DomainStateInfo.running(.restored))
        #expect(try await restored.info().memoryKiB == 5000)

        await expectVirtError(.systemError, .test,
                              "cannot read domain image '/nonexistent': No such file or directory") {
            try await conn.restoreDomain(from: "/nonexistent")
        }
        let garbage = path + ".garbage"
        try Data("hello world garbage".utf8).write(to: URL(fileURLWithPath: garbage))
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        await expectVirtError(.internalError, .test, "internal error: mismatched header magic") {
            try await conn.restoreDomain(from: garbage)
        }
    }

    @Test("restore reads the header first: an endless file fails at once, as libvirt's does")
    func restoreReadsTheHeaderFirst() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        await expectVirtError(.internalError, .test, "internal error: mismatched header magic") {
            try await conn.restoreDomain(from: "/dev/zero")
        }
        // A good magic and a huge announced length: refused before anything of that length is read.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftvirt-\(UUID()).sav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Array("TestGuestMagic".utf8) + [0, 0xff, 0xff, 0xff, 0x7f]).write(to: URL(fileURLWithPath: path))
        await expectVirtError(.internalError, .test, "internal error: length of metadata out of range") {
            try await conn.restoreDomain(from: path)
        }
        try Data(Array("TestGuestMagic".utf8) + [0, 100, 0, 0, 0] + Array("<domain".utf8)).write(to: URL(fileURLWithPath: path))
        await expectVirtError(.systemError, .test, "incomplete metadata in '\(path)': Success") {
            try await conn.restoreDomain(from: path)
        }
    }

    @Test("a failed save leaves a file it did not create in place (libvirt's test driver deletes it)",
          .enabled(if: getuid() == 0, "makes a device node"))
    func failedSaveKeepsExistingFile() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        // A private /dev/full: every write fails with ENOSPC after the open succeeds.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swiftvirt-full-\(UUID())").path
        #expect(mknod(path, S_IFCHR | 0o600, dev_t(1 << 8 | 7)) == 0)  // makedev(1, 7)
        defer { unlink(path) }
        await expectVirtError(.systemError, .test,
                              "saving domain 'test' to '\(path)': write failed: No space left on device") {
            try await dom.save(to: path)
        }
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try await dom.state().state == .running)
    }

    @Test("a vCPU count beyond what any code can allocate for is refused at define, not later in vcpuinfo")
    func hugeVcpuCountsAreRefused() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        for count in ["4294967295", "-1"] {
            let xml = "<domain type='test'><name>huge</name><memory>65536</memory><vcpu>\(count)</vcpu><os><type>hvm</type></os></domain>"
            await expectVirtError(.configUnsupported, .domain,
                                  "unsupported configuration: vCPU count '\(count)' is out of range: at most 16384 vCPUs are supported") {
                try await conn.defineDomain(xml: xml)
            }
        }
        await expectVirtError(.noDomain, .test, "Domain not found") { try await conn.lookupDomain(name: "huge") }
    }

    @Test("transient domains vanish when they stop; define, start and undefine persistent ones")
    func definitions() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let xml = """
            <domain type='test'><name>t1</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
            <memory>65536</memory><os><type>hvm</type></os></domain>
            """
        let transient = try await conn.createDomain(xml: xml)
        #expect(transient.id == 2)
        #expect(try await !transient.isPersistent())
        try await transient.destroy()
        await expectVirtError(.noDomain, .test, "Domain not found") { try await conn.lookupDomain(name: "t1") }

        let defined = try await conn.defineDomain(xml: xml)
        #expect(defined.id == -1)
        #expect(try await conn.definedDomainNames() == ["t1"])
        try await defined.start()
        #expect(defined.id == 3)
        try await defined.undefine()
        #expect(try await !defined.isPersistent())
        try await defined.shutdown()
        #expect(defined.id == -1)
        await expectVirtError(.noDomain, .test, "Domain not found") { try await conn.lookupDomain(name: "t1") }

        let other = xml.replacingOccurrences(of: "4dea22b3", with: "5dea22b3")
        _ = try await conn.defineDomain(xml: xml)
        await expectVirtError(.operationFailed, .domain,
                              "operation failed: domain 't1' already exists with uuid 4dea22b3-1d52-d8f3-2516-782e98ab3fa0") {
            try await conn.defineDomain(xml: other)
        }
        let renamed = xml.replacingOccurrences(of: "<name>t1</name>", with: "<name>t2</name>")
        await expectVirtError(.operationFailed, .domain,
                              "operation failed: domain 't1' is already defined with uuid 4dea22b3-1d52-d8f3-2516-782e98ab3fa0") {
            try await conn.defineDomain(xml: renamed)
        }
        try await conn.lookupDomain(name: "t1").undefine()
    }

    @Test("has no consoles, as libvirt's test driver has none")
    func noConsole() async throws {
        let conn = try await Connection.open("test:///default")
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        await expectVirtError(.noSupport, .domain, "this function is not supported by the connection driver: virDomainOpenConsole") {
            _ = try await dom.openConsole()
        }
    }

    @Test("a read-only connection refuses every change")
    func readOnly() async throws {
        let conn = try await Connection.open("test:///default", readOnly: true)
        defer { conn.close() }
        let dom = try await conn.lookupDomain(name: "test")
        #expect(try await dom.info().state == .running)
        func denied(_ function: String) -> String { "operation forbidden: read only access prevents \(function)" }
        await expectVirtError(.operationDenied, .domain, denied("virDomainSuspend")) { try await dom.suspend() }
        await expectVirtError(.operationDenied, .domain, denied("virDomainDestroy")) { try await dom.destroy() }
        await expectVirtError(.operationDenied, .domain, denied("virDomainDefineXML")) {
            try await conn.defineDomain(xml: "<domain/>")
        }
        await expectVirtError(.operationDenied, .domain, denied("virDomainSetMemory")) { try await dom.setMemory(1) }
        await expectVirtError(.operationDenied, .domain, denied("virDomainOpenConsole")) { _ = try await dom.openConsole() }
        await expectVirtError(.operationDenied, .domain, denied("virDomainPinVcpu")) {
            try await dom.pinVcpu(0, to: CPUMap(bytes: [1]))
        }
        await expectVirtError(.operationDenied, .domain, "operation forbidden: virDomainGetXMLDesc with secure flag") {
            try await dom.xmlDescription(flags: .secure)
        }
        #expect(try await dom.state().state == .running)
    }
}
