import VirtXML

/// Domain XML that arrives as bytes (through the C API, or from a file virsh reads) is checked as libvirt's
/// daemon checks it: bytes that are not UTF-8 fail the define or create with libxml2's error
/// (VIR_ERR_XML_DETAIL: "(domain_definition):1: Input is not proper UTF-8, indicate encoding !"), as
/// libvirt's do, instead of being silently replaced by U+FFFD.
public enum DomainXMLInput {
    public static func text(_ bytes: [UInt8]) throws(VirtError) -> String {
        try XMLBytes.text(bytes, documentName: "(domain_definition)", errorDomain: .domain)
    }
}
