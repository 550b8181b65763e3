/// virtd's command line, with libvirtd's options: `-f|--config FILE`, `-l|--listen`, `-p|--pid-file FILE`,
/// `-t|--timeout SECONDS`, `-d|--daemon`, `-v|--verbose`, `-V|--version`, `-h|--help`.
public struct DaemonOptions: Sendable, Equatable {
    public var configFile: String?
    public var listen = false
    public var pidFile: String?
    /// Exit after this many seconds with no client (libvirtd's `--timeout`).
    public var timeout: Int?
    public var daemonize = false
    public var verbose = false
    public var showVersion = false
    public var showHelp = false

    public init() {}

    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(arguments: [String]) throws(UsageError) {
        var index = 0
        func value(_ option: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(description: "option '\(option)' requires an argument") }
            return arguments[index]
        }
        while index < arguments.count {
            var argument = arguments[index]
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inline = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            func required() throws(UsageError) -> String {
                if let inline { return inline }
                return try value(argument)
            }
            switch argument {
            case "-f", "--config": configFile = try required()
            case "-l", "--listen": listen = true
            case "-p", "--pid-file": pidFile = try required()
            case "-t", "--timeout":
                let text = try required()
                guard let seconds = Int(text), seconds > 0 else {
                    throw UsageError(description: "Invalid value for timeout '\(text)'")
                }
                timeout = seconds
            case "-d", "--daemon": daemonize = true
            case "-v", "--verbose": verbose = true
            case "-V", "--version": showVersion = true
            case "-h", "--help": showHelp = true
            default:
                throw UsageError(description: "unrecognized option '\(argument)'")
            }
            index += 1
        }
    }

    public static func usage(program: String, defaultConfig: String, socketDirectory: String) -> String {
        """

        Usage:
          \(program) [options]

        Options:
          -h | --help            Display program help
          -v | --verbose         Verbose messages
          -d | --daemon          Run as a daemon & write PID file
          -l | --listen          Listen for TCP/IP connections
          -t | --timeout <secs>  Exit after timeout period
          -f | --config <file>   Configuration file
          -V | --version         Display version information
          -p | --pid-file <file> Change name of PID file

        SwiftVirt management daemon (libvirt's RPC protocol):

          Default paths:

            Configuration file (unless overridden by -f):
              \(defaultConfig)

            Sockets:
              \(socketDirectory)/libvirt-sock
              \(socketDirectory)/libvirt-sock-ro

        """
    }
}
