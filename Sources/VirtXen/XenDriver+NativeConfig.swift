import VirtDriver
import VirtXenConfig

extension XenDriver {
    /// Domain XML as Xen's xl.cfg ("xen-xl"), through VirtXenConfig, as libvirt's libxl driver converts it.
    func connectDomainXMLToNative(format: NativeConfigFormat, xml: String) async throws(VirtError) -> String {
        try XenConfig.toNative(format: format, xml: xml)
    }

    /// xl.cfg ("xen-xl") as domain XML, through VirtXenConfig.
    func connectDomainXMLFromNative(format: NativeConfigFormat, config: String) async throws(VirtError) -> String {
        try XenConfig.fromNative(format: format, config: config)
    }
}
