import NIOCore
import NIOPosix
import VirtModel
import VirtOS
import VirtRPC
#if canImport(Glibc)
import Glibc
#endif

/// The streams one client has open (consoles), on the client's event loop, as libvirtd runs them: the
/// console's output goes to the client as STREAM CONTINUE packets with the opening call's serial; the
/// client's data is written to the console; the console's end (the guest stopped) is an empty STREAM
/// CONTINUE; a session another one forced its way into ends with a STREAM ERROR ("stream had I/O failure");
/// the client's finish (OK) or abort (ERROR) closes the console and is confirmed with an empty STREAM OK.
/// Packets for a stream that is gone are ignored, as libvirtd ignores them.
final class DaemonStreams {
    private struct OpenStream {
        let call: RPCHeader
        let console: ConsoleStream
        /// The channel on the console's descriptor; nil until it is up.
        var relay: (any Channel)?
        /// What the client sent before the relay was up.
        var pending: [ByteBuffer] = []
        /// The end of the console's data was sent.
        var ended = false
        var supersededCheck: RepeatedTask?
    }

    private let loop: any EventLoop
    /// Writes one or more whole frames to the client.
    private let send: (ByteBuffer) -> Void
    private var streams: [UInt32: OpenStream] = [:]
    /// Whether the consoles are read (off while the client's socket cannot take more).
    private var reading = true

    /// How often a console is checked for a session that forced its way in (``ConsoleStream/isSuperseded``).
    static let supersededInterval = TimeAmount.milliseconds(200)

    init(loop: any EventLoop, send: @escaping (ByteBuffer) -> Void) {
        self.loop = loop
        self.send = send
    }

    var isEmpty: Bool { streams.isEmpty }

    /// Starts relaying `console` for the call that opened it (its reply already written).
    func open(_ call: RPCHeader, console: ConsoleStream) {
        let serial = call.serial
        streams[serial] = OpenStream(call: call, console: console)
        let bound = NIOLoopBound(self, eventLoop: loop)
        streams[serial]?.supersededCheck = loop.scheduleRepeatedTask(
            initialDelay: Self.supersededInterval, delay: Self.supersededInterval
        ) { _ in
            if console.isSuperseded { bound.value.fail(serial, Self.takenOver) }
        }
        // NIO reads and writes through two descriptors of its own; neither may leak into a child.
        guard let input = FileDescriptors.duplicate(console.fileDescriptor) else {
            fail(serial, VirtError.system(errno, "cannot relay the console", domain: .streams))
            return
        }
        guard let output = FileDescriptors.duplicate(console.fileDescriptor) else {
            let code = errno
            Glibc.close(input)
            fail(serial, VirtError.system(code, "cannot relay the console", domain: .streams))
            return
        }
        let handler = StreamRelayHandler(
            received: { data in bound.value.consoleSaid(data, serial) },
            ended: { bound.value.consoleEnded(serial) })
        let autoRead = reading
        NIOPipeBootstrap(group: loop)
            .channelOption(ChannelOptions.autoRead, value: autoRead)
            .channelInitializer { channel in channel.pipeline.addHandler(handler) }
            .takingOwnershipOfDescriptors(input: input, output: output)
            .whenComplete { result in bound.value.relayStarted(serial, result, descriptors: [input, output]) }
    }

    private func relayStarted(_ serial: UInt32, _ result: Result<any Channel, any Error>, descriptors: [Int32]) {
        switch result {
        case .failure(let error):
            for descriptor in descriptors { Glibc.close(descriptor) }
            fail(serial, VirtError(.internalError, .streams, "cannot relay the console: \(error)"))
        case .success(let channel):
            guard var stream = streams[serial] else {
                channel.close(promise: nil)
                return
            }
            for data in stream.pending { channel.write(data, promise: nil) }
            channel.flush()
            stream.pending = []
            stream.relay = channel
            streams[serial] = stream
        }
    }

    private func consoleSaid(_ data: ByteBuffer, _ serial: UInt32) {
        guard let stream = streams[serial], !stream.ended else { return }
        var frame = ByteBuffer()
        RPCFrameEncoder.encodeStreamData(data, of: stream.call, into: &frame)
        send(frame)
    }

    /// What the session taken over by a forced one gets, as libvirtd's stream ends it.
    static let takenOver = VirtError(.rpc, .streams, "stream had I/O failure")

    /// The console closed (the guest stopped): the client is told the data has ended and the console is let
    /// go; the stream stays until the client finishes or aborts it.
    private func consoleEnded(_ serial: UInt32) {
        guard var stream = streams[serial], !stream.ended else { return }
        stream.ended = true
        stream.supersededCheck?.cancel()
        stream.relay?.close(promise: nil)
        stream.console.close()
        streams[serial] = stream
        var frame = ByteBuffer()
        RPCFrameEncoder.encodeStreamEndOfData(of: stream.call, into: &frame)
        send(frame)
    }

    private func fail(_ serial: UInt32, _ error: VirtError) {
        guard let stream = streams.removeValue(forKey: serial) else { return }
        close(stream)
        var frame = ByteBuffer()
        if (try? RPCFrameEncoder.encodeStreamError(RemoteError(error), of: stream.call, into: &frame)) != nil {
            send(frame)
        }
    }

    /// A STREAM or STREAM_HOLE packet from the client. False: the client broke the protocol and must be
    /// dropped (a hole in a stream that never allows them, as libvirtd drops it).
    func received(_ packet: RPCPacket) -> Bool {
        let header = packet.header
        guard var stream = streams[header.serial], stream.call.procedure == header.procedure else { return true }
        if header.type == .streamHole { return false }
        switch header.status {
        case .continue:
            guard !stream.ended else { return true }
            if let relay = stream.relay {
                relay.writeAndFlush(packet.payload, promise: nil)
            } else {
                stream.pending.append(packet.payload)
                streams[header.serial] = stream
            }
        case .ok, .error:
            // Finish or abort: either way the console is let go and the end confirmed.
            streams.removeValue(forKey: header.serial)
            close(stream)
            var frame = ByteBuffer()
            RPCFrameEncoder.encodeStreamFinish(of: stream.call, into: &frame)
            send(frame)
        default:
            fail(header.serial, VirtError(.rpc, .streams, "stream aborted with unexpected status \(header.status.rawValue)"))
        }
        return true
    }

    /// Stops or restarts reading the consoles: a client that does not read its socket slows only its streams.
    func setReading(_ on: Bool) {
        guard on != reading else { return }
        reading = on
        for stream in streams.values {
            stream.relay?.setOption(ChannelOptions.autoRead, value: on).whenFailure { _ in }
            if on { stream.relay?.read() }
        }
    }

    /// The client is gone: every console is let go.
    func closeAll() {
        let all = streams.values
        streams.removeAll()
        for stream in all { close(stream) }
    }

    private func close(_ stream: OpenStream) {
        stream.supersededCheck?.cancel()
        stream.relay?.close(promise: nil)
        stream.console.close()
    }
}
