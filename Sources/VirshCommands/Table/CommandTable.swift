/// Every command virsh knows, grouped as `help` lists them. Within a group the order is virsh's own.
public struct CommandTable: Sendable {
    public var groups: [CommandGroup]

    public init(groups: [CommandGroup]) {
        self.groups = groups
    }

    /// The command called `name`, searched group by group as vsh does.
    public func command(named name: String) -> CommandDefinition? {
        for group in groups {
            if let command = group.commands.first(where: { $0.name == name }) { return command }
        }
        return nil
    }

    /// The group whose name or keyword is `name`.
    public func group(named name: String) -> CommandGroup? {
        groups.first { $0.name == name || $0.keyword == name }
    }

    /// virsh's table, restricted to the commands SwiftVirt implements.
    public static let virsh = CommandTable(groups: [
        CommandGroup(name: "Domain Management", keyword: "domain", commands: [
            Commands.console, Commands.create, Commands.define, Commands.destroy, Commands.domid, Commands.domname,
            Commands.domuuid, Commands.domxmlFromNative, Commands.domxmlToNative, Commands.dumpxml, Commands.reboot, Commands.restore, Commands.resume,
            Commands.save, Commands.setmaxmem, Commands.setmem, Commands.setvcpus, Commands.shutdown,
            Commands.start, Commands.suspend, Commands.undefine, Commands.vcpuinfo, Commands.vcpupin,
        ]),
        CommandGroup(name: "Domain Monitoring", keyword: "monitor", commands: [
            Commands.domblklist, Commands.domblkstat, Commands.domiflist, Commands.domifstat, Commands.dominfo,
            Commands.dommemstat, Commands.domstate,
            Commands.domstats, Commands.list,
        ]),
        CommandGroup(name: "Domain Events", keyword: "events", commands: [
            Commands.event,
        ]),
        CommandGroup(name: "Host and Hypervisor", keyword: "host", commands: [
            Commands.nodeinfo, Commands.uri, Commands.version,
        ]),
        CommandGroup(name: "Virsh itself", keyword: "virsh", commands: [
            Commands.cd, Commands.echo, Commands.exit, Commands.help, Commands.pwd, Commands.quit,
            Commands.connect,
        ]),
    ])
}

/// Namespace for the command definitions, one file each under `Commands/`.
public enum Commands {}
