#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Commands {
    /// `cd [<dir>]`: changes the shell's directory (home without an argument); only in the shell.
    static let cd = CommandDefinition(
        name: "cd",
        summary: "change the current directory",
        description: "Change the current directory.",
        options: [.string("dir", "directory to switch to (default: home or else root)")],
        needsConnection: false
    ) { context throws(CommandFailure) in
        guard context.session.interactive else {
            throw context.failure("cd: command valid only in interactive mode")
        }
        let directory = context.quietString("dir").text ?? homeDirectory() ?? "/"
        if chdir(directory) == -1 {
            throw context.failure("cd: \(String(cString: strerror(errno))): \(directory)")
        }
    }

    /// `$HOME`, else the password database's home of the current user.
    private static func homeDirectory() -> String? {
        if let home = getenv("HOME") { return String(cString: home) }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }
}
