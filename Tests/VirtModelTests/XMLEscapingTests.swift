import Testing
import VirtModel

/// libvirt's `virBufferEscapeString`, as libvirt 9.0's `virsh echo --xml` shows it.
@Suite struct XMLEscapingTests {
    @Test("the five entities")
    func entities() {
        #expect(XMLEscaping.escaped("<a&'\">") == "&lt;a&amp;&apos;&quot;&gt;")
        #expect(XMLEscaping.escaped("q'\"") == "q&apos;&quot;")
    }

    @Test("libvirt's control characters are dropped; tab, newline, CR and 0x1A-0x1F stay")
    func controls() {
        // `virsh echo --xml "$(printf 'a\x01b\x1ac\x1fd<>&e\tf')"` printed "ab\x1ac\x1fd&lt;&gt;&amp;e\tf".
        #expect(XMLEscaping.escaped("a\u{1}b\u{1A}c\u{1F}d<>&e\tf") == "ab\u{1A}c\u{1F}d&lt;&gt;&amp;e\tf")
        let dropped = (0x00...0x08).map { $0 } + [0x0B, 0x0C] + (0x0E...0x19).map { $0 }
        for value in dropped {
            let scalar = Unicode.Scalar(UInt8(value))
            #expect(XMLEscaping.escaped("x\(scalar)y") == "xy", "U+\(value) is dropped")
        }
        #expect(XMLEscaping.escaped("\t\n\r") == "\t\n\r")
    }

    @Test("text without anything to escape, and text beyond ASCII, pass unchanged")
    func plain() {
        #expect(XMLEscaping.escaped("") == "")
        #expect(XMLEscaping.escaped("/var/lib/libvirt/images/é.qcow2") == "/var/lib/libvirt/images/é.qcow2")
        #expect(XMLEscaping.escaped("日本<") == "日本&lt;")
    }
}
