import VirtModel

/// The errors the client itself raises about its connection, worded as libvirt 9.0's client words them
/// (src/rpc/virnetclient.c, virnetsocket.c, virkeepalive.c), so virsh prints the same lines.
enum RemoteConnectionError {
    /// The peer closed the socket while calls were waiting (libvirt reads EOF and reports EIO).
    static let endOfFile = VirtError.system(5, "End of file while reading data", domain: .rpc)

    /// Reading failed (a connection reset): libvirt's "Cannot recv data", with what the transport said.
    static func receiveFailed(errno: Int32, saying detail: String?) -> VirtError {
        guard let detail, !detail.isEmpty else { return VirtError.system(errno, "Cannot recv data", domain: .rpc) }
        return VirtError.system(errno, "Cannot recv data: \(detail)", domain: .rpc)
    }

    /// The same, with what the transport said as it ended (ssh's standard error), as libvirt reports it.
    static func endOfFile(saying detail: String?) -> VirtError {
        guard let detail, !detail.isEmpty else { return endOfFile }
        return VirtError.system(5, "End of file while reading data: \(detail)", domain: .rpc)
    }

    /// A call made after the connection ended.
    static let socketClosed = VirtError(.internalError, .rpc, "client socket is closed")

    /// The peer stopped answering keepalive PINGs.
    static let keepaliveTimeout = VirtError(.internalError, .rpc, "connection closed due to keepalive timeout")

    /// A call that got no reply within the caller's deadline (SwiftVirt's own; libvirt has no per-call deadline).
    static func callTimedOut(_ procedure: String, after seconds: Double) -> VirtError {
        VirtError(.operationTimeout, .rpc, "no reply to \(procedure) within \(seconds) seconds")
    }

    /// A reply whose payload the codec cannot read: libvirt's client gives up on the connection.
    static let undecodableReply = VirtError(.rpc, .rpc, "Unable to decode message payload")

    /// Arguments the codec cannot encode (a string over the protocol's limits, for instance).
    static func unencodableCall(_ reason: String) -> VirtError {
        VirtError(.rpc, .rpc, "Unable to encode message payload: \(reason)")
    }

    /// A frame the decoder refused (too large, no header): the connection is unusable.
    static func badFrame(_ text: String) -> VirtError {
        VirtError(.rpc, .rpc, text)
    }
}
