import NIOCore
import VirtModel
import VirtRPC

/// Every REMOTE procedure virtd serves, each with what the dispatcher must know before running it: the
/// public API it stands for (named in read-only refusals), whether it changes anything (refused on read-only
/// connections, libvirtd's rule), and whether it may come before authentication or before CONNECT_OPEN.
/// Procedures not in the table are answered as libvirtd answers a procedure it does not know.
///
/// Handlers receive decoded argument structs and return reply structs: the XDR codec does all the bytes.
struct ProcedureTable: Sendable {
    enum Access: Sendable {
        /// Reads only: allowed on read-only connections.
        case reads
        /// Changes state: refused on read-only connections with VIR_ERR_OPERATION_DENIED naming `api`.
        case mutates
    }

    struct Entry: Sendable {
        let procedure: RemoteProcedure
        /// The public API the procedure stands for ("virDomainDestroy").
        let api: String
        let access: Access
        let allowedBeforeOpen: Bool
        let allowedBeforeAuthentication: Bool
        /// Decodes the arguments, runs the call, encodes the reply payload (empty for a void reply).
        let run: @Sendable (_ payload: ByteBuffer, _ client: DaemonClient) async throws(VirtError) -> ProcedureReply
    }

    /// What a call answers: its reply's payload and, for a call that opens a stream, the stream's local end
    /// (relayed as STREAM packets once the reply is written).
    struct ProcedureReply: Sendable {
        var payload: ByteBuffer
        var stream: ConsoleStream? = nil
    }

    private var entries: [Int32: Entry] = [:]

    /// The procedure's entry: its handler, or for a procedure libvirt defines but virtd does not serve, one
    /// that answers VIR_ERR_NO_SUPPORT.
    func entry(_ procedure: Int32) -> Entry? {
        entries[procedure] ?? Self.unsupportedEntry(RemoteProcedure(rawValue: procedure))
    }

    var all: [Entry] { entries.values.sorted { $0.procedure.rawValue < $1.procedure.rawValue } }

    /// Adds a procedure. `handler` gets the decoded arguments; what it returns is encoded as the reply.
    mutating func add<Args: Decodable & Sendable, Ret: Encodable & Sendable>(
        _ procedure: RemoteProcedure, _ api: String, _ access: Access,
        beforeOpen: Bool = false, beforeAuthentication: Bool = false,
        _ args: Args.Type, _ handler: @escaping @Sendable (Args, DaemonClient) async throws(VirtError) -> Ret
    ) {
        add(procedure, api, access, beforeOpen: beforeOpen, beforeAuthentication: beforeAuthentication, args) {
            args, client throws(VirtError) in
            let reply = try await handler(args, client)
            var output = ByteBuffer()
            do {
                try XDR.encode(reply, into: &output)
            } catch {
                throw VirtError(.internalError, .rpc, "cannot encode the reply of \(procedure): \(error)")
            }
            return ProcedureReply(payload: output)
        }
    }

    /// Adds a procedure that opens a stream: its reply is empty, then the stream `handler` opened is relayed.
    mutating func addStreamOpening<Args: Decodable & Sendable>(
        _ procedure: RemoteProcedure, _ api: String, _ access: Access,
        _ args: Args.Type, _ handler: @escaping @Sendable (Args, DaemonClient) async throws(VirtError) -> ConsoleStream
    ) {
        add(procedure, api, access, beforeOpen: false, beforeAuthentication: false, args) { args, client throws(VirtError) in
            ProcedureReply(payload: ByteBuffer(), stream: try await handler(args, client))
        }
    }

    /// The one place arguments are decoded and read-only connections refused, before any handler runs.
    private mutating func add<Args: Decodable & Sendable>(
        _ procedure: RemoteProcedure, _ api: String, _ access: Access, beforeOpen: Bool, beforeAuthentication: Bool,
        _ args: Args.Type, replying handler: @escaping @Sendable (Args, DaemonClient) async throws(VirtError) -> ProcedureReply
    ) {
        precondition(entries[procedure.rawValue] == nil, "\(procedure) is in the table twice")
        entries[procedure.rawValue] = Entry(
            procedure: procedure, api: api, access: access,
            allowedBeforeOpen: beforeOpen || beforeAuthentication, allowedBeforeAuthentication: beforeAuthentication
        ) { (payload: ByteBuffer, client: DaemonClient) async throws(VirtError) -> ProcedureReply in
            var input = payload
            let decoded: Args
            do {
                decoded = try XDR.decode(Args.self, from: &input)
            } catch {
                throw VirtError.rpc("Unable to decode message payload")
            }
            if access == .mutates, client.isReadOnly {
                throw VirtError(.operationDenied, .domain, "read only access prevents \(api)")
            }
            return try await handler(decoded, client)
        }
    }
}

extension VirtError {
    /// VIR_ERR_RPC from VIR_FROM_RPC: how libvirtd refuses packets it cannot serve.
    static func rpc(_ message: String) -> VirtError {
        VirtError(.rpc, .rpc, message)
    }
}

extension ProcedureTable {
    /// The entry for a REMOTE procedure virtd has no handler for: libvirt 9.0 defines it, so libvirtd would
    /// reach its public API and the driver would decline; answered the same way, VIR_ERR_NO_SUPPORT naming
    /// the API. Numbers libvirt 9.0 does not define get no entry ("unknown procedure").
    static func unsupportedEntry(_ procedure: RemoteProcedure) -> Entry? {
        guard let name = procedure.name else { return nil }
        let api = apiName(procedureName: name)
        return Entry(procedure: procedure, api: api, access: access(procedureName: name), allowedBeforeOpen: false,
                     allowedBeforeAuthentication: false) { _, client throws(VirtError) -> ProcedureReply in
            if access(procedureName: name) == .mutates, client.isReadOnly {
                throw VirtError(.operationDenied, .domain, "read only access prevents \(api)")
            }
            throw VirtError(.noSupport, .domain, api)
        }
    }

    /// Whether libvirt's public API behind a procedure refuses read-only connections: everything but the
    /// getters, listers, lookups, predicates, statistics and event registrations does (a setter of
    /// statistics, DOMAIN_SET_MEMORY_STATS_PERIOD, does too).
    static func access(procedureName: String) -> Access {
        let readingWords: Set<Substring> = [
            "GET", "LIST", "LOOKUP", "NUM", "IS", "HAS", "SUPPORTS", "COMPARE", "BASELINE", "EVENT", "AUTH", "STATS",
        ]
        let words = procedureName.split(separator: "_")
        return words.contains(where: readingWords.contains) && !words.contains("SET") ? .reads : .mutates
    }

    /// libvirt's public API name for a procedure name: DOMAIN_GET_XML_DESC -> virDomainGetXMLDesc.
    static func apiName(procedureName: String) -> String {
        let special = [
            "XML": "XML", "UUID": "UUID", "ID": "ID", "OS": "OS", "CPU": "CPU", "URI": "URI", "FS": "FS",
            "PM": "PM", "IOTHREAD": "IOThread", "NWFILTER": "NWFilter", "SCSI": "SCSI", "QEMU": "QEMU", "LXC": "LXC",
        ]
        return "vir" + procedureName.split(separator: "_").map { word in
            special[String(word)] ?? (word.prefix(1) + word.dropFirst().lowercased())
        }.joined()
    }
}
