import VirtDriver
import VirtXML
import VirtOS

extension QEMUDriver {
    /// libvirt-shaped capabilities of this host for QEMU: the host's architecture and CPU topology, no
    /// security model, and one hvm guest for the host's architecture with the emulator this driver would
    /// run, under type 'qemu' (TCG) and, where /dev/kvm can be used, 'kvm'. Clients (virt-manager) need it to
    /// connect at all. What libvirt adds from probing QEMU (machine types, CPU models) is not listed.
    func connectGetCapabilities() async throws(VirtError) -> String {
        let arch = HostInfo.machine()
        let cpus = HostInfo.onlineCPUs()
        let host = HostInfo.read()
        var xml = "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>\(arch)</arch>\n    </cpu>\n"
        xml += "    <power_management/>\n    <iommu support='no'/>\n"
        xml += "    <topology>\n      <cells num='1'>\n        <cell id='0'>\n"
        xml += "          <memory unit='KiB'>\(host.memoryKiB)</memory>\n"
        xml += "          <cpus num='\(cpus.count)'>\n"
        for cpu in cpus {
            xml += "            <cpu id='\(cpu)'/>\n"
        }
        xml += "          </cpus>\n        </cell>\n      </cells>\n    </topology>\n"
        xml += "    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n    </secmodel>\n  </host>\n\n"
        if let emulator = QEMUEmulator.search("qemu-system-\(arch)") {
            xml += "  <guest>\n    <os_type>hvm</os_type>\n    <arch name='\(arch)'>\n"
            xml += "      <wordsize>\(arch.hasSuffix("64") ? 64 : 32)</wordsize>\n"
            xml += "      <emulator>\(XMLEscaping.escaped(emulator))</emulator>\n"
            xml += "      <domain type='qemu'/>\n"
            if QEMUEmulator.kvmUsable() { xml += "      <domain type='kvm'/>\n" }
            xml += "    </arch>\n    <features>\n      <acpi default='on' toggle='yes'/>\n"
            xml += "      <apic default='on' toggle='no'/>\n      <cpuselection/>\n      <deviceboot/>\n"
            xml += "    </features>\n  </guest>\n\n"
        }
        xml += "</capabilities>\n"
        return xml
    }
}
