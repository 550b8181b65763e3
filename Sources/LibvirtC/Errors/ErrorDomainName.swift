/// The names virDefaultErrorFunc() prints for each error domain (`VIR_FROM_*`), indexed by number.
/// libvirt prints "Unknown" for a number it has no name for.
enum ErrorDomainName {
    static func of(_ domain: Int32) -> String {
        names.indices.contains(Int(domain)) ? names[Int(domain)] : "Unknown"
    }

    private static let names: [String] = [
        "", "Xen Driver", "Xen Daemon", "Xen Store", "S-Expression",  // 0
        "XML Util", "Domain", "XML-RPC", "Proxy Daemon", "Config File",  // 5
        "QEMU Driver", "Network", "Test Driver", "Remote Driver", "OpenVZ Driver",  // 10
        "Xen XM Driver", "Linux Statistics", "LXC Driver", "Storage Driver", "Network Driver",  // 15
        "Domain Config", "User Mode Linux Driver", "Node Device Driver", "Xen Inotify Driver", "Security Driver",  // 20
        "VirtualBox Driver", "Network Interface Driver", "Open Nebula Driver", "ESX Driver", "Power Hypervisor Driver",  // 25
        "Secrets Driver", "CPU Driver", "XenAPI Driver", "Network Filter Driver", "Lifecycle Hook",  // 30
        "Domain Snapshot", "Audit Utils", "Sysinfo Utils", "I/O Stream Utils", "VMware Driver",  // 35
        "Event Loop", "Xen Light Driver", "Lock Driver", "Hyper-V Driver", "Capabilities Utils",  // 40
        "URI Utils", "Authentication Utils", "DBus Utils", "Parallels Cloud Server", "Device Config",  // 45
        "SSH transport layer", "Lock Space", "Init control", "Identity", "Cgroup",  // 50
        "Access Manager", "Systemd", "Bhyve", "Crypto", "Firewall",  // 55
        "Polkit", "Thread jobs", "Admin Interface", "Log Manager", "Xen XL Config",  // 60
        "Perf", "Libssh transport layer", "Resource control", "FirewallD", "Domain Checkpoint",  // 65
        "TPM", "BPF", "Cloud-Hypervisor Driver",  // 70
    ]
}
