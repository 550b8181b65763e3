// swiftvirt-watch: the watcher of a qemu:/// driver instance (Sources/swiftvirt-watch/README.md).
import VirtOS
import VirtQEMU
import VirtXen

#if canImport(Glibc)
    import Glibc
#endif

let usage = """
    usage: swiftvirt-watch URI            watch the qemu:/// or xen:/// instance URI until nothing runs
           swiftvirt-watch --detach URI   start that watcher in its own session and return at once

    Clients start it themselves; there is nothing to configure.

    """

func say(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { _ = write(descriptor, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
// A watcher outlives the client that started it: keep no hold on the client's working directory.
_ = chdir("/")
switch arguments.count {
case 1 where arguments[0].hasPrefix("qemu:"):
    exit(await QEMUWatcher.run(uri: arguments[0]))
case 1 where arguments[0].hasPrefix("xen:"):
    exit(await XenWatcher.run())
case 2 where arguments[0] == "--detach":
    // Started by a client: leave at once so the watcher is not the client's child. Its output goes where
    // ours does (the driver's watcher log).
    do {
        let program = try Paths.resolveLink("/proc/self/exe")
        _ = try ProcessLauncher.spawn(program, [arguments[1]], options: .init(logPath: "/proc/self/fd/2", newSession: true))
        exit(0)
    } catch {
        say("swiftvirt-watch: cannot start the watcher: \(error)\n", to: 2)
        exit(1)
    }
default:
    say(usage, to: arguments == ["--help"] ? 1 : 2)
    exit(arguments == ["--help"] ? 0 : 2)
}
