import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fast, seedable random number generator (SplitMix64): the same seed gives the same inputs, so a fuzz
/// failure can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One fuzz run over a reader: counts the inputs, times the slowest, keeps the first unexpected outcomes,
/// and reports peak memory. The checks (no crash is implicit: a crash ends the test process) are that no
/// input takes a second, nothing but the reader's own errors came out, and memory stayed bounded.
public struct FuzzRun {
    public let name: String
    public private(set) var inputs = 0
    public private(set) var accepted = 0
    public private(set) var unexpected: [String] = []
    public private(set) var slowest: Duration = .zero
    /// The slowest input, as `attempt` was given it (to replay it).
    public private(set) var slowestInput: [UInt8] = []
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    public init(name: String) {
        self.name = name
        started = clock.now
    }

    /// The input count from the environment (`variable`), or `default`: the suite runs a short version on
    /// every build, scripts/fuzz-inputs.sh the long one.
    public static func inputs(from variable: String, default count: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap { Int($0) } ?? count
    }

    /// Runs one input: `body` returns whether the reader accepted it, or throws what it refused it with;
    /// `expected` says whether a thrown error is the reader's own.
    public mutating func attempt(_ input: [UInt8], _ body: () throws -> Bool, expected: (any Error) -> Bool) {
        let before = clock.now
        do {
            if try body() { accepted += 1 }
        } catch where expected(error) {
        } catch {
            if unexpected.count < 10 { unexpected.append("\(error)") }
        }
        let took = clock.now - before
        if took > slowest {
            slowest = took
            slowestInput = input
        }
        inputs += 1
    }

    /// Writes the slowest input to /tmp/<name>-slowest (for replaying it) and returns the path.
    @discardableResult
    public func keepSlowestInput() -> String {
        let path = "/tmp/\(name)-slowest"
        try? Data(slowestInput).write(to: URL(fileURLWithPath: path))
        return path
    }

    public static var peakResidentMiB: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// What the run must not have seen: fewer inputs than asked, an error other than the reader's own, an
    /// input that took a second, or more than 512 MiB of memory.
    public func problems(expectedInputs: Int) -> [String] {
        var problems = unexpected.map { "unexpected error: \($0)" }
        if inputs != expectedInputs { problems.append("ran \(inputs) of \(expectedInputs) inputs") }
        if slowest >= .seconds(1) { problems.append("an input took \(slowest) (kept in \(keepSlowestInput()))") }
        if Self.peakResidentMiB >= 512 { problems.append("peak resident memory \(Self.peakResidentMiB) MiB") }
        return problems
    }

    /// One line for the log: what ran, how long, the slowest input and the process's peak memory.
    public var summary: String {
        "\(name): \(inputs) inputs in \(clock.now - started), \(accepted) accepted, slowest input \(slowest), "
            + "peak resident memory \(Self.peakResidentMiB) MiB"
    }
}

/// Damage of the kinds that make readers of binary headers misbehave: bit and byte flips, 32-bit lengths
/// and counts (either byte order) set to hostile values, truncation, insertion and removal of words, and
/// garbage.
public enum BinaryMutation {
    static let hostileWords: [UInt32] = [0, 1, 3, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x0100_0001, 16 << 20, (16 << 20) + 1]

    public static func mutate(_ bytes: inout [UInt8], rng: inout SeededGenerator) {
        let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0 where !bytes.isEmpty:
            bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:
            bytes[at] = UInt8.random(in: 0...255, using: &rng)
        case 2 where bytes.count >= 4, 3 where bytes.count >= 4:
            // Header words first: they are where lengths live.
            let word = Int.random(in: 0...min(bytes.count - 4, 40), using: &rng)
            let value = hostileWords[Int.random(in: 0..<hostileWords.count, using: &rng)]
            let encoded = Bool.random(using: &rng) ? value.littleEndian : value.bigEndian
            bytes.replaceSubrange(word..<word + 4, with: withUnsafeBytes(of: encoded, Array.init))
        case 4 where !bytes.isEmpty:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
        case 5:
            bytes.insert(contentsOf: (0..<4).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
        case 6 where bytes.count >= 4:
            bytes.removeSubrange(at..<min(bytes.count, at + 4))
        default:
            bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
    }
}

extension FuzzRun {
    /// A scratch file for inputs that are read from files: in /dev/shm where there is one (millions of
    /// rewrites should not touch a disk).
    public static func scratchPath(_ name: String) -> String {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        return directory + "swiftvirt-fuzz-\(name)-\(getpid())"
    }

    /// Replaces the file's contents with `bytes` (plain system calls: Foundation's writes cost more than the
    /// reads being tested).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(.EIO) }
    }
}
