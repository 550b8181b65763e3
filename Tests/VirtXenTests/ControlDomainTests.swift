import Testing
import Virt
@testable import VirtXen

/// xen:/// opens only in a Xen dom0; everywhere else it says why, in libvirt's terms.
@Suite struct ControlDomainTests {
    @Test("the control domain is recognised by its capabilities", arguments: [
        ("control_d\n", true), ("", false), ("xen\n", false), (nil, false),
    ] as [(String?, Bool)])
    func capabilities(text: String?, isControl: Bool) {
        #expect(XenHost.isControlDomain(capabilities: text) == isControl)
    }
}
