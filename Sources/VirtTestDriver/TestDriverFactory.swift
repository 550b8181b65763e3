import VirtDriver

/// Opens test:/// connections.
public enum TestDriverFactory {
    public static let connectDriver = ConnectDriver(name: "test", uriSchemes: ["test"]) { uri, readOnly throws(VirtError) in
        throw VirtError(.noSupport, .test, "test driver not built yet")
    }
}
