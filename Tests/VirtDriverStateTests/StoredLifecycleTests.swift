import Foundation
import Testing
import VirtDriver
import VirtDriverState
import VirtXML

/// A domain is defined, running, or both, never neither; what it is now is its live definition while it
/// runs, its persistent one otherwise.
@Suite struct StoredLifecycleTests {
    struct Running: StoredRunning {
        var definition: DomainDefinition
    }

    @Test func neitherIsNoDomainAndEachCaseSaysWhatItHas() throws {
        let persistent = DomainDefinition(type: "test", name: "d", uuid: UUID())
        var live = persistent
        live.id = 3
        #expect(StoredLifecycle<Running>(persistent: nil, running: nil) == nil)

        let shutOff = try #require(StoredLifecycle<Running>(persistent: persistent, running: nil))
        #expect(shutOff.persistent != nil && shutOff.running == nil && shutOff.current.id == nil)

        let transient = try #require(StoredLifecycle(persistent: nil, running: Running(definition: live)))
        #expect(transient.persistent == nil && transient.running != nil && transient.current.id == 3)

        let both = try #require(StoredLifecycle(persistent: persistent, running: Running(definition: live)))
        #expect(both.persistent?.id == nil && both.running?.definition.id == 3 && both.current.id == 3)
    }
}
