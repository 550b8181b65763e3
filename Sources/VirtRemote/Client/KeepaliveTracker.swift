/// libvirt's keepalive rule for one side of a connection, as pure state (virkeepalive.c): the timer fires
/// every `interval` seconds; a tick after a whole interval of silence sends a PING, and the tick after
/// `count` unanswered PINGs declares the peer dead. Anything heard from the peer resets the count. So a
/// frozen peer is declared dead after at most (count + 1) x interval seconds, as with libvirt.
struct KeepaliveTracker: Sendable, Equatable {
    enum Tick: Equatable {
        case nothing
        case ping
        case dead
    }

    /// Seconds between ticks.
    let interval: Int
    /// Unanswered PINGs tolerated.
    let count: Int
    private var heardSinceLastTick = true
    private var unansweredPings = 0

    init(interval: Int, count: Int) {
        self.interval = interval
        self.count = count
    }

    /// The peer said something (any packet counts, as in libvirt).
    mutating func heardFromPeer() {
        heardSinceLastTick = true
        unansweredPings = 0
    }

    mutating func tick() -> Tick {
        if heardSinceLastTick {
            heardSinceLastTick = false
            return .nothing
        }
        if unansweredPings >= count { return .dead }
        unansweredPings += 1
        return .ping
    }
}
