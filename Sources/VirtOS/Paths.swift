import CVirtOS
#if canImport(Glibc)
import Glibc
#endif

/// Small path and directory helpers.
public enum Paths {
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates `path` and its missing parents with `mode` (like `mkdir -p`).
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemCallError) {
        if isDirectory(path) { return }
        let parent = directory(of: path)
        if parent != path && parent != "." && !isDirectory(parent) {
            try makeDirectories(parent, mode: mode)
        }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw SystemCallError(.mkdir, path, errno: errno)
        }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// A regular file's size in bytes; nil for anything else or nothing.
    public static func regularFileSize(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }

    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Removes a file; a missing file is not an error. An empty directory found in its place goes too (a damaged state directory must not
    /// keep a file's name taken for ever).
    public static func remove(_ path: String) throws(SystemCallError) {
        if unlink(path) != 0 && errno != ENOENT {
            if errno == EISDIR && rmdir(path) == 0 { return }
            throw SystemCallError(.unlink, path, errno: errno)
        }
    }

    /// Renames `path` to `destination` (same file system), replacing what is there.
    public static func move(_ path: String, to destination: String) throws(SystemCallError) {
        if rename(path, destination) != 0 { throw SystemCallError(.rename, path, errno: errno) }
    }

    /// The names in a directory (no "." or ".."); empty when it does not exist.
    public static func contents(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// What the symbolic link at `path` points to (e.g. `/proc/self/exe`: this program).
    public static func resolveLink(_ path: String) throws(SystemCallError) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { throw SystemCallError(.stat, path, errno: errno) }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The executable or shared library that holds `address` (pass `#dsohandle` for the caller's own).
    public static func image(containing address: UnsafeRawPointer) -> String? {
        cvirtos_image_path(address).map { String(cString: $0) }
    }
}
