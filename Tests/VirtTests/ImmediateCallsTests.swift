import Foundation
import Testing
import Virt

/// ``Connection/immediate``: the synchronous calls a C caller takes on test:/// answer exactly what their
/// `async` twins answer, values and errors alike, before and after the connection closes. On a node file
/// (Fixtures/node.xml): each connection to one has a host of its own, which no other suite changes.
@Suite struct ImmediateCallsTests {
    static let node = "test://" + URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/node.xml"

    /// The same call both ways; equal results or equal errors.
    func expectSame<Value: Equatable>(
        _ immediate: () throws(VirtError) -> Value, _ async: () async throws(VirtError) -> Value,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let now = Result { () throws(VirtError) in try immediate() }
        let later: Result<Value, VirtError>
        do throws(VirtError) { later = .success(try await async()) } catch { later = .failure(error) }
        #expect(now == later, sourceLocation: sourceLocation)
    }

    @Test("every immediate call answers as its async twin, hit or miss, open or closed")
    func sameAnswers() async throws {
        let conn = try await Connection.open(Self.node)
        let calls = try #require(conn.immediate, "test:/// answers its queries without waiting")
        let dom = try await conn.lookupDomain(name: "inline")
        let gone = UUID(uuidString: "0badc0de-0000-4000-8000-00000000d1e5")!

        for closed in [false, true] {
            if closed { conn.close() }
            await expectSame(calls.numberOfDomains, conn.numberOfDomains)
            await expectSame(calls.domainIDs, conn.domainIDs)
            await expectSame(calls.definedDomainNames, conn.definedDomainNames)
            for id: Int32 in [dom.id, 4242, -1] {
                await expectSame({ () throws(VirtError) in try calls.lookupDomain(id: id).name }) {
                    () async throws(VirtError) in try await conn.lookupDomain(id: id).name
                }
            }
            for name in ["inline", "stopped", "no-such-domain"] {
                await expectSame({ () throws(VirtError) in try calls.lookupDomain(name: name).uuid }) {
                    () async throws(VirtError) in try await conn.lookupDomain(name: name).uuid
                }
            }
            for uuid in [dom.uuid, gone] {
                await expectSame({ () throws(VirtError) in try calls.lookupDomain(uuid: uuid).id }) {
                    () async throws(VirtError) in try await conn.lookupDomain(uuid: uuid).id
                }
            }
            for text in [dom.uuidString, "not a uuid", gone.uuidString] {
                await expectSame({ () throws(VirtError) in try calls.lookupDomain(uuidString: text).name }) {
                    () async throws(VirtError) in try await conn.lookupDomain(uuidString: text).name
                }
            }
            await expectSame({ () throws(VirtError) in try calls.info(of: dom).state }) {
                () async throws(VirtError) in try await dom.info().state
            }
            await expectSame({ () throws(VirtError) in try calls.osType(of: dom) }, dom.osType)
            await expectSame({ () throws(VirtError) in try calls.maxMemory(of: dom) }, dom.maxMemory)
        }
    }

    @Test("a domain that is gone fails the same both ways")
    func goneDomain() async throws {
        let conn = try await Connection.open(Self.node)
        defer { conn.close() }
        let calls = try #require(conn.immediate)
        let xml = "<domain type='test'><name>immediate-gone</name><memory>1024</memory><os><type>hvm</type></os></domain>"
        let dom = try await conn.createDomain(xml: xml)
        try await dom.destroy()
        await expectSame({ () throws(VirtError) in try calls.info(of: dom).state }) {
            () async throws(VirtError) in try await dom.info().state
        }
        await expectSame({ () throws(VirtError) in try calls.maxMemory(of: dom) }, dom.maxMemory)
        await expectSame({ () throws(VirtError) in try calls.osType(of: dom) }, dom.osType)
    }
}
