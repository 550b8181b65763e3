import Synchronization
import VirtDriver

/// Opens test:/// connections: test:///default shares one store per process (state survives while any
/// connection to it is open, and starts afresh after the last one closes, as in libvirt); test:///PATH loads
/// a new store from a node description file for each connection.
public enum TestDriverFactory {
    public static let connectDriver = ConnectDriver(name: "test", uriSchemes: ["test"]) { uri, _ throws(VirtError) in
        .opened(try open(uri))
    }

    static func open(_ uri: ConnectURI) throws(VirtError) -> TestDriver {
        switch uri.path {
        case "", "/":
            throw VirtError(.invalidArg, .test, "testOpen: supply a path or use test:///default")
        case "/default":
            return try SharedDefault.acquire()
        default:
            return TestDriver(store: TestStore(try TestNodeFile.load(path: uri.path)))
        }
    }

    /// The process-wide test:///default store and how many connections hold it.
    enum SharedDefault {
        private static let shared = Mutex<(store: TestStore?, users: Int)>((nil, 0))

        static func acquire() throws(VirtError) -> TestDriver {
            let store = try shared.withLock { (state: inout (store: TestStore?, users: Int)) throws(VirtError) -> TestStore in
                if let store = state.store {
                    state.users += 1
                    return store
                }
                let store = TestStore(try TestHost.makeDefault())
                state.store = store
                state.users += 1
                return store
            }
            return TestDriver(store: store, release: release)
        }

        private static func release() {
            shared.withLock { state in
                state.users -= 1
                if state.users == 0 { state.store = nil }
            }
        }
    }
}
