import CLibvirt
import Virt

/// Fills libvirt's C structs from Virt's values.
enum CStructs {
    /// virNodeInfo: the model is cut to 31 bytes and NUL-terminated, the rest of the struct zeroed.
    static func fill(_ target: UnsafeMutablePointer<virNodeInfo>, from node: NodeInfo) {
        target.pointee = virNodeInfo()
        withUnsafeMutableBytes(of: &target.pointee.model) { buffer in
            let bytes = node.model.utf8.prefix(buffer.count - 1)
            buffer.copyBytes(from: bytes)
        }
        target.pointee.memory = UInt(truncatingIfNeeded: node.memoryKiB)
        target.pointee.cpus = node.cpus
        target.pointee.mhz = node.mhz
        target.pointee.nodes = node.nodes
        target.pointee.sockets = node.sockets
        target.pointee.cores = node.cores
        target.pointee.threads = node.threads
    }

    static func fill(_ target: UnsafeMutablePointer<virDomainInfo>, from info: DomainInfo) {
        target.pointee.state = UInt8(truncatingIfNeeded: info.state.rawValue)
        target.pointee.maxMem = UInt(truncatingIfNeeded: info.maxMemoryKiB)
        target.pointee.memory = UInt(truncatingIfNeeded: info.memoryKiB)
        target.pointee.nrVirtCpu = info.virtualCPUs
        target.pointee.cpuTime = info.cpuTimeNanoseconds
    }

    static func fill(_ target: UnsafeMutablePointer<virVcpuInfo>, from vcpu: VcpuInfo) {
        target.pointee.number = vcpu.number
        target.pointee.state = vcpu.state.rawValue
        target.pointee.cpuTime = vcpu.cpuTimeNanoseconds
        target.pointee.cpu = vcpu.cpu
    }

    /// Writes `map` into `maplen` bytes at `target`, cut or zero-padded (libvirt's virBitmapToDataBuf).
    static func write(_ map: CPUMap, to target: UnsafeMutablePointer<UInt8>, length: Int) {
        let bytes = map.resized(to: length).bytes
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            target.update(from: base, count: length)
        }
    }
}
