// swiftvirt-ssh-helper: the far side of qemu+ssh:// and other DRIVER+ssh:// connections
// (Sources/swiftvirt-ssh-helper/README.md).
import VirtRemote

#if canImport(Glibc)
    import Glibc
#endif

exit(SSHHelper.run(Array(CommandLine.arguments.dropFirst())))
