import FoundationEssentials
import VirtDriver
import VirtRPC

/// libvirt's feature numbers the client asks about (`virDrvFeature`).
enum RemoteFeatureNumber {
    static let programKeepalive: Int32 = 10
    static let remoteEventCallback: Int32 = 14
    static let remoteCloseCallback: Int32 = 15
}

extension RemoteDriver {
    /// Opens a connection the way libvirt 9.0's client does (protocol notes §5.1): AUTH_LIST (then
    /// AUTH_POLKIT if offered), SUPPORTS_FEATURE(10), CONNECT_OPEN, SUPPORTS_FEATURE(14) and (15),
    /// REGISTER_CLOSE_CALLBACK; keepalive starts once the server said it supports it. On any failure the
    /// socket is closed and the server's error is thrown as it came.
    static func open(
        endpoint: RemoteEndpoint, name: String, readOnly: Bool, options: RemoteOptions
    ) async throws(VirtError) -> RemoteDriver {
        let recipe = RemoteSessionRecipe(endpoint: endpoint, name: name, readOnly: readOnly, options: options)
        let session = try await openSession(recipe)
        return RemoteDriver(session: session, reopen: options.reconnect == nil ? nil : recipe)
    }

    /// Connects and runs the preamble; the session is ready for calls.
    static func openSession(_ recipe: RemoteSessionRecipe) async throws(VirtError) -> RemoteSession {
        let (endpoint, name, readOnly, options) = (recipe.endpoint, recipe.name, recipe.readOnly, recipe.options)
        let client = try await RPCClient.connect(
            to: endpoint, connectTimeout: options.connectTimeout, callTimeout: options.callTimeout)
        do throws(VirtError) {
            try await authenticate(client)
            var features = RemoteServerFeatures()
            features.keepalive = await supports(RemoteFeatureNumber.programKeepalive, client)
            try await client.call(.connectOpen, RemoteConnectOpenArgs(name: name, flags: readOnly ? 1 : 0))
            features.eventCallback = await supports(RemoteFeatureNumber.remoteEventCallback, client)
            features.closeCallback = await supports(RemoteFeatureNumber.remoteCloseCallback, client)
            if features.closeCallback {
                try await client.call(.connectRegisterCloseCallback, XDRVoid())
            }
            if features.keepalive, options.keepaliveInterval > 0 {
                client.startKeepalive(interval: options.keepaliveInterval, count: options.keepaliveCount)
            }
            let type = try await client.call(.connectGetType, XDRVoid(), returning: RemoteConnectGetTypeRet.self).type
            return RemoteSession(client: client, features: features, hypervisorType: type)
        } catch {
            client.close()
            throw error
        }
    }

    /// AUTH_LIST marks a root peer as authenticated on libvirtd's polkit sockets; POLKIT is then asked for
    /// when offered. SASL needs a SASL library this build does not have: refused with a clear error.
    private static func authenticate(_ client: RPCClient) async throws(VirtError) {
        let types = try await client.call(.authList, XDRVoid(), returning: RemoteAuthListRet.self).types.map(RemoteAuthType.init(rawValue:))
        if types.isEmpty || types.contains(.none) { return }
        if types.contains(.polkit) {
            let reply = try await client.call(.authPolkit, XDRVoid(), returning: RemoteAuthPolkitRet.self)
            guard reply.complete != 0 else {
                throw VirtError(.authFailed, .remote, "polkit authentication did not complete")
            }
            return
        }
        if types.contains(.sasl) {
            throw VirtError(.authUnavailable, .remote,
                            "the server requires SASL authentication, and SwiftVirt's remote driver has no SASL mechanism support")
        }
        let offered = types.map { String($0.rawValue) }.joined(separator: ", ")
        throw VirtError(.authUnavailable, .remote, "unsupported authentication types requested by the server: \(offered)")
    }

    /// CONNECT_SUPPORTS_FEATURE; a server that fails the question does not have the feature (libvirt's rule).
    private static func supports(_ feature: Int32, _ client: RPCClient) async -> Bool {
        let reply = try? await client.call(
            .connectSupportsFeature, RemoteConnectSupportsFeatureArgs(feature: feature),
            returning: RemoteConnectSupportsFeatureRet.self)
        return (reply?.supported ?? 0) != 0
    }
}
