import NIOCore
import VirtRPC

/// Bytes from hex text; spaces and `|` are ignored ("0000000a 74657374").
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { $0.isHexDigit })
    return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16) ?? 0 }
}

func hexString(_ buffer: ByteBuffer) -> String {
    buffer.readableBytesView.map { byte in
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }.joined()
}

/// A whole frame from the server: header fields and a hex payload.
func serverFrame(
    program: UInt32 = RPCProgram.remote, procedure: Int32, type: RPCMessageType = .reply, serial: UInt32,
    status: RPCStatus = .ok, payload: String = ""
) -> ByteBuffer {
    var frame = ByteBuffer()
    let header = RPCHeader(program: program, procedure: procedure, type: type, serial: serial, status: status)
    RPCFrameEncoder.encode(header: header, payload: ByteBuffer(bytes: hex(payload)), into: &frame)
    return frame
}
