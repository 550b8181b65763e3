import VirtOS

extension ConsoleStream {
    /// The guest's next output, however long it takes, without holding one of Swift's threads (the wait
    /// happens on a thread of its own); nil once the console has closed. Cancelling the task ends the wait
    /// within a quarter of a second.
    public func read(maximum: Int = 4096) async throws(VirtError) -> [UInt8]? {
        while true {
            if Task.isCancelled {
                throw VirtError(.operationAborted, .streams, "reading the console was cancelled")
            }
            let outcome = await OwnThread.run { [self] in
                Result { () throws(VirtError) in try read(maximum: maximum, timeout: .milliseconds(250)) }
            }
            guard let bytes = try outcome.get() else { return nil }
            if !bytes.isEmpty { return bytes }
        }
    }

    /// The guest's output as it comes, until the console closes: `for try await bytes in console.output`.
    public var output: AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { () async throws -> [UInt8]? in try await self.read() }
    }
}
