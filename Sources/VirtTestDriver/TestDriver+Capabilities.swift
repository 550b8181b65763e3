import VirtDriver

extension TestDriver {
    /// libvirt 9.0's test driver capabilities: an i686 host of two NUMA cells of 8 CPUs each (2 GiB of 4 KiB
    /// pages and 4 GiB of 8 KiB pages), the test security model, and hvm and xen guests run by
    /// /usr/bin/test-hv. libvirt builds the same document for every test:/// connection, whatever node file
    /// it was opened with; so does this.
    func connectGetCapabilities() async throws(VirtError) -> String {
        Self.capabilities
    }

    private static let capabilities: String = {
        var xml = "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n"
        xml += "      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n"
        for size in [4, 8, 2048, 1_048_576] {
            xml += "      <pages unit='KiB' size='\(size)'/>\n"
        }
        xml += "    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n"
        xml += "    <topology>\n      <cells num='2'>\n"
        let cells: [(memory: Int, pageSize: Int)] = [(2_097_152, 4), (4_194_304, 8)]
        for (index, cell) in cells.enumerated() {
            xml += "        <cell id='\(index)'>\n"
            xml += "          <memory unit='KiB'>\(cell.memory)</memory>\n"
            xml += "          <pages unit='KiB' size='\(cell.pageSize)'>524288</pages>\n"
            xml += "          <pages unit='KiB' size='2048'>0</pages>\n"
            xml += "          <pages unit='KiB' size='1048576'>0</pages>\n"
            xml += "          <cpus num='8'>\n"
            for core in 0..<8 {
                let id = index * 8 + core
                xml += "            <cpu id='\(id)' socket_id='\(index)' die_id='0' core_id='\(core)' siblings='\(id)'/>\n"
            }
            xml += "          </cpus>\n        </cell>\n"
        }
        xml += "      </cells>\n    </topology>\n"
        xml += "    <secmodel>\n      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n  </host>\n\n"
        for osType in ["hvm", "xen"] {
            xml += "  <guest>\n    <os_type>\(osType)</os_type>\n    <arch name='i686'>\n      <wordsize>32</wordsize>\n"
            xml += "      <emulator>/usr/bin/test-hv</emulator>\n      <domain type='test'/>\n    </arch>\n"
            xml += "    <features>\n      <pae/>\n      <nonpae/>\n    </features>\n  </guest>\n\n"
        }
        xml += "</capabilities>\n"
        return xml
    }()
}
