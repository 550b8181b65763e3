import Foundation
import Testing
import VirtDriver
import VirtDriverState

@Suite struct HostEventLogTests {
    let domain = DomainRef(name: "web", uuid: UUID(libvirtString: "c7a5fdbd-cdaf-9455-926a-d65c16db1809")!, id: 3)

    /// Takes `count` events from a follower, failing after a few seconds.
    func take(_ count: Int, from stream: AsyncStream<DomainEvent>) async throws -> [DomainEvent] {
        try await withThrowingTaskGroup(of: [DomainEvent].self) { group in
            group.addTask {
                var taken: [DomainEvent] = []
                for await event in stream {
                    taken.append(event)
                    if taken.count == count { break }
                }
                return taken
            }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                throw CancellationError()
            }
            let first = try await group.next() ?? []
            group.cancelAll()
            return first
        }
    }

    @Test func followersSeeEveryKindAppendedAfterTheySubscribed() async throws {
        let scratch = try ScratchDirectory()
        let log = HostEventLog(path: scratch.path + "/events.log")
        log.append(DomainEvent(domain, .lifecycle(.definedAdded)))  // before: not seen
        let stream = log.follow()
        let sent: [DomainEvent] = [
            DomainEvent(domain, .lifecycle(.startedBooted)), DomainEvent(domain, .reboot),
            DomainEvent(domain, .balloonChange(131_072)), DomainEvent(domain, .controlError),
            DomainEvent(DomainRef(name: domain.name, uuid: domain.uuid, id: -1), .lifecycle(.stoppedShutdown)),
        ]
        for event in sent { log.append(event) }
        #expect(try await take(sent.count, from: stream) == sent)
    }

    @Test func aFollowerStartedBeforeTheLogExistsSeesItsFirstLine() async throws {
        let scratch = try ScratchDirectory()
        let log = HostEventLog(path: scratch.path + "/events.log")
        let stream = log.follow()
        log.append(DomainEvent(domain, .reboot))
        #expect(try await take(1, from: stream) == [DomainEvent(domain, .reboot)])
    }

    @Test func rotationLosesNothingAndBoundsTheFile() async throws {
        let scratch = try ScratchDirectory()
        let log = HostEventLog(path: scratch.path + "/events.log", rotationSize: 2048)
        let stream = log.follow()
        let sent = (0..<200).map { DomainEvent(domain, .balloonChange(UInt64($0))) }
        var received: [DomainEvent] = []
        // Batches of ten (about half a file), each read before the next is written: a follower that keeps up.
        for batch in stride(from: 0, to: sent.count, by: 10) {
            for event in sent[batch..<batch + 10] { log.append(event) }
            received += try await take(10, from: stream)
        }
        #expect(received == sent)
        let size = try FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int ?? .max
        #expect(size <= 2048 + 200)
        #expect(FileManager.default.fileExists(atPath: log.path + ".1"))
    }

    @Test func linesItCannotReadAreSkipped() async throws {
        let scratch = try ScratchDirectory()
        let log = HostEventLog(path: scratch.path + "/events.log")
        let stream = log.follow()
        let handle = try #require(FileHandle(forWritingAtPath: log.path) ?? {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            return FileHandle(forWritingAtPath: log.path)
        }())
        handle.seekToEndOfFile()
        handle.write(Data("not json\n{\"event\":99,\"id\":1,\"name\":\"x\",\"uuid\":\"c7a5fdbd-cdaf-9455-926a-d65c16db1809\"}\n".utf8))
        try handle.close()
        log.append(DomainEvent(domain, .reboot))
        #expect(try await take(1, from: stream) == [DomainEvent(domain, .reboot)])
    }
}
