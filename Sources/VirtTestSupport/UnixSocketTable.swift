import Foundation

/// The kernel's table of unix sockets (/proc/net/unix), for tests that must wait until a peer has connected
/// (a watcher to a QEMU's event socket) instead of sleeping and hoping.
public enum UnixSocketTable {
    /// How many accepted connections the socket bound at `path` has now: on Linux an accepted socket shows
    /// the path its listener was bound at (not a later name), in state 03 (connected).
    public static func connections(to path: String) -> Int {
        let table = (try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8)) ?? ""
        // Columns: Num RefCount Protocol Flags Type St Inode Path.
        return table.split(separator: "\n").count { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 8 && fields[5] == "03" && fields[7] == path
        }
    }
}
