import Foundation
import Testing
import VirtDriverState
import VirtOS

/// When a watcher leaves: not while anything runs, and not while a domain's lock is held (a start in
/// progress, whose starter may die before it records the domain).
@Suite struct DriverWatcherTests {
    @Test("a watcher with nothing to watch leaves once idle; a held domain lock keeps it until released")
    func leavesOnlyWhenIdle() async throws {
        let scratch = try ScratchDirectory()
        let paths = SampleStore(root: scratch.path).paths
        try paths.createDirectories(errorDomain: .qemu)
        let idle = Duration.milliseconds(300)
        let clock = ContinuousClock()

        // Nothing runs, nothing is locked: it leaves (after the idle time) and lets go of its lock.
        #expect(await DriverWatcher.run(paths: paths, scanInterval: .milliseconds(20), idleExit: idle) { 0 } == 0)
        #expect(!FileLock.isHeld(paths.watcherLock))

        // A domain's lock held (as a starter holds it) keeps it watching; a console's lock does not count.
        let domainLock = try #require(try FileLock.tryLock(paths.domainLock(UUID().uuidString.lowercased())))
        let consoleLock = try #require(try FileLock.tryLock(paths.consoleLock(UUID().uuidString.lowercased(), device: "serial0")))
        defer { consoleLock.unlock() }
        #expect(paths.domainsBeingChanged() == 1)
        let release = Task {
            try await Task.sleep(for: .seconds(1.5))
            domainLock.unlock()
        }
        let held = await clock.measure {
            #expect(await DriverWatcher.run(paths: paths, scanInterval: .milliseconds(20), idleExit: idle) { 0 } == 0)
        }
        try await release.value
        #expect(held >= .seconds(1.5), "it left while a domain's lock was held")
    }
}
