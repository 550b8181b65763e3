import Foundation
import Testing

/// At most a few tests that run real guests (QEMU under TCG, a private libvirtd's guest) at once, across
/// every test target of the run (`swift test` runs them in one process).
///
/// Each booting or busy TCG guest takes a core; with every suite in parallel on a 2-core machine, six or
/// more guests ran at once (load above 12), and tests that wait a few seconds for a guest to act timed out
/// now and then. Suites that boot guests carry `.guestSlot`: each of their tests waits for a slot, and
/// the tests without guests go on in parallel meanwhile. `SWIFTVIRT_GUEST_SLOTS` sets how many (default 2).
public struct GuestSlot: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> GuestSlot? {
        test.isSuite ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // A test's cases run inside its own scope: one slot for the whole test, never two.
        if Self.held {
            try await function()
            return
        }
        await Self.slots.acquire()
        do {
            try await Self.$held.withValue(true) { try await function() }
        } catch {
            await Self.slots.release()
            throw error
        }
        await Self.slots.release()
    }

    @TaskLocal private static var held = false

    private static let slots = Slots(
        count: ProcessInfo.processInfo.environment["SWIFTVIRT_GUEST_SLOTS"].flatMap(Int.init).map { max(1, $0) } ?? 2)

    /// A counting semaphore whose waiters are served in order.
    private actor Slots {
        private var free: Int
        private var waiters: [CheckedContinuation<Void, Never>] = []

        init(count: Int) { free = count }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty {
                free += 1
            } else {
                waiters.removeFirst().resume()
            }
        }
    }
}

extension Trait where Self == GuestSlot {
    /// The tests run a real guest: they wait for one of the run's few guest slots (``GuestSlot``).
    public static var guestSlot: GuestSlot { GuestSlot() }
}
