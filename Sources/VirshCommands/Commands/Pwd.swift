#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Commands {
    /// `pwd`: the current directory.
    static let pwd = CommandDefinition(
        name: "pwd",
        summary: "print the current directory",
        description: "Print the current directory.",
        needsConnection: false
    ) { context throws(CommandFailure) in
        guard let directory = getcwd(nil, 0) else {
            throw context.failure("\(String(cString: strerror(errno)))")
        }
        defer { free(directory) }
        context.print(String(cString: directory) + "\n")
    }
}
