import Testing
import VirtModel

@Suite struct ConnectURITests {
    @Test("local URIs")
    func local() throws {
        let uri = try ConnectURI(parsing: "test:///default")
        #expect(uri.scheme == "test")
        #expect(uri.driver == "test")
        #expect(uri.transport == nil)
        #expect(uri.host == nil)
        #expect(uri.path == "/default")
        #expect(!uri.isRemote)
        #expect(uri.description == "test:///default")

        let embed = try ConnectURI(parsing: "qemu:///embed?root=/tmp/some%20dir&x=1")
        #expect(embed.path == "/embed")
        #expect(embed.parameter("root") == "/tmp/some dir")
        #expect(embed.parameter("x") == "1")
        #expect(embed.description == "qemu:///embed?root=/tmp/some%20dir&x=1")
    }

    @Test("remote URIs: transport, user, host, port")
    func remote() throws {
        let uri = try ConnectURI(parsing: "qemu+ssh://root@host.example:2222/system")
        #expect(uri.driver == "qemu")
        #expect(uri.transport == "ssh")
        #expect(uri.user == "root")
        #expect(uri.host == "host.example")
        #expect(uri.port == 2222)
        #expect(uri.path == "/system")
        #expect(uri.isRemote)
        #expect(uri.description == "qemu+ssh://root@host.example:2222/system")

        let v6 = try ConnectURI(parsing: "xen+tcp://[::1]:16509/")
        #expect(v6.host == "::1")
        #expect(v6.port == 16509)
        #expect(v6.description == "xen+tcp://[::1]:16509/")
    }

    @Test("a URI without a driver name is VIR_ERR_NO_CONNECT, as in libvirt")
    func noScheme() {
        #expect(throws: VirtError(.noConnect, .none, "URI 'foo' does not include a driver name")) {
            try ConnectURI(parsing: "foo")
        }
        #expect(throws: VirtError.self) { try ConnectURI(parsing: "test://host:notaport/x") }
    }
}
