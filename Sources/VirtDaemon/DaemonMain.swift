#if canImport(Glibc)
    import Glibc
#endif
import FoundationEssentials
import NIOCore
import NIOPosix
import Virt
import VirtOS

/// virtd's whole run: options, configuration, sockets, serving until SIGTERM (or `--timeout` with no
/// client), then draining. Returns the exit status. `virtd`'s main only calls this.
public enum DaemonMain {
    public static func run(arguments: [String]) async -> Int32 {
        let program = "virtd"
        let options: DaemonOptions
        do {
            options = try DaemonOptions(arguments: Array(arguments.dropFirst()))
        } catch {
            fail("\(program): \(error)")
            fail(DaemonOptions.usage(program: program, defaultConfig: defaultConfigPath, socketDirectory: defaultSocketDirectory))
            return 1
        }
        if options.showHelp {
            print(DaemonOptions.usage(program: program, defaultConfig: defaultConfigPath, socketDirectory: defaultSocketDirectory))
            return 0
        }
        if options.showVersion {
            print("\(program) (SwiftVirt) \(LibraryVersion.api)")
            return 0
        }
        let config: DaemonConfig
        do {
            config = try loadConfig(options.configFile)
        } catch {
            fail("\(program): Can't load config file: \(error)")
            return 1
        }
        if options.listen, let refusal = Self.unavailableAuthentication(config) {
            fail("\(program): \(refusal)")
            return 1
        }
        if options.listen && config.listenTCP {
            fail("\(program): warning: listen_tcp with auth_tcp = \"none\": any host that reaches the port manages this host unauthenticated")
        }
        signal(SIGPIPE, SIG_IGN)

        let readiness = Daemonizer.inheritedReadiness(environment: ProcessInfo.processInfo.environment)
        if options.daemonize && readiness == nil {
            return await Daemonizer.startDetachedCopy(arguments: Array(arguments.dropFirst()))
        }
        var pidFile: PidFile?
        if let path = options.pidFile ?? (options.daemonize ? defaultPidFile : nil) {
            do {
                pidFile = try PidFile.acquire(path)
            } catch {
                fail("\(program): \(error)")
                readiness?.report(success: false)
                return 1
            }
        }
        defer { pidFile?.release() }

        let activated = SocketActivation.inheritedSockets(environment: ProcessInfo.processInfo.environment)
        let listeners = activated.isEmpty
            ? Listener.planned(by: config, listen: options.listen)
            : activated.map { socket in
                let readOnly = socket.path?.hasSuffix("-ro") ?? false
                return Listener(endpoint: .inherited(descriptor: socket.descriptor, name: socket.path ?? "socket"),
                                readOnly: readOnly, auth: readOnly ? config.authUnixReadOnly : config.authUnixReadWrite,
                                secure: socket.path != nil, permissions: nil, group: nil)
            }
        // Handled from before the first socket answers: a SIGTERM right after start still stops cleanly.
        let signals: Int32
        do throws(SystemCallError) {
            signals = try SignalWaiter.install([SIGTERM, SIGINT, SIGHUP])
        } catch {
            fail("\(program): cannot handle signals: \(error)")
            return 1
        }
        let daemon = Daemon(config: config)
        // The daemon is the watcher of the drivers it hosts (no swiftvirt-watch process while it runs).
        DomainWatchers.watchInProcess()
        do {
            try await daemon.start(listeners)
        } catch {
            fail("\(program): \(error)")
            readiness?.report(success: false)
            return 1
        }
        readiness?.report(success: true)
        SystemdNotify.ready(environment: ProcessInfo.processInfo.environment)
        if options.verbose {
            fail("\(program): listening on \(listeners.map(\.description).joined(separator: ", "))")
        }
        await waitForStop(daemon: daemon, signals: signals, timeout: options.timeout)
        await daemon.shutDown()
        // Guests keep running: swiftvirt-watch processes watch them from here on.
        await DomainWatchers.handOver()
        return 0
    }

    /// virtd has no SASL (and polkit needs a local peer): a network listener asking for them is refused rather
    /// than served with an authentication no client could complete.
    static func unavailableAuthentication(_ config: DaemonConfig) -> String? {
        if config.listenTCP && config.authTCP != .none {
            return "listen_tcp needs auth_tcp = \"none\" set explicitly: auth_tcp = \"\(config.authTCP.rawValue)\" is not available in virtd (no SASL); plain TCP is unencrypted, prefer listen_tls"
        }
        if config.listenTLS && config.authTLS != .none {
            return "auth_tls = \"\(config.authTLS.rawValue)\" is not available in virtd (no SASL): use auth_tls = \"none\" (clients are authenticated by their x509 certificates)"
        }
        return nil
    }

    /// Returns on SIGTERM, SIGINT or SIGHUP, or after `timeout` seconds in which no client was connected.
    private static func waitForStop(daemon: Daemon, signals: Int32, timeout: Int?) async {
        let (stop, trigger) = AsyncStream<Void>.makeStream()
        Task {
            _ = await SignalWaiter.next(from: signals)
            trigger.yield()
        }
        if let timeout {
            Task {
                var idleSince = ContinuousClock.now
                while true {
                    try? await Task.sleep(for: .seconds(1))
                    if daemon.drain.clientCount > 0 {
                        idleSince = .now
                    } else if ContinuousClock.now - idleSince >= .seconds(timeout) {
                        trigger.yield()
                        return
                    }
                }
            }
        }
        for await _ in stop { break }
    }

    private static func loadConfig(_ path: String?) throws -> DaemonConfig {
        var config = DaemonConfig(unixSocketDirectory: defaultSocketDirectory)
        let file = path ?? defaultConfigPath
        if path == nil && !Paths.exists(file) { return config }
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(file, limit: FileSizeLimit.record)
        } catch {
            throw LoadError(description: "Failed to open file '\(file)': \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LoadError(description: "\(file): not proper UTF-8")
        }
        try config.apply(try ConfigFile(parsing: text, path: file))
        return config
    }

    private struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static var isRoot: Bool { geteuid() == 0 }

    static var runtimeDirectory: String {
        if isRoot { return "/run" }
        let env = ProcessInfo.processInfo.environment
        return env["XDG_RUNTIME_DIR"] ?? "\(env["HOME"] ?? "/tmp")/.cache"
    }

    static var defaultSocketDirectory: String {
        isRoot ? "/run/libvirt" : "\(runtimeDirectory)/libvirt"
    }

    static var defaultConfigPath: String {
        if isRoot { return "/etc/swiftvirt/virtd.conf" }
        let env = ProcessInfo.processInfo.environment
        return "\(env["XDG_CONFIG_HOME"] ?? "\(env["HOME"] ?? "/tmp")/.config")/swiftvirt/virtd.conf"
    }

    static var defaultPidFile: String { isRoot ? "/run/virtd.pid" : "\(runtimeDirectory)/libvirt/virtd.pid" }

    private static func fail(_ message: String) {
        var line = message
        if !line.hasSuffix("\n") { line += "\n" }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
