import Foundation
import Testing
import VirtDriver
import VirtOS
@testable import VirtQEMU

/// A client killed between taking a new domain's lock and recording the domain leaves `<uuid>.lock` with
/// no domain behind it (the Xen lab's kill scenario found one): the watcher's sweep removes such files, and
/// only those.
@Suite struct OrphanedLockTests {
    @Test("only the free lock files of domains that do not exist are removed")
    func sweep() async throws {
        let root = try EmbeddedRoot()
        guard case .opened(let opened) = try await QEMUDriverFactory.connectDriver.open(try ConnectURI(parsing: root.uri), false),
              let driver = opened as? QEMUDriver else {
            Issue.record("qemu:///embed declined")
            return
        }
        defer { driver.connectClose() }
        let defined = try await driver.domainDefineXML(EmbeddedRoot.xml("kept"), flags: [])
        let definedLock = "\(root.run)/\(defined.uuid.libvirtString).lock"
        FileManager.default.createFile(atPath: definedLock, contents: nil)
        let orphan = "\(root.run)/\(UUID().libvirtString).lock"
        FileManager.default.createFile(atPath: orphan, contents: nil)
        let busy = "\(root.run)/\(UUID().libvirtString).lock"
        let held = try #require(try FileLock.tryLock(busy), "a lock a client is taking for a domain it is creating")
        defer { held.unlock() }
        let driverLock = "\(root.run)/driver.lock"
        FileManager.default.createFile(atPath: driverLock, contents: nil)

        await driver.removeOrphanedDomainLocks()
        #expect(!FileManager.default.fileExists(atPath: orphan), "the orphan is gone")
        #expect(FileManager.default.fileExists(atPath: definedLock), "a defined domain's lock stays")
        #expect(FileManager.default.fileExists(atPath: busy), "a held lock stays")
        #expect(FileManager.default.fileExists(atPath: driverLock), "not a domain's lock")
    }
}
