import CVirtOS
#if canImport(Glibc)
import Glibc
#endif

/// A new pseudo-terminal: the master side to read and write, and the path of the slave side to give a
/// program as its terminal.
public struct PseudoTerminal: Sendable {
    public let master: Int32
    public let slavePath: String

    public static func open() throws(SystemCallError) -> PseudoTerminal {
        var path = [CChar](repeating: 0, count: 128)
        let master = cvirtos_open_pty(&path, path.count)
        guard master >= 0 else { throw SystemCallError(.open, "/dev/ptmx", errno: errno) }
        return PseudoTerminal(master: master, slavePath: String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
