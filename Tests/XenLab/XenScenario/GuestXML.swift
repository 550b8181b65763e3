/// Domain XML for the lab's tiny guest (kernel and initrd copied to dom0's /scratch by test.sh).
enum GuestXML {
    /// A PV guest, or with `pvh` a PVH guest with a native TSC and no XSAVE (nested SVM needs both,
    /// docs/xen-lab.md). Every vCPU is kept off
    /// dom0's pCPU 0 (docs/xen-lab.md): by `cpuset='1'`, or with `pinned: false` by the caller, who creates
    /// the guest paused and pins it before it runs.
    static func make(name: String, pvh: Bool = false, vcpus: Int = 2, pinned: Bool = true, scratch: String) -> String {
        """
        <domain type='xen'>
          <name>\(name)</name>
          <memory unit='MiB'>128</memory>
          <vcpu\(pinned ? " cpuset='1'" : "")>\(vcpus)</vcpu>
          <os>
            <type>\(pvh ? "xenpvh" : "xen")</type>
            <kernel>\(scratch)/vmlinux.gz</kernel>
            <initrd>\(scratch)/initrd.gz</initrd>
            <cmdline>console=hvc0 loglevel=4\(pvh ? " noxsave" : "")</cmdline>
          </os>
          <clock offset='utc'>\(pvh ? "<timer name='tsc' mode='native'/>" : "")</clock>
          <on_crash>destroy</on_crash>
        </domain>
        """
    }
}
