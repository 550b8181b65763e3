import Testing
import VirtModel

@Suite struct DomainStateTests {
    @Test("reasons are typed per state: the same number in two states is two different reasons")
    func reasonsAreTypedPerState() {
        // libvirt numbers running/booted, paused/user and shutoff/shutdown all 1.
        let states: [DomainStateInfo] = [.running(.booted), .paused(.user), .shutoff(.shutdown), .shutdown(.user), .crashed(.panicked)]
        #expect(Set(states).count == states.count)
        #expect(states.allSatisfy { $0.reasonCode == 1 })
        #expect(states.map(\.state) == [.running, .paused, .shutoff, .shutdown, .crashed])
    }

    @Test("libvirt's numbers round-trip, a newer peer's state and reason included")
    func numbersRoundTrip() {
        for state in DomainState.known + [DomainState(rawValue: 9)] {
            for code: Int32 in [0, 1, 5, 42] {
                let info = DomainStateInfo(state: state, reasonCode: code)
                #expect(info.state == state && info.reasonCode == code)
            }
        }
        #expect(DomainStateInfo(state: .running, reasonCode: 3) == .running(.restored))
        #expect(DomainStateInfo(state: .shutoff, reasonCode: 5) == .shutoff(.saved))
        #expect(DomainState(rawValue: 9).description == "no state")
        #expect(DomainState(rawValue: 9).isActive, "a state that is not shut off counts as active")
    }
}
