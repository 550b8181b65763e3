import FoundationEssentials
import Testing
import VirtRPC

@Suite struct ProcedureTableTests {
    /// The shared reference beside the repository (as CI lays it out): libvirt 9.0's procedure numbering.
    static let jsonPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/libvirt-9.0-procedures.json").path

    struct Pair: Decodable {
        var number: Int
        var name: String
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            number = try container.decode(Int.self)
            name = try container.decode(String.self)
        }
    }

    static func load(_ program: String) throws -> [(Int32, String)] {
        let data = try Data(contentsOf: URL(fileURLWithPath: jsonPath))
        let programs = try JSONDecoder().decode([String: [Pair]].self, from: data)
        return (programs[program] ?? []).filter { $0.name != "unknown" }.map { (Int32($0.number), $0.name.uppercased()) }
    }

    @Test
    func remoteTableMatchesTheJSON() throws {
        let procs = try Self.load("536903814_1")
        #expect(procs.count == 443)
        for (number, name) in procs {
            #expect(RemoteProcedure(rawValue: number).name == name)
            #expect(RemoteProcedure(name: name)?.rawValue == number)
        }
        #expect(RemoteProcedure.all.count == procs.count)
    }

    @Test
    func keepaliveTableMatchesTheJSON() throws {
        let procs = try Self.load("1801807216_1")
        #expect(procs.count == 2)
        for (number, name) in procs {
            #expect(KeepaliveProcedure(rawValue: number).name == name)
            #expect(KeepaliveProcedure(name: name)?.rawValue == number)
        }
    }

    @Test
    func otherProgramTablesMatchTheJSON() throws {
        for (number, name) in try Self.load("536903815_1") {
            #expect(QemuProcedure(rawValue: number).name == name)
            #expect(QemuProcedure(name: name)?.rawValue == number)
        }
        for (number, name) in try Self.load("425984_1") {
            #expect(LxcProcedure(rawValue: number).name == name)
            #expect(LxcProcedure(name: name)?.rawValue == number)
        }
        let admin = try Self.load("110102160_1")
        #expect(admin.count == AdminProcedure.all.count)
        for (number, name) in admin {
            #expect(AdminProcedure(rawValue: number).name == name)
            #expect(AdminProcedure(name: name)?.rawValue == number)
        }
        #expect(QemuProcedure.domainMonitorCommand.rawValue == 1)
    }

    @Test func knownNumbers() {
        #expect(RemoteProcedure.connectOpen.rawValue == 1)
        #expect(RemoteProcedure.connectOpen.name == "CONNECT_OPEN")
        #expect(RemoteProcedure.domainEventReboot.rawValue == 169)
        #expect(RemoteProcedure.domainEventCallbackLifecycle.rawValue == 318)
        #expect(RemoteProcedure.connectGetAllDomainStats.rawValue == 344)
        #expect(RemoteProcedure.domainFdAssociate.rawValue == 443)
        #expect(RemoteProcedure(rawValue: 444).name == nil)
        #expect(RemoteProcedure(rawValue: 0).name == nil)
        #expect(RemoteProcedure(rawValue: -5).description == "procedure -5")
        #expect(RemoteProcedure(name: "NO_SUCH") == nil)
        #expect(KeepaliveProcedure.ping.rawValue == 1 && KeepaliveProcedure.pong.rawValue == 2)
    }

    @Test func messageStructsNameTheirProcedure() {
        #expect(RemoteConnectOpenArgs.procedure == .connectOpen)
        #expect(RemoteDomainEventCallbackRebootMsg.procedure == .domainEventCallbackReboot)
        #expect(RemoteConnectGetAllDomainStatsRet.procedure.rawValue == 344)
    }
}
