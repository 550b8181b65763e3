// virtd: SwiftVirt's daemon, serving libvirt's RPC protocol (Sources/VirtDaemon/README.md).
import VirtDaemon

#if canImport(Glibc)
    import Glibc
#endif

exit(await DaemonMain.run(arguments: CommandLine.arguments))
