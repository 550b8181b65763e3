import NIOCore
import Testing
import Virt
import VirtRPC
@testable import VirtDaemon

/// Every procedure libvirt 9.0 defines, called on a read-only connection: those that change anything are
/// refused with libvirtd's error before they run, the rest are not refused for being read-only.
@Suite("read-only connections")
struct ReadOnlyTests {
    /// The seed's procedures libvirtd refuses on read-only connections (observed against libvirtd 9.0).
    static let seedMutating: Set<Int32> = [
        9, 10, 11, 12, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 54, 55, 196, 199, 204, 231, 232, 233, 234, 258, 350,
    ]
    static let seedReading: Set<Int32> = [3, 4, 5, 6, 7, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 37, 51, 59, 60,
                                          110, 122, 149, 150, 151, 157, 183, 212, 230, 273, 293, 316, 317, 426]

    @Test("the table classifies the seed's procedures as libvirtd does")
    func seedClassification() throws {
        for number in Self.seedMutating {
            let entry = try #require(ProcedureTable.daemon.entry(number))
            #expect(entry.access == .mutates, "\(entry.procedure) should be refused on read-only connections")
        }
        for number in Self.seedReading {
            let entry = try #require(ProcedureTable.daemon.entry(number))
            #expect(entry.access == .reads, "\(entry.procedure) must stay allowed on read-only connections")
        }
    }

    @Test("every mutating procedure is refused with code 29, domain 20 and the API's name")
    func everyProcedure() async throws {
        let host = DaemonHost(drivers: .builtin)
        let client = DaemonClient(origin: .init(readOnlySocket: true, secure: true, root: true), host: host,
                                  authType: .none) { _, _ in }
        try await client.open(name: "test:///default", readOnlyFlag: false)
        defer { client.close() }
        var refused = 0
        for procedure in RemoteProcedure.all {
            guard let entry = ProcedureTable.daemon.entry(procedure.rawValue), entry.access == .mutates else { continue }
            // The smallest all-zero payload that decodes as the procedure's arguments: empty strings, absent
            // optionals, empty arrays, a nameless domain with the zero UUID.
            var outcome: VirtError?
            for length in stride(from: 0, through: 4096, by: 4) {
                do {
                    _ = try await entry.run(ByteBuffer(repeating: 0, count: length), client)
                    outcome = nil
                    break
                } catch {
                    outcome = error
                    if error.message != "Unable to decode message payload" { break }
                }
            }
            #expect(outcome?.code == .operationDenied && outcome?.domain == .domain,
                    "\(procedure): \(outcome?.message ?? "no error")")
            #expect(outcome?.message == "operation forbidden: read only access prevents \(entry.api)")
            refused += 1
        }
        #expect(refused >= Self.seedMutating.count)
    }
}
