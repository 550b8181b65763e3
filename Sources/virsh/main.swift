#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import VirshCommands

exit(await Virsh.main(arguments: Array(CommandLine.arguments.dropFirst())))
