import Testing
import VirtDriver

@Suite struct DomainListFilterTests {
    static let running = DomainListFacts(isActive: true, isPersistent: true, state: .running)
    static let transientPaused = DomainListFacts(isActive: true, isPersistent: false, state: .paused)
    static let defined = DomainListFacts(isActive: false, isPersistent: true, state: .shutoff, autostart: true)
    static let crashed = DomainListFacts(isActive: true, isPersistent: true, state: .crashed)

    @Test("within a group any bit matches; across groups all must", arguments: [
        (DomainListFlags(), [true, true, true, true]),
        ([.active], [true, true, false, true]),
        ([.active, .inactive], [true, true, true, true]),
        ([.transient], [false, true, false, false]),
        ([.active, .persistent], [true, false, false, true]),
        ([.paused, .shutoff], [false, true, true, false]),
        ([.other], [false, false, false, true]),
        ([.autostart], [false, false, true, false]),
        ([.noManagedSave, .noSnapshot, .noCheckpoint], [true, true, true, true]),
        ([.hasSnapshot], [false, false, false, false]),
    ] as [(DomainListFlags, [Bool])])
    func admits(flags: DomainListFlags, expected: [Bool]) {
        #expect([Self.running, Self.transientPaused, Self.defined, Self.crashed].map(flags.admits) == expected)
    }
}

@Suite struct ModificationImpactTests {
    @Test func currentFollowsTheDomainsState() throws {
        #expect(try DomainModificationFlags.current.impact(isActive: true, isPersistent: true) == (true, false))
        #expect(try DomainModificationFlags.current.impact(isActive: false, isPersistent: true) == (false, true))
        #expect(try ([.live, .config] as DomainModificationFlags).impact(isActive: true, isPersistent: true) == (true, true))
    }

    @Test func whatCannotApplyIsRefusedAsLibvirtDoes() {
        let inactive = #expect(throws: VirtError.self) {
            try DomainModificationFlags.live.impact(isActive: false, isPersistent: true)
        }
        #expect(inactive?.message == "Requested operation is not valid: domain is not running")
        let transient = #expect(throws: VirtError.self) {
            try DomainModificationFlags.config.impact(isActive: true, isPersistent: false)
        }
        #expect(transient?.message == "Requested operation is not valid: transient domains do not have any persistent config")
    }
}
