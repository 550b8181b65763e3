/// A message struct of the REMOTE program: a procedure's `_args`, `_ret` or `_msg` payload.
/// `procedure` is the procedure it belongs to; the struct's stored properties are the XDR fields in wire order.
public protocol RemoteMessage: Codable, Sendable, Hashable {
    static var procedure: RemoteProcedure { get }
}
