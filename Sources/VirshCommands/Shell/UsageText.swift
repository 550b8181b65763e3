import Virt

/// The texts of `virsh -h`, `-v` and `-V`.
enum LibraryVersionText {
    /// "9.0.0": the libvirt release whose API and behaviour SwiftVirt provides.
    static var short: String { Connection.libraryVersion.description }
}

enum UsageText {
    /// `virsh -h`: the options, then every command by group.
    static func usage(_ table: CommandTable) -> String {
        var out = """

            virsh [options]... [<command_string>]
            virsh [options]... <command> [args...]

              options:
                -c | --connect=URI      hypervisor connection URI
                -d | --debug=NUM        debug level [0-4]
                -e | --escape <char>    set escape sequence for console
                -h | --help             this help
                -k | --keepalive-interval=NUM
                                        keepalive interval in seconds, 0 for disable
                -K | --keepalive-count=NUM
                                        number of possible missed keepalive messages
                -l | --log=FILE         output logging to file
                -q | --quiet            quiet mode
                -r | --readonly         connect readonly
                -t | --timing           print timing information
                -v                      short version
                -V                      long version
                     --version[=TYPE]   version, TYPE is short or long (default short)
              commands (non interactive mode):


            """
        for group in table.groups {
            out += " \(group.name) (help keyword '\(group.keyword)')\n"
            out += HelpText.commandLines(group)
            out += "\n"
        }
        out += "\n  (specify help <group> for details about the commands in the group)\n"
        out += "\n  (specify help <command> for details about the command)\n\n"
        return out
    }

    /// `virsh -V`: the version and what this build supports.
    static func longVersion() -> String {
        let hypervisors = DriverRegistry.builtin.drivers.map { hypervisorNames[$0.name] ?? $0.name }
        return """
            Virsh command line tool of libvirt \(LibraryVersionText.short)
            See web site at https://libvirt.org/

            Compiled with support for:
             Hypervisors:\(hypervisors.map { " " + $0 }.joined())
             Networking:
             Storage:
             Miscellaneous: Debug

            """
    }

    /// virsh's names for the drivers.
    private static let hypervisorNames = ["test": "Test", "qemu": "QEMU/KVM", "xen": "LibXL"]
}
