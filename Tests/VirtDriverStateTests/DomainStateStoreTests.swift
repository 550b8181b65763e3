import Foundation
import Testing
import VirtDriver
import VirtDriverState
import VirtXML

/// A driver's store as small as one can be: the shared files with the test driver's XML defaults.
struct SampleStore: DomainStateStore {
    struct Directories: DomainStatePaths {
        var config: String
        var run: String
        var log: String
    }

    struct Status: DomainStatusRecord, Equatable {
        var name: String
        var id: Int32
    }

    let paths: Directories
    var errorDomain: ErrorDomain { .qemu }

    init(root: String) {
        paths = Directories(config: root + "/etc", run: root + "/run", log: root + "/log")
    }

    func parseDefinition(_ xml: String, live: Bool) throws(VirtError) -> DomainDefinition {
        try DomainDefinition(xml: xml, defaults: .libvirtTestDriver, options: live ? .live : [])
    }
}

@Suite struct DomainStateStoreTests {
    static let xml = "<domain type='test'><name>guest</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>"

    @Test func persistentAndRunningFilesAreSeparate() throws {
        let scratch = try ScratchDirectory()
        let store = SampleStore(root: scratch.path)
        try store.paths.createDirectories(errorDomain: .qemu)
        #expect(store.persistentNames().isEmpty && store.runningNames().isEmpty)

        var def = try store.parseDefinition(Self.xml, live: false)
        try store.writePersistent(def)
        #expect(store.persistentNames() == ["guest"])
        #expect(try store.persistentDefinition(named: "guest") == def)
        #expect(try store.persistentDefinition(named: "other") == nil)

        store.recordStopReason(.saved, named: "guest")
        #expect(store.stopReason(named: "guest") == .saved)
        def.id = 4
        try store.writeRunning(SampleStore.Status(name: "guest", id: 4), definition: def)
        #expect(store.runningNames() == ["guest"])
        #expect(store.recordedStatus(named: "guest") == SampleStore.Status(name: "guest", id: 4))
        #expect(try store.liveDefinition(named: "guest")?.id == 4)
        #expect(try store.persistentDefinition(named: "guest")?.id == nil)
        #expect(store.stopReason(named: "guest") == .unknown, "starting forgets why the domain last stopped")

        try store.removePersistent(named: "guest")
        #expect(store.persistentNames().isEmpty && store.runningNames() == ["guest"])
    }

    @Test func unreadableFilesNameThePathAndTheDriver() throws {
        let scratch = try ScratchDirectory()
        let store = SampleStore(root: scratch.path)
        try store.paths.createDirectories(errorDomain: .qemu)
        try FileManager.default.createDirectory(atPath: store.paths.definition("dir"), withIntermediateDirectories: true)
        let error = #expect(throws: VirtError.self) { try store.readText(store.paths.definition("dir")) }
        #expect(error?.domain == .qemu)
        #expect(error?.message.contains("cannot read '\(store.paths.definition("dir"))'") == true)
        #expect(store.recordedStatus(named: "bad") == nil)
    }

    @Test func definitionsThatCannotBeReadAreSkippedWithAWarning() throws {
        let scratch = try ScratchDirectory()
        let store = SampleStore(root: scratch.path)
        try store.paths.createDirectories(errorDomain: .qemu)
        try FileManager.default.createDirectory(atPath: store.paths.definition("dir"), withIntermediateDirectories: true)
        try scratch.write("etc/bad.xml", Array("<domain".utf8))
        #expect(store.persistentDefinition(named: "dir") == nil)
        #expect(store.persistentDefinition(named: "bad") == nil)
        let warnings = Warnings.shared.recent
        #expect(warnings.contains("Failed to load config for domain 'dir': internal error: cannot read '\(store.paths.definition("dir"))': not a regular file"))
        #expect(warnings.contains { $0.hasPrefix("Failed to load config for domain 'bad': (domain_definition):1: ") })
    }

    @Test func aHeldLockMakesTheSecondCallerTimeOut() async throws {
        let scratch = try ScratchDirectory()
        let lock = DomainLock(errorDomain: .libxl, timeoutNanoseconds: 200_000_000)
        let path = scratch.path + "/d.lock"
        try await lock.withLock(path, what: "domain 'd'") { () async throws(VirtError) in
            let error = await #expect(throws: VirtError.self) {
                try await lock.withLock(path, what: "domain 'd'") { () async throws(VirtError) in }
            }
            #expect(error?.code == .operationTimeout)
            #expect(error?.message.contains("domain 'd'") == true)
        }
        try await lock.withLock(path, what: "domain 'd'") { () async throws(VirtError) in }
    }
}
